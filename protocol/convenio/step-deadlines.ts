// Rule 3 (issue 12): every step of a convenio before vigencia has a deadline — the evaluation, each visación (the
// DAJ's and the counterpart's, separately), each signature that may be given now, and the approving decree. Periods
// are in días hábiles counted as Ley 19.880 art. 25 says (calendar/), from the moment the convenio entered the step;
// their length is the municipality's to set (settings.convenio.stepPeriods; defaults after Ley 19.880 art. 24,
// see docs/configuracion.md). A reminder goes to whoever must act `reminderDaysBefore` working days before; after
// the deadline the step is escalated to SECPLAN and the Administración Municipal. Pure: no I/O.
import { addPeriod, formatDate, startOfLocalDay, type HolidayCalendar, type Period } from '../calendar';
import type { DecideContext } from '../context';
import { deadlineFor, workingDayBefore } from '../deadlines';
import { contact, notice, person, role, type Effect, type Recipient, type TimerKind } from '../effects';
import { DomainError } from '../errors';
import type { ProtocolSettings } from '../settings';
import type { Deadline } from '../solicitud/state';
import type { Convenio } from './state';

export type StepKind = 'evaluacion' | 'visacion_municipal' | 'visacion_externa' | 'firma' | 'decreto';

export interface StepDeadline extends Deadline {
  kind: StepKind;
  /** For a signature: whose. */
  signerId?: string;
  /** When the reminder is due (ISO), absent when the period is too short for one. */
  remindAt?: string;
  /** When the reminder went out (ISO). */
  remindedAt?: string;
  /** When the step was escalated as overdue (ISO): it stays overdue until the step is done. */
  escalatedAt?: string;
}

export interface RunningStep {
  key: string;
  kind: StepKind;
  signerId?: string;
}

export const STEP_LABELS: Record<StepKind, string> = {
  evaluacion: 'Plazo de la evaluación de necesidad',
  visacion_municipal: 'Plazo de visación de la DAJ',
  visacion_externa: 'Plazo de visación de la contraparte',
  firma: 'Plazo de firma',
  decreto: 'Plazo del decreto aprobatorio',
};

/** The two timers a convenio's steps use: one pending reminder and one pending due instant, the earliest ones. */
export const STEP_TIMERS: { reminder: TimerKind; due: TimerKind } = {
  reminder: 'recordatorio_etapa',
  due: 'vencimiento_etapa',
};

/** Reminders go out at 09:00 local time, like those of requests. */
const REMINDER_HOUR_MS = 9 * 3600_000;

/** The steps running now: who the convenio waits for, each with its own deadline. */
export function runningSteps(c: Convenio): RunningStep[] {
  switch (c.state) {
    case 'evaluacion':
      return [{ key: 'evaluacion', kind: 'evaluacion' }];
    case 'visacion':
      return [
        ...(c.legalReviews.municipal ? [] : [{ key: 'visacion_municipal', kind: 'visacion_municipal' as const }]),
        ...(c.legalReviews.external ? [] : [{ key: 'visacion_externa', kind: 'visacion_externa' as const }]),
      ];
    case 'firma': {
      const pending = c.signers.filter((s) => !c.signatures.some((x) => x.signerId === s.id));
      const now = c.signatureOrder === 'secuencial' ? pending.slice(0, 1) : pending;
      return now.map((s) => ({ key: `firma:${s.id}`, kind: 'firma' as const, signerId: s.id }));
    }
    case 'aprobacion':
      return [{ key: 'decreto', kind: 'decreto' }];
    default:
      return [];
  }
}

export function stepPeriod(settings: ProtocolSettings, kind: StepKind): Period {
  const p = settings.convenio.stepPeriods;
  return kind === 'evaluacion'
    ? p.evaluacion
    : kind === 'firma'
      ? p.firma
      : kind === 'decreto'
        ? p.decreto
        : p.visacion;
}

