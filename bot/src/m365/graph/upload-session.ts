import { open } from 'node:fs/promises';
import { GraphCallError, graphError, type M365Http } from './http';

/** Graph requires every chunk but the last to be a multiple of 320 KiB. */
export const CHUNK_UNIT = 320 * 1024;
/** 10 units (3.2 MB): small enough to retry cheaply, large enough to keep the request count low. */
export const DEFAULT_CHUNK = 10 * CHUNK_UNIT;
/** A throttled or unavailable upload URL is waited for in the call up to this long; longer goes back to the outbox. */
export const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;

export interface UploadSessionOptions {
  chunkBytes?: number;
  /** How many times a failed chunk is resumed from what the session says it has, before giving up. */
  maxResumes?: number;
  /**
   * A 429 or 503 with Retry-After is waited for and the upload resumed, when the wait is at most this long; a longer
   * one is thrown (the outbox turns it into RetryLater). A 503 without Retry-After waits one second per resume.
   */
  maxRetryAfterMs?: number;
  /** For tests: how the upload waits (default setTimeout). */
  sleep?: (ms: number) => Promise<void>;
}

/** "a-b" or "a-" ranges from nextExpectedRanges: the first missing byte. */
function firstMissing(ranges: string[] | undefined): number | undefined {
  const first = ranges?.[0];
  if (!first) return undefined;
  const start = Number(first.split('-')[0]);
  return Number.isFinite(start) ? start : undefined;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The chunk loop both forms share: `read(offset, length)` gives the bytes of one chunk (from memory or from disk),
 * each chunk goes with Content-Range, and after a failed chunk (reset, timeout, 5xx, 429) the session is asked what
 * it already has and the upload resumes from there. A 429 or 503 is first waited for (Retry-After). The upload URL
 * is pre-authenticated: it must be sent no Authorization header (Graph answers 401 if it is). Returns the driveItem
 * JSON of the finished file.
 */
async function sendChunks(
  http: M365Http,
  uploadUrl: string,
  total: number,
  read: (offset: number, length: number) => Promise<Uint8Array>,
  opts: UploadSessionOptions,
): Promise<Record<string, unknown>> {
  const chunk = opts.chunkBytes ?? DEFAULT_CHUNK;
  if (chunk % CHUNK_UNIT !== 0) throw new Error(`el tamaño de fragmento debe ser múltiplo de 320 KiB (${chunk})`);
  if (total <= 0) throw new Error('una sesión de carga no admite un archivo vacío');
  const sleep = opts.sleep ?? wait;
  const maxRetryAfter = opts.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  let offset = 0;
  let resumes = 0;
  for (;;) {
    const end = Math.min(offset + chunk, total) - 1;
    // A read error (the file changed under us) is not the network's: it is not resumed.
    const body = await read(offset, end - offset + 1);
    try {
      const res = await http.fetch(uploadUrl, {
        method: 'PUT',
        headers: { 'content-range': `bytes ${offset}-${end}/${total}`, 'content-length': String(end - offset + 1) },
        body,
      });
      if (res.status === 200 || res.status === 201) return (await res.json()) as Record<string, unknown>;
      if (res.status === 202) {
        const status = (await res.json()) as { nextExpectedRanges?: string[] };
        offset = firstMissing(status.nextExpectedRanges) ?? end + 1;
        continue;
      }
      throw await graphError(res, 'fragmento de la sesión de carga');
    } catch (e) {
      if (++resumes > (opts.maxResumes ?? 5)) throw e;
      if (e instanceof GraphCallError && (e.status === 429 || e.status === 503)) {
        // Throttled or unavailable: nothing was stored; wait as told (a 503 may come without Retry-After).
        const ms = e.retryAfterMs ?? (e.status === 503 ? 1000 * resumes : undefined);
        if (ms === undefined || ms > maxRetryAfter) throw e;
        await sleep(ms);
      }
      // Ask the session where it stands: the chunk may have arrived even if its answer did not.
      const status = await http.fetch(uploadUrl, { method: 'GET' });
      if (!status.ok) throw await graphError(status, 'estado de la sesión de carga');
      const body = (await status.json()) as { nextExpectedRanges?: string[]; id?: string };
      const next = firstMissing(body.nextExpectedRanges);
      if (next === undefined) {
        // Nothing missing: the last chunk was the one whose answer was lost, and the file is complete.
        if (body.id) return body as Record<string, unknown>;
        throw e;
      }
      offset = next;
    }
  }
}

/**
 * Sends `bytes` to an upload session URL in chunks with Content-Range (see sendChunks). For bytes already in memory:
 * the generated documents of convenios.
 */
export async function uploadInChunks(
  http: M365Http,
  uploadUrl: string,
  bytes: Uint8Array,
  opts: UploadSessionOptions = {},
): Promise<Record<string, unknown>> {
  return sendChunks(
    http,
    uploadUrl,
    bytes.byteLength,
    async (offset, length) => bytes.subarray(offset, offset + length),
    opts,
  );
}

export interface FileUploadOptions extends UploadSessionOptions {
  /**
   * Called with each chunk as it is read from disk, before it is sent (the same bytes may be read again after a
   * resume: `offset` says where they are). The buffer is reused for the next chunk: copy what must be kept.
   */
  onRead?: (offset: number, bytes: Uint8Array) => void;
}

/**
 * Sends the file at `path` (exactly `size` bytes) to an upload session URL, reading one chunk at a time from disk
 * into one reused buffer: a 250 MB delivery never sits in memory, and a resume simply reads again from the offset
 * the session asks for. The file must not change meanwhile (a short read is an error).
 */
export async function uploadFileInChunks(
  http: M365Http,
  uploadUrl: string,
  file: { path: string; size: number },
  opts: FileUploadOptions = {},
): Promise<Record<string, unknown>> {
  const handle = await open(file.path, 'r');
  try {
    const { size } = await handle.stat();
    if (size !== file.size) throw new Error(`el archivo ${file.path} tiene ${size} bytes y se esperaban ${file.size}`);
    const buffer = Buffer.allocUnsafe(Math.min(opts.chunkBytes ?? DEFAULT_CHUNK, file.size));
    return await sendChunks(
      http,
      uploadUrl,
      file.size,
      async (offset, length) => {
        let filled = 0;
        while (filled < length) {
          const { bytesRead } = await handle.read(buffer, filled, length - filled, offset + filled);
          if (bytesRead === 0)
            throw new Error(`el archivo ${file.path} terminó antes de lo esperado (${offset + filled})`);
          filled += bytesRead;
        }
        const bytes = buffer.subarray(0, length);
        opts.onRead?.(offset, bytes);
        return bytes;
      },
      opts,
    );
  } finally {
    await handle.close();
  }
}
