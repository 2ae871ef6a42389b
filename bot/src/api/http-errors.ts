import type { ErrorRequestHandler } from 'express';
import { DomainError, isDomainError } from '../../../protocol';
import type { Logger } from '../logger';

/** The one map from errors to HTTP answers: a Spanish message, a code, the fields; never a stack. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let e: DomainError;
    if (isDomainError(err)) e = err;
    else if (err?.type === 'entity.parse.failed')
      e = new DomainError('DATOS_INVALIDOS', 'El cuerpo de la petición no es JSON válido.', {
        '(cuerpo)': 'JSON mal formado',
      });
    else if (err?.type === 'entity.too.large')
      e = new DomainError('DEMASIADO_GRANDE', 'La petición es demasiado grande.', { '(cuerpo)': 'demasiado grande' });
    else if (err?.type === 'encoding.unsupported' || err?.type === 'charset.unsupported')
      e = new DomainError('DATOS_INVALIDOS', 'Codificación no soportada; use UTF-8.');
    else {
      log.error('error no controlado', {
        path: req.path,
        method: req.method,
        error: err instanceof Error ? err.stack : String(err),
      });
      res.status(500).json({
        error: {
          code: 'ERROR_INTERNO',
          message: 'Ocurrió un error interno. Intente nuevamente en unos minutos.',
          fields: {},
        },
      });
      return;
    }
    res.status(e.status).json(e.toJSON());
  };
}
