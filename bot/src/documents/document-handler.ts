// The outbox's document work: generate the convenio draft (.docx) and the completion certificate (PDF), keep
// their bytes, store them in the library (SharePoint, or the local folder), set the library's columns and record
// where each one lives in the convenio (system command registrar_documento). Every step is safe to repeat: a retry
// after a timeout or a crash finds what the earlier attempt already did.
import {
  CONVENIO_STATE_LABELS,
  findPerson,
  formatDate,
  municipalSigningCapacity,
  toLocalDate,
  ROLE_LABELS,
  SYSTEM_ACTOR,
  type Convenio,
  type Directory,
  type DocumentKind,
  type DocumentVersion,
  type Effect,
  type LocalDate,
  type ProtocolSettings,
  type Signer,
} from '../../../protocol';
import type { EffectHandler, OutboxRow } from '../jobs/outbox-worker';
import type { Logger } from '../logger';
import {
  convenioFolder,
  sha256Hex,
  type DocumentPath,
  type DocumentStore,
  type LibraryFields,
} from '../m365/document-store';
import type { Sql } from '../store/db';
import type { ItemsRepo } from '../store/items-repo';
import { certificateFileName, draftFileName, signedFileName } from './file-names';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const PDF_TYPE = 'application/pdf';

export interface DocumentHandlerDeps {
  db: Sql;
  repo: ItemsRepo;
  store: DocumentStore;
  directory: Directory;
  timeZone: string;
  log?: Logger;
  /** The decree that approves the protocol itself (§6), cited by the draft and the certificate. */
  protocolDecree?: ProtocolSettings['protocolDecree'];
}

/**
 * The one file each kind of document is kept in; its versions are the storage's versions of that file. Built from
 * the convenio alone (reference, entity), never from a request: it also names the record (`document`), with
 * `version` when the path is about one document version (what the local folder's addresses point to).
 */
export function documentPath(c: Convenio, kind: DocumentKind, version?: number): DocumentPath {
  const folder = convenioFolder(c.reference, c.entity.name);
  const fileName =
    kind === 'borrador' ? draftFileName(c) : kind === 'certificado' ? certificateFileName(c) : signedFileName(c);
  return {
    folder,
    fileName,
    document: { itemId: c.id, reference: c.reference, kind, ...(version !== undefined ? { version } : {}) },
  };
}

const KIND_LABELS: Record<DocumentKind, string> = {
  borrador: 'Borrador',
  firmado_fea: 'Firmado con FEA',
  certificado: 'Certificado de tramitación',
};

export function libraryFields(c: Convenio, d: Pick<DocumentVersion, 'kind' | 'version' | 'sha256'>): LibraryFields {
  return {
    reference: c.reference,
    state: CONVENIO_STATE_LABELS[c.state],
    parties: `Municipalidad de Quillota; ${c.entity.name} (RUT ${c.entity.rut})`,
    // Date columns: noon UTC is the same calendar day in Chile whatever the season, so SharePoint shows the date.
    ...(c.validity ? { validFrom: `${c.validity.start}T12:00:00Z`, validTo: `${c.validity.end}T12:00:00Z` } : {}),
    documentKind: KIND_LABELS[d.kind],
    documentVersion: d.version,
    sha256: d.sha256,
  };
}

/** Saves content under its hash (once: a hash names one content forever). */
export async function keepBlob(
  sql: Sql,
  bytes: Uint8Array,
  contentType: string,
  fileName: string,
  now: Date,
): Promise<string> {
  const sha256 = sha256Hex(bytes);
  await sql.query(
    `INSERT INTO document_blobs (sha256, content, content_type, file_name, size, created_at)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (sha256) DO NOTHING`,
    [sha256, Buffer.from(bytes), contentType, fileName, bytes.byteLength, now.toISOString()],
  );
  return sha256;
}

