// From the Panel's read model (protocol PanelStats) to what its charts draw: months in Spanish, the range the URL
// asks for, one series per unit and the monthly share answered within the deadline. No React, no DOM.
import { MONTH_NAMES, type UnitMonth } from '../../../protocol';
import { MONTH_SHORT } from '../textos/graficos';

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const isMonth = (s: string | null | undefined): s is string => !!s && MONTH_RE.test(s);

/** AAAA-MM plus `k` months (k may be negative). */
export function addMonth(month: string, k: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + k;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** "noviembre 2026" (long, for tables and screen readers) or "nov 2026" (short, for axes). */
export function monthLabel(month: string, form: 'long' | 'short' = 'long'): string {
  const m = MONTH_RE.exec(month);
  if (!m) return month;
  const i = Number(m[2]) - 1;
  return `${(form === 'long' ? MONTH_NAMES : MONTH_SHORT)[i]} ${m[1]}`;
}

/** The months a user may choose from: the current one and the `count - 1` before it, newest first. */
export function monthChoices(current: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addMonth(current, -i));
}

export interface MonthRange {
  desde: string;
  hasta: string;
}

export const DEFAULT_MONTHS = 6;
export const CHOOSABLE_MONTHS = 36;
/** The longest range the service computes (GET /api/v1/panel answers at most 24 months). */
export const MAX_SPAN_MONTHS = 24;

/** Months from `desde` to `hasta`, both included (0 when inverted). */
export function monthSpan(r: MonthRange): number {
  const n = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
  return Math.max(0, n(r.hasta) - n(r.desde) + 1);
}

/**
 * The range after the user moved one end to `month`: the other end follows when the range would be inverted or
 * longer than the service allows, so every choice in the selector gives a valid range.
 */
export function moveRange(r: MonthRange, end: 'desde' | 'hasta', month: string): MonthRange {
  if (end === 'desde') {
    const hasta = r.hasta < month ? month : r.hasta;
    const last = addMonth(month, MAX_SPAN_MONTHS - 1);
    return { desde: month, hasta: hasta > last ? last : hasta };
  }
  const desde = r.desde > month ? month : r.desde;
  const first = addMonth(month, -(MAX_SPAN_MONTHS - 1));
  return { desde: desde < first ? first : desde, hasta: month };
}

/** The last six months, the current one included. */
export const defaultRange = (current: string): MonthRange => ({
  desde: addMonth(current, -(DEFAULT_MONTHS - 1)),
  hasta: current,
});

/**
 * The range in the URL when it is one the selector offers (both months choosable, in order, at most
 * MAX_SPAN_MONTHS long); otherwise the
 * default, so a stale or mistyped link still opens a sensible Panel.
 */
export function rangeFrom(desde: string | null, hasta: string | null, current: string): MonthRange {
  const oldest = addMonth(current, -(CHOOSABLE_MONTHS - 1));
  const ok = (m: string | null): m is string => isMonth(m) && m >= oldest && m <= current;
  if (ok(desde) && ok(hasta) && desde <= hasta && monthSpan({ desde, hasta }) <= MAX_SPAN_MONTHS)
    return { desde, hasta };
  return defaultRange(current);
}

export interface Series {
  key: string;
  label: string;
  /** One value per month of the chart, null when the month has no data. */
  values: (number | null)[];
}

type Metric = 'medianDaysToAcknowledge' | 'medianDaysToDeliver';

/**
 * One series per unit for a median, over `months`; units with no value in any month are left out (they would
 * be an empty line in the legend). Sorted by unit name so colours stay put as the data changes.
 */
export function unitSeries(rows: readonly UnitMonth[], months: readonly string[], metric: Metric): Series[] {
  const index = new Map(months.map((m, i) => [m, i]));
  const byUnit = new Map<string, Series>();
  for (const r of rows) {
    const i = index.get(r.month);
    if (i === undefined) continue;
    let s = byUnit.get(r.unitId);
    if (!s) byUnit.set(r.unitId, (s = { key: r.unitId, label: r.unitName, values: months.map(() => null) }));
    s.values[i] = r[metric];
  }
  return [...byUnit.values()]
    .filter((s) => s.values.some((v) => v !== null))
    .sort((a, b) => a.label.localeCompare(b.label, 'es'));
}

/** Every unit that appears in the data, by name: the order that fixes each unit's colour and marker. */
export function unitOrder(rows: readonly UnitMonth[]): string[] {
  const names = new Map<string, string>();
  for (const r of rows) names.set(r.unitId, r.unitName);
  return [...names.entries()].sort((a, b) => a[1].localeCompare(b[1], 'es')).map(([id]) => id);
}

export interface MonthShare {
  month: string;
  answered: number;
  inTime: number;
  /** 0..1, null when nothing was answered that month. */
  share: number | null;
}

/** All units together, month by month: requests answered and those answered within the deadline. */
export function monthlyShare(rows: readonly UnitMonth[], months: readonly string[]): MonthShare[] {
  const acc = new Map(months.map((m) => [m, { answered: 0, inTime: 0 }]));
  for (const r of rows) {
    const a = acc.get(r.month);
    if (!a) continue;
    a.answered += r.answered;
    a.inTime += r.answeredInTime;
  }
  return months.map((month) => {
    const { answered, inTime } = acc.get(month)!;
    return { month, answered, inTime, share: answered ? inTime / answered : null };
  });
}
