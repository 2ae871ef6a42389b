// Large files through a Graph upload session, and tokens in the name of the tab's user (on-behalf-of).
import { randomBytes, createHash } from 'node:crypto';
import { generate } from 'selfsigned';
import { loadConfig } from '../../bot/src/config';
import { createM365, type M365 } from '../../bot/src/m365';
import { CHUNK_UNIT, DEFAULT_CHUNK } from '../../bot/src/m365/graph/upload-session';
import type { GraphFake } from '../support/graph-fake';
import { graphConfig, startTenantFake } from '../support/graph-service';

jest.setTimeout(60_000);

let fake: GraphFake;
let m365: M365;
const MB12 = 12 * 1024 * 1024;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const folder = 'Convenios/2026/CONV-2026-0042 - Servicio de Salud Viña del Mar-Quillota';

beforeAll(async () => {
  fake = await startTenantFake();
  const base = loadConfig({ LOG_LEVEL: 'silent' });
  m365 = await createM365(graphConfig(fake, base, 0).m365!, {
    publicUrl: 'http://localhost:3978',
    mailOutboxDir: '/nonexistent',
    now: () => new Date(),
  });
});
afterAll(async () => {
  await m365?.close();
  await fake?.close();
});

describe('upload session', () => {
  it('sends a 12 MB file in 320 KiB-multiple chunks with contiguous Content-Range, no token to the upload URL', async () => {
    const bytes = randomBytes(MB12);
    const stored = await m365.documents.put(
      { folder, fileName: 'Convenio firmado (FEA) 12MB.pdf' },
      bytes,
      'application/pdf',
    );
    expect(stored).toMatchObject({ created: true, versionId: '1.0', size: MB12, sha256: sha(bytes) });
    const upload = fake.state.uploads.at(-1)!;
    expect(upload.status).toBe('completed');
    const ranges = upload.chunks.map((c) => [c.contentRange, c.contentLength, c.status]);
    const n = Math.ceil(MB12 / DEFAULT_CHUNK);
    expect(ranges).toEqual(
      Array.from({ length: n }, (_, i) => {
        const start = i * DEFAULT_CHUNK;
        const end = Math.min(start + DEFAULT_CHUNK, MB12) - 1;
        return [`bytes ${start}-${end}/${MB12}`, end - start + 1, i === n - 1 ? 201 : 202];
      }),
    );
    for (const [, length] of ranges.slice(0, -1)) expect((length as number) % CHUNK_UNIT).toBe(0);
    const file = fake.state.file(`${folder}/Convenio firmado (FEA) 12MB.pdf`)!;
    expect(file.versions.map((v) => [v.source, v.sha256])).toEqual([['upload-session', sha(bytes)]]);
    expect(fake.violations).toEqual([]);
    // The pre-authenticated upload URL never saw the app's token (the fake answers 401 if it does).
    expect(fake.state.requests.filter((r) => r.kind === 'upload' && r.status === 401)).toEqual([]);
  });

  it('resumes from what the session has after a chunk whose answer was lost, and after a dropped connection', async () => {
    const bytes = randomBytes(MB12);
    fake.faults.next('reset-after', { method: 'PUT', path: '/upload/' });
    fake.faults.next('reset-before', { method: 'PUT', path: '/upload/' });
    const stored = await m365.documents.put({ folder, fileName: 'Anexo reanudado.pdf' }, bytes, 'application/pdf');
    expect(stored.sha256).toBe(sha(bytes));
    const file = fake.state.file(`${folder}/Anexo reanudado.pdf`)!;
    expect(file.versions.map((v) => v.sha256)).toEqual([sha(bytes)]);
    const upload = fake.state.uploads.at(-1)!;
    expect(upload.status).toBe('completed');
    // Every byte arrived exactly once in the accepted chunks.
    const accepted = upload.chunks.filter((c) => c.status === 202 || c.status === 201);
    expect(accepted.reduce((sum, c) => sum + (c.contentLength ?? 0), 0)).toBe(MB12);
    expect(fake.counters().faultsInjected).toMatchObject({ 'reset-after': 1, 'reset-before': 1 });
  });

  it('a retried upload of the same content finds its own version instead of adding one', async () => {
    const bytes = randomBytes(200_000);
    const path = { folder, fileName: 'Borrador reintentado.docx' };
    fake.faults.next('reset-after', { method: 'PUT', path: '/content' });
    await expect(m365.documents.put(path, bytes, 'application/octet-stream')).rejects.toThrow();
    const again = await m365.documents.put(path, bytes, 'application/octet-stream');
    expect(again).toMatchObject({ created: false, versionId: '1.0', sha256: sha(bytes) });
    expect(fake.state.file(`${folder}/Borrador reintentado.docx`)!.versions).toHaveLength(1);
  });
});

describe('tokens', () => {
  it('exchanges the tab user’s SSO token on-behalf-of once, then serves it from the cache', async () => {
    const assertion = fake.userAssertion();
    const before = fake.counters().tokens.delegated;
    const t1 = await m365.credentials!.onBehalfOf(assertion);
    const t2 = await m365.credentials!.onBehalfOf(assertion);
    expect(t1).toBe(t2);
    expect(fake.counters().tokens.delegated).toBe(before + 1);
  });

  it('lists a file’s versions in the name of the tab’s user: a delegated request, not the app’s', async () => {
    const path = { folder, fileName: 'Borrador reintentado.docx' };
    const before = fake.state.requests.length;
    const versions = await m365.documents.versions(path, { userToken: fake.userAssertion() });
    expect(versions.map((v) => v.versionId)).toEqual(['1.0']);
    const calls = fake.state.requests.slice(before).filter((r) => r.operationId === 'drive.item_ListVersion');
    expect(calls.map((r) => r.auth)).toEqual(['delegated']);
  });

  it('signs in with a certificate instead of a secret (client assertion, SHA-256 thumbprint from the PEM)', async () => {
    const pems = await generate([{ name: 'commonName', value: 'intercambio-de-datos' }], {
      keyType: 'rsa',
      keySize: 2048,
      algorithm: 'sha256',
    });
    const base = loadConfig({ LOG_LEVEL: 'silent' });
    const cfg = graphConfig(fake, base, 0).m365!;
    const { clientSecret: _secret, ...graph } = cfg.graph!;
    const withCert = await createM365(
      { ...cfg, graph: { ...graph, certificate: { privateKeyPem: pems.private, certificatePem: pems.cert } } },
      { publicUrl: 'http://localhost:3978', mailOutboxDir: '/nonexistent', now: () => new Date() },
    );
    const before = fake.counters().tokens.app;
    expect(await withCert.check()).toEqual({ ok: true });
    expect(fake.counters().tokens.app).toBe(before + 1);
    await withCert.close();
  });

  it('reports a wrong secret clearly instead of failing later', async () => {
    const base = loadConfig({ LOG_LEVEL: 'silent' });
    const cfg = graphConfig(fake, base, 0).m365!;
    const wrong = await createM365(
      { ...cfg, graph: { ...cfg.graph!, clientSecret: 'otro-secreto' } },
      {
        publicUrl: 'http://localhost:3978',
        mailOutboxDir: '/nonexistent',
        now: () => new Date(),
      },
    );
    const r = await wrong.check();
    expect(r.ok).toBe(false);
    expect(r.problem).toMatch(/no se obtuvo un token de Entra ID/);
    await wrong.close();
    expect((await m365.check()).ok).toBe(true);
  });
});
