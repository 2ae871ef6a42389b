import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { FileGrant, FileStore, FileToStore, StoredBlob } from '../file-store';
import type { GraphCredentials } from './credentials';
import { fromGraphError, graphCall } from './graph-client';
import { GraphCallError, graphError, type M365Http } from './http';
import { SharePointDocumentStore } from './sharepoint-store';
import {
  DEFAULT_MAX_RETRY_AFTER_MS,
  uploadFileInChunks,
  type FileUploadOptions,
  type UploadSessionOptions,
} from './upload-session';

/**
 * Delivered files of internal requests (issue 15) in a restricted SharePoint document library, through Microsoft
 * Graph v1.0 with the app's own token. One folder per request (`Entregas/<year>/<reference>`, made here when
 * missing); the bytes go up through an upload session read from disk chunk by chunk and come back as a stream.
 *
 * Sharing. Files are never shared with the organisation: they inherit only the library's own permissions (which IT
 * must restrict: Graph v1.0 cannot break inheritance) and each requester gets one named permission through `grant`,
 * removed by `revoke`.
 * - 'download': invite (POST …/invite) with roles ['read'], requireSignIn true, sendInvitation false and
 *   expirationDateTime. Graph's permission roles are read, write and owner; 'read' is "read the metadata and contents
 *   of the item", which includes downloading. The invite page notes that on SharePoint expirationDateTime applies
 *   only to sharing links, so SharePoint may keep a direct grant past that date: the service's expiry job (revoke)
 *   is what removes it, and the date is sent anyway so the grant carries it.
 * - 'view' (no download): Graph v1.0 cannot make it. invite has no view-only role; createLink v1.0 documents only the
 *   types view, edit and embed (a 'view' link can be downloaded); 'blocksDownload' is documented only for the beta
 *   endpoint, and a v1.0 call with it is reported to answer 200 without granting anything
 *   (microsoftgraph/microsoft-graph-docs#18585). So a view-only file is not shared in SharePoint at all: grant
 *   returns undefined (nothing to revoke), and the requester reads it only through the app, where every access is
 *   checked against the read policy and the expiry and recorded.
 * - `retainInheritedPermissions: true` is sent explicitly: false would remove every existing permission the first
 *   time the file is shared, which Graph documents but this app must not do on its own (the library's permissions
 *   are IT's).
 */
export interface SharePointFileStoreConfig {
  /** https://quillota.sharepoint.com/sites/intercambio-datos */
  siteUrl: string;
  /** The restricted document library for delivered files (its display name). */
  library: string;
  /** The app's client id. */
  clientId: string;
  /** Graph's origin (https://graph.microsoft.com, or the test suite's fake): open() fetches …/content itself. */
  graphBaseUrl: string;
  /** The app-only token for the requests this store sends itself (the content download). */
  appToken: () => Promise<string>;
  upload?: UploadSessionOptions;
}

/** Candidate names `conflictBehavior: rename` gives: "x.pdf", "x 1.pdf", "x 2.pdf"… up to this many. */
const MAX_RENAMED_CANDIDATES = 50;

interface DriveItemJson {
  id?: string;
  name?: string;
  size?: number;
  webUrl?: string;
  folder?: unknown;
  file?: { hashes?: { quickXorHash?: string } };
}

const segment = (s: string) => encodeURIComponent(s);

export class SharePointFileStore implements FileStore {
  readonly kind = 'sharepoint' as const;
  private readonly library: SharePointDocumentStore;
  /** Library path (lower case) → folder item id, for folders known to exist. */
  private readonly folders = new Map<string, Promise<string>>();

  constructor(
    private readonly graph: Client,
    private readonly http: M365Http,
    private readonly config: SharePointFileStoreConfig,
  ) {
    // The library is found by name exactly as the convenio documents' is (one lookup, cached).
    this.library = new SharePointDocumentStore(graph, http, {
      siteUrl: config.siteUrl,
      library: config.library,
      clientId: config.clientId,
    });
  }

  private readonly call = graphCall;

