import type { LocalDate } from './calendar';

/** Calendar months on a local date; the 31st becomes the last day of a shorter month. */
export function addMonths(d: LocalDate, months: number): LocalDate {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${year}-${pad(month)}-${pad(Math.min(day, last))}`;
}

/**
 * Last day of a period of `months` months starting on `start` (Código Civil art. 48): the day before the same
 * date `months` later, or the last day of that month when it has no such date (31-08 + 1 month ends 30-09).
 */
export function endOfMonthsPeriod(start: LocalDate, months: number): LocalDate {
  const same = addMonths(start, months);
  if (same.slice(8) !== start.slice(8)) return same;
  const [y, m, d] = same.split('-').map(Number) as [number, number, number];
  const prev = new Date(Date.UTC(y, m - 1, d - 1));
  return prev.toISOString().slice(0, 10);
}

/** Spanish month names, lower case as Chilean Spanish writes them («septiembre de 2026»). */
export const MONTH_NAMES: readonly string[] = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
];