export async function readBlob(
  sql: Sql,
  sha256: string,
): Promise<{ bytes: Buffer; contentType: string; fileName: string } | undefined> {
  const { rows } = await sql.query<{ content: Uint8Array; content_type: string; file_name: string }>(
    'SELECT content, content_type, file_name FROM document_blobs WHERE sha256 = $1',
    [sha256],
  );
  const r = rows[0];
  return r ? { bytes: Buffer.from(r.content), contentType: r.content_type, fileName: r.file_name } : undefined;
}

/** Under a delegate's name in the draft: the delegation of signature by decree they sign under (rule 1). */
function delegateLine(directory: Directory, c: Convenio, s: Signer, day: LocalDate): string | undefined {
  if (s.side !== 'municipalidad' || !s.personId) return undefined;
  const cap = municipalSigningCapacity(s.personId, c, day, directory, 'designar');
  if (typeof cap === 'string' || cap.kind !== 'delegacion') return undefined;
  const { number, date } = cap.delegation.decree;
  return `Por orden del Alcalde (Decreto Alcaldicio N° ${number} de ${formatDate(date)})`;
}

/** The capacity a person acted in, for the certificate: their first role in the directory. */
function roleOf(directory: Directory, personId: string): string | undefined {
  const role = findPerson(directory, personId)?.roles[0]?.role;
  return role ? ROLE_LABELS[role] : undefined;
}

export function storeDocumentHandler(deps: DocumentHandlerDeps): EffectHandler {
  return async (effect, row) => {
    if (effect.type !== 'store_document') throw new Error(`storeDocumentHandler recibió un efecto ${effect.type}`);
    const item = await deps.repo.get(row.itemId);
    if (item?.kind !== 'convenio') throw new Error(`el documento pedido no es de un convenio (${row.itemId})`);
    const content = await contentFor(deps, item, effect, row);
    if (!content) return;
    const { kind, version, bytes, contentType } = content;
    const path = documentPath(item, kind, version);
    const previous = item.documents.filter((d) => d.kind === kind && d.version < version).at(-1);
    const stored = await deps.store.put(path, bytes, contentType, previous?.storageVersionId);
    await deps.store.setFields(path, libraryFields(item, { kind, version, sha256: stored.sha256 }));
    await deps.repo.execute(
      item.id,
      {
        type: 'registrar_documento',
        document: kind,
        version,
        fileName: path.fileName,
        sha256: stored.sha256,
        url: stored.webUrl,
        storageVersionId: stored.versionId,
        ...(content.auditHead ? { auditHead: content.auditHead } : {}),
      },
      SYSTEM_ACTOR,
    );
    deps.log?.info('documento guardado', {
      referencia: item.reference,
      documento: kind,
      version,
      almacenamiento: deps.store.kind,
      versionAlmacenamiento: stored.versionId,
      nuevo: stored.created,
    });
  };
}

interface Content {
  kind: DocumentKind;
  version: number;
  bytes: Uint8Array;
  contentType: string;
  auditHead?: { seq: number; hash: string };
}

/**
 * What to store for the effect, or nothing when there is nothing left to do: the version is already recorded with
 * its location, a person handed in that version meanwhile, or the convenio ended before the draft was made.
 */
