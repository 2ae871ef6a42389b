import type { Duplex } from 'node:stream';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { DomainError, isDomainError, isStorableText, type ErrorCode } from '../../../protocol';
import type { Logger } from '../logger';

/** The one answer to a fault of the service itself: no detail for the caller (the log has it). */
export const INTERNAL_ERROR = {
  error: {
    code: 'ERROR_INTERNO',
    message: 'Ocurrió un error interno. Intente nuevamente en unos minutos.',
    fields: {},
  },
} as const;

/** The protocol's code for an HTTP status that a library (body parser, router, token checks) carries. */
const CODE_OF_STATUS: Record<number, ErrorCode> = {
  400: 'DATOS_INVALIDOS',
  401: 'NO_AUTENTICADO',
  403: 'NO_AUTORIZADO',
  404: 'NO_ENCONTRADO',
  409: 'CONFLICTO_VERSION',
  413: 'DEMASIADO_GRANDE',
  415: 'TIPO_NO_SOPORTADO',
};

/** Spanish messages for the errors of express, body-parser and raw-body, by their `type` (English text never leaks). */
const MESSAGE_OF_TYPE: Record<string, [status: number, message: string, field?: string]> = {
  'entity.parse.failed': [400, 'El cuerpo de la petición no es JSON válido.', 'JSON mal formado'],
  'entity.too.large': [413, 'La petición es demasiado grande.', 'demasiado grande'],
  'encoding.unsupported': [
    415,
    'Codificación de contenido no soportada (Content-Encoding): use gzip, deflate, br o ninguna.',
    'codificación no soportada',
  ],
  'charset.unsupported': [415, 'Juego de caracteres no soportado; use UTF-8.', 'juego de caracteres no soportado'],
  'request.aborted': [400, 'La petición se interrumpió antes de terminar.'],
  'request.size.invalid': [400, 'El tamaño del cuerpo no coincide con Content-Length.', 'tamaño incorrecto'],
  'entity.verify.failed': [403, 'El cuerpo de la petición fue rechazado.'],
  'parameters.too.many': [413, 'La petición tiene demasiados parámetros.'],
};

const MESSAGE_OF_STATUS: Record<number, string> = {
  400: 'La petición no es válida.',
  401: 'Credenciales inválidas o ausentes.',
  403: 'No tiene permiso para esta operación.',
  404: 'No se encontró el recurso solicitado.',
  405: 'Método no permitido para esta dirección.',
  406: 'No se puede responder en el formato pedido.',
  408: 'La petición tardó demasiado.',
  411: 'Falta el largo del cuerpo (Content-Length).',
  413: 'La petición es demasiado grande.',
  414: 'La dirección es demasiado larga.',
  415: 'Tipo de contenido no soportado.',
  416: 'Rango no satisfacible.',
  431: 'Los encabezados de la petición son demasiado grandes.',
};

/**
 * The 4xx status an error from a library carries (http-errors `status`/`statusCode`, a URIError from decoding a
 * path), as a DomainError with a Spanish message; undefined for anything else, which is a 500.
 */
export function clientErrorOf(err: unknown): DomainError | undefined {
  if (isDomainError(err)) return err;
  if (err instanceof URIError)
    return new DomainError('DATOS_INVALIDOS', 'La dirección contiene una codificación por porcentaje inválida.', {
      '(ruta)': 'codificación inválida',
    });
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { status?: unknown; statusCode?: unknown; type?: unknown; message?: unknown };
  const raw = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const known = typeof e.type === 'string' ? MESSAGE_OF_TYPE[e.type] : undefined;
  const status = known?.[0] ?? raw;
  if (status === undefined || status < 400 || status > 499) return undefined;
  let message = known?.[1] ?? MESSAGE_OF_STATUS[status] ?? 'La petición no es válida.';
  let field = known?.[2];
  // The router's "Failed to decode param" (a path such as /api/v1/solicitudes/%ff).
  if (!known && status === 400 && typeof e.message === 'string' && /decode/i.test(e.message)) {
    message = 'La dirección contiene una codificación por porcentaje inválida.';
    field = 'codificación inválida';
  }
  // A body that is not what its Content-Encoding says (zlib's "incorrect header check" and the like).
  else if (
    !known &&
    status === 400 &&
    typeof (err as { code?: unknown }).code === 'string' &&
    /^Z_/.test((err as { code: string }).code)
  ) {
    message = 'El cuerpo no corresponde a la codificación declarada (Content-Encoding).';
    field = 'codificación incorrecta';
  }
  const code = CODE_OF_STATUS[status] ?? 'DATOS_INVALIDOS';
  const out = new DomainError(code, message, field ? { '(cuerpo)': field } : {});
  // Keeps the library's own status when the protocol has no code for it (405, 408, 414…).
  return Object.defineProperty(out, 'status', { value: status });
}

