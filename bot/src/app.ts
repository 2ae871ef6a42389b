import express, { type Express } from 'express';
import { apiRouter, type ApiDeps } from './api/routes';
import { errorHandler } from './api/http-errors';
import type { Logger } from './logger';

/** The HTTP surface: health, the versioned REST API (and, with later issues, /api/messages and the tab). */
export function createApp(deps: ApiDeps & { log: Logger; maxBodyBytes: number; instanceId: string }): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });
  app.get('/healthz', async (_req, res) => {
    try {
      await deps.db.query('SELECT 1');
      res.json({ status: 'ok', database: deps.db.engine, instance: deps.instanceId });
    } catch {
      res.status(503).json({ status: 'sin base de datos', database: deps.db.engine, instance: deps.instanceId });
    }
  });
  app.use('/api/v1', express.json({ limit: deps.maxBodyBytes, strict: true }), apiRouter(deps));
  app.use(errorHandler(deps.log));
  return app;
}
