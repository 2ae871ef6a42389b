import type { StoredFileRecord } from '../files';
import type { Classification, Dataset } from '../classification';
import type { LocalDate, Period } from '../calendar';
import type { PersonRef } from '../directory';
import type { StoredLegalBasis } from '../legal-basis';

/** Internal request life cycle (§2); see docs/estados.generado.md for the diagram. */
export const SOLICITUD_STATES = [
  'enviada',
  'recibida',
  'en_plazo',
  'entregada',
  'cerrada',
  'no_disponible',
  'rechazada',
  'cancelada',
] as const;
export type SolicitudState = (typeof SOLICITUD_STATES)[number];

export const SOLICITUD_STATE_LABELS: Record<SolicitudState, string> = {
  enviada: 'Enviada',
  recibida: 'Recibida',
  en_plazo: 'En plazo de espera',
  entregada: 'Entregada',
  cerrada: 'Cerrada',
  no_disponible: 'No disponible',
  rechazada: 'Rechazada con fundamento',
  cancelada: 'Cancelada',
};

export const SOLICITUD_OPEN_STATES: readonly SolicitudState[] = ['enviada', 'recibida', 'en_plazo', 'entregada'];
/** States in which the owner unit still owes an answer, so a deadline runs. */
export const SOLICITUD_AWAITING_OWNER: readonly SolicitudState[] = ['enviada', 'recibida', 'en_plazo'];

export interface Deadline {
  /** Last day (inclusive), America/Santiago. */
  dueDate: LocalDate;
  /** End of that day as an instant (ISO), what the scheduler compares with. */
  dueAt: string;
  period: Period;
  /** When counting started (ISO). */
  startedAt: string;
  /** Sum of extensions granted so far, same unit as `period`. */
  extended: number;
}

export interface Stamp {
  at: string;
  by: PersonRef;
  onBehalfOf?: PersonRef;
}

export interface Solicitud {
  kind: 'solicitud';
  id: string;
  reference: string;
  version: number;
  state: SolicitudState;
  createdAt: string;
  updatedAt: string;
  requester: PersonRef & { unitId: string };
  ownerUnitId: string;
  /** A specific responder named by UGDT on reassignment; the unit's responsables may act too. */
  assignee?: PersonRef;
  dataset: Dataset;
  purpose: string;
  justification: string;
  expectedBenefits: string;
  /** Structured (rule 6), or `{ legacyText }` for a request written before it («Base legal por revisar»). */
  legalBasis: StoredLegalBasis;
  neededBy?: LocalDate;
  attachments: { name: string; url: string }[];
  classification: Classification;
  impactAssessmentRequired: boolean;
  deadlines: { acknowledge: Deadline; answer: Deadline };
  acknowledged?: Stamp;
  wait?: Stamp & { until: LocalDate; note: string };
  /** The delivery: its files as stored (issue 15) or a link; `fileName` only on deliveries recorded before files. */
  delivery?: Stamp & {
    link?: string;
    fileName?: string;
    files?: StoredFileRecord[];
    note: string;
    /**
     * Which delivery this is: 1, then 2 after the requester observed the first and the owner unit delivered a
     * corrected one (issue 15). The earlier ones stay in the audit chain with their files' hashes. Absent: 1.
     */
    version?: number;
  };
  observations: (Stamp & { reason: string })[];
  comments: (Stamp & { text: string })[];
  extensions: (Stamp & { amount: number; reason: string; newDueDate: LocalDate })[];
  reassignments: (Stamp & { fromUnitId: string; toUnitId: string; reason: string })[];
  reminders: (Stamp & { automatic: boolean })[];
  /** Flagged vencida for UGDT once an owed deadline passed (the request stays in its state). */
  overdue?: { since: string; deadline: 'acknowledge' | 'answer' };
  outcome?: Stamp & { reason: string; legalGround?: string; byUgdt?: boolean };
  /**
   * The owner unit's requests for an extension of the answer deadline (Ley 19.880 art. 26), oldest first; at most
   * one `pendiente`. Absent on rows stored before this field existed: read it with extensionRequestsOf().
   */
  extensionRequests?: ExtensionRequest[];
  /** UGDT's oficios reiterativos after the answer deadline expired: the request stays late (overdue). */
  reiterations?: (Stamp & { until: LocalDate; reason: string })[];
  /** The owner unit's corrections of the classification, oldest first (rule 8). */
  classificationChanges?: (Stamp & { from: Classification; to: Classification; reason: string })[];
  /** Closed by the system because the requester neither accepted nor observed the delivery in time (rule 9a). */
  closedBySilence?: boolean;
}

export type ExtensionRequestStatus = 'pendiente' | 'concedida' | 'denegada' | 'caducada';

export interface ExtensionRequest extends Stamp {
  amount: number;
  reason: string;
  status: ExtensionRequestStatus;
  /** UGDT's decision (concedida/denegada) or the lapse at expiry (caducada, by the system). */
  decided?: Stamp & { reason?: string };
}
