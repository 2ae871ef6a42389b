// The channel tab's configuration page (pages/configurar.tsx): what Teams shows in its «add a tab» dialog, and the
// page's words when it is opened outside Teams.
import { APP_NAME, PAGE_NAMES } from './app';

/** What a channel tab can show: its option, the line under it and the tab's name in the channel. */
export const CHANNEL_VIEW_TEXTS = {
  tablero: {
    label: PAGE_NAMES.tablero,
    hint: 'Solicitudes y convenios en columnas por estado, con quién debe actuar y los días hábiles que quedan.',
    displayName: `${APP_NAME}: ${PAGE_NAMES.tablero}`,
  },
  lista: {
    label: PAGE_NAMES.lista,
    hint: 'El registro completo, con filtros, búsqueda y orden.',
    displayName: `${APP_NAME}: ${PAGE_NAMES.lista}`,
  },
} as const;

export const CONFIGURAR = {
  title: `Pestaña de ${APP_NAME}`,
  intro:
    'Cada persona verá en la pestaña solo lo que puede ver según su unidad y sus roles. Presione Guardar para agregarla.',
  question: '¿Qué muestra la pestaña?',
  saveFailed: 'No se pudo guardar la pestaña. Intente de nuevo en unos minutos.',
  /** Outside Teams. */
  outsideTitle: `Configurar la pestaña de ${APP_NAME}`,
  outsideHeading: 'Esta página se usa dentro de Microsoft Teams',
  outsideBody: `Teams la muestra al agregar ${APP_NAME} como pestaña de un canal o de un chat grupal, para elegir si la pestaña muestra el tablero o la lista. Para usar la aplicación en el navegador, abra el`,
  /** The link that ends the sentence above. */
  outsideLink: 'tablero',
} as const;
