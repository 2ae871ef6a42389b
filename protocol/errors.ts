/**
 * The one error type of the protocol. `code` decides the HTTP status and the card shown; `message` is Spanish,
 * safe to show to a user; `fields` names the offending inputs (path → message) for forms.
 */
export const ERROR_CODES = {
  DATOS_INVALIDOS: 400,
  NO_AUTENTICADO: 401,
  NO_AUTORIZADO: 403,
  NO_ENCONTRADO: 404,
  TRANSICION_INVALIDA: 409,
  CONFLICTO_VERSION: 409,
  DOCUMENTO_DISTINTO: 409,
  TEMPORIZADOR_OBSOLETO: 409,
  DEMASIADO_GRANDE: 413,
  TIPO_NO_SOPORTADO: 415,
  DEMASIADAS_CONSULTAS: 429,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_CODES[this.code];
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, fields: this.fields } };
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;

export const invalid = (message: string, fields: Record<string, string> = {}) =>
  new DomainError('DATOS_INVALIDOS', message, fields);
export const forbidden = (message: string) => new DomainError('NO_AUTORIZADO', message);
export const notFound = (message: string) => new DomainError('NO_ENCONTRADO', message);
export const badTransition = (message: string) => new DomainError('TRANSICION_INVALIDA', message);
