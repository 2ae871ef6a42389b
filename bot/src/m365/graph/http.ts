import {
  Agent,
  fetch as undiciFetch,
  type RequestInit as UndiciRequestInit,
  type Response as UndiciResponse,
} from 'undici';
import { RetryLater } from '../../retry-later';

/**
 * The HTTP transport of every Microsoft 365 call (Graph, upload sessions, Entra ID tokens): undici with a
 * connection pool, a per-request timeout and, when configured, an extra trusted CA (a corporate proxy, or the test
 * suite's Graph fake with its self-signed certificate). No global state is changed: other HTTPS traffic of the
 * process keeps the system's trust store.
 */
export interface M365Http {
  fetch(url: string, init?: UndiciRequestInit): Promise<UndiciResponse>;
  close(): Promise<void>;
}

export function createM365Http(opts: { caPem?: string; timeoutMs?: number } = {}): M365Http {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const dispatcher = new Agent({
    connect: opts.caPem ? { ca: opts.caPem } : {},
    keepAliveTimeout: 10_000,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  return {
    fetch: (url, init = {}) =>
      undiciFetch(url, { ...init, dispatcher, signal: init.signal ?? AbortSignal.timeout(timeoutMs) }),
    close: () => dispatcher.close(),
  };
}

/** Seconds or an HTTP date, as Retry-After may carry either; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A Graph (or upload URL) answer that is not a success, with what the outbox needs to decide when to retry. */
export class GraphCallError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | undefined,
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
  }
}

/**
 * Turns a failed Graph call into the outbox's terms: throttling and unavailability carry their Retry-After
 * (RetryLater), everything else is an ordinary error retried with backoff and, at the end, dead-lettered.
 */
export function toDeliveryError(e: unknown, what: string): Error {
  if (e instanceof GraphCallError) {
    const message = `${what}: Graph respondió ${e.status}${e.code ? ` ${e.code}` : ''} (${e.message})`;
    if ((e.status === 429 || e.status === 503 || e.status === 504) && e.retryAfterMs !== undefined)
      return new RetryLater(message, e.retryAfterMs);
    return new Error(message);
  }
  const err = e as Error & { cause?: { code?: string } };
  const cause = err?.cause?.code ? ` [${err.cause.code}]` : '';
  return new Error(`${what}: ${err?.message ?? String(e)}${cause}`);
}

/** Reads a Graph error body ({error: {code, message}}) if there is one. */
export async function graphError(res: UndiciResponse, what: string): Promise<GraphCallError> {
  let code: string | undefined;
  let message = res.statusText || 'error';
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    code = body.error?.code;
    message = body.error?.message ?? message;
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  return new GraphCallError(`${what}: ${message}`, res.status, code, retryAfterMs(res.headers.get('retry-after')));
}