  /** The library's drive id. */
  drive(): Promise<string> {
    return this.library.drive();
  }

  /** GET a driveItem by its path under `anchor` (an item id, or 'root'); undefined when it does not exist. */
  private async itemAt(anchor: string, relative: string): Promise<DriveItemJson | undefined> {
    const drive = await this.drive();
    const path = relative.split('/').map(segment).join('/');
    const base = anchor === 'root' ? `/drives/${drive}/root:/${path}` : `/drives/${drive}/items/${anchor}:/${path}`;
    try {
      return (await this.graph.api(base).get()) as DriveItemJson;
    } catch (e) {
      const err = fromGraphError(e, `elemento ${relative}`);
      if (err instanceof GraphCallError && err.status === 404) return undefined;
      throw err;
    }
  }

  /**
   * The folder's item id, making each missing level (`Entregas`, the year, the reference) with conflictBehavior
   * 'fail': a folder another instance made meanwhile answers 409, and is then read.
   */
  private folder(path: string): Promise<string> {
    const key = path.toLowerCase();
    let known = this.folders.get(key);
    if (!known) {
      known = this.ensureFolder(path).catch((e: unknown) => {
        this.folders.delete(key);
        throw e;
      });
      this.folders.set(key, known);
    }
    return known;
  }

  private async ensureFolder(path: string): Promise<string> {
    const parts = path.split('/').filter(Boolean);
    if (parts.length === 0) throw new Error('la carpeta de la solicitud no puede ser la raíz de la biblioteca');
    const existing = await this.itemAt('root', parts.join('/'));
    if (existing) return folderId(existing, path);
    const parent = parts.length > 1 ? await this.folder(parts.slice(0, -1).join('/')) : 'root';
    const name = parts[parts.length - 1]!;
    const drive = await this.drive();
    try {
      const created = (await this.graph
        .api(`/drives/${drive}/items/${parent}/children`)
        .post({ name, folder: {}, '@microsoft.graph.conflictBehavior': 'fail' })) as DriveItemJson;
      return folderId(created, path);
    } catch (e) {
      const err = fromGraphError(e, `carpeta ${path}`);
      if (!(err instanceof GraphCallError && err.status === 409)) throw err;
      const made = await this.itemAt('root', parts.join('/'));
      if (!made) throw err;
      return folderId(made, path);
    }
  }

  /**
   * Stores the finished upload. A repeated put of the same content returns the item stored before: the folder is
   * searched for the file's name and the names `conflictBehavior: rename` would have given it ("x 1.pdf"…), and a
   * file with the same size and the same QuickXorHash (the only content hash SharePoint reports) is this one.
   * Otherwise the file goes up through an upload session with conflictBehavior 'rename', so a stored delivery's
   * bytes are never replaced: its ref keeps opening what was delivered and hashed. The QuickXorHash is computed
   * while the chunks are read for the upload and compared with what SharePoint reports for the new item.
   */
  async put(file: FileToStore): Promise<StoredBlob> {
    if (file.size <= 0) throw new Error(`el archivo ${file.fileName} está vacío`);
    const folder = await this.folder(file.folder);
    let localHash: string | undefined;
    const hashOnDisk = async () => (localHash ??= await quickXorHashOfFile(file.sourcePath));

    for (const name of renamedCandidates(file.fileName)) {
      const existing = await this.itemAt(folder, name);
      if (!existing) break;
      if (!existing.file || existing.size !== file.size) continue;
      if (existing.file.hashes?.quickXorHash === (await hashOnDisk())) return blob(existing, file);
    }

    const drive = await this.drive();
    const session = await this.call(`sesión de carga de ${file.folder}/${file.fileName}`, () =>
      this.graph
        .api(`/drives/${drive}/items/${folder}:/${segment(file.fileName)}:/createUploadSession`)
        .post({ item: { '@microsoft.graph.conflictBehavior': 'rename', name: file.fileName } }),
    ).catch((e: unknown) => {
      // The folder known to exist was removed meanwhile: the next attempt makes it again.
      if (e instanceof GraphCallError && e.status === 404) this.folders.delete(file.folder.toLowerCase());
      throw e;
    });
    const hasher = new QuickXorHash();
    const options: FileUploadOptions = {
      ...this.config.upload,
      // Bytes are hashed once, in order; a resume that goes back re-reads bytes already hashed.
      onRead: (offset, bytes) => {
        const hashed = hasher.length;
        if (offset + bytes.byteLength <= hashed) return;
        if (offset > hashed) throw new Error(`la sesión de carga saltó del byte ${hashed} al ${offset}`);
        hasher.update(bytes.subarray(hashed - offset));
      },
    };
    const uploadUrl = String(session.uploadUrl);
    let item: DriveItemJson;
    try {
      item = await uploadFileInChunks(this.http, uploadUrl, { path: file.sourcePath, size: file.size }, options);
    } catch (e) {
      // Graph asks to cancel a session that will not be finished (it would otherwise linger until it expires).
      await this.http.fetch(uploadUrl, { method: 'DELETE' }).catch(() => undefined);
      throw e;
    }
    localHash = hasher.digest();
    if (item.size !== file.size || (item.file?.hashes?.quickXorHash ?? localHash) !== localHash) {
      throw new Error(
        `SharePoint guardó ${file.fileName} con ${item.size} bytes y QuickXorHash ${item.file?.hashes?.quickXorHash}; se enviaron ${file.size} bytes con ${localHash}`,
      );
    }
    return blob(item, file);
  }

