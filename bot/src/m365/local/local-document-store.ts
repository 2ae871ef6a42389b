import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import {
  pathText,
  sha256Hex,
  type DocumentPath,
  type DocumentRef,
  type DocumentStore,
  type LibraryFields,
  type ShareAudience,
  type SharingLink,
  type StoredFile,
  type StoredVersion,
} from '../document-store';

interface Index {
  itemId: string;
  versions: StoredVersion[];
  fields?: LibraryFields;
  links: { audience: ShareAudience; url: string }[];
}

/** Compares two tokens in constant time. */
function same(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Writes through a temporary file and a rename, so a crash never leaves half a file or half an index. */
async function writeAtomic(file: string, data: Uint8Array | string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/**
 * The documents folder used when no tenant is configured: the same folders as the SharePoint library, each file
 * with its versions (`.versiones/<file>/<n>`) and an index holding sizes, SHA-256, library columns and links.
 * Files are served by the service (GET /documentos/<reference>/<kind>[/<version>]) to those the read policy lets open
 * the convenio's files, or who hold a link made by `share` (an HMAC of the convenio's id and the document kind: the
 * local equivalent of a SharePoint sharing link).
 */
export class LocalDocumentStore implements DocumentStore {
  readonly kind = 'local' as const;
  private secret?: Buffer;
  /** One write at a time per file: the index is read, changed and written back. */
  private locks = new Map<string, Promise<unknown>>();

  constructor(
    readonly root: string,
    /** The service's public base URL: links point to its /documentos route. */
    private readonly publicUrl: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private resolvePath(p: DocumentPath): string {
    const full = resolve(this.root, p.folder, p.fileName);
    // Folder and file names come from convenio data: never let one escape the documents folder. Defence in depth:
    // the routes never build a path from a request, they take the convenio's own documentPath.
    // eslint-disable-next-line no-control-regex
    const odd = /[\u0000\\]/.test(pathText(p)) || /[/\\]/.test(p.fileName) || p.folder.split('/').includes('..');
    if (odd || !full.startsWith(resolve(this.root) + sep))
      throw new Error(`ruta de documento fuera de la carpeta: ${pathText(p)}`);
    return full;
  }

  private indexFile(p: DocumentPath): string {
    return join(dirname(this.resolvePath(p)), '.versiones', p.fileName, 'indice.json');
  }

  private versionFile(p: DocumentPath, versionId: string): string {
    return join(dirname(this.resolvePath(p)), '.versiones', p.fileName, versionId);
  }

  private async readIndex(p: DocumentPath): Promise<Index | undefined> {
    try {
      return JSON.parse(await readFile(this.indexFile(p), 'utf8')) as Index;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  private async exclusive<T>(p: DocumentPath, fn: () => Promise<T>): Promise<T> {
    const key = pathText(p);
    const before = this.locks.get(key) ?? Promise.resolve();
    const run = before.catch(() => undefined).then(fn);
    this.locks.set(key, run);
    try {
      return await run;
    } finally {
      if (this.locks.get(key) === run) this.locks.delete(key);
    }
  }

  /**
   * The address of a convenio document: `/documentos/<reference>/<kind>[/<version>]`. It names the record, not the
   * file: the service finds the convenio by reference, the version among its `documents`, and the file by
   * `documentPath` of that convenio. Nothing of the address ever becomes a file-system path.
   */
  documentUrl(d: DocumentRef): string {
    const version = d.version !== undefined ? `/${d.version}` : '';
    return `${this.publicUrl}/documentos/${encodeURIComponent(d.reference)}/${d.kind}${version}`;
  }

  /** The convenio document a path names; this store only makes addresses for those (see `documentPath`). */
  private documentOf(p: DocumentPath): DocumentRef {
    if (!p.document) throw new Error(`el documento ${pathText(p)} no indica de qué convenio y tipo es`);
    return p.document;
  }

  /**
   * The address recorded for a stored version: with the document's link token, so it opens from a card or a mail in
   * a browser that carries no identity, as an organisation-wide SharePoint link would.
   */
  private async openUrl(p: DocumentPath): Promise<string> {
    const d = this.documentOf(p);
    return `${this.documentUrl(d)}?enlace=${await this.linkToken(d)}`;
  }

  async put(p: DocumentPath, bytes: Uint8Array, _contentType: string): Promise<StoredFile> {
    return this.exclusive(p, async () => {
      const sha256 = sha256Hex(bytes);
      const index: Index = (await this.readIndex(p)) ?? {
        itemId: randomBytes(12).toString('hex'),
        versions: [],
        links: [],
      };
      const newest = index.versions[0];
      if (newest?.sha256 === sha256)
        return {
          path: p,
          itemId: index.itemId,
          versionId: newest.versionId,
          webUrl: await this.openUrl(p),
          sha256,
          size: bytes.byteLength,
          created: false,
        };
      const versionId = String(index.versions.length + 1);
      await writeAtomic(this.versionFile(p, versionId), bytes);
      await writeAtomic(this.resolvePath(p), bytes);
      index.versions.unshift({ versionId, size: bytes.byteLength, modifiedAt: this.now().toISOString(), sha256 });
      await writeAtomic(this.indexFile(p), JSON.stringify(index, null, 2));
      return {
        path: p,
        itemId: index.itemId,
        versionId,
        webUrl: await this.openUrl(p),
        sha256,
        size: bytes.byteLength,
        created: true,
      };
    });
  }

  async versions(p: DocumentPath, _opts?: { userToken?: string }): Promise<StoredVersion[]> {
    return (await this.readIndex(p))?.versions ?? [];
  }

  async setFields(p: DocumentPath, fields: LibraryFields): Promise<void> {
    await this.exclusive(p, async () => {
      const index = await this.readIndex(p);
      if (!index) throw new Error(`no existe el documento ${pathText(p)}`);
      index.fields = fields;
      await writeAtomic(this.indexFile(p), JSON.stringify(index, null, 2));
    });
  }

  async share(p: DocumentPath, audience: ShareAudience): Promise<SharingLink> {
    return this.exclusive(p, async () => {
      const index = await this.readIndex(p);
      if (!index) throw new Error(`no existe el documento ${pathText(p)}`);
      // The file's newest version, as a SharePoint sharing link opens: the address names no version.
      const { version: _version, ...d } = this.documentOf(p);
      const url = `${this.documentUrl(d)}?enlace=${await this.linkToken(d)}`;
      const same = index.links.find((l) => JSON.stringify(l.audience) === JSON.stringify(audience));
      // Links made before addresses named the record are replaced, not given out again.
      if (same?.url === url) return { url, audience: audience.kind };
      index.links = [...index.links.filter((l) => l !== same), { audience, url }];
      await writeAtomic(this.indexFile(p), JSON.stringify(index, null, 2));
      return { url, audience: audience.kind };
    });
  }

  /** The file's content, newest version unless `versionId` names another; undefined when there is no such file. */
  async read(p: DocumentPath, versionId?: string): Promise<{ bytes: Buffer; version: StoredVersion } | undefined> {
    const index = await this.readIndex(p);
    const version = versionId ? index?.versions.find((v) => v.versionId === versionId) : index?.versions[0];
    if (!version) return undefined;
    return { bytes: await readFile(this.versionFile(p, version.versionId)), version };
  }

  /** Whether `token` is a link this store made for that convenio's document of that kind (any version of it). */
  async validLink(d: Pick<DocumentRef, 'itemId' | 'kind'>, token: string): Promise<boolean> {
    return same(await this.linkToken(d), token);
  }

  /**
   * Whether `token` is a link made before addresses named the record (an HMAC of the file's path), still found in
   * older mails and records. The caller matched the path exactly against the convenio's own `documentPath` first.
   */
  async validPathLink(p: DocumentPath, token: string): Promise<boolean> {
    const legacy = createHmac('sha256', await this.key())
      .update(pathText(p))
      .digest('base64url');
    return same(legacy, token);
  }

  /** Bound to the convenio's id and the kind: a link opens that document of that convenio and nothing else. */
  private async linkToken(d: Pick<DocumentRef, 'itemId' | 'kind'>): Promise<string> {
    return createHmac('sha256', await this.key())
      .update(`enlace-documento\n${d.itemId}\n${d.kind}`)
      .digest('base64url');
  }

  /** A random key kept in the documents folder: links survive restarts and die with the folder. */
  private async key(): Promise<Buffer> {
    if (this.secret) return this.secret;
    const file = join(this.root, '.clave-enlaces');
    try {
      this.secret = await readFile(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      const fresh = randomBytes(32);
      await mkdir(this.root, { recursive: true });
      try {
        await writeFile(file, fresh, { flag: 'wx', mode: 0o600 });
        this.secret = fresh;
      } catch (err) {
        // Another instance wrote it first: use theirs.
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        this.secret = await readFile(file);
      }
    }
    return this.secret;
  }
}
