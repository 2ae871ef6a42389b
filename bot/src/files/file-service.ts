// Delivered data as files (issue 15), the service's side: an upload is declared (checked whole before a byte is
// read), sent in parts of at most 8 MiB to a temporary file under the documents folder (resumable from what the
// record says has arrived), hashed as a stream when the last part lands and handed to the FileStore; a delivery names
// its uploads and the service fills the command's files from its own records; a download is checked, recorded and
// streamed through a hash check. Nothing here buffers a whole file.
import { createHash, randomUUID, type Hash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import {
  allowedActions,
  DomainError,
  findPerson,
  formatDate,
  fromZod,
  MEBIBYTE,
  parseCommand,
  shareDaysFor,
  shareRoleFor,
  SOLICITUD_STATE_LABELS,
  SOLICITUD_TRANSITIONS,
  toLocalDate,
  deliveredFilesRight,
  shareExpiresAt,
  uploadProblem,
  type Actor,
  type ErrorCode,
  type Item,
  type Solicitud,
  type StoredFileRecord,
} from '../../../protocol';
import type { Logger } from '../logger';
import type { FileStore } from '../m365/file-store';
import { requestFolder } from '../m365/file-store';
import { currentRequestId } from '../request-context';
import type { Runtime } from '../runtime';
import type { Db } from '../store/db';
import { FilesRepo, type UploadRow } from '../store/files-repo';
import type { ItemsRepo } from '../store/items-repo';
import { runGrantStep } from './grants';
import { ByteCounter, sha256OfFile, VerifyingStream } from './hashing';

/** The largest part of an upload one request may carry (the contract: at most 8 MiB per PUT). */
export const MAX_CHUNK_BYTES = 8 * MEBIBYTE;
/** The most files one delivery names (protocol: máximo 20 archivos por entrega). */
export const MAX_FILES_PER_DELIVERY = 20;
/** An upload nobody sent a part to for this long is abandoned: its temporary file is removed. */
export const IDLE_UPLOAD_MS = 7 * 24 * 3600 * 1000;
/** Running hashes kept in memory (a few hundred bytes each). */
const HASH_STATES = 1000;

/** An error with the protocol's code but another HTTP status (422, 411), and extra top-level fields. */
function withStatus(e: DomainError, status: number, extra?: Record<string, unknown>): DomainError {
  Object.defineProperty(e, 'status', { value: status });
  if (extra)
    Object.defineProperty(e, 'toJSON', { value: () => ({ ...DomainError.prototype.toJSON.call(e), ...extra }) });
  return e;
}

/** 422 on one field of the declaration (contract: `fields.nombre|tamano|tipo`). */
const unprocessable = (field: string, message: string, code: ErrorCode = 'DATOS_INVALIDOS') =>
  withStatus(new DomainError(code, message, { [field]: message }), 422);

/** 409 that tells the client where to continue from (contract: `{ error, recibido }`). */
const resumeFrom = (received: number, message: string) =>
  withStatus(new DomainError('CONFLICTO_VERSION', message, { 'Content-Range': message }), 409, {
    recibido: received,
  });

const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NO_UPLOAD = 'No existe esa subida de archivo.';

const bytesText = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** The body of POST /solicitudes/{ref}/archivos: what the person declares before sending a byte. */
export const declarationSchema = z
  .object({
    nombre: z.string({
      required_error: 'Indique el nombre del archivo.',
      invalid_type_error: 'El nombre debe ser texto.',
    }),
    tamano: z.number({
      required_error: 'Indique el tamaño del archivo en bytes.',
      invalid_type_error: 'El tamaño debe ser un número de bytes.',
    }),
    tipo: z.string({ required_error: 'Indique el tipo del archivo.', invalid_type_error: 'El tipo debe ser texto.' }),
  })
  .strict();

/** `archivos` of an `entregar`: the upload ids, each once. */
export const deliveryFilesSchema = z
  .array(z.string().regex(UPLOAD_ID, 'cada archivo se indica por el id de su subida'), {
    invalid_type_error: 'indique los archivos como una lista de ids de subida',
  })
  .min(1, 'indique al menos un archivo')
  .max(MAX_FILES_PER_DELIVERY, `máximo ${MAX_FILES_PER_DELIVERY} archivos por entrega`)
  .refine((ids) => new Set(ids.map((i) => i.toLowerCase())).size === ids.length, 'el mismo archivo figura dos veces');

/** The headers of one part, as the route read them. */
export interface PartHeaders {
  contentType?: string;
  contentRange?: string;
  contentLength?: string;
  contentEncoding?: string;
}

/** What the contract answers for an upload (GET /archivos/{id}, and the last part's 200). */
export interface UploadView {
  id: string;
  nombre: string;
  tamano: number;
  tipo: string;
  recibido: number;
  estado: UploadRow['status'];
  sha256?: string;
}

export const uploadView = (u: UploadRow): UploadView => ({
  id: u.id,
  nombre: u.name,
  tamano: u.size,
  tipo: u.mediaType,
  recibido: u.received,
  estado: u.status,
  ...(u.sha256 ? { sha256: u.sha256 } : {}),
});

export interface FileServiceDeps {
  db: Db;
  repo: ItemsRepo;
  rt: Runtime;
  store: FileStore;
  /** Where parts in progress are written (one temporary file per upload). */
  uploadsDir: string;
  log?: Logger;
}

export class FileService {
  readonly files: FilesRepo;
  /** Uploads receiving a part in this instance: a second part at once is told to wait (409 with `recibido`). */
  private readonly busy = new Set<string>();
  /**
   * The SHA-256 of each upload's bytes so far, as they streamed in (at most HASH_STATES uploads): the last part then
   * needs no second read of the file. An upload resumed in another process, or after a restart, has none here and is
   * hashed from its temporary file at the end instead (still a stream).
   */
  private readonly hashes = new Map<string, { at: number; hash: Hash }>();

  constructor(private readonly deps: FileServiceDeps) {
    this.files = new FilesRepo(deps.db);
  }

  get store(): FileStore {
    return this.deps.store;
  }

  now(): Date {
    return this.deps.rt.now();
  }

  get log(): Logger | undefined {
    return this.deps.log;
  }

  /** A person's name as the directory has it (the id when it no longer does). */
  personName(personId: string): string {
    return findPerson(this.deps.rt.directory, personId)?.name ?? personId;
  }

  tempPath(id: string): string {
    return join(this.deps.uploadsDir, `${id.toLowerCase()}.parte`);
  }

  /**
   * Whether `actor` may deliver on `item` now (allowedActions has `entregar`); a refusal by role is kept for Control.
   * Refused with 403 either way (contract), saying whether it is the state or the role.
   */
  private async requireDeliverer(item: Item, actor: Actor, command: string): Promise<void> {
    if (item.kind === 'solicitud' && allowedActions(item, actor).some((a) => a.verb === 'entregar')) return;
    const step = SOLICITUD_TRANSITIONS.entregar;
    if (item.kind === 'solicitud' && !step.from.includes(item.state))
      throw new DomainError(
        'NO_AUTORIZADO',
        `La solicitud ${item.reference} está en estado «${SOLICITUD_STATE_LABELS[item.state]}»: no recibe archivos de entrega.`,
      );
    const refusal = new DomainError('NO_AUTORIZADO', `No le corresponde entregar datos en ${item.reference}.`);
    await this.deps.repo.recordDenied(actor, item.id, command, refusal);
    throw refusal;
  }

  /** POST /solicitudes/{ref}/archivos: the declaration, checked whole (role, state, name, size, type); nothing stored otherwise. */
  async declare(item: Item, actor: Actor, body: unknown): Promise<UploadRow> {
    await this.requireDeliverer(item, actor, 'subir_archivo');
    const s = item as Solicitud;
    const parsed = declarationSchema.safeParse(body);
    if (!parsed.success) {
      const e = fromZod(parsed.error, 'Datos del archivo inválidos', { topLevel: true });
      const [field] = Object.keys(e.fields);
      throw unprocessable(field ?? '(cuerpo)', e.fields[field ?? ''] ?? e.message);
    }
    const { nombre, tamano, tipo } = parsed.data;
    const problem = uploadProblem(
      { name: nombre, size: tamano, mediaType: tipo },
      s.dataset.classification,
      this.deps.rt.settings,
    );
    if (problem) {
      const code: ErrorCode =
        problem.field === 'tipo'
          ? 'TIPO_NO_SOPORTADO'
          : problem.field === 'tamano' && tamano > 0
            ? 'DEMASIADO_GRANDE'
            : 'DATOS_INVALIDOS';
      throw unprocessable(problem.field, problem.message, code);
    }
    return this.files.insertUpload(
      {
        id: randomUUID(),
        itemId: item.id,
        uploaderId: actor.personId,
        uploaderName: actor.name,
        name: nombre,
        size: tamano,
        mediaType: tipo.split(';')[0]!.trim().toLowerCase(),
      },
      this.now(),
    );
  }

  /** The upload as its uploader may see it: 404 for an unknown id, 403 for anyone else (kept for Control). */
  async ownUpload(id: string, actor: Actor, command: string): Promise<UploadRow> {
    if (!UPLOAD_ID.test(id)) throw new DomainError('NO_ENCONTRADO', NO_UPLOAD);
    const upload = await this.files.getUpload(id.toLowerCase());
    if (!upload) throw new DomainError('NO_ENCONTRADO', NO_UPLOAD);
    if (upload.uploaderId !== actor.personId) {
      const refusal = new DomainError('NO_AUTORIZADO', 'Solo quien inició esta subida puede verla o continuarla.');
      await this.deps.repo.recordDenied(actor, upload.itemId, command, refusal);
      throw refusal;
    }
    return upload;
  }

  /**
   * PUT /archivos/{id}: everything about the part is settled from the record and the headers before the body is
   * touched (who, state, range, length, type); then the body streams to the temporary file at its offset. The last
   * part is hashed from disk and stored; the record moves only after the bytes are on disk (and, for the last part,
   * in the store), so an interrupted part is simply sent again from `recibido`.
   */
  async receivePart(
    id: string,
    actor: Actor,
    headers: PartHeaders,
    body: Readable,
  ): Promise<{ done: false; received: number } | { done: true; upload: UploadRow }> {
    const upload = await this.ownUpload(id, actor, 'subir_archivo');
    if (upload.status === 'descartado')
      throw new DomainError('TRANSICION_INVALIDA', `La subida de «${upload.name}» fue descartada; inicie una nueva.`);
    if (upload.status !== 'subiendo')
      throw resumeFrom(upload.received, `«${upload.name}» ya se recibió completo (${bytesText(upload.size)} bytes).`);
    const item = await this.deps.repo.get(upload.itemId);
    if (!item) throw new DomainError('NO_ENCONTRADO', NO_UPLOAD);
    await this.requireDeliverer(item, actor, 'subir_archivo');
    const { start, end, length } = this.partRange(upload, headers);
    if (start !== upload.received)
      throw resumeFrom(
        upload.received,
        `Se esperaba la parte desde el byte ${bytesText(upload.received)}; continúe desde ahí.`,
      );
    if (this.busy.has(upload.id))
      throw resumeFrom(
        upload.received,
        'Otra parte de este archivo se está recibiendo; espere y consulte lo recibido.',
      );
    this.busy.add(upload.id);
    try {
      const path = this.tempPath(upload.id);
      const hash = await this.writePart(upload, path, start, length, body);
      const to = end + 1;
      if (to < upload.size) {
        if (!(await this.files.advance(upload.id, start, to, this.now())))
          throw resumeFrom(
            (await this.files.getUpload(upload.id))?.received ?? start,
            'La subida cambió mientras llegaba esta parte.',
          );
        this.keepHash(upload.id, to, hash);
        return { done: false, received: to };
      }
      const done = await this.finish(upload, item as Solicitud, path, start, hash);
      this.hashes.delete(upload.id);
      return { done: true, upload: done };
    } finally {
      this.busy.delete(upload.id);
    }
  }

  /** The part's range from Content-Range (`bytes a-b/total`), its type and declared length: all before the body. */
  private partRange(upload: UploadRow, h: PartHeaders): { start: number; end: number; length: number } {
    const type = (h.contentType ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/octet-stream')
      throw new DomainError(
        'TIPO_NO_SOPORTADO',
        'Cada parte del archivo se envía tal cual, con Content-Type: application/octet-stream.',
        { 'Content-Type': 'use application/octet-stream' },
      );
    if (h.contentEncoding && h.contentEncoding.trim().toLowerCase() !== 'identity')
      throw new DomainError(
        'TIPO_NO_SOPORTADO',
        'Las partes del archivo se envían sin comprimir (sin Content-Encoding).',
        {
          'Content-Encoding': 'no se acepta',
        },
      );
    const m = /^bytes (\d{1,15})-(\d{1,15})\/(\d{1,15})$/.exec((h.contentRange ?? '').trim());
    if (!m)
      throw new DomainError(
        'DATOS_INVALIDOS',
        'Indique qué parte del archivo envía: Content-Range: bytes <inicio>-<fin>/<total>.',
        { 'Content-Range': 'falta o no es válido' },
      );
    const [start, end, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (total !== upload.size)
      throw new DomainError(
        'DATOS_INVALIDOS',
        `El total de Content-Range (${bytesText(total)}) no es el tamaño declarado de «${upload.name}» (${bytesText(upload.size)} bytes).`,
        { 'Content-Range': 'total distinto del declarado' },
      );
    if (end < start || end >= total)
      throw new DomainError('DATOS_INVALIDOS', 'El rango de Content-Range no está dentro del archivo.', {
        'Content-Range': 'rango inválido',
      });
    const length = end - start + 1;
    if (length > MAX_CHUNK_BYTES)
      throw new DomainError(
        'DEMASIADO_GRANDE',
        `Cada parte puede tener hasta 8 MiB (${bytesText(MAX_CHUNK_BYTES)} bytes); esta tiene ${bytesText(length)}.`,
        { 'Content-Range': 'parte demasiado grande' },
      );
    if (h.contentLength === undefined)
      throw withStatus(
        new DomainError('DATOS_INVALIDOS', 'Indique el largo de la parte (Content-Length).', {
          'Content-Length': 'falta',
        }),
        411,
      );
    if (Number(h.contentLength) !== length)
      throw new DomainError(
        'DATOS_INVALIDOS',
        `Content-Length (${h.contentLength}) no coincide con la parte que indica Content-Range (${bytesText(length)} bytes).`,
        { 'Content-Length': 'no coincide con Content-Range' },
      );
    return { start, end, length };
  }

  /** The hash of the bytes up to `at`, for the next part; the oldest state goes when there are too many. */
  private keepHash(id: string, at: number, hash: Hash | undefined) {
    this.hashes.delete(id);
    if (!hash) return;
    this.hashes.set(id, { at, hash });
    if (this.hashes.size > HASH_STATES) this.hashes.delete(this.hashes.keys().next().value!);
  }

  /**
   * The body, streamed to the temporary file at `start` (whatever lay beyond `start` from a broken part is cut) and
   * into the running hash when this process holds it up to `start`: the hash of the file up to the part's end then.
   */
  private async writePart(
    upload: UploadRow,
    path: string,
    start: number,
    length: number,
    body: Readable,
  ): Promise<Hash | undefined> {
    await mkdir(this.deps.uploadsDir, { recursive: true });
    if (start > 0) {
      const fh = await open(path, 'r+').catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return undefined;
        throw e;
      });
      const onDisk = fh ? (await fh.stat()).size : 0;
      // The disk holds less than the record says (the temporary file was lost): the client goes back to what is there.
      if (!fh || onDisk < start) {
        await fh?.close();
        await this.files.advance(upload.id, start, 0, this.now());
        this.hashes.delete(upload.id);
        await rm(path, { force: true });
        throw resumeFrom(
          0,
          `Lo recibido de «${upload.name}» se perdió en el servicio; envíelo de nuevo desde el inicio.`,
        );
      }
      await fh.truncate(start);
      await fh.close();
    }
    const known = this.hashes.get(upload.id);
    // A copy: if this part fails, the state up to `start` is still there for its retry.
    const hash = start === 0 ? createHash('sha256') : known?.at === start ? known.hash.copy() : undefined;
    const counter = new ByteCounter(length, hash);
    try {
      await pipeline(
        body,
        counter,
        createWriteStream(path, { flags: start === 0 ? 'w' : 'r+', start, highWaterMark: 1024 * 1024 }),
      );
    } catch {
      throw new DomainError(
        'DATOS_INVALIDOS',
        `La parte se interrumpió antes de terminar; envíela de nuevo desde el byte ${bytesText(start)}.`,
        { '(cuerpo)': 'incompleto' },
      );
    }
    if (counter.bytes !== length)
      throw new DomainError(
        'DATOS_INVALIDOS',
        `Llegaron ${bytesText(counter.bytes)} bytes de los ${bytesText(length)} que indica Content-Range; envíe la parte de nuevo.`,
        { '(cuerpo)': 'incompleto' },
      );
    return hash;
  }

  /**
   * The last part is on disk: the hash of the whole file (the running one, else read from disk as a stream), then the
   * store, and only then the record says complete.
   */
  private async finish(
    upload: UploadRow,
    item: Solicitud,
    path: string,
    from: number,
    hash: Hash | undefined,
  ): Promise<UploadRow> {
    const sha256 = hash ? hash.digest('hex') : await sha256OfFile(path);
    const blob = await this.deps.store.put({
      folder: requestFolder(item.reference),
      fileName: upload.name,
      sourcePath: path,
      size: upload.size,
      mediaType: upload.mediaType,
      sha256,
    });
    const done = await this.files.complete(
      upload.id,
      from,
      { sha256, storeKind: this.deps.store.kind, storeRef: blob.ref, ...(blob.webUrl ? { webUrl: blob.webUrl } : {}) },
      this.now(),
    );
    if (!done)
      throw resumeFrom(
        (await this.files.getUpload(upload.id))?.received ?? from,
        'La subida cambió mientras se guardaba.',
      );
    await rm(path, { force: true });
    return done;
  }

  /** DELETE /archivos/{id}: an upload not delivered is given up (its temporary file removed). */
  async discard(id: string, actor: Actor): Promise<void> {
    const upload = await this.ownUpload(id, actor, 'descartar_archivo');
    if (upload.status === 'descartado') return;
    if (upload.status === 'entregado')
      throw new DomainError(
        'TRANSICION_INVALIDA',
        `«${upload.name}» ya forma parte de una entrega registrada: no se puede descartar.`,
      );
    if (this.busy.has(upload.id))
      throw resumeFrom(upload.received, 'Una parte de este archivo se está recibiendo; espere a que termine.');
    if (!(await this.files.discard(upload.id, this.now())))
      throw new DomainError('CONFLICTO_VERSION', `«${upload.name}» cambió mientras se descartaba; consulte su estado.`);
    this.hashes.delete(upload.id);
    await rm(this.tempPath(upload.id), { force: true });
  }

  /**
   * `entregar` with `archivos` (contract §5): each id is resolved to the service's own record (complete, of this
   * request, not delivered), the command gets those `files`, and in one transaction the state changes, the uploads
   * become delivered (bound to the audit event) and the requester's access to each is written with its expiry.
   */
  async deliver(
    item: Item,
    actor: Actor,
    raw: Record<string, unknown>,
    archivos: unknown,
    expectedVersion?: number,
  ): Promise<Item> {
    const ids = deliveryFilesSchema.safeParse(archivos);
    if (!ids.success) {
      const message = ids.error.issues[0]?.message ?? 'archivos inválidos';
      throw new DomainError('DATOS_INVALIDOS', `Entrega inválida: archivos: ${message}.`, { archivos: message });
    }
    const wanted = ids.data.map((i) => i.toLowerCase());
    const next = await this.deps.db.transaction(async (tx) => {
      const rows = new Map((await this.files.lockUploads(tx, wanted)).map((u) => [u.id, u]));
      const files: StoredFileRecord[] = wanted.map((id) => {
        const u = rows.get(id);
        if (!u || u.itemId !== item.id)
          throw new DomainError('DATOS_INVALIDOS', `El archivo ${id} no es una subida de ${item.reference}.`, {
            archivos: 'no es una subida de esta solicitud',
          });
        if (u.status === 'subiendo')
          throw new DomainError(
            'TRANSICION_INVALIDA',
            `«${u.name}» aún no termina de subirse (${bytesText(u.received)} de ${bytesText(u.size)} bytes); termine de subirlo o quítelo de la entrega.`,
            { archivos: 'subida incompleta' },
          );
        if (u.status === 'entregado')
          throw new DomainError('TRANSICION_INVALIDA', `«${u.name}» ya fue entregado.`, { archivos: 'ya entregado' });
        if (u.status === 'descartado')
          throw new DomainError('TRANSICION_INVALIDA', `«${u.name}» fue descartado; súbalo de nuevo.`, {
            archivos: 'descartado',
          });
        return { id: u.id, name: u.name, size: u.size, mediaType: u.mediaType, sha256: u.sha256! };
      });
      const command = parseCommand('solicitud', { ...raw, files });
      const done = await this.deps.repo.executeIn(tx, item.id, command, actor, expectedVersion, item);
      const s = done as Solicitud;
      const at = new Date(s.delivery?.at ?? this.now());
      if ((await this.files.markDelivered(tx, wanted, item.id, done.version, at)) !== wanted.length)
        throw new DomainError('CONFLICTO_VERSION', 'Los archivos cambiaron mientras se registraba la entrega.');
      const requester = findPerson(this.deps.rt.directory, s.requester.personId);
      await this.files.insertGrants(
        tx,
        wanted.map((uploadId) => ({
          uploadId,
          itemId: item.id,
          personId: s.requester.personId,
          ...(requester?.email ? { email: requester.email } : {}),
          role: shareRoleFor(s.dataset.classification, this.deps.rt.settings),
          expiresAt: shareExpiresAt(at, s.dataset.classification, this.deps.rt.settings),
        })),
        this.now(),
      );
      return done;
    });
    // The requester's access in the store now (SharePoint); what fails is retried by the jobs.
    await runGrantStep(this, 'give').catch((e) =>
      this.deps.log?.warn('acceso a archivos entregados: se reintentará', { error: String(e) }),
    );
    return next;
  }

  /**
   * GET /solicitudes/{ref}/archivos/{id}/contenido: who may open it (protocol mayOpenDeliveredFiles; the requester
   * only until the share expiry), the record of the download, then the stored bytes through a hash check.
   */
  async download(
    item: Item,
    actor: Actor,
    fileId: string,
    opts: { record: boolean },
  ): Promise<{ upload: UploadRow & { sha256: string; storeRef: string }; stream?: Readable }> {
    const right = deliveredFilesRight(actor, item);
    if (!right) {
      const refusal = new DomainError(
        'NO_AUTORIZADO',
        'Los archivos entregados solo los abren quien pidió los datos, la UGDT y Control cuando puede ver los datos de la solicitud.',
      );
      await this.deps.repo.recordDenied(actor, item.id, 'descargar_archivo', refusal);
      throw refusal;
    }
    const upload = UPLOAD_ID.test(fileId) ? await this.files.getUpload(fileId.toLowerCase()) : undefined;
    if (!upload || upload.itemId !== item.id || upload.status !== 'entregado' || !upload.sha256 || !upload.storeRef)
      throw new DomainError('NO_ENCONTRADO', `No existe ese archivo entregado en ${item.reference}.`);
    const now = this.now();
    if (right === 'solicitante' && item.kind === 'solicitud') {
      const until = shareExpiresAt(upload.deliveredAt!, item.dataset.classification, this.deps.rt.settings);
      if (now >= until) {
        const refusal = new DomainError(
          'NO_AUTORIZADO',
          `Su acceso a «${upload.name}» terminó el ${formatDate(toLocalDate(new Date(until.getTime() - 1), this.deps.rt.settings.timeZone))}, ` +
            `${shareDaysFor(item.dataset.classification, this.deps.rt.settings)} días corridos después de la entrega. ` +
            'Si aún necesita los datos, pídalos de nuevo o consulte a la UGDT.',
        );
        await this.deps.repo.recordDenied(actor, item.id, 'descargar_archivo', refusal);
        throw refusal;
      }
    }
    const found = upload as UploadRow & { sha256: string; storeRef: string };
    if (!opts.record) return { upload: found };
    let stored: Readable;
    try {
      stored = await this.deps.store.open(upload.storeRef);
    } catch (e) {
      this.deps.log?.error('archivo entregado no encontrado en el almacenamiento', {
        upload: upload.id,
        ref: upload.storeRef,
        error: String(e),
      });
      throw new DomainError(
        'NO_ENCONTRADO',
        `«${upload.name}» no está disponible en el almacenamiento; avise a la UGDT.`,
      );
    }
    await this.files.recordEvent(this.deps.db, {
      at: now,
      itemId: item.id,
      uploadId: upload.id,
      kind: 'descarga',
      actorId: actor.personId,
      actorName: actor.name,
      personId: actor.personId,
      fileName: upload.name,
      sha256: upload.sha256,
      ...(currentRequestId() ? { requestId: currentRequestId() } : {}),
    });
    const verified = new VerifyingStream({ sha256: upload.sha256, size: upload.size });
    // A read error of the store ends the answer too (pipe alone would leave it waiting).
    stored.once('error', (e) => verified.destroy(e));
    return { upload: found, stream: stored.pipe(verified) };
  }
}
