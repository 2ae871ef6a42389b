// The SharePoint FileStore (issue 15) against the HTTPS Graph fake: request folders, 200 MB streamed from disk
// through an upload session, idempotent re-puts, downloads through the pre-authenticated URL, grants and revokes,
// throttling and unavailability in the middle of an upload. Every request is checked against the Graph subset.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { requestFolder, type FileToStore, type StoredBlob } from '../../bot/src/m365/file-store';
import { GraphCredentials } from '../../bot/src/m365/graph/credentials';
import { createGraphClient } from '../../bot/src/m365/graph/graph-client';
import { createM365Http, type M365Http } from '../../bot/src/m365/graph/http';
import {
  QuickXorHash,
  quickXorHashOfFile,
  SharePointFileStore,
  type SharePointFileStoreConfig,
} from '../../bot/src/m365/graph/sharepoint-file-store';
import { CHUNK_UNIT, DEFAULT_CHUNK } from '../../bot/src/m365/graph/upload-session';
import { quickXorHash, type GraphFake } from '../support/graph-fake';
import { startTenantFake } from '../support/graph-service';

jest.setTimeout(180_000);

const LIBRARY = 'Entregas de datos';
const MiB = 1024 * 1024;
const REFERENCE = 'SOL-2026-0042';
const FOLDER = requestFolder(REFERENCE);

let fake: GraphFake;
let http: M365Http;
let store: SharePointFileStore;
let dir: string;
/** Waits the upload asked for (ms), while the tests wait only a moment. */
const waits: number[] = [];

function makeStore(upload: SharePointFileStoreConfig['upload'] = {}): SharePointFileStore {
  const credentials = new GraphCredentials(
    {
      tenantId: fake.tenantId,
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      authorityHost: fake.url,
      graphResource: 'https://graph.microsoft.com',
    },
    http,
  );
  const client = createGraphClient(credentials, http, { baseUrl: fake.url, inCallRetries: 2 });
  return new SharePointFileStore(client, http, {
    siteUrl: `https://${fake.siteHostname}${fake.sitePath}`,
    library: LIBRARY,
    clientId: fake.clientId,
    graphBaseUrl: fake.url,
    appToken: () => credentials.appToken(),
    upload: {
      sleep: async (ms) => {
        waits.push(ms);
        await new Promise((r) => setTimeout(r, 20));
      },
      ...upload,
    },
  });
}

beforeAll(async () => {
  fake = await startTenantFake({ libraryName: LIBRARY });
  http = createM365Http({ caPem: fake.caPem, timeoutMs: 30_000 });
  store = makeStore();
  dir = await mkdtemp(join(tmpdir(), 'sp-file-store-'));
});

