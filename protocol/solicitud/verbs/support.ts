// What every solicitud verb's rule gets from the dispatcher (decide.ts), and the helpers several of them share.
import type { Classification } from '../../classification';
import { addPeriod, formatDate } from '../../calendar';
import type { DecideContext } from '../../context';
import { unitShortName, type Grant } from '../../directory';
import { deadlineFor, deadlineTimers, extensionLeft, makeDeadline } from '../../deadlines';
import { person, unit, type AuditEntry, type Effect } from '../../effects';
import { badTransition, DomainError, invalid } from '../../errors';
import { periodsFor } from '../../settings';
import type { SolicitudCommand, SolicitudVerb } from '../commands';
import type { Deadline, Solicitud, Stamp } from '../state';

/** The command of one verb (or of a few verbs that share one rule). */
export type VerbCommand<K extends SolicitudVerb> = Extract<SolicitudCommand, { type: K }>;

/** What the shared guards established and what a rule adds to: its effects, its audit payload. */
export interface VerbContext {
  s: Solicitud;
  ctx: DecideContext;
  st: Stamp;
  tz: string;
  /** The local date of ctx.now. */
  today: string;
  /** Who a notice goes to on each side. */
  p: ReturnType<typeof parties>;
  ref: string;
  /** The item as it starts: `s` with updatedAt set. */
  next: Solicitud;
  effects: Effect[];
  /** A notice to `to`, copied to the UGDT, with the reference before the subject. */
  say: (to: ReturnType<typeof person>[], kind: string, subject: string, summary: string) => void;
  /** The audit entry's payload: the command without its type; a rule may add what it computed. */
  payload: Record<string, unknown>;
}

/** One verb's rule: the state it produces (effects go to `v.effects`). Throws DomainError to refuse. */
export type VerbHandler<K extends SolicitudVerb> = (cmd: VerbCommand<K>, v: VerbContext) => Solicitud;

/** Every verb's rule, exhaustive like SOLICITUD_TRANSITIONS. */
export type VerbHandlers = { [K in SolicitudVerb]: VerbHandler<K> };

export const ACK = { reminder: 'recordatorio_acuse', due: 'vencimiento_acuse' } as const;
export const ANSWER = { reminder: 'recordatorio_respuesta', due: 'vencimiento_respuesta' } as const;
export const SILENCE = 'cierre_por_silencio' as const;

export const sameClassification = (a: Classification, b: Classification) =>
  a.access === b.access &&
  a.privacy === b.privacy &&
  (a.legalGround ?? null) === (b.legalGround ?? null) &&
  (a.legalGroundDetail ?? null) === (b.legalGroundDetail ?? null) &&
  !!a.largeScale === !!b.largeScale;

export function stamp(ctx: DecideContext, grant: Grant | undefined): Stamp {
  const by = { personId: ctx.actor.personId, name: ctx.actor.name };
  return grant?.delegated
    ? { at: ctx.now.toISOString(), by, onBehalfOf: grant.holder }
    : { at: ctx.now.toISOString(), by };
}

export function audit(s: Solicitud | null, to: string, command: string, st: Stamp, payload: object): AuditEntry {
  return {
    command,
    from: s?.state ?? null,
    to,
    actor: st.by,
    ...(st.onBehalfOf ? { onBehalfOf: st.onBehalfOf } : {}),
    payload: { ...payload },
  };
}

export const unitName = (ctx: DecideContext, unitId: string) => unitShortName(ctx.directory, unitId);

/** Start the two owed deadlines (acknowledge, answer) for the owner unit from `start`. */
export function startDeadlines(ctx: DecideContext, ownerUnitId: string): { acknowledge: Deadline; answer: Deadline } {
  const p = periodsFor(ctx.settings, ownerUnitId);
  const tz = ctx.settings.timeZone;
  return {
    acknowledge: makeDeadline(ctx.calendar, ctx.now, p.acknowledge, tz),
    answer: makeDeadline(ctx.calendar, ctx.now, p.answer, tz),
  };
}

export function timers(ctx: DecideContext, d: Deadline, kinds: typeof ACK | typeof ANSWER): Effect[] {
  return deadlineTimers(ctx.calendar, d, kinds, ctx.settings.reminderDaysBefore, ctx.now, ctx.settings.timeZone);
}

/** The parties of a request, for notices: requester, owner unit (and assignee). */
export function parties(s: Solicitud) {
  return {
    requester: person(s.requester.personId),
    owner: s.assignee ? person(s.assignee.personId) : unit(s.ownerUnitId),
  };
}

export const unitWordOf = (d: Deadline) => (d.period.unit === 'habiles' ? 'hábiles' : 'corridos');

/** Art. 26 inc. 1: at most half of the original period in all (extensionLeft). */
export function checkAllowance(answer: Deadline, amount: number): void {
  const left = extensionLeft(answer);
  if (amount > left)
    throw invalid(
      `La prórroga no puede exceder la mitad del plazo original: quedan ${left} días ${unitWordOf(answer)}.`,
      {
        amount: `máximo ${left}`,
      },
    );
}

/**
 * Art. 26: moves the answer deadline by `amount` (at most what is left of half the original period) and records the
 * extension. The acknowledgment is still owed while the request is enviada: its flag stays.
 */
export function extendAnswer(
  s: Solicitud,
  amount: number,
  reason: string,
  st: Stamp,
  ctx: DecideContext,
): { deadline: Deadline; fields: Pick<Solicitud, 'deadlines' | 'overdue' | 'extensions'> } {
  const answer = s.deadlines.answer;
  checkAllowance(answer, amount);
  const tz = ctx.settings.timeZone;
  const dueDate = addPeriod(ctx.calendar, answer.dueDate, { amount, unit: answer.period.unit }, tz);
  const deadline = deadlineFor(dueDate, answer.period, new Date(answer.startedAt), answer.extended + amount, tz);
  const ackStillOwed = s.state === 'enviada';
  return {
    deadline,
    fields: {
      deadlines: { ...s.deadlines, answer: deadline },
      overdue: ackStillOwed && s.overdue?.deadline === 'acknowledge' ? s.overdue : undefined,
      extensions: [...s.extensions, { ...st, amount, reason, newDueDate: dueDate }],
    },
  };
}

/** Art. 26 inc. 2–3: neither the petition nor the decision may come after expiry. */
export function expiredError(s: Solicitud): DomainError {
  return badTransition(
    `El plazo de respuesta venció el ${formatDate(s.deadlines.answer.dueDate)}: un plazo vencido no se puede prorrogar (Ley 19.880 art. 26). La UGDT puede reiterar la solicitud.`,
  );
}
