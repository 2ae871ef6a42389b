import express, { type Express, type RequestHandler, type Router } from 'express';
import { DomainError } from '../../protocol';
import { apiRouter, callerIdentity } from './api/routes';
import { documentApiRouter, localDocumentsRouter, type DocumentRouteDeps } from './api/document-routes';
import { fileUploadRouter } from './api/file-routes';
import { errorHandler, jsonBodyGuard, noStore, pathGuard, queryGuard } from './api/http-errors';
import { OPENAPI_PATH, openApiDocument } from './api/openapi';
import { serverTiming } from './server-timing';
import { requestLog } from './observability/request-log';
import { securityHeaders, tabStatic } from './web/tab-static';
import { transparencyRouter } from './api/transparency-routes';
import type { RateLimit } from './api/rate-limit';
import type { Logger } from './logger';

/** A body the API would silently ignore is refused instead: the caller learns what to send. */
const requireJson: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
  if (req.method !== 'GET' && hasBody && !req.is('application/json'))
    throw new DomainError('TIPO_NO_SOPORTADO', 'El cuerpo debe ser JSON (Content-Type: application/json).', {
      '(cuerpo)': 'tipo de contenido no soportado',
    });
  next();
};

/** The HTTP surface: health, /api/messages (the bot), the versioned REST API and the tab's static files. */
export function createApp(
  deps: DocumentRouteDeps & {
    log: Logger;
    maxBodyBytes: number;
    instanceId: string;
    teams?: Router;
    /** The tab's build folder (TAB_DIR). */
    tabDir: string;
    /** PUBLIC_URL: over https the answers also carry Strict-Transport-Security. */
    publicUrl: string;
    /** The public register's rate limit per client address (default DEFAULT_PUBLIC_RATE_LIMIT). */
    transparencyRateLimit?: RateLimit;
  },
): Express {
  const app = express();
  const log = deps.log.child({ module: 'http' });
  app.disable('x-powered-by');
  // First: the request id and the access log cover everything after it, refusals included.
  app.use(requestLog(log));
  app.use(serverTiming);
  app.set('query parser', 'simple');
  app.use(securityHeaders({ https: deps.publicUrl.startsWith('https://') }));
  // Every path and query string is checked once, before any router (issue 11: %ff, NUL, control characters).
  app.use(pathGuard, queryGuard);
  app.get('/healthz', async (_req, res) => {
    try {
      await deps.db.query('SELECT 1');
      res.json({ status: 'ok', database: deps.db.engine, instance: deps.instanceId });
    } catch {
      res.status(503).json({ status: 'sin base de datos', database: deps.db.engine, instance: deps.instanceId });
    }
  });
  if (deps.teams) app.use(deps.teams);
  const who = callerIdentity(deps);
  app.use('/api/v1', noStore);
  // The API's reference is readable without sign-in: it describes routes and shapes, holds no data, and a client
  // (or a person setting one up) needs it before having any identity.
  app.get(OPENAPI_PATH, (_req, res) => {
    res.json(openApiDocument());
  });
  // Files, not JSON: before the API's JSON guard.
  app.use('/api/v1', documentApiRouter(deps, who));
  // The parts of a delivered file's upload (issue 15): raw bytes, streamed to disk, never parsed.
  app.use('/api/v1', fileUploadRouter(deps, who));
  if (deps.localDocuments) app.use(localDocumentsRouter(deps.localDocuments, deps, who));
  app.use(
    '/api/v1',
    requireJson,
    express.json({ limit: deps.maxBodyBytes, strict: true }),
    jsonBodyGuard,
    apiRouter(deps),
  );
  // The public register: no sign-in, reads only published_convenios (Ley 21.719).
  app.use(
    transparencyRouter({
      db: deps.db,
      now: deps.rt.now,
      ...(deps.transparencyRateLimit ? { rateLimit: deps.transparencyRateLimit } : {}),
    }),
  );
  app.use(tabStatic(deps.tabDir));
  app.use(errorHandler(log));
  return app;
}
