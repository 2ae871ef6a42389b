// Deadline calendar for the protocol. Plazos de días hábiles follow Ley 19.880 art. 25 (Saturdays, Sundays and
// public holidays do not count, counting starts the day after) and prórrogas art. 26 (at most half the period).
// Kept pure so the bot and the tab compute the very same due dates; holiday data is injected by the caller.
import { z } from 'zod';

/** A calendar date in America/Santiago, 'YYYY-MM-DD'. */
export type LocalDate = string;
export type PeriodUnit = 'habiles' | 'corridos';
export interface Period {
  amount: number;
  unit: PeriodUnit;
}

export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export const DEFAULT_TIME_ZONE = 'America/Santiago';
export const PERIOD_UNITS = ['habiles', 'corridos'] as const satisfies readonly PeriodUnit[];
/** Longest period the protocol accepts; anything longer is a typo, not a plazo. */
export const MAX_PERIOD_AMOUNT = 365;

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Splits and validates a LocalDate; rejects impossible dates such as 2026-02-30. */
function parts(d: LocalDate): [number, number, number] {
  const m = LOCAL_DATE_RE.exec(d);
  if (m) {
    const [y, mo, da] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const t = new Date(Date.UTC(y, mo - 1, da));
    if (t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === da) return [y, mo, da];
  }
  throw new RangeError(`Fecha inválida (se espera YYYY-MM-DD): ${JSON.stringify(d)}`);
}

export function isLocalDate(s: unknown): s is LocalDate {
  if (typeof s !== 'string') return false;
  try {
    parts(s);
    return true;
  } catch {
    return false;
  }
}

export const localDateSchema = z.string().refine(isLocalDate, { message: 'Fecha inválida (se espera YYYY-MM-DD)' });

export const periodSchema = z.object({
  amount: z.number().int().min(0).max(MAX_PERIOD_AMOUNT),
  unit: z.enum(PERIOD_UNITS),
});

