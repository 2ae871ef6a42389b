// Mis pendientes (pages/pendientes.tsx, issue 14 §7): what waits for the reader, what they follow, and the step a
// «Le toca a usted» card offers inline. The cards themselves have their own texts (components/board-card.tsx).
import { PAGE_NAMES, SHELL } from './app';

export const PENDIENTES = {
  title: PAGE_NAMES.pendientes,
  refresh: SHELL.refresh,
  yourTurn: 'Le toca a usted',
  yourTurnIntro: 'Lo que espera una acción suya o de su unidad, primero lo de plazo más próximo.',
  /** Added to the intro when some are late: « 2 con plazo vencido.». */
  overdue: (n: number) => ` ${n} con plazo vencido.`,
  nothingPending: 'No tiene trámites pendientes.',
  following: 'En seguimiento',
  followingIntro: 'Lo que usted inició o en que participa, mientras espera a otra persona.',
  nothingFollowed: 'Nada en seguimiento.',
  /** A heading with its count: «Le toca a usted (3)». */
  counted: (heading: string, n: number) => (n ? `${heading} (${n})` : heading),
} as const;

/** The step offered on a card: a form opens the detail («Entregar…»), a click does it here. */
export const INLINE_STEP = {
  opensForm: (label: string) => `${label}…`,
  sending: 'Enviando…',
  doneTitle: (reference: string, label: string) => `${reference}: ${label}`,
  doneBody: 'Hecho. La lista se actualizó.',
  /** As the chat says it: «No se pudo completar «Entregar»». */
  failed: (reference: string, label: string) => `${reference}: no se pudo completar «${label}»`,
} as const;
