// Convenio documents over HTTP: a person hands in a file (the FEA-signed PDF, a draft edited outside the app), the
// tab downloads any stored version, and in local mode the documents folder is served to those who may read it or
// hold a link. Bodies here are files, not JSON, so this router is mounted before the API's JSON parser.
import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import {
  canRead,
  DomainError,
  forbidden,
  fromZod,
  invalid,
  notFound,
  parseReference,
  type Actor,
  type Convenio,
} from '../../../protocol';
import { documentPath, DOCX_TYPE, keepBlob, PDF_TYPE, readBlob } from '../documents/document-handler';
import type { DocumentStore } from '../m365/document-store';
import type { LocalDocumentStore } from '../m365/local/local-document-store';
import { loadVisible } from './item-views';
import type { ApiDeps } from './routes';

const documentKind = z.enum(['borrador', 'firmado_fea', 'certificado']);

const uploadQuery = z
  .object({
    tipo: z.enum(['firmado_fea', 'borrador'], { errorMap: () => ({ message: 'use firmado_fea o borrador' }) }),
    nombre: z
      .string({ required_error: 'falta el nombre del archivo' })
      .trim()
      .min(1, 'falta el nombre del archivo')
      .max(200, 'nombre demasiado largo'),
  })
  .strict();

/** What each kind of hand-in must be: the FEA-signed act is a PDF; an edited draft is a Word document. */
const ACCEPTED: Record<'firmado_fea' | 'borrador', { type: string; magic: number[]; what: string }> = {
  firmado_fea: { type: PDF_TYPE, magic: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'un PDF' },
  borrador: { type: DOCX_TYPE, magic: [0x50, 0x4b, 0x03, 0x04], what: 'un documento Word (.docx)' },
};

