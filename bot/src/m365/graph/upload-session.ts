import { graphError, type M365Http } from './http';

/** Graph requires every chunk but the last to be a multiple of 320 KiB. */
export const CHUNK_UNIT = 320 * 1024;
/** 10 units (3.2 MB): small enough to retry cheaply, large enough to keep the request count low. */
export const DEFAULT_CHUNK = 10 * CHUNK_UNIT;

export interface UploadSessionOptions {
  chunkBytes?: number;
  /** How many times a failed chunk is resumed from what the session says it has, before giving up. */
  maxResumes?: number;
}

/** "a-b" or "a-" ranges from nextExpectedRanges: the first missing byte. */
function firstMissing(ranges: string[] | undefined): number | undefined {
  const first = ranges?.[0];
  if (!first) return undefined;
  const start = Number(first.split('-')[0]);
  return Number.isFinite(start) ? start : undefined;
}

/**
 * Sends `bytes` to an upload session URL in chunks with Content-Range. The URL is pre-authenticated: it must be
 * sent no Authorization header (Graph answers 401 if it is). After a failed chunk (reset, timeout, 5xx) the session
 * is asked what it already has and the upload resumes from there. Returns the driveItem JSON of the finished file.
 */
export async function uploadInChunks(
  http: M365Http,
  uploadUrl: string,
  bytes: Uint8Array,
  opts: UploadSessionOptions = {},
): Promise<Record<string, unknown>> {
  const chunk = opts.chunkBytes ?? DEFAULT_CHUNK;
  if (chunk % CHUNK_UNIT !== 0) throw new Error(`el tamaño de fragmento debe ser múltiplo de 320 KiB (${chunk})`);
  const total = bytes.byteLength;
  let offset = 0;
  let resumes = 0;
  for (;;) {
    const end = Math.min(offset + chunk, total) - 1;
    try {
      const res = await http.fetch(uploadUrl, {
        method: 'PUT',
        headers: { 'content-range': `bytes ${offset}-${end}/${total}`, 'content-length': String(end - offset + 1) },
        body: bytes.subarray(offset, end + 1),
      });
      if (res.status === 200 || res.status === 201) return (await res.json()) as Record<string, unknown>;
      if (res.status === 202) {
        const body = (await res.json()) as { nextExpectedRanges?: string[] };
        offset = firstMissing(body.nextExpectedRanges) ?? end + 1;
        continue;
      }
      throw await graphError(res, 'fragmento de la sesión de carga');
    } catch (e) {
      if (++resumes > (opts.maxResumes ?? 5)) throw e;
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
