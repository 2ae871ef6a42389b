// Convenio documents over HTTP: a person hands in a file (the FEA-signed PDF, a draft edited outside the app), the
// tab downloads any stored version, and in local mode the documents folder is served to those who may read it or
// hold a link. Bodies here are files, not JSON, so this router is mounted before the API's JSON parser.
import express, { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import { z } from 'zod';
import {
  allowedActions,
  badTransition,
  canRead,
  CONVENIO_STATE_LABELS,
  CONVENIO_TRANSITIONS,
  DomainError,
  forbidden,
  fromZod,
  invalid,
  isDomainError,
  mayOpenDocuments,
  notFound,
  type Actor,
  type Convenio,
  type DocumentKind,
  type DocumentVersion,
  type Item,
} from '../../../protocol';
import { documentPath, DOCX_TYPE, keepBlob, PDF_TYPE, readBlob } from '../documents/document-handler';
import { pathText, sha256Hex, type DocumentStore } from '../m365/document-store';
import type { LocalDocumentStore } from '../m365/local/local-document-store';
import { loadVisible } from './item-detail';
import type { ApiDeps } from './routes';

const DOCUMENT_KINDS = ['borrador', 'firmado_fea', 'certificado'] as const;
export const documentKind = z.enum(DOCUMENT_KINDS);
const isDocumentKind = (s: string): s is DocumentKind => (DOCUMENT_KINDS as readonly string[]).includes(s);
const KIND_ERROR = 'Tipo de documento inválido: use borrador, firmado_fea o certificado.';

/** What a reader who may see the convenio but not its sensitive fields is told on every file path. */
export const RESERVED_DOCUMENT =
  'El documento contiene datos reservados del convenio: solo pueden abrirlo la UGDT y quienes participan en su ' +
  'tramitación. Puede ver su versión, huella y firmas en el detalle.';

/** The read policy on a convenio's files (protocol/read-policy.ts mayOpenDocuments), after canRead. */
function requireOpen(actor: Actor, item: Item) {
  if (!canRead(actor, item)) throw forbidden('No tiene acceso a este documento.');
  if (!mayOpenDocuments(actor, item)) throw forbidden(RESERVED_DOCUMENT);
}

/** A document version as the path names it: a positive integer, nothing else. */
function versionParam(raw: string): number {
  if (!/^[1-9]\d{0,5}$/.test(raw)) throw invalid('Versión de documento inválida: use un número (1, 2, …).');
  return Number(raw);
}

/**
 * A path parameter that does not decode (a lone or invalid percent-encoding such as %ff or %c0%ae): Express
 * reports a URIError, which would otherwise be an internal error.
 */
const badEncoding: ErrorRequestHandler = (err, _req, _res, next) => {
  if (err instanceof URIError)
    next(invalid('La dirección contiene caracteres mal codificados.', { '(ruta)': 'codificación inválida' }));
  else next(err);
};

function sizeText(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1
    ? `${mb.toLocaleString('es-CL', { maximumFractionDigits: 1 })} MB`
    : `${Math.ceil(bytes / 1024).toLocaleString('es-CL')} KB`;
}

const tooLarge = (max: number) =>
  new DomainError('DEMASIADO_GRANDE', `El archivo supera el máximo permitido (${sizeText(max)}).`, {
    archivo: 'demasiado grande',
  });

export const uploadQuery = z
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
  /** The body, read only once the caller may hand it in: at most maxDocumentBytes (413 beyond). */
  const readBody = (req: Request, res: Response) =>
    new Promise<Buffer>((resolve, reject) =>
      raw(req, res, (err?: unknown) => {
        if (!err) resolve(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
        else if ((err as { type?: string }).type === 'entity.too.large') reject(tooLarge(deps.maxDocumentBytes));
        else reject(err);
      }),
    );

  r.post('/convenios/:key/documentos', async (req, res) => {
    // Who calls, what they may do on this convenio now, and what they declare they send: all before one byte of
    // the body is read. A refusal closes the connection, so nothing unread is drained either.
    let item: Convenio;
    let accepted: (typeof ACCEPTED)[keyof typeof ACCEPTED];
    let tipo: keyof typeof ACCEPTED;
    let nombre: string;
    let actor: Actor;
    try {
      actor = await who(req);
      const q = uploadQuery.safeParse(req.query);
      if (!q.success) throw fromZod(q.error, 'Datos del archivo inválidos', { topLevel: true });
      ({ tipo, nombre } = q.data);
      accepted = ACCEPTED[tipo];
      item = (await loadVisible(deps.repo, 'convenio', req.params.key as string, actor)) as Convenio;
      const verb = tipo === 'firmado_fea' ? 'subir_firmado_fea' : 'registrar_borrador';
      if (!allowedActions(item, actor).some((a) => a.verb === verb)) {
        const step = CONVENIO_TRANSITIONS[verb];
        if (!step.from.includes(item.state))
          throw badTransition(
            `«${step.label}» no corresponde con el convenio en ${CONVENIO_STATE_LABELS[item.state]}; ` +
              `se hace en ${step.from.map((st) => CONVENIO_STATE_LABELS[st]).join(' o ')}.`,
          );
        const refusal = forbidden(`No le corresponde «${step.label}» en ${item.reference}.`);
        // Kept for Control like every refused command (the API's and the cards' refusals go to the same table).
        await deps.repo.recordDenied(actor, item.id, verb, refusal);
        throw refusal;
      }
      const declared = Number(req.get('content-length') ?? NaN);
      if (Number.isFinite(declared) && declared > deps.maxDocumentBytes) throw tooLarge(deps.maxDocumentBytes);
      if (!req.is(accepted.type))
        throw new DomainError('TIPO_NO_SOPORTADO', `El archivo debe ser ${accepted.what}.`, { archivo: 'tipo' });
    } catch (e) {
      res.set('connection', 'close');
      throw e;
    }
    let body: Buffer;
    try {
      body = await readBody(req, res);
    } catch (e) {
      res.set('connection', 'close');
      throw e;
    }
    if (body.length === 0) throw invalid('El archivo está vacío.', { archivo: 'vacío' });
    if (!startsWith(body, accepted.magic))
      throw new DomainError('TIPO_NO_SOPORTADO', `El archivo debe ser ${accepted.what}.`, { archivo: 'tipo' });
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
    if (!kind.success) throw invalid(KIND_ERROR, { tipo: 'inválido' });
    requireOpen(actor, item);
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
    const kind = req.params.kind as string;
    if (!isDocumentKind(kind)) throw invalid(KIND_ERROR, { tipo: 'inválido' });
    const version = versionParam(req.params.version as string);
    requireOpen(actor, item);
    const doc = item.documents.find((d) => d.kind === kind && d.version === version);
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
  r.use(badEncoding);
  return r;
}

/** The new addresses' segments: exactly these shapes, compared before anything is decoded. */
const REFERENCE_SEGMENT = /^CONV-\d{4}-\d{4,6}$/;
const NO_DOCUMENT = 'No existe ese documento.';
const BAD_ADDRESS = 'La dirección del documento no es válida.';

/** One segment of an old path-shaped address, decoded once; anything that could climb or hide a separator is refused. */
function legacySegment(raw: string): string {
  let text: string;
  try {
    text = decodeURIComponent(raw);
  } catch {
    throw invalid(BAD_ADDRESS, { '(ruta)': 'codificación inválida' });
  }
  // eslint-disable-next-line no-control-regex
  if (text === '' || text === '.' || /%|\\|\/|\u0000|\.\./.test(text))
    throw invalid(BAD_ADDRESS, { '(ruta)': 'segmento no permitido' });
  return text;
}

/** The newest stored version of a kind, or the one numbered `version`. */
function pickDocument(c: Convenio, kind: DocumentKind, version?: number): DocumentVersion | undefined {
  const stored = c.documents.filter((d) => d.kind === kind && d.storageVersionId);
  if (version !== undefined) return stored.find((d) => d.version === version);
  return stored.reduce<DocumentVersion | undefined>((a, d) => (!a || d.version > a.version ? d : a), undefined);
}

/**
 * GET /documentos/<referencia>/<tipo>[/<versión>][?enlace=…]: a convenio document of the local documents folder.
 * The address names a document record (the convenio's `documents[]` entry: reference, kind, version), never a
 * file: the convenio is found by its reference, the version among its documents, and the file at the convenio's
 * own `documentPath`. Whoever the read policy lets open the convenio's files gets it with their identity; a link
 * made by the store (`enlace`, an HMAC of the convenio's id and the kind) opens that document for a browser that
 * carries no identity, as a SharePoint link would. An identified caller is always held to the read policy.
 *
 * The old path-shaped addresses (/documentos/Convenios/<año>/<REF - entidad>/<archivo>[?version=<id>]) recorded
 * before are still answered, only when, decoded once, they are exactly one of the convenio's own document paths.
 */
export function localDocumentsRouter(store: LocalDocumentStore, deps: ApiDeps, who: (req: Request) => Promise<Actor>) {
  const r = Router();

  /** The caller's identity, or the reason there is none (no header: a browser following a link). */
  const identify = async (req: Request): Promise<{ actor?: Actor; missing?: DomainError }> => {
    try {
      return { actor: await who(req) };
    } catch (e) {
      if (isDomainError(e) && e.code === 'NO_AUTENTICADO') return { missing: e };
      throw e;
    }
  };

  async function serve(
    req: Request,
    res: Response,
    find: () => Promise<{ item: Convenio; kind: DocumentKind; doc?: DocumentVersion } | undefined>,
    validLink: (item: Convenio, kind: DocumentKind, token: string) => Promise<boolean>,
  ) {
    const token = typeof req.query.enlace === 'string' ? req.query.enlace : undefined;
    const { actor, missing } = await identify(req);
    // Nobody and no link: nothing is looked up.
    if (!actor && !token) throw missing!;
    const found = await find();
    if (actor) {
      if (!found) throw notFound(NO_DOCUMENT);
      requireOpen(actor, found.item);
    } else if (!found || !(await validLink(found.item, found.kind, token!)))
      throw new DomainError('NO_AUTENTICADO', 'El enlace no es válido para este documento; ábralo desde su tarjeta.');
    const { item, kind, doc } = found;
    if (!doc?.storageVersionId) throw notFound(NO_DOCUMENT);
    const path = documentPath(item, kind);
    const file = await store.read(path, doc.storageVersionId);
    if (!file) throw notFound(NO_DOCUMENT);
    if (sha256Hex(file.bytes) !== doc.sha256)
      throw new DomainError('DOCUMENTO_DISTINTO', 'El archivo guardado no coincide con la versión registrada.');
    // The kind says what the file is (a hand-in was checked by its first bytes): not the name a person gave it.
    sendFile(res, file.bytes, kind === 'borrador' ? DOCX_TYPE : PDF_TYPE, doc.fileName);
  }

  const convenio = async (reference: string): Promise<Convenio | undefined> => {
    const item = await deps.repo.findByReference(reference);
    return item?.kind === 'convenio' ? item : undefined;
  };

  // req.path is the address as sent (not decoded): every segment is matched against a fixed shape.
  r.get(/^\/documentos(?:\/.*)?$/, async (req, res) => {
    const segments = req.path.split('/').slice(2);
    const [ref, kind, version] = segments;
    if (
      (segments.length === 2 || segments.length === 3) &&
      REFERENCE_SEGMENT.test(ref!) &&
      isDocumentKind(kind!) &&
      (version === undefined || /^[1-9]\d{0,5}$/.test(version))
    ) {
      await serve(
        req,
        res,
        async () => {
          const item = await convenio(ref!);
          return item && { item, kind, doc: pickDocument(item, kind, version ? Number(version) : undefined) };
        },
        (item, k, token) => store.validLink({ itemId: item.id, kind: k }, token),
      );
      return;
    }
    if (segments[0] === 'Convenios' && segments.length === 4) {
      const [year, folderName, fileName] = segments.slice(1).map(legacySegment) as [string, string, string];
      const asked = pathText({ folder: `Convenios/${year}/${folderName}`, fileName });
      const reference = /^(CONV-\d{4}-\d{4,6}) - /.exec(folderName)?.[1];
      const storageVersion = typeof req.query.version === 'string' ? req.query.version : undefined;
      await serve(
        req,
        res,
        async () => {
          const item = reference ? await convenio(reference) : undefined;
          const kind = item && DOCUMENT_KINDS.find((k) => pathText(documentPath(item, k)) === asked);
          if (!item || !kind) return undefined;
          const doc = storageVersion
            ? item.documents.find((d) => d.kind === kind && d.storageVersionId === storageVersion)
            : pickDocument(item, kind);
          return { item, kind, ...(doc ? { doc } : {}) };
        },
        (item, k, token) => store.validPathLink(documentPath(item, k), token),
      );
      return;
    }
    throw notFound(NO_DOCUMENT);
  });
  r.use(badEncoding);
  return r;
}
