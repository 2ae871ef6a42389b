import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';
import { currentRequestId } from './request-context';

/**
 * The service's logger: pino, one JSON line per event on stdout (App Service and Application Insights read it),
 * with `t` (ISO 8601, UTC), `level` (its name), `msg`, `instance`, `module` (of a child logger), `requestId` (while a
 * request is being handled) and the event's data. Tokens, secrets and Authorization headers are never written.
 */
export type Level = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
  /** A logger whose lines also carry `bindings` (e.g. `{ module: 'outbox' }`). */
  child(bindings: Record<string, unknown>): Logger;
}

/** What replaces a redacted value. */
export const REDACTED = '[redactado]';

/** Keys whose values are never logged, at the top of an event's data or up to two levels inside it. */
const SECRET_KEYS = [
  'authorization',
  'Authorization',
  'cookie',
  'Cookie',
  'set-cookie',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'idToken',
  'id_token',
  'clientSecret',
  'client_secret',
  'client_assertion',
  'password',
  'secret',
  'connectionString',
  'privateKey',
];

const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : `["${k}"]`);
const join = (prefix: string, k: string) => (key(k).startsWith('[') ? `${prefix}${key(k)}` : `${prefix}.${k}`);

/** pino `redact` paths: each secret key at depth 0–2, and the request headers a caller may log whole. */
export const REDACT_PATHS: readonly string[] = [
  ...SECRET_KEYS.flatMap((k) => [key(k), join('*', k), join('*.*', k)]),
  'headers.authorization',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
];

export interface LoggerOptions {
  /** Fields on every line (the instance id). */
  base?: Record<string, unknown>;
  /** Where lines go: stdout by default; tests pass a stream to read them. */
  destination?: DestinationStream;
}

/** The pino instance behind the service's logger (with the request id mixin and the redaction). */
export function createPino(level: Level | 'silent', opts: LoggerOptions = {}): PinoLogger {
  return pino(
    {
      level,
      base: opts.base ?? {},
      messageKey: 'msg',
      timestamp: () => `,"t":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACT_PATHS], censor: REDACTED },
      // Every line written while a request is handled carries its id (bot/src/request-context.ts).
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
    },
    opts.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** The `Logger` interface over a pino logger: message first, data second, as the callers write it. */
export function wrapPino(p: PinoLogger): Logger {
  const at = (l: Level) => (msg: string, data?: Record<string, unknown>) => {
    if (data) p[l](data, msg);
    else p[l](msg);
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (bindings) => wrapPino(p.child(bindings)),
  };
}

export function createLogger(
  level: Level | 'silent',
  base: Record<string, unknown> = {},
  destination?: DestinationStream,
): Logger {
  return wrapPino(createPino(level, { base, ...(destination ? { destination } : {}) }));
}

/** A logger that writes nothing (tests, tools). */
export const silentLogger: Logger = createLogger('silent');
