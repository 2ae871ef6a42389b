import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import {
  pathText,
  sha256Hex,
  type DocumentPath,
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
 * Files are served by the service (GET /documentos/…) to anyone who may read the convenio, or who holds a link
 * made by `share` (an HMAC of the path: the local equivalent of a SharePoint sharing link).
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
    // Folder and file names come from convenio data: never let one escape the documents folder.
    if (!full.startsWith(resolve(this.root) + sep))
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

  url(p: DocumentPath, versionId?: string): string {
    const encoded = [...p.folder.split('/'), p.fileName].map(encodeURIComponent).join('/');
    return `${this.publicUrl}/documentos/${encoded}${versionId ? `?version=${encodeURIComponent(versionId)}` : ''}`;
  }

  /**
   * The address recorded for a stored version: with the file's link token, so it opens from a card or a mail in a
   * browser that carries no identity, as an organisation-wide SharePoint link would.
   */
  private async openUrl(p: DocumentPath, versionId: string): Promise<string> {
    return `${this.url(p, versionId)}&enlace=${await this.linkToken(p)}`;
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
          webUrl: await this.openUrl(p, newest.versionId),
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
        webUrl: await this.openUrl(p, versionId),
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
      const same = index.links.find((l) => JSON.stringify(l.audience) === JSON.stringify(audience));
      if (same) return { url: same.url, audience: audience.kind };
      const url = `${this.url(p)}?enlace=${await this.linkToken(p)}`;
      index.links.push({ audience, url });
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

  /** Whether `token` is a link this store made for the file (any version of it). */
  async validLink(p: DocumentPath, token: string): Promise<boolean> {
    const expected = Buffer.from(await this.linkToken(p));
    const given = Buffer.from(token);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private async linkToken(p: DocumentPath): Promise<string> {
    return createHmac('sha256', await this.key())
      .update(pathText(p))
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
