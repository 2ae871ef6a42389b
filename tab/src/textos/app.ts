// The tab's shell in words: its name, the sections of the header, the theme menu, signing in, the service's
// failures and how dates and deadlines are written (format.ts). Spanish (Chile), addressed with «usted».
import { byGender, type ItemKind } from '../../../protocol';
import type { ThemeName } from '../host';

/** The app's name, as the header and the channel tab's title say it. */
export const APP_NAME = 'Intercambio de Datos';

/** Each section's name: the header's tabs and, where it is the same word, the page's title. */
export const PAGE_NAMES = {
  tablero: 'Tablero',
  lista: 'Lista',
  pendientes: 'Mis pendientes',
  panel: 'Panel',
  'nueva-solicitud': 'Nueva solicitud',
  'nuevo-convenio': 'Nuevo convenio',
  exportar: 'Exportar',
  envios: 'Envíos',
} as const;

export const THEME_LABELS: Record<ThemeName, string> = {
  claro: 'Claro',
  oscuro: 'Oscuro',
  contraste: 'Alto contraste',
};

/** The header and what every page shares. */
export const SHELL = {
  skipToContent: 'Saltar al contenido',
  sectionsLabel: 'Secciones',
  theme: (label: string) => `Tema: ${label}`,
  notFound: 'Esta página no existe.',
  backToBoard: 'Volver al tablero',
  refresh: 'Actualizar',
} as const;

/** Signing in (main.tsx, session.tsx, host.ts). */
export const SESSION = {
  signingIn: 'Iniciando sesión…',
  signInFailed: 'No se pudo iniciar sesión',
  signInFailedSentence: 'No se pudo iniciar sesión.',
  noAccess: `Su cuenta no tiene acceso a ${APP_NAME}.`,
  /** Shown when a service with a tenant is opened in a browser: only Teams gives the SSO token. */
  noSsoOutsideTeams: 'Fuera de Teams no hay inicio de sesión único.',
  serviceDown: 'El servicio no responde',
  tryLater: 'Intente de nuevo en unos minutos.',
} as const;

/** The service's failures that carry no message of their own (api.ts). */
export const API_ERRORS = {
  noConnection: 'No se pudo conectar con el servicio. Revise su conexión e intente de nuevo.',
  status: (status: number) => `El servicio respondió con un error (${status}).`,
} as const;

/** Dates and deadlines (format.ts): días hábiles, the word agreeing with what is late. */
export const FORMAT = {
  /** A date or value that is not there. */
  none: '—',
  workingDays: (n: number) => (Math.abs(n) === 1 ? `${n} día hábil` : `${n} días hábiles`),
  /** «Vencida» said of a solicitud, «Vencido» of a convenio (issue 14 §5). */
  overdue: (kind: ItemKind) => byGender(kind, 'Vencida', 'Vencido'),
  dueToday: 'Vence hoy',
  dueIn: (days: string) => `Vence en ${days}`,
  overdueFor: (overdue: string, days: string) => `${overdue} hace ${days}`,
} as const;
