// What every page of the tab says the same way: loading, a failed load, a retry, an empty list (components/status.tsx,
// use-fetch.ts, register-pages.ts). Spanish (Chile), addressed with «usted».

/** Loading and error blocks (status.tsx). */
export const STATUS = {
  loading: 'Cargando…',
  loadFailed: 'No se pudo cargar',
  retry: 'Reintentar',
  /** A button's spinner while its request is on its way. */
  sending: 'Enviando',
} as const;

/** A read that failed without the service's own words. */
export const LOAD_ERRORS = {
  /** useFetch: the request never got an answer. */
  tryAgain: 'No se pudo cargar. Intente de nuevo.',
  /** A failure that is not the service's (register pages, library versions). */
  unknown: 'Error desconocido.',
} as const;

/** The impact assessment a dataset may call for (Ley 21.719): the detail's badge and the form's warning. */
export const EIPD = {
  required: 'Requiere evaluación de impacto (EIPD)',
} as const;