/** The one map from errors to HTTP answers: a Spanish message, a code, the fields; never a stack. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const e = clientErrorOf(err);
    if (res.headersSent) {
      log.error('error tras enviar la respuesta', {
        path: req.path,
        error: err instanceof Error ? err.stack : String(err),
      });
      res.end();
      return;
    }
    if (!e) {
      log.error('error no controlado', {
        path: req.path,
        method: req.method,
        error: err instanceof Error ? err.stack : String(err),
      });
      res.status(500).json(INTERNAL_ERROR);
      return;
    }
    res.status(e.status).json(e.toJSON());
  };
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Paths are decoded once here: a malformed percent-encoding (%ff) or a control character (%00, %0a) in a path is a
 * 400 before any router sees it (PostgreSQL refuses NUL; the router would throw a URIError).
 */
export const pathGuard: RequestHandler = (req, _res, next) => {
  let path: string;
  try {
    path = decodeURIComponent(req.path);
  } catch {
    throw new DomainError('DATOS_INVALIDOS', 'La dirección contiene una codificación por porcentaje inválida.', {
      '(ruta)': 'codificación inválida',
    });
  }
  if (CONTROL.test(path) || !isStorableText(path))
    throw new DomainError('DATOS_INVALIDOS', 'La dirección contiene caracteres no permitidos.', {
      '(ruta)': 'caracteres no permitidos',
    });
  next();
};

/** Query parameters (names and values) never carry control characters nor text PostgreSQL cannot store. */
export const queryGuard: RequestHandler = (req, _res, next) => {
  const q = req.query as Record<string, unknown>;
  for (const [key, value] of Object.entries(q)) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of [key, ...values])
      if (typeof v === 'string' && (CONTROL.test(v) || !isStorableText(v)))
        throw new DomainError('DATOS_INVALIDOS', 'Los parámetros de la consulta contienen caracteres no permitidos.', {
          [CONTROL.test(key) || !isStorableText(key) ? '(consulta)' : key]: 'caracteres no permitidos',
        });
  }
  next();
};

/** JSON nesting beyond this is no request of this API: refused before any schema walks it. */
export const MAX_JSON_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Why a parsed JSON body is refused whatever the route (too deep, NUL or lone surrogates, prototype keys), or undefined. */
export function jsonBodyProblem(body: unknown, maxDepth = MAX_JSON_DEPTH): DomainError | undefined {
  const stack: [unknown, number][] = [[body, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (!isStorableText(v))
        return new DomainError(
          'DATOS_INVALIDOS',
          'El cuerpo contiene caracteres no válidos (NUL o una codificación incompleta).',
          { '(cuerpo)': 'caracteres no válidos' },
        );
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= maxDepth)
      return new DomainError('DATOS_INVALIDOS', 'El cuerpo JSON tiene demasiados niveles de anidamiento.', {
        '(cuerpo)': `máximo ${maxDepth} niveles`,
      });
    if (Array.isArray(v)) for (const x of v) stack.push([x, depth + 1]);
    else
      for (const [k, x] of Object.entries(v)) {
        if (FORBIDDEN_KEYS.has(k) || !isStorableText(k))
          return new DomainError(
            'DATOS_INVALIDOS',
            `Campo no permitido en el cuerpo: «${isStorableText(k) ? k : '?'}».`,
            {
              '(cuerpo)': 'campo no permitido',
            },
          );
        stack.push([x, depth + 1]);
      }
  }
  return undefined;
}

/** After the JSON parser: the body as a whole must be something the store can keep (jsonBodyProblem). */
export const jsonBodyGuard: RequestHandler = (req, _res, next) => {
  const problem = jsonBodyProblem(req.body);
  if (problem) throw problem;
  next();
};

/** API answers (JSON and CSV exports) are personal and current: never kept by a browser or a proxy. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

/**
 * Requests Node's HTTP parser refuses before Express sees them (a URL or headers over 16 KB, a malformed request
 * line): the same Spanish JSON error as every other answer, instead of Node's bare status line.
 */
export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, code, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [
          431,
          'Request Header Fields Too Large',
          'DEMASIADO_GRANDE',
          'La dirección o los encabezados de la petición son demasiado grandes.',
        ]
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'DATOS_INVALIDOS', 'La petición tardó demasiado.']
        : [400, 'Bad Request', 'DATOS_INVALIDOS', 'La petición HTTP está mal formada.'];
  const body = JSON.stringify({ error: { code, message, fields: {} } });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
}
