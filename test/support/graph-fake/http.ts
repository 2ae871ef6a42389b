import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Caller } from './token';

/** What a handler answers; the server writes it (or, for a 'reset-after' fault, drops it). */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** A JSON value, raw bytes, or nothing (e.g. 202/204). */
  body?: unknown;
  /** Bytes streamed from where they are kept (a download of a large file), instead of `body`. */
  stream?: { length: number; open: () => NodeJS.ReadableStream };
  /** Set when the request broke Graph's rules (not only the subset's): the router records it as a violation. */
  violation?: string;
}

/** A request as the handlers see it: body already read, path already normalised. */
export interface FakeRequest {
  method: string;
  /** Path with query, as received. */
  rawUrl: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: Buffer;
  /** True when the body was larger than the read limit (then `body` is truncated). */
  bodyTooLarge: boolean;
  requestId: string;
}

/** Graph's JSON content type, as the live service labels it. */
export const GRAPH_JSON =
  'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/** A Graph-style error: `{error: {code, message, innerError: {date, request-id, client-request-id}}}`. */
export function graphError(
  status: number,
  code: string,
  message: string,
  opts: { headers?: Record<string, string>; clientRequestId?: string } = {},
): Reply {
  const requestId = randomUUID();
  return {
    status,
    headers: opts.headers,
    body: {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
          'request-id': requestId,
          'client-request-id': opts.clientRequestId ?? requestId,
        },
      },
    },
  };
}

/**
 * Reads the whole body, keeping at most `limit` bytes: past it the rest is drained (so the client still gets an
 * answer rather than a broken pipe) and `tooLarge` is set.
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<{ body: Buffer; tooLarge: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      tooLarge = true;
      continue;
    }
    chunks.push(chunk);
  }
  return { body: Buffer.concat(chunks), tooLarge };
}

/** `text/plain; charset=utf-8` → `text/plain`. */
export function mediaType(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase() || undefined;
}

export function header(req: { headers: IncomingMessage['headers'] }, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** eTag comparison the way SharePoint is lenient about it: quotes and a weak prefix do not matter. */
export function sameTag(a: string, b: string): boolean {
  const norm = (t: string) =>
    t
      .trim()
      .replace(/^W\//, '')
      .replace(/^"(.*)"$/, '$1');
  return norm(a) === norm(b);
}

/** What an operation handler gets: the request, the subset's path parameters, the checked JSON body, the caller. */
export interface OpContext {
  req: FakeRequest;
  params: Record<string, string>;
  json?: unknown;
  caller: Caller;
  /** For a path-addressed drive item (…/root:/{path}:/…): the drive and the library path the URL named. */
  addressed?: { driveId: string; path: string };
}
