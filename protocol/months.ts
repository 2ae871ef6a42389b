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