const startsWith = (bytes: Buffer, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** Sends a file as a download with a safe Content-Disposition (RFC 6266: ASCII fallback plus UTF-8 name). */
function sendFile(res: Response, bytes: Buffer, contentType: string, fileName: string) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  res
    .status(200)
    .type(contentType)
    .set('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .set('cache-control', 'private, no-store')
    .send(bytes);
}

export interface DocumentRouteDeps extends ApiDeps {
  maxDocumentBytes: number;
  /** Where the convenio documents are stored (SharePoint or the local folder). */
  documents?: DocumentStore;
  /** The local documents folder, when no tenant is configured. */
  localDocuments?: LocalDocumentStore;
}

/** /api/v1/convenios/{key}/documentos…: hand in a file, download a stored version. */
export function documentApiRouter(deps: DocumentRouteDeps, who: (req: Request) => Promise<Actor>): Router {
  const r = Router();
  const raw = express.raw({ type: () => true, limit: deps.maxDocumentBytes });

  r.post('/convenios/:key/documentos', raw, async (req, res) => {
    const actor = await who(req);
    const q = uploadQuery.safeParse(req.query);
    if (!q.success) throw fromZod(q.error, 'Datos del archivo inválidos', { topLevel: true });
    const { tipo, nombre } = q.data;
    const accepted = ACCEPTED[tipo];
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (body.length === 0) throw invalid('El archivo está vacío.', { archivo: 'vacío' });
    if (!req.is(accepted.type) || !startsWith(body, accepted.magic))
      throw new DomainError('TIPO_NO_SOPORTADO', `El archivo debe ser ${accepted.what}.`, { archivo: 'tipo' });
    const item = (await loadVisible(deps.repo, 'convenio', req.params.key as string, actor)) as Convenio;
    // The file and the command that names it in one transaction: either both are kept, or neither.
    const next = await deps.db.transaction(async (tx) => {
      const sha256 = await keepBlob(tx, body, accepted.type, nombre, deps.rt.now());
      const command =
        tipo === 'firmado_fea'
          ? ({ type: 'subir_firmado_fea', fileName: nombre, sha256 } as const)
          : ({ type: 'registrar_borrador', fileName: nombre, sha256 } as const);
      return deps.repo.executeIn(tx, item.id, command, actor, item.version, item);
    });
    res.status(201).json({ item: next });
  });

  // The file's versions as the library keeps them, each matched with the version the convenio recorded. With a
  // tenant, SharePoint is asked in the signed-in user's name (on-behalf-of): what they see is what they may open.
  r.get('/convenios/:key/documentos/:kind/versiones', async (req, res) => {
    const actor = await who(req);
    const item = (await loadVisible(deps.repo, 'convenio', req.params.key as string, actor)) as Convenio;
    const kind = documentKind.safeParse(req.params.kind);
    if (!kind.success)
      throw invalid('Tipo de documento inválido: use borrador, firmado_fea o certificado.', { tipo: 'inválido' });
    if (!deps.documents) throw notFound('El servicio no tiene biblioteca de documentos configurada.');
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    const versions = await deps.documents.versions(documentPath(item, kind.data), {
      ...(!deps.localMode && bearer ? { userToken: bearer } : {}),
    });
    res.json({
      versions: versions.map((v) => {
        const recorded = item.documents.find((d) => d.kind === kind.data && d.storageVersionId === v.versionId);
        return { ...v, recorded: recorded ? { version: recorded.version, sha256: recorded.sha256 } : null };
      }),
    });
  });

  r.get('/convenios/:key/documentos/:kind/:version/archivo', async (req, res) => {
    const actor = await who(req);
    const item = (await loadVisible(deps.repo, 'convenio', req.params.key as string, actor)) as Convenio;
    const version = Number(req.params.version);
    const doc = item.documents.find((d) => d.kind === req.params.kind && d.version === version);
    if (!doc) throw notFound(`No existe esa versión del documento en ${item.reference}.`);
    const blob = await readBlob(deps.db, doc.sha256);
    if (!blob)
      throw notFound(
        doc.url
          ? `El archivo está en la biblioteca de documentos: ${doc.url}`
          : 'Se registró solo la huella de este documento; el archivo no está en el servicio.',
      );
    sendFile(res, blob.bytes, blob.contentType, doc.fileName);
  });
  return r;
}

/**
 * GET /documentos/Convenios/<año>/<REF - entidad>/<archivo>[?version=n][&enlace=…]: the local documents folder.
 * The folder's name starts with the convenio's reference: whoever may read that convenio may read its files,
 * and a link made by the store's `share` opens that one file for anyone holding it (as a SharePoint link would).
 */
export function localDocumentsRouter(store: LocalDocumentStore, deps: ApiDeps, who: (req: Request) => Promise<Actor>) {
  const r = Router();
  r.get(/^\/documentos\/(.+)$/, async (req, res) => {
    const parts = (req.params as Record<string, string>)[0]!.split('/').map((s) => decodeURIComponent(s));
    if (parts.length < 2 || parts.some((p) => p === '' || p === '.' || p === '..' || p.startsWith('.')))
      throw notFound('No existe ese documento.');
    const path = { folder: parts.slice(0, -1).join('/'), fileName: parts.at(-1)! };
    const reference = /^(CONV-\d{4}-\d{4,})\b/.exec(parts.at(-2) ?? '')?.[1];
    if (!reference || !parseReference(reference)) throw notFound('No existe ese documento.');
    const token = typeof req.query.enlace === 'string' ? req.query.enlace : undefined;
    if (!(token && (await store.validLink(path, token)))) {
      const actor = await who(req);
      const item = await deps.repo.findByReference(reference);
      if (!item) throw notFound('No existe ese documento.');
      if (!canRead(actor, item)) throw forbidden('No tiene acceso a este documento.');
    }
    const version = typeof req.query.version === 'string' ? req.query.version : undefined;
    const found = await store.read(path, version);
    if (!found) throw notFound('No existe ese documento.');
    const type = path.fileName.endsWith('.pdf')
      ? PDF_TYPE
      : path.fileName.endsWith('.docx')
        ? DOCX_TYPE
        : 'application/octet-stream';
    sendFile(res, found.bytes, type, path.fileName);
  });
  return r;
}
