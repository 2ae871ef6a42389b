import type {
  Actor,
  ConvenioVerb,
  Directory,
  HolidayCalendar,
  Item,
  ItemKind,
  ProtocolSettings,
  SolicitudVerb,
} from '../../../protocol';
import { INTAKE } from './textos/comun';
import { OWNER } from './textos/solicitud';

/**
 * The contract between the card renderers (pure) and the Teams invoke router.
 *
 * Every Action.Execute carries `data = { verb, id, version }` and nothing the server trusts beyond that: the
 * router reloads the item, re-checks the role and routes by verb. Inputs the client merges into `data` are
 * parsed again on the server (`commandFromInvoke` then the protocol's own schemas).
 *
 * Verbs: `<kind>.<command>` for protocol commands (e.g. `solicitud.acusar_recibo`, `convenio.firmar`),
 * `<kind>.crear` for the intake forms, `refresh` for the per-user refresh, and the UI-only verbs below.
 */
export type ItemVerb = `${ItemKind}.${string}`;
export const REFRESH_VERB = 'refresh';
export const UI_VERBS = [
  'ayuda',
  'mis_solicitudes',
  'pendientes',
  'nueva_solicitud',
  'nuevo_convenio',
  'abrir',
] as const;
/** Opens an item's card (list rows, search results): `data = { verb: 'abrir', id }`. */
export const OPEN_ITEM_VERB = 'abrir';

/**
 * Protocol verbs allowedActions may offer that item cards deliberately leave out: the document worker registers
 * each generated draft with the file's real hash, and an FEA-signed PDF is uploaded (and hashed) from the tab.
 * Neither can be typed into a card honestly.
 */
export const NOT_ON_CARDS: readonly ItemVerb[] = [
  'convenio.registrar_borrador',
  'convenio.subir_firmado_fea',
  // A list of signers is edited through the API (rule 1); the card shows who signs.
  'convenio.cambiar_firmantes',
];

export interface ActionData {
  verb: string;
  /** Item id (uuid) for item verbs. */
  id?: string;
  /** The item version the card showed; an older one makes the action change nothing. */
  version?: number;
  /**
   * For convenio.visar, registrar_visacion_externa and firmar: the document version and hash the person saw
   * (bound to the visación or signature). convenio.observar may carry `side` when the viewer can observe only one.
   */
  docVersion?: number;
  sha256?: string;
  signerId?: string;
  /** Inputs merged by the client, by input id. */
  [input: string]: unknown;
}

/** What every renderer may read besides the item; all pure values. */
export interface CardContext {
  directory: Directory;
  calendar: HolidayCalendar;
  settings: ProtocolSettings;
  now: Date;
  /** Deep link to the item's detail in the tab. */
  detailUrl: (item: Item) => string;
  /** The tab's home (Tablero), for the help card; absent where no link is printed. */
  homeUrl?: string;
  /** A page of the tab with a filter query («lista», «vencidas=true»), for links from a card to a filtered list. */
  tabPageUrl?: (page: string, query: string) => string;
  /** Link to open a stored document version (SharePoint or the local documents folder). */
  documentUrl?: (item: Item, version: number) => string | undefined;
}

export interface ItemCardOptions {
  /** Who the card is for; null renders the neutral card posted to a shared conversation (no actions). */
  viewer: Actor | null;
  /** Teams user ids (MRI, "29:…") whose clients refresh the card to their own view; at most 60. */
  refreshUserIds: string[];
  /** A short note on top (e.g. "La tarjeta estaba desactualizada; este es el estado actual."). */
  note?: string;
  /** 'attention' (default: a stale card, a refused step) or 'good' (a confirmation, a routine notice). */
  noteStyle?: 'good' | 'attention';
  /**
   * A form of this card the server refused: shown open on top with what was typed and the reason under each field
   * (issue 14 §1), instead of behind its button.
   */
  refused?: RefusedForm;
}

export interface RefusedForm {
  /** The command (`entregar`), and for `firmar` the signer whose form it was. */
  command: string;
  signerId?: string;
  /** What the card sent: input id → value. */
  values: Record<string, unknown>;
  /** The protocol's reason: the message, and path → reason by field. */
  message: string;
  fields: Record<string, string>;
}

/**
 * One row of a list card. The store's RegisterRow fits as is; `listRow(item, ctx)` makes one from an item.
 * `dueAt` is the running deadline (ISO instant) or null.
 */
export interface ListRow {
  id: string;
  kind: ItemKind;
  reference: string;
  state: string;
  title: string;
  dueAt: string | null;
}

/**
 * The tab's forms a chat card opens as a Teams dialog (issue 14 §1), by the tab page that draws them, with the
 * dialog's title: the card's button and the bot's task/fetch answer both read this one list.
 */
export const DIALOG_FORMS = {
  'nueva-solicitud': INTAKE.solicitudTitle,
  'nuevo-convenio': INTAKE.convenioTitle,
} as const;
export type DialogForm = keyof typeof DIALOG_FORMS;

/**
 * The steps of an item whose tab form a card opens as a Teams dialog (issue 15), with the dialog's title: the detail
 * of the item in dialog mode, that step's form open (`?dialogo=1&paso=<step>`).
 */
export const ITEM_DIALOGS = {
  entregar: OWNER.uploadDialogTitle,
} as const;
export type ItemDialog = keyof typeof ITEM_DIALOGS;

/** Adaptive Card JSON (schema 1.5). Kept loose on purpose: the schema test is the strict check. */
export type AdaptiveCard = { type: 'AdaptiveCard'; version: '1.5'; body: unknown[]; [k: string]: unknown };

/** Verbs only the system carries out (timers): never a button. */
type SystemSolicitudVerb = 'recordatorio_plazo' | 'marcar_vencida' | 'cerrar_por_silencio';
/** Convenio verbs no card shows: the system's, the document store's and the API's (NOT_ON_CARDS). */
type OffCardConvenioVerb =
  | 'evaluacion_pendiente'
  | 'marcar_por_vencer'
  | 'registrar_borrador'
  | 'subir_firmado_fea'
  | 'registrar_documento'
  | 'cambiar_firmantes'
  | 'vencer'
  | 'plazo_termino'
  | 'recordatorio_etapa'
  | 'etapa_vencida';
/** The verbs a card can show: tables keyed by these (item-card.ts, action-bar.ts) must name every one. */
export type CardSolicitudVerb = Exclude<SolicitudVerb, SystemSolicitudVerb>;
export type CardConvenioVerb = Exclude<ConvenioVerb, OffCardConvenioVerb>;
