// The end of a convenio's vigencia (issue 12, rule 4) and the transfers it covers (rule 5): the rules stated once,
// pure, for decide() and the start-up catch-up. Dates are local (America/Santiago); days in the notices are corridos.
import { addDays, formatDate, startOfLocalDay, type LocalDate } from '../calendar';
import { badTransition, invalid, type DomainError } from '../errors';
import type { Effect } from '../effects';
import type { ProtocolSettings } from '../settings';
import { endOfMonthsPeriod } from '../months';
import { CONVENIO_ENDED, type Convenio } from './state';

/** Notices and the end-of-vigencia timer fall due at 09:00 local time on their day (like evaluations). */
const morning = (d: LocalDate, tz: string) => new Date(startOfLocalDay(d, tz).getTime() + 9 * 3600_000).toISOString();

/** The lead times, longest first, without repeats. */
export const leadTimes = (settings: ProtocolSettings): number[] =>
  [...new Set(settings.convenio.expiryNoticeDays)].sort((a, b) => b - a);

/** Dates of the expiry notices for a vigencia ending on `end`: one per lead time (días corridos), earliest first. */
export function expiryNoticeDates(end: LocalDate, settings: ProtocolSettings): LocalDate[] {
  return leadTimes(settings).map((n) => addDays(end, -n));
}

/**
 * The next expiry notice to arm. `after` is a date already covered (the notice that just went out): the next one is
 * the first whose date is later. Without it (a vigencia just set), the first notice whose date is today or later;
 * when every lead time has passed already (a short convenio), one notice today.
 */
export function nextExpiryNotice(end: LocalDate, settings: ProtocolSettings, today: LocalDate, after?: LocalDate) {
  const dates = expiryNoticeDates(end, settings);
  const next = after ? dates.find((d) => d > after) : (dates.find((d) => d >= today) ?? today);
  return next !== undefined && next <= end ? next : undefined;
}

/**
 * The instant the vigencia is over: the first moment of the day after `end` (the end date is the last day in force,
 * Código Civil art. 48). The `fin_vigencia` timer fires then.
 */
export const endOfVigenciaAt = (end: LocalDate, tz: string): string =>
  startOfLocalDay(addDays(end, 1), tz).toISOString();

/** The timers a vigencia ending on `end` needs: the next expiry notice and the end itself. Each replaces its kind. */
export function vigenciaTimers(end: LocalDate, settings: ProtocolSettings, today: LocalDate): Effect[] {
  const tz = settings.timeZone;
  const notice = nextExpiryNotice(end, settings, today);
  return [
    ...(notice
      ? [{ type: 'schedule' as const, timer: 'aviso_termino' as const, dueAt: morning(notice, tz), about: end }]
      : []),
    { type: 'schedule', timer: 'fin_vigencia', dueAt: endOfVigenciaAt(end, tz), about: end },
  ];
}

/** The new end when the automatic-renewal clause renews a vigencia: another period of the convenio's duration. */
export const automaticRenewalEnd = (c: Pick<Convenio, 'durationMonths'>, end: LocalDate): LocalDate =>
  endOfMonthsPeriod(addDays(end, 1), c.durationMonths);

export const expiredMessage = (end: LocalDate) =>
  `El convenio venció el ${formatDate(end)}; una renovación expresa debía aprobarse antes de esa fecha.`;

export const transferAfterEndMessage = (end: LocalDate) =>
  `No se pueden registrar transferencias después del término de la vigencia (${formatDate(end)}).`;

/**
 * Express renewal (renovar): it needs its approving act (number and date), and both the act and its record must
 * come no later than the last day of the vigencia: an expired convenio is not renewed, it is vencido.
 */
export function expressRenewalProblem(
  c: Convenio,
  cmd: { decree?: string; decreeDate?: LocalDate },
  today: LocalDate,
): DomainError | undefined {
  const end = c.validity?.end;
  if (!end) return badTransition('El convenio no tiene vigencia registrada.');
  if (today > end || CONVENIO_ENDED.includes(c.state)) return badTransition(expiredMessage(end));
  if (!cmd.decree || !cmd.decreeDate)
    return invalid('Indique el número y la fecha del decreto que aprueba la renovación.', {
      ...(cmd.decree ? {} : { decree: 'requerido' }),
      ...(cmd.decreeDate ? {} : { decreeDate: 'requerida' }),
    });
  if (cmd.decreeDate > today)
    return invalid('La fecha del decreto de renovación no puede ser futura.', { decreeDate: 'fecha futura' });
  if (cmd.decreeDate > end) return badTransition(expiredMessage(end));
  return undefined;
}

/**
 * A verb that only makes sense within the vigencia, asked of a convenio whose vigencia is over (vencido, or
 * terminated after it was in force): said plainly, instead of the generic "no se puede … en estado …".
 */
export function afterEndProblem(c: Convenio, verb: string): DomainError | undefined {
  const end = c.validity?.end;
  if (!end || (!CONVENIO_ENDED.includes(c.state) && c.state !== 'terminado')) return undefined;
  if (verb === 'registrar_transferencia') return badTransition(transferAfterEndMessage(end));
  if (verb === 'renovar' && CONVENIO_ENDED.includes(c.state)) return badTransition(expiredMessage(end));
  return undefined;
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .trim()
    .toLowerCase();

/**
 * A transfer (rule 5): only datasets the convenio covers (by name, ignoring case and accents), dated within the
 * vigencia and not in the future. Ley 19.628 art. 5: a communication of personal data must fit the agreement that
 * allows it (the recipient, the data and the purpose recorded in it).
 */
export function transferProblem(
  c: Convenio,
  cmd: { date: LocalDate; datasets: string[] },
  today: LocalDate,
): DomainError | undefined {
  const v = c.validity;
  if (!v) return badTransition('El convenio no tiene vigencia registrada.');
  if (today > v.end || cmd.date > v.end) return badTransition(transferAfterEndMessage(v.end));
  const covered = new Set(c.datasets.map((d) => fold(d.name)));
  const extra = [...new Set(cmd.datasets.filter((d) => !covered.has(fold(d))))];
  if (extra.length)
    return invalid(
      `El convenio no cubre ${extra.length === 1 ? 'el conjunto de datos' : 'los conjuntos de datos'} ${extra
        .map((d) => `«${d}»`)
        .join(', ')}; solo puede transferir: ${c.datasets.map((d) => `«${d.name}»`).join(', ')}.`,
      { datasets: 'no cubiertos por el convenio' },
    );
  if (cmd.date > today) return invalid('La fecha de la transferencia no puede ser futura.', { date: 'fecha futura' });
  if (cmd.date < v.start)
    return invalid(`La transferencia es anterior al inicio de la vigencia (${formatDate(v.start)}).`, {
      date: 'antes de la vigencia',
    });
  return undefined;
}