afterAll(async () => {
  await http?.close();
  await fake?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

afterEach(() => {
  fake.faults.off();
  expect(fake.violations).toEqual([]);
  expect(fake.state.responseProblems).toEqual([]);
});

/** A file of `size` bytes made from one random MiB, each MiB stamped with its index; written without holding it. */
async function generatedFile(name: string, size: number): Promise<FileToStore> {
  const path = join(dir, name);
  const base = randomBytes(MiB);
  const sha = createHash('sha256');
  const out = createWriteStream(path);
  for (let at = 0, block = 0; at < size; at += MiB, block++) {
    const piece = Buffer.from(base.subarray(0, Math.min(MiB, size - at)));
    if (piece.length >= 4) piece.writeUInt32BE(block, 0);
    sha.update(piece);
    if (!out.write(piece)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return {
    folder: FOLDER,
    fileName: name,
    sourcePath: path,
    size,
    mediaType: 'application/octet-stream',
    sha256: sha.digest('hex'),
  };
}

async function smallFile(name: string, bytes: Buffer, folder = FOLDER): Promise<FileToStore> {
  const path = join(dir, `${randomBytes(4).toString('hex')}-${name}`);
  await writeFile(path, bytes);
  return {
    folder,
    fileName: name,
    sourcePath: path,
    size: bytes.length,
    mediaType: 'text/csv',
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

/** Runs `fn` while sampling the process's RSS every 10 ms: the peak growth over the RSS just before. */
async function measureRss<T>(fn: () => Promise<T>): Promise<{ result: T; growth: number; ms: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  const started = performance.now();
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, growth: peak - before, ms: performance.now() - started };
  } finally {
    clearInterval(timer);
  }
}

async function sha256Of(stream: Readable): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

const lastUpload = () => fake.state.uploads.at(-1)!;

describe('put', () => {
  let big: FileToStore;
  let ref: string;

  it('makes the request folder and streams a 200 MB file from disk through an upload session', async () => {
    big = await generatedFile('Base de datos 200MB.bin', 200 * MiB);
    const uploadsBefore = fake.state.uploads.length;
    const { result, growth, ms } = await measureRss(() => store.put(big));
    ref = result.ref;
    console.info(
      `SharePointFileStore.put 200 MB → Graph fake: ${(ms / 1000).toFixed(1)} s, ${((200 / ms) * 1000).toFixed(1)} MB/s, RSS growth ${(growth / MiB).toFixed(1)} MiB`,
    );
    // The body streams, which the chunks below show (every request one chunk, in order, from one buffer). How far
    // memory grows is a figure, not a test (it varies with the machine's load): printed above and measured by
    // `npm run bench` (BENCH_ONLY=archivos).

    const file = fake.state.file(`${FOLDER}/${big.fileName}`)!;
    expect(file.itemId).toBe(ref);
    expect(result.webUrl).toContain(encodeURIComponent(REFERENCE));
    expect(file.versions.map((v) => [v.source, v.size, v.sha256])).toEqual([['upload-session', big.size, big.sha256]]);
    expect(fake.state.uploads.length).toBe(uploadsBefore + 1);
    const upload = lastUpload();
    expect(upload.status).toBe('completed');
    // Contiguous Content-Range, every chunk but the last a multiple of 320 KiB.
    let next = 0;
    for (const [i, c] of upload.chunks.entries()) {
      const [, from, to, total] = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(c.contentRange!)!.map(Number);
      expect([from, total]).toEqual([next, big.size]);
      if (i < upload.chunks.length - 1) expect((to! - from! + 1) % CHUNK_UNIT).toBe(0);
      next = to! + 1;
    }
    expect(next).toBe(big.size);
    expect(upload.chunks).toHaveLength(Math.ceil(big.size / DEFAULT_CHUNK));
    // The folders came first, one level at a time.
    const made = fake.state.requests.filter((r) => r.operationId === 'drive.item_CreateChild' && r.status === 201);
    expect(made).toHaveLength(3);
    // The upload URL never saw the app's token.
    expect(fake.state.requests.filter((r) => r.kind === 'upload' && r.status === 401)).toEqual([]);
  });

  it('finds the stored file on a repeated put instead of uploading it again', async () => {
    const uploadsBefore = fake.state.uploads.length;
    const again = await store.put(big);
    expect(again.ref).toBe(ref);
    expect(fake.state.uploads.length).toBe(uploadsBefore);
    expect(fake.state.file(`${FOLDER}/${big.fileName}`)!.versions).toHaveLength(1);
  });

  it('opens the same bytes as a stream (SHA-256 compared), through the pre-authenticated download URL', async () => {
    const downloadsBefore = fake.state.downloads.length;
    const { result, growth, ms } = await measureRss(async () => sha256Of(await store.open(ref)));
    console.info(
      `SharePointFileStore.open 200 MB ← Graph fake: ${(ms / 1000).toFixed(1)} s, RSS growth ${(growth / MiB).toFixed(1)} MiB`,
    );
    expect(result).toEqual({ sha256: big.sha256, bytes: big.size });
    expect(growth).toBeLessThan(80 * MiB);
    expect(fake.state.downloads.slice(downloadsBefore)).toEqual([
      expect.objectContaining({ itemId: ref, bytes: big.size }),
    ]);
    // Graph answered 302, the URL was followed without the token (the fake's download URL refuses one).
    const calls = fake.state.requests.filter((r) => r.operationId === 'drive_GetItemsContent').at(-1)!;
    expect(calls.status).toBe(302);
    expect(fake.state.requests.filter((r) => r.kind === 'download' && r.status === 401)).toEqual([]);
  });

  it('never replaces a stored delivery: other bytes under the same name are renamed, and found again on retry', async () => {
    const first = await store.put(await smallFile('planilla.csv', Buffer.from('rut;monto\n1-9;100\n')));
    const corrected = await smallFile('planilla.csv', Buffer.from('rut;monto\n1-9;150\n'));
    const second = await store.put(corrected);
    expect(second.ref).not.toBe(first.ref);
    expect(fake.state.file(`${FOLDER}/planilla.csv`)!.versions.map((v) => v.content.toString())).toEqual([
      'rut;monto\n1-9;100\n',
    ]);
    expect(fake.state.file(`${FOLDER}/planilla 1.csv`)!.itemId).toBe(second.ref);
    const uploadsBefore = fake.state.uploads.length;
    expect((await store.put(corrected)).ref).toBe(second.ref);
    expect(fake.state.uploads.length).toBe(uploadsBefore);
  });

  it('refuses an empty file and one whose size on disk is not the declared one', async () => {
    const empty = await smallFile('vacío.csv', Buffer.alloc(0));
    await expect(store.put(empty)).rejects.toThrow(/vacío/);
    const short = await smallFile('corto.csv', Buffer.from('abc'));
    await expect(store.put({ ...short, size: 10 })).rejects.toThrow(/tiene 3 bytes y se esperaban 10/);
  });

  it('hashes with QuickXorHash as SharePoint does (the fake’s own implementation and rclone’s vectors)', async () => {
    for (const [input, hash] of [
      ['', 'AAAAAAAAAAAAAAAAAAAAAAAAAAA='],
      ['Sg==', 'SgAAAAAAAAAAAAAAAQAAAAAAAAA='],
      ['jRRDVA==', 'jaDAEKgAAAAAAAAABAAAAAAAAAA='],
    ]) {
      expect(new QuickXorHash().update(Buffer.from(input!, 'base64')).digest()).toBe(hash);
    }
    const bytes = randomBytes(1000);
    const pieces = new QuickXorHash().update(bytes.subarray(0, 333)).update(bytes.subarray(333)).digest();
    expect(pieces).toBe(quickXorHash(bytes));
    const onDisk = await smallFile('q.bin', bytes);
    expect(await quickXorHashOfFile(onDisk.sourcePath)).toBe(quickXorHash(bytes));
  });
});

describe('throttled and unavailable in the middle of an upload', () => {
  it('waits out a 429 (Retry-After) and a 503, then resumes from what the session has', async () => {
    fake.faults.set({ retryAfterSeconds: 1, retryAfterOn503: 'always' });
    const file = await generatedFile('Reanudado 20MB.bin', 20 * MiB);
    waits.length = 0;
    // Inject the faults once the upload is under way: after the 2nd and the 4th accepted chunk.
    const sessionsBefore = fake.state.uploads.length;
    const requestsBefore = fake.state.requests.length;
    const injected: string[] = [];
    const watcher = setInterval(() => {
      const upload = fake.state.uploads[sessionsBefore];
      const accepted = upload?.chunks.filter((c) => c.status === 202).length ?? 0;
      if (accepted >= 2 && !injected.includes('429')) {
        injected.push('429');
        fake.faults.next('429', { method: 'PUT', path: '/upload/' });
      }
      if (accepted >= 4 && !injected.includes('503')) {
        injected.push('503');
        fake.faults.next('503', { method: 'PUT', path: '/upload/' });
      }
    }, 2);
    let stored: StoredBlob | undefined;
    try {
      stored = await store.put(file);
    } finally {
      clearInterval(watcher);
    }
    expect(injected).toEqual(['429', '503']);
    const upload = fake.state.uploads[sessionsBefore]!;
    expect(upload.status).toBe('completed');
    // The faults were answered for chunks of this session (before it looked at them), then the status was asked.
    const requests = fake.state.requests.slice(requestsBefore);
    const faulted = requests.filter((r) => r.kind === 'upload' && r.fault);
    expect(faulted.map((r) => [r.method, r.status, r.path.split('?')[0]])).toEqual([
      ['PUT', 429, expect.stringContaining('/upload/')],
      ['PUT', 503, expect.stringContaining('/upload/')],
    ]);
    expect(requests.filter((r) => r.kind === 'upload' && r.method === 'GET')).toHaveLength(2);
    // Throttled chunks store nothing; every byte arrived exactly once in the accepted ones.
    const accepted = upload.chunks.filter((c) => c.status === 202 || c.status === 201);
    expect(accepted.reduce((n, c) => n + (c.contentLength ?? 0), 0)).toBe(file.size);
    expect(waits).toEqual([1000, 1000]);
    const fakeFile = fake.state.file(`${FOLDER}/${file.fileName}`)!;
    expect(fakeFile.itemId).toBe(stored!.ref);
    expect(fakeFile.versions.map((v) => v.sha256)).toEqual([file.sha256]);
    expect((await sha256Of(await store.open(stored!.ref))).sha256).toBe(file.sha256);
  });

  it('gives up on a Retry-After longer than it may wait: the outbox retries later', async () => {
    const patient = makeStore({ maxRetryAfterMs: 500 });
    fake.faults.set({ retryAfterSeconds: 30 });
    fake.faults.next('429', { method: 'PUT', path: '/upload/' });
    const file = await generatedFile('Demorado.bin', 2 * MiB);
    await expect(patient.put(file)).rejects.toMatchObject({ status: 429, retryAfterMs: 30_000 });
    expect(fake.state.file(`${FOLDER}/${file.fileName}`)).toBeUndefined();
  });

  it('retries a download that Graph throttles', async () => {
    fake.faults.set({ retryAfterSeconds: 1 });
    const file = await store.put(await smallFile('descarga.csv', Buffer.from('a;b\n1;2\n')));
    waits.length = 0;
    fake.faults.next('429', { method: 'GET', path: '/content' });
    const read = await sha256Of(await store.open(file.ref));
    expect(read.sha256).toBe(createHash('sha256').update('a;b\n1;2\n').digest('hex'));
    expect(waits).toEqual([1000]);
  });
});

describe('grant and revoke', () => {
  let ref: string;
  const expiresAt = new Date(Date.now() + 30 * 24 * 3600_000).toISOString();

  beforeAll(async () => {
    ref = (await store.put(await smallFile('entrega.csv', Buffer.from('x;y\n')))).ref;
  });

  it('invites the requester to read, signed in, without a mail, until the expiry; the id comes back', async () => {
    const id = await store.grant(ref, { email: 'Ana.Perez@quillota.cl', role: 'download', expiresAt });
    expect(id).toBeTruthy();
    expect(fake.state.permissionEvents.at(-1)).toMatchObject({
      action: 'invite',
      itemId: ref,
      permissionId: id,
      email: 'ana.perez@quillota.cl',
      roles: ['read'],
      expirationDateTime: expiresAt,
      requireSignIn: true,
      sendInvitation: false,
    });
    const file = [...fake.state.files.values()].find((f) => f.itemId === ref)!;
    expect(file.permissions.map((p) => [p.id, p.kind, p.recipients])).toEqual([
      [id, 'invite', ['ana.perez@quillota.cl']],
    ]);
    // Nothing is shared with the organisation: no sharing link exists on the file.
    expect(file.permissions.filter((p) => p.kind === 'link')).toEqual([]);
    // A repeated grant (a retry) answers the same permission.
    expect(await store.grant(ref, { email: 'ana.perez@quillota.cl', role: 'download', expiresAt })).toBe(id);
    expect(file.permissions).toHaveLength(1);
  });

  it('is retried by the Graph client after a 429 with Retry-After', async () => {
    fake.faults.set({ retryAfterSeconds: 1 });
    fake.faults.next('429', { method: 'POST', path: '/invite' });
    const id = await store.grant(ref, { email: 'jorge.soto@quillota.cl', role: 'download', expiresAt });
    expect(id).toBeTruthy();
    const invites = fake.state.requests.filter((r) => r.path.includes('/invite'));
    expect(invites.slice(-2).map((r) => r.status)).toEqual([429, 200]);
    await store.revoke(ref, id!);
  });

  it('shares nothing in SharePoint for a view-only file: Graph v1.0 has no permission that blocks download', async () => {
    const before = fake.state.permissionEvents.length;
    expect(await store.grant(ref, { email: 'ana.perez@quillota.cl', role: 'view', expiresAt })).toBeUndefined();
    expect(fake.state.permissionEvents.length).toBe(before);
  });

  it('revokes the permission, and a second revoke (already gone) is fine', async () => {
    const id = (await store.grant(ref, { email: 'ana.perez@quillota.cl', role: 'download', expiresAt }))!;
    await store.revoke(ref, id);
    const file = [...fake.state.files.values()].find((f) => f.itemId === ref)!;
    expect(file.permissions).toEqual([]);
    expect(fake.state.permissionEvents.at(-1)).toMatchObject({ action: 'delete', itemId: ref, permissionId: id });
    await expect(store.revoke(ref, id)).resolves.toBeUndefined();
    await expect(store.revoke('01NOSUCHITEM', id)).resolves.toBeUndefined();
  });

  it('reports a grant on a file that does not exist', async () => {
    await expect(
      store.grant('01NOSUCHITEM', { email: 'ana.perez@quillota.cl', role: 'download', expiresAt }),
    ).rejects.toMatchObject({ status: 404 });
  });
});

describe('request folders', () => {
  it('reuses folders that exist and makes only the missing level', async () => {
    const other = makeStore();
    const before = fake.state.requests.filter((r) => r.operationId === 'drive.item_CreateChild').length;
    await other.put(await smallFile('a.csv', Buffer.from('1'), requestFolder('SOL-2026-0043')));
    const made = fake.state.requests.filter((r) => r.operationId === 'drive.item_CreateChild').slice(before);
    expect(made.map((r) => r.status)).toEqual([201]);
    // A file where a folder should be is reported, not written into.
    await expect(other.put(await smallFile('b.csv', Buffer.from('2'), `${FOLDER}/entrega.csv`))).rejects.toThrow(
      /no es una carpeta/,
    );
  });
});
