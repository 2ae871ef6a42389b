import {
  AuthenticationHandler,
  AuthenticationHandlerOptions,
  Client,
  GraphError,
  RetryHandler,
  RetryHandlerOptions,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import type { GraphCredentials } from './credentials';
import { GraphCallError, retryAfterMs, type M365Http } from './http';

/** The last link of the Graph client's chain: sends through our transport (trust, pool, timeout). */
class TransportHandler implements Middleware {
  constructor(private readonly http: M365Http) {}

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const o = context.options ?? {};
    const res = await this.http.fetch(url, {
      method: o.method,
      headers: o.headers as Record<string, string>,
      body: o.body as string | Uint8Array | undefined,
    });
    context.response = res as unknown as Response;
  }
}

export interface GraphClientOptions {
  /** https://graph.microsoft.com (or a sovereign cloud's, or the test suite's fake). */
  baseUrl: string;
  /** A few quick retries inside one call for 429/503/504 (honouring Retry-After); the outbox retries the rest. */
  inCallRetries?: number;
}

/**
 * The Graph client of the service: @microsoft/microsoft-graph-client with the app-only token, a short in-call
 * retry (the SDK's RetryHandler honours Retry-After) and our transport. A base URL other than Graph's must be
 * listed as a custom host, or the SDK would not attach the token to it.
 */
export function createGraphClient(credentials: GraphCredentials, http: M365Http, opts: GraphClientOptions): Client {
  const base = new URL(opts.baseUrl);
  const auth = new AuthenticationHandler({ getAccessToken: () => credentials.appToken() });
  const retry = new RetryHandler(new RetryHandlerOptions(1, opts.inCallRetries ?? 2));
  const transport = new TransportHandler(http);
  auth.setNext(retry);
  retry.setNext(transport);
  return Client.initWithMiddleware({
    middleware: auth,
    baseUrl: base.origin,
    defaultVersion: 'v1.0',
    ...(base.hostname === 'graph.microsoft.com' ? {} : { customHosts: new Set([base.hostname]) }),
  });
}

/** Middleware options that make one request in the name of a user (on-behalf-of) instead of the app. */
export function asUser(credentials: GraphCredentials, userToken: string): AuthenticationHandlerOptions {
  return new AuthenticationHandlerOptions({ getAccessToken: () => credentials.onBehalfOf(userToken) });
}

/** The SDK's error as ours: status, Graph error code and Retry-After for the outbox. */
export function fromGraphError(e: unknown, what: string): unknown {
  if (e instanceof GraphError)
    return new GraphCallError(
      `${what}: ${e.message}`,
      e.statusCode,
      e.code ?? undefined,
      retryAfterMs(e.headers?.get('retry-after')),
    );
  return e;
}

/** Runs one Graph call, its failure as fromGraphError words it for `what` (the stores' shared wrapper). */
export async function graphCall<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw fromGraphError(e, what);
  }
}