/** Returns the period if valid, otherwise throws (ZodError). */
export function validatePeriod(p: unknown): Period {
  return periodSchema.parse(p);
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function fromUtcMs(ms: number): LocalDate {
  const t = new Date(ms);
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

function utcMs(d: LocalDate): number {
  const [y, m, da] = parts(d);
  return Date.UTC(y, m - 1, da);
}

export function addDays(d: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`addDays necesita un entero: ${n}`);
  return fromUtcMs(utcMs(d) + n * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday, like Date#getDay. */
export function weekday(d: LocalDate): Weekday {
  return new Date(utcMs(d)).getUTCDay() as Weekday;
}

// ---------------------------------------------------------------------------------------------------------------
// Time zones. Only Intl is used so the offsets come from the runtime's tz database (Chile moves its DST dates by
// decree, so hard-coding -03/-04 would silently break).

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Recent answers of wallClockMs by zone and second: formatToParts is the costly part of rendering a card. */
const wallClocks = new Map<string, Map<number, number>>();
const WALL_CLOCK_CACHE = 4096;

/** Wall-clock fields of an instant in a zone, as if they were UTC (ms precision dropped to seconds). */
function wallClockMs(instant: number, timeZone: string): number {
  const second = Math.floor(instant / 1000);
  let cache = wallClocks.get(timeZone);
  if (!cache) wallClocks.set(timeZone, (cache = new Map()));
  const known = cache.get(second);
  if (known !== undefined) return known;
  const v: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) v[p.type] = Number(p.value);
  const { year = NaN, month = NaN, day, hour, minute, second: s } = v;
  const wall = Date.UTC(year, month - 1, day, hour, minute, s);
  if (cache.size >= WALL_CLOCK_CACHE) cache.clear();
  cache.set(second, wall);
  return wall;
}

function checkInstant(instant: Date): number {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw new RangeError('Fecha/hora inválida');
  return t;
}

export function toLocalDate(instant: Date, timeZone: string = DEFAULT_TIME_ZONE): LocalDate {
  return fromUtcMs(wallClockMs(checkInstant(instant), timeZone));
}

/** Offset (local minus UTC) in ms in force at an instant. */
function offsetAt(instant: number, timeZone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallClockMs(whole, timeZone) - whole;
}

/**
 * First instant whose local date is `d`. Usually local midnight, but in Chile the September change skips
 * 00:00–00:59, so that day starts at 01:00 (-03); the instant is then exactly the transition, which the
 * pre-transition offset yields. Taking the earliest valid candidate also picks the first of a repeated midnight.
 */
export function startOfLocalDay(d: LocalDate, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const wall = utcMs(d);
  const candidates = [offsetAt(wall - DAY_MS, timeZone), offsetAt(wall + DAY_MS, timeZone), offsetAt(wall, timeZone)]
    .map((off) => wall - off)
    .filter((t) => fromUtcMs(wallClockMs(t, timeZone)) === d);
  if (candidates.length === 0) throw new RangeError(`No se pudo ubicar ${d} en ${timeZone}`);
  return new Date(Math.min(...candidates));
}

/**
 * Last millisecond of `d` in the zone: one ms before the next day starts. In April Chile repeats 23:00–23:59 on
 * the Saturday, and this gives the later (-04) 23:59:59.999, so a plazo never closes an hour early.
 */
export function endOfLocalDay(d: LocalDate, timeZone: string = DEFAULT_TIME_ZONE): Date {
  return new Date(startOfLocalDay(addDays(d, 1), timeZone).getTime() - 1);
}

// ---------------------------------------------------------------------------------------------------------------
// Holidays and working days.

export interface HolidayCalendar {
  isHoliday(d: LocalDate): boolean;
  holidayName(d: LocalDate): string | undefined;
}

export interface HolidayEntry {
  date: LocalDate;
  name: string;
}

/** `removed` wins over `entries`: it is how an override table cancels a holiday the data source got wrong. */
export function createHolidayCalendar(entries: HolidayEntry[], removed: LocalDate[] = []): HolidayCalendar {
  const byDate = new Map<LocalDate, string>();
  for (const { date, name } of entries) {
    parts(date);
    const prev = byDate.get(date);
    // Two sources can name the same day (e.g. an override re-adding a holiday); keep both names for the user.
    byDate.set(date, prev && prev !== name ? `${prev} / ${name}` : name);
  }
  for (const date of removed) {
    parts(date);
    byDate.delete(date);
  }
  return {
    isHoliday: (d) => byDate.has(d),
    holidayName: (d) => byDate.get(d),
  };
}

export function isWorkingDay(cal: HolidayCalendar, d: LocalDate): boolean {
  const w = weekday(d);
  return w !== 0 && w !== 6 && !cal.isHoliday(d);
}

// A calendar that marks every day as a holiday would otherwise loop forever.
const MAX_SCAN_DAYS = 3 * 366;

/** `d` itself if it is a working day, else the next one. */
export function nextWorkingDayOnOrAfter(cal: HolidayCalendar, d: LocalDate): LocalDate {
  let cur = d;
  for (let i = 0; i <= MAX_SCAN_DAYS; i++, cur = addDays(cur, 1)) {
    if (isWorkingDay(cal, cur)) return cur;
  }
  throw new RangeError(`No hay días hábiles después de ${d}`);
}

/** Working days in the half-open range (from, to]; 0 when to <= from. */
export function countWorkingDays(cal: HolidayCalendar, from: LocalDate, to: LocalDate): number {
  let n = 0;
  for (let cur = addDays(from, 1); cur <= to; cur = addDays(cur, 1)) {
    if (isWorkingDay(cal, cur)) n++;
  }
  return n;
}

function startDate(start: Date | LocalDate, timeZone: string): LocalDate {
  if (start instanceof Date) return toLocalDate(start, timeZone);
  parts(start);
  return start;
}

/** Due date (last day included) of a period that starts on `start`. */
export function addPeriod(
  cal: HolidayCalendar,
  start: Date | LocalDate,
  period: Period,
  timeZone: string = DEFAULT_TIME_ZONE,
): LocalDate {
  const { amount, unit } = validatePeriod(period);
  const from = startDate(start, timeZone);
  if (unit === 'corridos') return nextWorkingDayOnOrAfter(cal, addDays(from, amount));
  if (amount === 0) return nextWorkingDayOnOrAfter(cal, from);
  let cur = from;
  for (let i = 0; i < amount; i++) cur = nextWorkingDayOnOrAfter(cal, addDays(cur, 1));
  return cur;
}

/**
 * Working days left until `due` (inclusive), counted from the day after today: 0 means it is due today.
 * Overdue gives minus the working days elapsed after `due` up to today, but never more than -1: on the Saturday
 * after a Friday due date no working day has passed yet, and reporting 0 would wrongly read as "vence hoy".
 */
export function workingDaysLeft(
  cal: HolidayCalendar,
  now: Date,
  due: LocalDate,
  timeZone: string = DEFAULT_TIME_ZONE,
): number {
  parts(due);
  const today = toLocalDate(now, timeZone);
  if (due === today) return 0;
  if (due > today) return countWorkingDays(cal, today, due);
  return -Math.max(1, countWorkingDays(cal, due, today));
}

/** Longest prórroga allowed (Ley 19.880 art. 26): half the original period, rounded down; 0 means none. */
export function maxExtension(period: Period): Period {
  const { amount, unit } = validatePeriod(period);
  return { amount: Math.floor(amount / 2), unit };
}

// ---------------------------------------------------------------------------------------------------------------
// Display. Users in Chile read and type dd-MM-yyyy.

export function formatDate(d: LocalDate): string {
  const [y, m, da] = parts(d);
  return `${pad(da)}-${pad(m)}-${pad(y, 4)}`;
}

// Lenient on purpose: people type 5/9/2026 or 05.09.2026 as often as 05-09-2026; the order is always day first.
const DISPLAY_RE = /^\s*(\d{1,2})([-/.])(\d{1,2})\2(\d{4})\s*$/;

/** Parses 'dd-MM-yyyy' (also '/' or '.' separators); undefined when malformed or not a real date. */
export function parseDisplayDate(s: string): LocalDate | undefined {
  const m = DISPLAY_RE.exec(s);
  if (!m) return undefined;
  const d = `${m[4]}-${pad(Number(m[3]))}-${pad(Number(m[1]))}`;
  return isLocalDate(d) ? d : undefined;
}
