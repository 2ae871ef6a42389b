// Delivered data as files over HTTP (issue 15, the API contract of docs/api.md «Archivos entregados»): declare an
// upload, send it in parts of at most 8 MiB (resumable), ask what arrived, discard it, deliver it with `entregar`
// (`archivos`), and download a delivered file. The parts are raw bytes, so their route is mounted before the API's
// JSON parser (fileUploadRouter); the others sit in the API router.
import { Router, type Request, type Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { DomainError, isDomainError, type Actor, type Item } from '../../../protocol';
import { StoredFileMismatch } from '../files/hashing';
import { uploadView, type FileService } from '../files/file-service';
import { loadVisible } from './item-detail';
import type { ApiDeps } from './routes';

/** The address a client sends an upload's parts to, and asks its state at. */
export const uploadUrl = (id: string): string => `/api/v1/archivos/${id}`;

function filesOf(deps: ApiDeps): FileService {
  if (!deps.files) throw new DomainError('NO_ENCONTRADO', 'Este servicio no recibe archivos.');
  return deps.files;
}

/** A request the caller may read, or 404 alike for one that does not exist and one they may not read (contract §1). */
async function readableSolicitud(deps: ApiDeps, key: string, actor: Actor): Promise<Item> {
  try {
    return await loadVisible(deps.repo, 'solicitud', key, actor);
  } catch (e) {
    if (isDomainError(e) && e.code === 'NO_AUTORIZADO')
      throw new DomainError('NO_ENCONTRADO', `No existe la solicitud ${key}.`);
    throw e;
  }
}

/** A media type as a header may carry it: the declared one when it is a plain type/subtype, else bytes. */
const safeType = (t: string) =>
  /^[a-z0-9][a-z0-9.+-]*\/[a-z0-9][a-z0-9.+-]*$/.test(t) ? t : 'application/octet-stream';

/** RFC 6266: an ASCII fallback and the UTF-8 name. */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** The routes of the API router (JSON bodies or none). */
export function fileRoutes(r: Router, deps: ApiDeps, who: (req: Request) => Promise<Actor>): void {
  // Contract §1: the declaration, checked whole before any byte of the file is sent.
  r.post('/solicitudes/:key/archivos', async (req, res) => {
    const actor = await who(req);
    const files = filesOf(deps);
    const item = await readableSolicitud(deps, req.params.key as string, actor);
    const u = await files.declare(item, actor, req.body);
    res
      .status(201)
      .location(uploadUrl(u.id))
      .json({ id: u.id, nombre: u.name, tamano: u.size, tipo: u.mediaType, recibido: 0, subirEn: uploadUrl(u.id) });
  });

  // Contract §3: what arrived, to resume after an interruption. The uploader only.
  r.get('/archivos/:id', async (req, res) => {
    const actor = await who(req);
    res.json(uploadView(await filesOf(deps).ownUpload(req.params.id as string, actor, 'consultar_archivo')));
  });

  // Contract §4: give up an upload not delivered.
  r.delete('/archivos/:id', async (req, res) => {
    const actor = await who(req);
    await filesOf(deps).discard(req.params.id as string, actor);
    res.status(204).end();
  });

  // Contract §6: a delivered file, to whoever may open it, recorded, streamed through the hash check.
  r.get('/solicitudes/:key/archivos/:id/contenido', async (req, res) => {
    const actor = await who(req);
    const files = filesOf(deps);
    const item = await loadVisible(deps.repo, 'solicitud', req.params.key as string, actor);
    const head = req.method === 'HEAD';
    const { upload, stream } = await files.download(item, actor, req.params.id as string, { record: !head });
    // The declared type as is: no charset is added (the service does not know the file's encoding).
    res.setHeader('content-type', safeType(upload.mediaType));
    res.status(200).set({
      'content-length': String(upload.size),
      'content-disposition': attachment(upload.name),
      'x-content-type-options': 'nosniff',
      'x-sha256': upload.sha256,
      'cache-control': 'private, no-store',
    });
    if (!stream) {
      res.end();
      return;
    }
    await sendStream(res, stream, deps, upload.id);
  });
}

async function sendStream(res: Response, stream: NodeJS.ReadableStream, deps: ApiDeps, uploadId: string) {
  try {
    await pipeline(stream, res);
  } catch (e) {
    // The hash check broke the answer off short of its length: the reader never gets a file that is not the one
    // recorded. Anything else here is the reader going away mid-download.
    if (e instanceof StoredFileMismatch)
      deps.log?.error('archivo entregado alterado: no coincide con su huella', { upload: uploadId, error: e.message });
    else deps.log?.debug?.('descarga interrumpida', { upload: uploadId, error: String(e) });
    res.destroy();
  }
}

/** PUT /archivos/{id} (contract §2): raw bytes, before the API's JSON parser. */
export function fileUploadRouter(deps: ApiDeps, who: (req: Request) => Promise<Actor>): Router {
  const r = Router();
  r.put('/archivos/:id', async (req, res) => {
    let outcome;
    try {
      const actor = await who(req);
      outcome = await filesOf(deps).receivePart(
        req.params.id as string,
        actor,
        {
          contentType: req.get('content-type'),
          contentRange: req.get('content-range'),
          contentLength: req.get('content-length'),
          contentEncoding: req.get('content-encoding'),
        },
        req,
      );
    } catch (e) {
      // Refused before (or while) the body was read: the connection closes, so nothing unread is drained.
      if (!req.complete) res.set('connection', 'close');
      throw e;
    }
    if (!outcome.done) {
      res.status(202).json({ recibido: outcome.received });
      return;
    }
    const u = outcome.upload;
    res.status(200).json({ id: u.id, nombre: u.name, tamano: u.size, tipo: u.mediaType, sha256: u.sha256 });
  });
  return r;
}

/**
 * `entregar` with `archivos` (contract §5), from the command route: the ids become the command's `files`, filled by
 * the service from its own records. A client never sends `files` itself: the hashes the audit chain binds are the
 * service's own.
 */
export async function deliverWithFiles(
  deps: ApiDeps,
  item: Item,
  actor: Actor,
  raw: Record<string, unknown>,
  expectedVersion?: number,
): Promise<Item | undefined> {
  if (raw.type !== 'entregar' || item.kind !== 'solicitud') return undefined;
  if ('files' in raw)
    throw new DomainError(
      'DATOS_INVALIDOS',
      'Acción inválida: files: los archivos se indican por sus subidas, en «archivos» (ids).',
      { files: 'use archivos (ids de las subidas)' },
    );
  if (!('archivos' in raw)) return undefined;
  const { archivos, ...rest } = raw;
  return filesOf(deps).deliver(item, actor, rest, archivos, expectedVersion);
}
