import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, link, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { safeName } from '../document-store';
import type { FileGrant, FileStore, FileToStore, StoredBlob } from '../file-store';

/** Longest stored file name in bytes: file systems allow 255; the hash folder already makes it unique. */
const MAX_NAME_BYTES = 200;

/** `name` cut to at most MAX_NAME_BYTES of UTF-8, never inside a character. */
function withinBytes(name: string): string {
  let out = '';
  let bytes = 0;
  for (const ch of name) {
    const n = Buffer.byteLength(ch);
    if (bytes + n > MAX_NAME_BYTES) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/**
 * Delivered files without a tenant (issue 15): a folder of the service's disk, `DOCUMENTS_DIR` (by default
 * `DATA_DIR/documentos`), beside the convenio documents. Each file is kept at
 * `Entregas/<year>/<reference>/<sha256>/<name>`: one folder per request, as in the SharePoint library, and one per
 * content, so a corrected file with the same name never replaces the one delivered before (its recorded hash must
 * keep matching). Nothing here is served as a folder: the app's own download route applies the read policy and the
 * requester's expiry, so there is no permission to grant or remove (`grant` answers undefined, `revoke` does nothing).
 */
export class LocalFileStore implements FileStore {
  readonly kind = 'local' as const;

  constructor(readonly root: string) {}

  /** The absolute path of a ref; a ref that would leave the folder is refused (refs are this store's own). */
  private pathOf(ref: string): string {
    const parts = ref.split('/');
    // eslint-disable-next-line no-control-regex
    if (parts.some((p) => p === '' || p === '.' || p === '..' || /[\\\u0000]/.test(p)))
      throw new Error(`ruta de archivo fuera de la carpeta: ${ref}`);
    const full = resolve(this.root, ...parts);
    if (!full.startsWith(resolve(this.root) + sep)) throw new Error(`ruta de archivo fuera de la carpeta: ${ref}`);
    return full;
  }

  async put(file: FileToStore): Promise<StoredBlob> {
    if (!/^[0-9a-f]{64}$/.test(file.sha256)) throw new Error('huella SHA-256 inválida');
    const ref = `${file.folder}/${file.sha256}/${withinBytes(safeName(file.fileName, 160))}`;
    const target = this.pathOf(ref);
    // Stored before (a retried completion): the folder is named by the content, so the same size is the same file.
    const existing = await stat(target).catch(() => undefined);
    if (existing?.isFile() && existing.size === file.size) return { ref };
    await mkdir(dirname(target), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      // A hard link costs no copy when the upload's folder is on the same disk; a copy otherwise.
      await link(file.sourcePath, tmp).catch(async (e: NodeJS.ErrnoException) => {
        if (!['EXDEV', 'EPERM', 'ENOTSUP', 'EMLINK'].includes(e.code ?? '')) throw e;
        await copyFile(file.sourcePath, tmp);
      });
      const written = await stat(tmp);
      if (written.size !== file.size)
        throw new Error(`el archivo por guardar mide ${written.size} bytes, se declararon ${file.size}`);
      await rename(tmp, target);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    return { ref };
  }

  /** The stored bytes; fails (ENOENT) before returning when the file is missing, so the caller can answer 404. */
  async open(ref: string): Promise<Readable> {
    const stream = createReadStream(this.pathOf(ref));
    await new Promise<void>((ok, fail) => {
      const opened = () => {
        stream.off('error', failed);
        ok();
      };
      const failed = (e: Error) => {
        stream.off('open', opened);
        fail(e);
      };
      stream.once('open', opened);
      stream.once('error', failed);
    });
    return stream;
  }

  async grant(_ref: string, _grant: FileGrant): Promise<string | undefined> {
    return undefined;
  }

  async revoke(_ref: string, _permissionId: string): Promise<void> {}
}
