// How an item card's bar is laid out (issue 14, "one glance"): the next step is the one primary button, one or two
// more stay visible, everything else goes to the overflow menu ("…", Adaptive Cards 1.5 `mode: secondary`, which
// Teams draws as a menu: "Overflow menu on Adaptive Cards" in the Teams platform docs), and the steps that end an
// item without its purpose go last. Which buttons exist is never decided here: the protocol's allowedActions is.
import type { ItemKind } from '../../../protocol';
import type { CardAction } from './card-elements';
import type { CardConvenioVerb, CardSolicitudVerb } from './contract';

/**
 * What a verb is to the person holding it:
 * - `avanza`: moves the item on; the first one the viewer holds (in the order below) is the primary button.
 * - `aparte`: useful, never the next step (comment, ask for more time, correct a field).
 * - `termina`: ends the item without what it was for (refuse, cancel, withdraw, close, terminate): always in the
 *   menu, last. Its confirm button is red only when it ends the item for good (`DESTROYS`).
 */
type Weight = 'avanza' | 'aparte' | 'termina';

/** Buttons on the bar besides the primary one; the rest go to the menu. */
const VISIBLE_BESIDES_PRIMARY = 2;

// Exhaustive, in order of precedence: a new verb does not compile until it has a place here.
const SOLICITUD_WEIGHTS: Record<CardSolicitudVerb, Weight> = {
  acusar_recibo: 'avanza',
  entregar: 'avanza',
  indicar_plazo: 'avanza',
  conforme: 'avanza',
  conceder_prorroga: 'avanza',
  reiterar: 'avanza',
  recordar: 'avanza',
  actualizar_base_legal: 'avanza',
  observar: 'aparte',
  solicitar_prorroga: 'aparte',
  denegar_prorroga: 'aparte',
  reasignar: 'aparte',
  prorrogar: 'aparte',
  corregir_clasificacion: 'aparte',
  comentar: 'aparte',
  no_disponible: 'termina',
  rechazar: 'termina',
  cancelar: 'termina',
  cerrar: 'termina',
};

const CONVENIO_WEIGHTS: Record<CardConvenioVerb, Weight> = {
  registrar_evaluacion: 'avanza',
  aprobar_evaluacion: 'avanza',
  enviar_a_visacion: 'avanza',
  visar: 'avanza',
  registrar_visacion_externa: 'avanza',
  firmar: 'avanza',
  registrar_decreto: 'avanza',
  registrar_transferencia: 'avanza',
  registrar_evaluacion_periodica: 'avanza',
  renovar: 'avanza',
  registrar_eipd: 'avanza',
  registrar_autorizacion_origen: 'avanza',
  actualizar_base_legal: 'avanza',
  desestimar_rechazo: 'avanza',
  observar: 'aparte',
  comentar: 'aparte',
  proponer_rechazo: 'termina',
  rechazar: 'termina',
  desistir: 'termina',
  terminar: 'termina',
};

/** Confirm buttons drawn red: the step ends the item for good. Informing that data is not available does not. */
export const DESTROYS: readonly string[] = [
  'solicitud.rechazar',
  'solicitud.cancelar',
  'solicitud.cerrar',
  'convenio.rechazar',
  'convenio.desistir',
  'convenio.terminar',
];

export interface BarEntry {
  /** `solicitud.entregar`, `convenio.firmar`… */
  verb: string;
  action: CardAction;
}

function weightOf(kind: ItemKind, verb: string): { weight: Weight; rank: number } {
  const table: Record<string, Weight> = kind === 'solicitud' ? SOLICITUD_WEIGHTS : CONVENIO_WEIGHTS;
  const weight = table[verb];
  if (!weight) throw new Error(`sin lugar en la barra para ${kind}.${verb}`);
  return { weight, rank: Object.keys(table).indexOf(verb) };
}

type Style = 'positive' | 'destructive' | undefined;