async function contentFor(
  deps: DocumentHandlerDeps,
  c: Convenio,
  effect: Extract<Effect, { type: 'store_document' }>,
  row: OutboxRow,
): Promise<Content | undefined> {
  const kind = effect.document;
  const skip = (why: string) => {
    deps.log?.info('documento sin cambios', { referencia: c.reference, documento: kind, motivo: why });
    return undefined;
  };
  if (effect.sha256) {
    // A file a person handed in: it is in the blobs table since the command that named it.
    const recorded = c.documents.find((d) => d.kind === kind && d.sha256 === effect.sha256);
    if (!recorded) return skip('la versión ya no figura en el convenio');
    if (recorded.storageVersionId) return skip('ya está guardado');
    const blob = await readBlob(deps.db, effect.sha256);
    if (!blob) return skip('se registró solo su huella, sin el archivo');
    return { kind, version: recorded.version, bytes: blob.bytes, contentType: blob.contentType };
  }
  if (kind === 'borrador') {
    const version = effect.version ?? 1;
    if (c.documents.some((d) => d.kind === 'borrador' && d.version >= version)) return skip('versión ya registrada');
    if (c.state !== 'redaccion') return skip(`el convenio está en ${CONVENIO_STATE_LABELS[c.state]}`);
    // Generated as of the command that asked for it: a retry makes the same bytes, so storage can recognise it.
    // Loaded when first needed: the service starts without the .docx and PDF libraries.
    const { renderConvenioDraft } = await import('./convenio-docx');
    const bytes = await renderConvenioDraft(c, {
      version,
      generatedAt: row.createdAt.toISOString(),
      timeZone: deps.timeZone,
      protocolDecree: deps.protocolDecree,
      signerCapacity: (s) => delegateLine(deps.directory, c, s, toLocalDate(row.createdAt, deps.timeZone)),
    });
    await keepBlob(deps.db, bytes, DOCX_TYPE, draftFileName(c), row.createdAt);
    return { kind, version, bytes, contentType: DOCX_TYPE };
  }
  if (kind === 'certificado') {
    if (c.documents.some((d) => d.kind === 'certificado')) return skip('certificado ya registrado');
    // The chain's head is the event that asked for the certificate (the decree): fixed, whatever happens later.
    const { rows } = await deps.db.query<{ hash: string; at: Date }>(
      'SELECT hash, at FROM audit_events WHERE item_id = $1 AND seq = $2',
      [c.id, row.auditSeq],
    );
    const head = rows[0];
    if (!head) throw new Error(`falta el evento ${row.auditSeq} de la cadena de ${c.reference}`);
    const { renderCompletionCertificate } = await import('./certificate-pdf');
    const bytes = await renderCompletionCertificate({
      convenio: asOfDecree(c),
      auditHead: { seq: row.auditSeq, hash: head.hash, at: new Date(head.at).toISOString() },
      generatedAt: row.createdAt.toISOString(),
      timeZone: deps.timeZone,
      roleOf: (personId) => roleOf(deps.directory, personId),
      protocolDecree: deps.protocolDecree,
    });
    await keepBlob(deps.db, bytes, PDF_TYPE, certificateFileName(c), row.createdAt);
    return { kind, version: 1, bytes, contentType: PDF_TYPE, auditHead: { seq: row.auditSeq, hash: head.hash } };
  }
  return skip('nada que generar');
}

/**
 * The convenio as the certificate states it: every document by version and hash, which never change, without where
 * each is stored, which the outbox may record between two attempts. A retry then makes the same bytes, and storage
 * recognises its own earlier upload instead of adding a version.
 */
function asOfDecree(c: Convenio): Convenio {
  return {
    ...c,
    documents: c.documents
      .filter((d) => d.kind !== 'certificado')
      .map(({ url: _url, storageVersionId: _id, ...d }) => d),
  };
}

/** Library columns of every stored document of the convenio, after a change of state or vigencia. */
export function syncDocumentsHandler(deps: DocumentHandlerDeps): EffectHandler {
  return async (effect, row) => {
    if (effect.type !== 'sync_documents') throw new Error(`syncDocumentsHandler recibió un efecto ${effect.type}`);
    const item = await deps.repo.get(row.itemId);
    if (item?.kind !== 'convenio') return;
    // The newest version of each file carries the columns; older ones keep theirs as history in SharePoint.
    const newest = new Map<DocumentKind, DocumentVersion>();
    for (const d of item.documents) if (d.storageVersionId) newest.set(d.kind, d);
    for (const d of newest.values()) await deps.store.setFields(documentPath(item, d.kind), libraryFields(item, d));
  };
}
