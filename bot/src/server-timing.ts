import type { RequestHandler } from 'express';

/**
 * Adds `Server-Timing: app;dur=<ms>` to every response: the time from the request reaching the app to its
 * headers leaving, which operators see in browser tools and the benchmark reads as server time.
 */
export const serverTiming: RequestHandler = (_req, res, next) => {
  const started = process.hrtime.bigint();
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => typeof res;
  res.writeHead = ((...args: unknown[]) => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (!res.headersSent) res.setHeader('Server-Timing', `app;dur=${ms.toFixed(2)}`);
    return writeHead(...args);
  }) as typeof res.writeHead;
  next();
};
