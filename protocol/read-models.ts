// The read models the REST API serves to the tab (and the bot may reuse): plain data, no behaviour. Both sides
// import these types, so a change of shape is a type error on both sides at once.
import type { AllowedAction } from './actions';
import type { Item } from './decide';
import type { ItemKind } from './reference';
import type { Role } from './roles';

/** One row of the register (Lista, Tablero, Mis pendientes). Dates are ISO instants. */
export interface RegisterRow {
  id: string;
  kind: ItemKind;
  reference: string;
  version: number;
  state: string;
  /** Spanish label of the state. */
  stateLabel: string;
  requestingUnit: string;
  requestingUnitName: string;
  /** The owner unit (solicitud) or SECPLAN, which owns every convenio; the proposer's unit is requestingUnit. */
  ownerUnit: string;
  ownerUnitName: string;
  title: string;
  /** A convenio's counterpart institution (the public register shows it too); null for a request. */
  counterpart: string | null;
  access: string;
  privacy: string;
  /** "Debe actuar": who the item waits for (protocol/who-must-act.ts); null when concluded. */
  waitingOn: string | null;
  dueAt: string | null;
  /** Working days from today to the running deadline (negative when past), null when none runs. */
  workingDaysLeft: number | null;
  overdue: boolean;
  overdueFlag: boolean;
  createdAt: string;
  updatedAt: string;
}

/**
 * A row of «Le toca a usted» (issue 14 §7): what the person is expected to do («revisar la entrega», your-turn.ts)
 * and the step their card would make primary, offered inline; `direct` when it needs nothing typed (a click does it),
 * else the detail opens with its form.
 */
export interface YourTurnRow extends RegisterRow {
  task: string | null;
  next: { verb: string; label: string; direct: boolean } | null;
}

export interface RegisterPage {
  items: RegisterRow[];
  nextCursor: string | null;
}

export interface BoardColumn {
  state: string;
  label: string;
  /** All items in this state visible to the caller (the column shows the first ones). */
  count: number;
  overdue: number;
  items: RegisterRow[];
}

export interface Board {
  kind: ItemKind;
  columns: BoardColumn[];
}

export interface CountByKey {
  key: string;
  label: string;
  count: number;
}

/** One unit in one month (AAAA-MM): requests answered then, medians in working days, share within the deadline. */
export interface UnitMonth {
  month: string;
  unitId: string;
  unitName: string;
  acknowledged: number;
  medianDaysToAcknowledge: number | null;
  delivered: number;
  medianDaysToDeliver: number | null;
  answered: number;
  answeredInTime: number;
}

export interface ConvenioDue {
  id: string;
  reference: string;
  title: string;
  entity: string;
  state: string;
  reason: 'evaluacion' | 'vencimiento';
  /** The local date (AAAA-MM-DD) the evaluation is due or the vigencia ends. */
  date: string;
  /**
   * Working days to `date` (protocol workingDaysLeft), as every deadline the board and the cards show: one rule
   * per deadline, so a convenio never reads «vencida hace 7 días hábiles» on the board and «11 días» here.
   */
  daysLeft: number;
}

export interface PanelStats {
  generatedAt: string;
  /**
   * Whose figures these are (issue 14 §10): 'todo' for a reader of the whole register (UGDT, Control), 'propio'
   * for everyone else, whose figures count only the items they take part in (the read policy).
   */
  scope: 'todo' | 'propio';
  /** The months covered (AAAA-MM), oldest first. */
  months: string[];
  solicitudesByState: CountByKey[];
  conveniosByState: CountByKey[];
  /** Open requests past their deadline, by owner unit. */
  overdueByUnit: CountByKey[];
  unitMonths: UnitMonth[];
  /** Over the covered months: answered requests and those answered within the deadline. */
  withinDeadline: { answered: number; inTime: number; share: number | null };
  conveniosDue: ConvenioDue[];
  /**
   * Rule 3: open convenios whose running step is past its deadline (evaluación, visación, firma, decreto; the
   * periodic evaluation once in force), by state, only the states with any, as of now.
   */
  conveniosOverdueByState: CountByKey[];
}

