import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * What the service knows about the request it is handling, carried across awaits: the request id (from
 * `X-Request-Id`, the Teams activity id, or generated) goes into every log line, audit event payload and outbox row
 * written while handling it. Outside a request (timers, the outbox worker, start-up) there is no context.
 */
export interface RequestContext {
  /** Set when the context starts; only adoptRequestId replaces it (the Teams activity id, once the body is read). */
  requestId: string;
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

/**
 * Runs `fn` under `requestId` (when acceptable): the current request takes it as its id, so what was logged before
 * and the access line after share one context; outside a request `fn` runs in a new one. Answers the id in force.
 */
export function adoptRequestId<T>(requestId: string | undefined, fn: (requestId: string) => T): T {
  const context = storage.getStore();
  if (!context) {
    const id = requestId ?? newRequestId();
    return storage.run({ requestId: id }, () => fn(id));
  }
  if (requestId) context.requestId = requestId;
  return fn(context.requestId);
}

/** Records who the current request's caller is (their directory id), for the access log. */
export function noteCaller(personId: string): void {
  const context = storage.getStore();
  if (context) context.callerId = personId;
}