  /**
   * The stored bytes as a stream: GET …/content answers 302 with a pre-authenticated download URL, which is
   * followed here without the token (it is not Graph's host, and Graph documents that it needs no Authorization).
   * The download has no overall time limit (a 250 MB file on a slow link takes long); a stalled body still fails
   * after the transport's idle timeout. A 429 or 503 with a short Retry-After is waited for.
   */
  async open(ref: string): Promise<Readable> {
    const drive = await this.drive();
    const url = `${this.config.graphBaseUrl.replace(/\/$/, '')}/v1.0/drives/${segment(drive)}/items/${segment(ref)}/content`;
    const maxWait = this.config.upload?.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
    for (let attempt = 1; ; attempt++) {
      const res = await this.http.fetch(url, {
        headers: { authorization: `Bearer ${await this.config.appToken()}` },
        redirect: 'manual',
      });
      let body = res;
      if (res.status >= 300 && res.status < 400) {
        const location = res.headers.get('location');
        await res.body?.cancel();
        if (!location) throw new Error(`contenido de ${ref}: Graph respondió ${res.status} sin Location`);
        body = await this.http.fetch(new URL(location, url).toString(), { signal: new AbortController().signal });
      }
      if (body.ok && body.body) return Readable.fromWeb(body.body as unknown as WebReadableStream);
      const err = await graphError(body, `contenido de ${ref}`);
      const ms = err.retryAfterMs ?? (err.status === 503 ? 1000 * attempt : undefined);
      if ((err.status === 429 || err.status === 503) && ms !== undefined && ms <= maxWait && attempt < 4) {
        await (this.config.upload?.sleep ?? ((t: number) => new Promise((r) => setTimeout(r, t))))(ms);
        continue;
      }
      throw err;
    }
  }

  /** See the class comment: 'download' invites the person; 'view' is not shared in SharePoint (undefined). */
  async grant(ref: string, grant: FileGrant): Promise<string | undefined> {
    if (grant.role === 'view') return undefined;
    const drive = await this.drive();
    const answer = await this.call(`permiso de ${grant.email} sobre ${ref}`, () =>
      this.graph.api(`/drives/${drive}/items/${segment(ref)}/invite`).post({
        recipients: [{ email: grant.email }],
        roles: ['read'],
        requireSignIn: true,
        sendInvitation: false,
        retainInheritedPermissions: true,
        expirationDateTime: grant.expiresAt,
      }),
    );
    const permission = (answer as { value?: Array<{ id?: string }> }).value?.[0];
    if (!permission?.id) throw new Error(`Graph no devolvió el permiso de ${grant.email} sobre ${ref}`);
    return permission.id;
  }

