import {
  addDays,
  addPeriod,
  endOfLocalDay,
  isWorkingDay,
  maxExtension,
  startOfLocalDay,
  toLocalDate,
  type HolidayCalendar,
  type LocalDate,
  type Period,
} from './calendar';
import type { Deadline } from './solicitud/state';
import type { Effect, TimerKind } from './effects';

/** Reminders go out at 09:00 local time, the start of a working morning. */
const REMINDER_HOUR_MS = 9 * 3600_000;

export function makeDeadline(cal: HolidayCalendar, start: Date, period: Period, tz: string): Deadline {
  const dueDate = addPeriod(cal, start, period, tz);
  return deadlineFor(dueDate, period, start, 0, tz);
}

export function deadlineFor(dueDate: LocalDate, period: Period, start: Date, extended: number, tz: string): Deadline {
  return {
    dueDate,
    dueAt: endOfLocalDay(dueDate, tz).toISOString(),
    period,
    startedAt: start.toISOString(),
    extended,
  };
}

/** The working day `n` working days before `d` (n = 0 gives `d`). */
export function workingDayBefore(cal: HolidayCalendar, d: LocalDate, n: number): LocalDate {
  let day = d;
  let left = n;
  while (left > 0) {
    day = addDays(day, -1);
    if (isWorkingDay(cal, day)) left -= 1;
  }
  return day;
}

/** Timers for one deadline: a reminder `before` working days ahead (if still in the future) and the due instant. */
export function deadlineTimers(
  cal: HolidayCalendar,
  deadline: Deadline,
  kinds: { reminder: TimerKind; due: TimerKind },
  before: number,
  now: Date,
  tz: string,
): Effect[] {
  const effects: Effect[] = [];
  if (before > 0) {
    const day = workingDayBefore(cal, deadline.dueDate, before);
    const at = new Date(startOfLocalDay(day, tz).getTime() + REMINDER_HOUR_MS);
    if (at > now)
      effects.push({ type: 'schedule', timer: kinds.reminder, dueAt: at.toISOString(), about: deadline.dueAt });
  }
  effects.push({ type: 'schedule', timer: kinds.due, dueAt: deadline.dueAt, about: deadline.dueAt });
  return effects;
}

/** How much of the art. 26 allowance (half of the original period) is still unused. */
export function extensionLeft(deadline: Deadline): number {
  return Math.max(0, maxExtension(deadline.period).amount - deadline.extended);
}

/** Number of days of `period.unit` from `from` (exclusive) to `to` (inclusive); 0 when `to` is not after `from`. */
export function daysBetween(cal: HolidayCalendar, from: LocalDate, to: LocalDate, unit: Period['unit']): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (unit === 'corridos' || isWorkingDay(cal, d)) n += 1;
  return n;
}

export const today = (now: Date, tz: string) => toLocalDate(now, tz);
