/** A small structured logger: one JSON line per event on stdout (App Service and Application Insights read it). */
export type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

export function createLogger(level: Level | 'silent', base: Record<string, unknown> = {}): Logger {
  const at =
    (l: Level) =>
    (msg: string, data: Record<string, unknown> = {}) => {
      if (ORDER[l] < ORDER[level]) return;
      process.stdout.write(`${JSON.stringify({ t: new Date().toISOString(), level: l, msg, ...base, ...data })}\n`);
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