  /** Deletes the permission; one already gone (404, the permission or the file) is what was wanted. */
  async revoke(ref: string, permissionId: string): Promise<void> {
    const drive = await this.drive();
    try {
      await this.graph.api(`/drives/${drive}/items/${segment(ref)}/permissions/${segment(permissionId)}`).delete();
    } catch (e) {
      const err = fromGraphError(e, `retiro del permiso ${permissionId} sobre ${ref}`);
      if (err instanceof GraphCallError && err.status === 404) return;
      throw err;
    }
  }
}

/** The store from what the service's Graph side has (createM365): its client, transport and credentials. */
export function createSharePointFileStore(deps: {
  client: Client;
  http: M365Http;
  siteUrl: string;
  /** The deliveries' library (not the convenio documents', whose files get organisation-wide links). */
  library: string;
  clientId: string;
  credentials: Pick<GraphCredentials, 'appToken'>;
  /** GRAPH_BASE_URL. */
  graphBaseUrl: string;
  upload?: UploadSessionOptions;
}): SharePointFileStore {
  return new SharePointFileStore(deps.client, deps.http, {
    siteUrl: deps.siteUrl,
    library: deps.library,
    clientId: deps.clientId,
    graphBaseUrl: deps.graphBaseUrl,
    appToken: () => deps.credentials.appToken(),
    ...(deps.upload ? { upload: deps.upload } : {}),
  });
}

function folderId(item: DriveItemJson, path: string): string {
  if (!item.folder || !item.id) throw new Error(`«${path}» existe en la biblioteca y no es una carpeta`);
  return item.id;
}

function blob(item: DriveItemJson, file: FileToStore): StoredBlob {
  if (!item.id) throw new Error(`Graph no devolvió el id de ${file.fileName}`);
  return { ref: item.id, ...(item.webUrl ? { webUrl: item.webUrl } : {}) };
}

/** "x.pdf", then the names SharePoint gives on rename: "x 1.pdf", "x 2.pdf"… */
function* renamedCandidates(name: string): Generator<string> {
  yield name;
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 1; n <= MAX_RENAMED_CANDIDATES; n++) yield `${stem} ${n}${ext}`;
}

/** Bit offset (mod 160) of the i-th byte is (i·11) mod 160; it repeats every 160 bytes. */
const AT = new Uint8Array(160);
const SHIFT = new Uint8Array(160);
for (let i = 0; i < 160; i++) {
  const bit = (i * 11) % 160;
  AT[i] = bit >> 3;
  SHIFT[i] = bit & 7;
}

/**
 * QuickXorHash, the content hash SharePoint reports for files (file.hashes.quickXorHash): each byte is XORed into
 * a 160-bit ring at an 11-bit step from the previous one, then the length (64-bit little-endian) is XORed into the
 * last 8 bytes; base64. Incremental, so a file is hashed while it is read.
 */
export class QuickXorHash {
  private readonly ring = new Uint8Array(20);
  private position = 0;

  /** Bytes hashed so far. */
  get length(): number {
    return this.position;
  }

  update(bytes: Uint8Array): this {
    const ring = this.ring;
    let p = this.position % 160;
    for (let i = 0; i < bytes.length; i++) {
      const at = AT[p]!;
      const shifted = bytes[i]! << SHIFT[p]!;
      ring[at]! ^= shifted & 0xff;
      ring[at === 19 ? 0 : at + 1]! ^= shifted >> 8;
      p = p === 159 ? 0 : p + 1;
    }
    this.position += bytes.length;
    return this;
  }

  digest(): string {
    const out = Uint8Array.from(this.ring);
    let length = BigInt(this.position);
    for (let i = 0; i < 8; i++) {
      out[12 + i]! ^= Number(length & 0xffn);
      length >>= 8n;
    }
    return Buffer.from(out).toString('base64');
  }
}

export async function quickXorHashOfFile(path: string): Promise<string> {
  const hash = new QuickXorHash();
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest();
}
