// A file delivered with a request (issue 15) travels in parts: declared first (POST …/archivos: name, size, media
// type, which the service checks before a byte is read), then sent in 8 MiB parts with Content-Range (PUT
// /archivos/{id}). A part that fails is not sent blindly again: the service is asked what it holds (GET
// /archivos/{id}, `recibido`) and the upload continues from there, a few times with a growing wait, then stops and
// lets the person retry. The service's Spanish errors are kept as they come (ApiError.message). No words here.
import { ApiError, deletePath, getJson, postJson, putBytes } from './api';

/** The most the service takes in one PUT (API contract: 8 MiB). */
export const PART_BYTES = 8 * 1024 * 1024;

/** How many consecutive failures are retried on their own before the person is asked (Reintentar). */
export const AUTO_RETRIES = 4;

/** The wait before the n-th consecutive retry (1, 2, 4, 8 s). */
export const retryDelayMs = (attempt: number): number => 1000 * 2 ** Math.max(0, attempt - 1);

/** POST /solicitudes/{ref}/archivos → 201. */
export interface DeclaredUpload {
  id: string;
  nombre: string;
  tamano: number;
  tipo: string;
  recibido: number;
  subirEn: string;
}

/** The last part's answer (200): the file as the service stored and hashed it. */
export interface StoredUpload {
  id: string;
  nombre: string;
  tamano: number;
  tipo: string;
  sha256: string;
}

/** GET /archivos/{id}. */
export interface UploadState {
  id: string;
  nombre: string;
  tamano: number;
  tipo: string;
  recibido: number;
  estado: 'subiendo' | 'completo' | 'entregado' | 'descartado';
  sha256?: string;
}

const uploadPath = (id: string) => `/api/v1/archivos/${encodeURIComponent(id)}`;

/**
 * The media types the service knows a data file by, from its extension, for when the browser gives none (it leaves
 * File.type empty for an extension the system does not map, e.g. .geojson). Anything else is sent as what it is,
 * application/octet-stream, and the service says which types it takes.
 */
const BY_EXTENSION: Record<string, string> = {
  csv: 'text/csv',
  txt: 'text/plain',
  json: 'application/json',
  geojson: 'application/geo+json',
  pdf: 'application/pdf',
  xml: 'application/xml',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  zip: 'application/zip',
};

export function mediaTypeOf(file: { name: string; type: string }): string {
  if (file.type) return file.type;
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  return (ext && BY_EXTENSION[ext]) || 'application/octet-stream';
}

/** Declares the file; the service refuses a bad name, an empty file, one too large or of a type not allowed (422). */
export function declareUpload(reference: string, file: File): Promise<DeclaredUpload> {
  return postJson<DeclaredUpload>(`/api/v1/solicitudes/${encodeURIComponent(reference)}/archivos`, {
    nombre: file.name,
    tamano: file.size,
    tipo: mediaTypeOf(file),
  });
}

export const uploadState = (id: string): Promise<UploadState> => getJson<UploadState>(uploadPath(id));

/** Discards an upload not yet delivered (DELETE → 204). */
export const discardUpload = (id: string): Promise<void> => deletePath(uploadPath(id));

/** The upload was discarded or already delivered meanwhile (another window): it cannot continue. */
export class UploadClosed extends Error {
  constructor(readonly state: 'entregado' | 'descartado') {
    super(state);
  }
}

/** Whether a failure may pass by itself: no connection, a timeout, a conflict on the offset, a busy or failing service. */
export function retryable(e: unknown): boolean {
  if (!(e instanceof ApiError)) return false;
  return e.status === 0 || e.status === 408 || e.status === 409 || e.status === 429 || e.status >= 500;
}

/** Sends the parts from byte `from` to the end; the last part's answer is the stored file. */
async function sendParts(
  upload: { id: string; subirEn?: string },
  file: Blob,
  from: number,
  signal: AbortSignal,
  onProgress: (received: number) => void,
): Promise<StoredUpload> {
  const path = upload.subirEn ?? uploadPath(upload.id);
  const total = file.size;
  let start = from;
  for (;;) {
    const end = Math.min(start + PART_BYTES, total);
    const res = await putBytes<{ recibido?: number } & Partial<StoredUpload>>(
      path,
      file.slice(start, end),
      { 'content-type': 'application/octet-stream', 'content-range': `bytes ${start}-${end - 1}/${total}` },
      signal,
    );
    if (res.status === 200 && typeof res.body.sha256 === 'string') {
      onProgress(total);
      return res.body as StoredUpload;
    }
    const received = typeof res.body.recibido === 'number' ? res.body.recibido : end;
    onProgress(received);
    if (received <= start || received >= total)
      // The service did not move forward (or says it has everything without a hash): ask it where it stands.
      throw new ApiError(409, 'DESFASE', '');
    start = received;
  }
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(new DOMException('aborted', 'AbortError'));
    const t = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        reject(new DOMException('aborted', 'AbortError'));
      },
      { once: true },
    );
  });

export interface SendOptions {
  signal: AbortSignal;
  onProgress: (received: number) => void;
  /** Before waiting `delayMs` to retry (the `attempt`-th consecutive one of `of`). */
  onRetry?: (attempt: number, of: number, delayMs: number) => void;
  /** Ask the service first (a resumed upload); else start at `from`. */
  askFirst?: boolean;
  from?: number;
  retries?: number;
  delay?: (attempt: number) => number;
}

/**
 * Sends `file` to the declared upload, resuming after each failure from what the service says it received. Throws
 * the last error once `retries` consecutive failures went by without progress, or at once for an error that will not
 * pass by itself (403, 404, 422…); an abort throws an AbortError.
 */
export async function sendResumable(
  upload: { id: string; subirEn?: string },
  file: Blob,
  opts: SendOptions,
): Promise<StoredUpload> {
  const { signal, onProgress, onRetry, retries = AUTO_RETRIES, delay = retryDelayMs } = opts;
  let from = opts.from ?? 0;
  let ask = opts.askFirst ?? false;
  let failures = 0;
  let lastError: unknown;
  for (;;) {
    if (signal.aborted) throw new DOMException('aborted', 'AbortError');
    try {
      if (ask) {
        const st = await uploadState(upload.id);
        if (st.estado === 'completo' && st.sha256)
          return { id: st.id, nombre: st.nombre, tamano: st.tamano, tipo: st.tipo, sha256: st.sha256 };
        if (st.estado === 'entregado' || st.estado === 'descartado') throw new UploadClosed(st.estado);
        if (st.estado !== 'subiendo') throw new Error(`upload ${upload.id}: ${st.estado} without a hash`);
        if (st.recibido > from) failures = 0; // it did move forward
        from = st.recibido;
        onProgress(from);
        ask = false;
      }
      return await sendParts(upload, file, from, signal, (n) => {
        if (n > from) failures = 0;
        from = n;
        onProgress(n);
      });
    } catch (e) {
      if (signal.aborted) throw new DOMException('aborted', 'AbortError');
      if (!retryable(e)) throw e;
      lastError = e;
      failures += 1;
      if (failures > retries) throw lastError;
      const wait = delay(failures);
      onRetry?.(failures, retries, wait);
      await sleep(wait, signal);
      ask = true;
    }
  }
}