function withStyle(action: Record<string, unknown>, style: Style, mode?: 'secondary'): Record<string, unknown> {
  const { style: _dropped, ...rest } = action;
  return { ...rest, ...(style ? { style } : {}), ...(mode ? { mode } : {}) };
}

const confirmStyle = (verb: string, weight: Weight): Style =>
  DESTROYS.includes(verb) ? 'destructive' : weight === 'avanza' ? 'positive' : undefined;

/**
 * A form's ShowCard with its confirm button (and that button's Action.Submit fallback) drawn green when the step
 * moves the item on, red only when it ends the item for good, plain otherwise. The form's other actions and the bar's
 * other entries pass unchanged.
 */
export function withConfirmStyle(kind: ItemKind, entry: BarEntry): CardAction {
  const action = entry.action as unknown as Record<string, unknown>;
  const form = action.card as { actions?: Record<string, unknown>[] } | undefined;
  if (!form?.actions) return entry.action;
  const confirm = confirmStyle(entry.verb, weightOf(kind, entry.verb.split('.').pop()!).weight);
  // The confirm is the form's first action; any after it (e.g. «Subir archivos…», which opens a dialog) stay plain.
  const actions = form.actions.map((a, i) => {
    if (i > 0) return a;
    const styled = withStyle(a, confirm);
    const fb = a.fallback as Record<string, unknown> | undefined;
    return fb ? { ...styled, fallback: withStyle(fb, confirm) } : styled;
  });
  return { ...entry.action, card: { ...form, actions } };
}

/** The opening button drawn as `style` (its Action.Submit fallback too), its form's confirm as withConfirmStyle. */
function restyle(kind: ItemKind, e: BarEntry, style: Style, mode?: 'secondary'): CardAction {
  const action = withConfirmStyle(kind, e) as unknown as Record<string, unknown>;
  const out = withStyle(action, style, mode);
  const fallback = action.fallback as Record<string, unknown> | undefined;
  if (fallback) out.fallback = withStyle(fallback, style);
  return out as unknown as CardAction;
}

interface Ranked extends BarEntry {
  weight: Weight;
  rank: number;
  i: number;
}

/**
 * The bar in display order: the primary button (positive), up to two more, then the menu (`mode: secondary`),
 * where the steps that end the item come last. Order is stable within each group, so a viewer's card reads the
 * same every time.
 */
export function arrangeBar(kind: ItemKind, entries: BarEntry[]): CardAction[] {
  const ranked: Ranked[] = entries
    .map((e, i) => ({ ...e, ...weightOf(kind, e.verb.split('.').pop()!), i }))
    .sort((a, b) => order(a.weight) - order(b.weight) || a.rank - b.rank || a.i - b.i);
  const primary = ranked[0]?.weight === 'avanza' ? ranked[0] : undefined;
  const rest = primary ? ranked.slice(1) : ranked;
  const visible = rest.filter((e) => e.weight !== 'termina').slice(0, VISIBLE_BESIDES_PRIMARY);
  return [
    ...(primary ? [restyle(kind, primary, 'positive')] : []),
    ...visible.map((e) => restyle(kind, e, undefined)),
    ...rest.filter((e) => !visible.includes(e)).map((e) => restyle(kind, e, undefined, 'secondary')),
  ];
}

/**
 * The verb the bar would make primary among `verbs` (bare verbs: `entregar`), or undefined when none moves the item
 * on: what «Mis pendientes» offers inline next to «Le toca a usted» (issue 14 §7), so the tab and the card agree.
 */
export function leadingVerb(kind: ItemKind, verbs: readonly string[]): string | undefined {
  const best = verbs
    .map((v) => ({ v, ...weightOf(kind, v) }))
    .filter((x) => x.weight === 'avanza')
    .sort((a, b) => a.rank - b.rank)[0];
  return best?.v;
}

const order = (w: Weight) => (w === 'avanza' ? 0 : w === 'aparte' ? 1 : 2);
