import type { Role } from './roles';
import type { PersonRef } from './directory';

/** Who a notice goes to. Units resolve to their responsables; roles to their holders (and active subrogantes). */
export type Recipient =
  | { kind: 'person'; personId: string }
  | { kind: 'unit'; unitId: string }
  | { kind: 'role'; role: Role }
  /** Someone outside the municipal directory (the counterpart's legal department, its representative): mail only. */
  | { kind: 'contact'; name: string; email: string };

export const person = (personId: string): Recipient => ({ kind: 'person', personId });
export const unit = (unitId: string): Recipient => ({ kind: 'unit', unitId });
export const role = (r: Role): Recipient => ({ kind: 'role', role: r });
/** An outside contact, when their e-mail is known. */
export const contact = (c: { name: string; email?: string }): Recipient[] =>
  c.email ? [{ kind: 'contact', name: c.name, email: c.email }] : [];

/** Timers the scheduler turns into system commands when they fall due. */
export type TimerKind =
  | 'recordatorio_acuse'
  | 'vencimiento_acuse'
  | 'recordatorio_respuesta'
  | 'vencimiento_respuesta'
  | 'evaluacion_periodica'
  | 'aviso_termino'
  | 'cierre_por_silencio'
  /** End of a convenio's vigencia: renew automatically or mark it vencido. */
  | 'fin_vigencia'
  /** A vencido convenio's termination deadline: reminder before, escalation at the due instant. */
  | 'recordatorio_termino'
  | 'vencimiento_termino'
  /** Rule 3: the earliest pending reminder and due instant of a convenio's running steps (convenio/step-deadlines). */
  | 'recordatorio_etapa'
  | 'vencimiento_etapa';

export type DocumentKind = 'borrador' | 'firmado_fea' | 'certificado';

/**
 * Side effects decided by the protocol and carried out by the service after the commit, through the outbox.
 * They are plain data: the store writes each one as an outbox row in the same transaction as the state change.
 */
export type Effect =
  /** A Teams notice (proactive card) to the people who must act or know. */
  | { type: 'notify'; to: Recipient[]; notice: string; summary: string }
  /** A mail copy of a notice: the protocol's original channel (§2a), with UGDT or SECPLAN in copy. */
  | { type: 'mail'; to: Recipient[]; cc: Recipient[]; notice: string; subject: string; summary: string }
  /**
   * Store a document of the item: generate it (draft .docx, completion certificate) when no `sha256` is given,
   * else upload the file with that hash that a person handed in (kept by the service until stored).
   */
  | { type: 'store_document'; document: DocumentKind; version?: number; sha256?: string }
  /** Bring the stored documents' library columns (state, vigencia…) in step with the convenio. */
  | { type: 'sync_documents' }
  /**
   * Arm a timer; a timer of the same kind still pending for the item is replaced. `about` is the deadline or date
   * the timer concerns, handed back in the system command so a stale timer is recognised.
   */
  | { type: 'schedule'; timer: TimerKind; dueAt: string; about: string }
  /** Disarm pending timers of the item. */
  | { type: 'cancel_timers'; timers: TimerKind[] | 'all' }
  /** Refresh every card of the item already posted in Teams. */
  | { type: 'update_cards' };

/** What the audit log records for one accepted command. */
export interface AuditEntry {
  command: string;
  from: string | null;
  to: string;
  actor: PersonRef;
  /** The holder the actor replaced (subrogancia), when the capacity used was delegated. */
  onBehalfOf?: PersonRef;
  payload: Record<string, unknown>;
}

export interface Decision<S> {
  next: S;
  effects: Effect[];
  audit: AuditEntry;
}

/**
 * A notice both in Teams and as a mail copy, with the copy recipients of the protocol. Outside contacts have no
 * Teams: they get the mail only.
 */
export function notice(to: Recipient[], cc: Recipient[], kind: string, subject: string, summary: string): Effect[] {
  const inTeams = to.filter((r) => r.kind !== 'contact');
  return [
    ...(inTeams.length ? [{ type: 'notify' as const, to: inTeams, notice: kind, summary }] : []),
    { type: 'mail', to, cc, notice: kind, subject, summary },
  ];
}
