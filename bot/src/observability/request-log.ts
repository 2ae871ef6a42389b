import type { Request, RequestHandler, Response } from 'express';
import { trace } from '@opentelemetry/api';
import type { Logger } from '../logger';
import { acceptableRequestId, newRequestId, runWithRequest, type RequestContext } from '../request-context';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** Longest path an access log line carries (a probe may send anything). */
const MAX_LOGGED_PATH = 200;

/** The path without its query string: query values may hold personal data (a search, a name). */
function pathOf(req: Request): string {
  const url = req.originalUrl ?? req.url;
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  return path.length > MAX_LOGGED_PATH ? `${path.slice(0, MAX_LOGGED_PATH)}…` : path;
}

/** The route pattern that answered (`/api/v1/convenios/:key/documentos`), when one did. */
function routeOf(req: Request): string | undefined {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  return route && typeof route.path === 'string' ? `${req.baseUrl}${route.path}` : undefined;
}

/**
 * The request id and the access log. The id comes from `X-Request-Id` when it is acceptable, is generated
 * otherwise, is answered in `X-Request-Id`, and every log line written while handling the request carries it (the
 * handler runs inside runWithRequest). /api/messages replaces it with the Teams activity id once the body is read
 * (adoptRequestId in bot/src/teams/index.ts), in this same context. One `info` line per request when the answer is sent (`debug` for /healthz): method, path
 * without query string, route, status, duration, request id and the caller's directory id when known.
 */
export function requestLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const context: RequestContext = { requestId: acceptableRequestId(req.get(REQUEST_ID_HEADER)) ?? newRequestId() };
    answerRequestId(res, context.requestId);
    const done = (aborted: boolean) => {
      const { callerId } = context;
      const route = routeOf(req);
      const line = {
        method: req.method,
        path: pathOf(req),
        ...(route ? { route } : {}),
        status: res.statusCode,
        durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
        ...(callerId ? { callerId } : {}),
        ...(aborted ? { aborted: true } : {}),
      };
      // Written in the request's own context, so the line carries the id the answer carried.
      runWithRequest(context, () => {
        if (req.path === '/healthz') log.debug('solicitud http', line);
        else log.info('solicitud http', line);
      });
    };
    res.once('finish', () => done(false));
    // A client that leaves before the answer: logged once, as aborted.
    res.once('close', () => {
      if (!res.writableFinished) done(true);
    });
    runWithRequest(context, next);
  };
}

/**
 * Answers `requestId` in X-Request-Id and, with telemetry on, puts it on the request in Application Insights
 * (customDimensions["app.request_id"]).
 */
export function answerRequestId(res: Response, requestId: string): void {
  res.setHeader(REQUEST_ID_HEADER, requestId);
  trace.getActiveSpan()?.setAttribute('app.request_id', requestId);
}