/** A step's deadline when it starts at `start`, with its reminder `before` working days ahead (09:00). */
export function makeStepDeadline(
  cal: HolidayCalendar,
  step: RunningStep,
  period: Period,
  start: Date,
  before: number,
  tz: string,
): StepDeadline {
  const dueDate = addPeriod(cal, start, period, tz);
  const d: StepDeadline = {
    ...deadlineFor(dueDate, period, start, 0, tz),
    kind: step.kind,
    ...(step.signerId ? { signerId: step.signerId } : {}),
  };
  if (before > 0) {
    const day = workingDayBefore(cal, dueDate, before);
    const at = new Date(startOfLocalDay(day, tz).getTime() + REMINDER_HOUR_MS);
    if (at > start) d.remindAt = at.toISOString();
  }
  return d;
}

/**
 * The step deadlines of `c` as stored; a row written before rule 3 has none stored, and its running steps are
 * read as having started at its last change (`updatedAt`), the best stamp it has.
 */
export function stepDeadlinesOf(
  c: Convenio,
  cal: HolidayCalendar,
  settings: ProtocolSettings,
): Record<string, StepDeadline> {
  if (c.stepDeadlines) return c.stepDeadlines;
  const out: Record<string, StepDeadline> = {};
  for (const s of runningSteps(c))
    out[s.key] = makeStepDeadline(
      cal,
      s,
      stepPeriod(settings, s.kind),
      new Date(c.updatedAt),
      settings.reminderDaysBefore,
      settings.timeZone,
    );
  return out;
}

/** The earliest deadline among the running steps (ISO instant), what the register sorts and flags on. */
export function earliestStepDue(c: Convenio): { dueAt: string; step: StepDeadline } | undefined {
  let best: StepDeadline | undefined;
  for (const s of runningSteps(c)) {
    const d = c.stepDeadlines?.[s.key];
    if (d && (!best || d.dueAt < best.dueAt)) best = d;
  }
  return best ? { dueAt: best.dueAt, step: best } : undefined;
}

/** Whether a running step has been escalated as overdue. */
export const stepOverdue = (c: Convenio): boolean =>
  runningSteps(c).some((s) => !!c.stepDeadlines?.[s.key]?.escalatedAt);

const earliest = (xs: (string | undefined)[]) => xs.filter((x): x is string => !!x).sort()[0];
const pendingReminder = (ds: Record<string, StepDeadline>) =>
  earliest(Object.values(ds).map((d) => (d.remindedAt ? undefined : d.remindAt)));
const pendingDue = (ds: Record<string, StepDeadline>) =>
  earliest(Object.values(ds).map((d) => (d.escalatedAt ? undefined : d.dueAt)));

/**
 * After any decision: start the deadline of each step that began, drop those of steps that ended, and keep the two
 * step timers on the earliest pending reminder and due instant. `prev` is null at creation.
 */
export function syncStepDeadlines(
  prev: Convenio | null,
  next: Convenio,
  ctx: DecideContext,
): { next: Convenio; effects: Effect[] } {
  const { settings, calendar } = ctx;
  const tz = settings.timeZone;
  const known = next.stepDeadlines ?? (prev ? stepDeadlinesOf(prev, calendar, settings) : {});
  const steps: Record<string, StepDeadline> = {};
  for (const s of runningSteps(next))
    steps[s.key] =
      known[s.key] ??
      makeStepDeadline(calendar, s, stepPeriod(settings, s.kind), ctx.now, settings.reminderDaysBefore, tz);
  // What was armed before: nothing for a row written before rule 3 (no deadlines stored, no timers).
  const armed = prev?.stepDeadlines ?? {};
  // A timer left armed for a step that ended is recognised as stale when it fires (its `about` matches no running
  // step), like a request's: nothing needs cancelling here.
  const effects: Effect[] = [];
  for (const [timer, pick] of [
    [STEP_TIMERS.reminder, pendingReminder],
    [STEP_TIMERS.due, pendingDue],
  ] as const) {
    const after = pick(steps);
    if (after && after !== pick(armed)) effects.push({ type: 'schedule', timer, dueAt: after, about: after });
  }
  return { next: { ...next, stepDeadlines: steps }, effects };
}