/** POST /api/v1/{solicitudes|convenios}/{key}/acciones: the item after a card action, and the caller's new card. */
export interface CardActionAnswer {
  item: Item;
  allowedActions: AllowedAction[];
  card: Record<string, unknown>;
}

/** The item's card as one role sees it in chat (Adaptive Card JSON), for the detail page. */
export interface CardView {
  /** e.g. "Unidad solicitante — Alex Wilber". */
  label: string;
  role: Role | 'solicitante' | 'unidad_duena' | 'firmante' | 'lector';
  /** True for the caller's own view: the one whose actions the tab offers. */
  mine: boolean;
  card: Record<string, unknown>;
}

export interface DocumentRow {
  version: number;
  kind: string;
  kindLabel: string;
  fileName: string;
  sha256: string;
  url: string | null;
  /** Whether the caller may open the file (protocol/read-policy.ts mayOpenDocuments); the row is shown either way. */
  canOpen: boolean;
  at: string;
  by: string;
  /** Visaciones and signatures bound to this version. */
  boundTo: string[];
}

/** A person to open a Teams chat with from the detail (who must act, the requester…). */
export interface ChatContact {
  name: string;
  email: string;
  why: string;
}

export interface Persona {
  id: string;
  name: string;
  email: string;
  unitName: string;
  roles: string[];
  /**
   * Present when the person may be named municipal signer of a new convenio (rule 1): 'Alcalde(sa)', or the
   * delegation of signature by decree ("Firma por delegación, Decreto Alcaldicio N° … de …").
   */
  signsForMunicipality?: string;
}

/** GET /api/v1/sesion: what the tab needs before anyone signs in. */
export interface SessionInfo {
  mode: 'local' | 'teams';
  timeZone: string;
  /** Local mode only: the people of the directory for the persona picker. Absent when a tenant is configured. */
  personas?: Persona[];
  /** The Teams app id, for deep links to the tab and to chats (when configured). */
  teamsAppId?: string;
}

/** GET /api/v1/{solicitudes|convenios}/{key}: the detail as the caller may see it. */
export interface ItemDetailView {
  item: Item;
  /** The protocol's allowedActions: verb, Spanish label and, for firmar, the signer the caller may sign as. */
  allowedActions: AllowedAction[];
  /** Paths of fields hidden from this caller (sensitive data they are not entitled to). */
  hidden: string[];
  waitingOn: string | null;
  workingDaysLeft: number | null;
  /** People to open a Teams chat with: who the item waits for first, then its other parties (not the caller). */
  contacts: ChatContact[];
  timeline: TimelineEntry[];
  /** A request's delivered files (issue 15), as the caller may see them. */
  archivos?: DeliveredFileView[];
  /** For the requester only: until when they may download those files. */
  accesoArchivos?: FileAccessView;
}

/** One file of a request's delivery as the detail lists it (issue 15); `descargar` only for who may open it now. */
export interface DeliveredFileView {
  id: string;
  nombre: string;
  tamano: number;
  tipo: string;
  sha256: string;
  descargar?: string;
}

/** The requester's own access to the delivered files: until when (an ISO instant), and whether it still runs. */
export interface FileAccessView {
  hasta: string;
  vigente: boolean;
}

/** One event of an item's history (its audit log): who, on behalf of whom, when, what. */
export interface TimelineEntry {
  seq: number;
  at: string;
  actor: { personId: string; name: string };
  onBehalfOf: { personId: string; name: string } | null;
  command: string;
  from: string | null;
  to: string;
  payload: Record<string, unknown>;
}

/** GET /api/v1/envios: one outbox delivery (Teams notice, mail copy, document) as UGDT and IT follow it. */
export interface DeliveryRow {
  id: number;
  reference: string;
  itemKind: ItemKind;
  kind: string;
  kindLabel: string;
  description: string;
  status: 'pendiente' | 'entregado' | 'fallido';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  /** Dead letters and manual retries, oldest first. */
  history: { at: string; action: 'fallido' | 'reintento'; actorName: string; detail: string }[];
}

export interface DeliveryPage {
  rows: DeliveryRow[];
  /** Pass as `antes` for the next page. */
  next?: number;
  counts: { pendiente: number; fallido: number };
  /** Whether the caller may retry (UGDT and IT). */
  canRetry: boolean;
}
