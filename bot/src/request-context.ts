import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * What the service knows about the request it is handling, carried across awaits: the request id (from
 * `X-Request-Id`, the Teams activity id, or generated) goes into every log line, audit event payload and outbox row
 * written while handling it. Outside a request (timers, the outbox worker, start-up) there is no context.
 */
export interface RequestContext {
  readonly requestId: string;
  /** The directory id of the caller once identified (never a name): the access log line carries it. */
  callerId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Accepted from a caller: 1–128 printable ASCII characters without spaces (anything else is replaced). */
const REQUEST_ID = /^[\x21-\x7e]{1,128}$/;

export function acceptableRequestId(candidate: unknown): string | undefined {
  return typeof candidate === 'string' && REQUEST_ID.test(candidate) ? candidate : undefined;
}

export function newRequestId(): string {
  return randomUUID();
}

export function runWithRequest<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** Records who the current request's caller is (their directory id), for the access log. */
export function noteCaller(personId: string): void {
  const context = storage.getStore();
  if (context) context.callerId = personId;
}