/** Who must act on a step: the notices' recipients. */
export function stepActors(c: Convenio, d: StepDeadline): Recipient[] {
  switch (d.kind) {
    case 'evaluacion':
      return c.assessment || c.rejectionProposal ? [role('administrador_municipal')] : [role('secplan')];
    case 'visacion_municipal':
      return [role('daj')];
    case 'visacion_externa':
      return [role('secplan'), ...contact(c.entity.legalContact)];
    case 'firma': {
      const s = c.signers.find((x) => x.id === d.signerId);
      if (s?.personId) return [person(s.personId)];
      if (s?.side === 'municipalidad') return [role('alcalde')];
      return [role('secplan'), ...contact(c.entity.representative)];
    }
    case 'decreto':
      return [role('secretaria_municipal'), role('alcalde')];
  }
}

/** What the step is, in a sentence: "la visación de la DAJ", "la firma de Ana Pérez (Alcaldesa)". */
export function stepWhat(c: Convenio, d: StepDeadline): string {
  switch (d.kind) {
    case 'evaluacion':
      return 'la evaluación de necesidad (§5)';
    case 'visacion_municipal':
      return 'la visación de la DAJ (§5e)';
    case 'visacion_externa':
      return `la visación del área jurídica de ${c.entity.name}`;
    case 'firma': {
      const s = c.signers.find((x) => x.id === d.signerId);
      return s ? `la firma de ${s.name} (${s.position})` : 'una firma';
    }
    case 'decreto':
      return 'el Decreto Alcaldicio que aprueba el convenio (§6)';
  }
}

/**
 * A step timer fell due (system command): the reminder goes to whoever must act, with SECPLAN in copy; past the
 * deadline the step is escalated to SECPLAN and the Administración Municipal, the actors in copy. A timer for a
 * step already done or rescheduled is stale.
 */
export function fireStepTimer(
  c: Convenio,
  kind: 'recordatorio_etapa' | 'etapa_vencida',
  about: string,
  ctx: DecideContext,
): { stepDeadlines: Record<string, StepDeadline>; effects: Effect[] } {
  const running = new Set(runningSteps(c).map((s) => s.key));
  const stored = c.stepDeadlines ?? {};
  const hit = Object.entries(stored).filter(([key, d]) =>
    !running.has(key)
      ? false
      : kind === 'recordatorio_etapa'
        ? d.remindAt === about && !d.remindedAt
        : d.dueAt === about && !d.escalatedAt,
  );
  if (!hit.length) throw new DomainError('TEMPORIZADOR_OBSOLETO', 'La etapa cambió desde que se programó este aviso.');
  const at = ctx.now.toISOString();
  if (kind === 'recordatorio_etapa' && hit.some(([, d]) => ctx.now >= new Date(d.dueAt)))
    throw new DomainError('TEMPORIZADOR_OBSOLETO', 'El plazo ya venció.');
  if (kind === 'etapa_vencida' && ctx.now < new Date(about))
    throw new DomainError('TEMPORIZADOR_OBSOLETO', 'El plazo aún no vence.');
  const stepDeadlines = { ...stored };
  const effects: Effect[] = [];
  const ref = c.reference;
  for (const [key, d] of hit) {
    const what = stepWhat(c, d);
    const due = formatDate(d.dueDate);
    if (kind === 'recordatorio_etapa') {
      stepDeadlines[key] = { ...d, remindedAt: at };
      effects.push(
        ...notice(
          stepActors(c, d),
          [role('secplan')],
          'convenio.recordatorio_etapa',
          `${ref}: vence ${what}`,
          `Recuerde: el plazo para ${what} vence el ${due}.`,
        ),
      );
    } else {
      stepDeadlines[key] = { ...d, escalatedAt: at };
      effects.push(
        ...notice(
          [role('secplan'), role('administrador_municipal')],
          // Internal escalation: the counterpart is not copied.
          stepActors(c, d).filter((r) => r.kind !== 'contact'),
          'convenio.etapa_vencida',
          `${ref}: plazo vencido`,
          `Venció el plazo para ${what} (${due}). SECPLAN y la Administración Municipal deben gestionar que se cumpla.`,
        ),
      );
    }
  }
  return { stepDeadlines, effects };
}
