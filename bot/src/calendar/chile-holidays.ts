// Chilean public holidays for the deadline calendar. Lives on the bot side because it depends on date-holidays;
// protocol/calendar only receives the resulting HolidayCalendar.
//
// What date-holidays 3.37.0 returns for new Holidays('CL').getHolidays(2026) (dates are local to America/Santiago):
//   public: 01-01 Año Nuevo · 04-03 Viernes Santo · 04-05 Pascua (a Sunday anyway) · 05-01 Día del Trabajador ·
//           05-21 Día de las Glorias Navales · 06-21 Día de los Pueblos Indígenas (solstice; a Sunday in 2026) ·
//           06-29 San Pedro y San Pablo · 07-16 Virgen del Carmen · 08-15 Asunción · 09-18 Fiestas Patrias ·
//           09-19 Día de las Glorias del Ejército · 10-12 Encuentro de Dos Mundos ·
//           10-31 Día Nacional de las Iglesias Evangélicas y Protestantes (a Saturday) · 11-01 Todos los Santos ·
//           12-08 La inmaculada concepción · 12-25 Navidad
//   bank:   12-31 Fin del Año — only banks close, public offices work, so it is dropped with every non-public type.
// The movable rules (29 Jun / 12 Oct moved to Monday, 31 Oct moved to a Friday, the 17/20 Sep bridge days, e.g.
// 2027-09-17) are computed by the library. It knows no election days nor one-off holidays by special law, hence the override table.
// Its 'start' field is local midnight as a UTC instant; only the 'YYYY-MM-DD' prefix of 'date' is used here.
import Holidays from 'date-holidays';
import { z } from 'zod';
import {
  createHolidayCalendar,
  localDateSchema,
  toLocalDate,
  type HolidayCalendar,
  type HolidayEntry,
  type LocalDate,
} from '../../../protocol/calendar';

export const holidayOverridesSchema = z
  .object({
    add: z.array(z.object({ date: localDateSchema, name: z.string().trim().min(1) }).strict()).default([]),
    remove: z.array(localDateSchema).default([]),
  })
  .strict();

/** What an administrator writes: election days and special-law holidays to add, wrong ones to remove. */
export type HolidayOverrides = z.input<typeof holidayOverridesSchema>;

export interface ChileHoliday extends HolidayEntry {
  /** Where the entry comes from, so the tab can show which days were set by hand. */
  source: 'date-holidays' | 'override';
}

/** Current year in Chile −1 … +5: covers plazos still running from last year and any prórroga ahead. */
export function defaultYears(now: Date = new Date()): number[] {
  const current = Number(toLocalDate(now).slice(0, 4));
  return Array.from({ length: 7 }, (_, i) => current - 1 + i);
}

function checkYears(years: number[]): void {
  for (const y of years) {
    if (!Number.isInteger(y) || y < 1900 || y > 2200) throw new RangeError(`Año fuera de rango: ${y}`);
  }
}

// One year of the library's public holidays never changes within a process, and computing one costs about 10 ms of
// CPU (the June holiday is the winter solstice, found with an astronomical series): kept per year, so a service
// start, each GET /api/v1/feriados and each calendar rebuild compute a year once.
let library: Holidays | undefined;
const libraryYears = new Map<number, readonly HolidayEntry[]>();

function libraryYear(year: number): readonly HolidayEntry[] {
  let entries = libraryYears.get(year);
  if (!entries) {
    library ??= new Holidays('CL', { languages: ['es'] });
    entries = library
      .getHolidays(year, 'es')
      .filter((h) => h.type === 'public')
      .map((h) => Object.freeze({ date: h.date.slice(0, 10), name: h.name }));
    libraryYears.set(year, entries);
  }
  return entries;
}

function libraryHolidays(years: number[]): HolidayEntry[] {
  return years.flatMap((year) => libraryYear(year));
}

/**
 * Sorted public holidays of `years` with the overrides applied: removed dates disappear (also the ones listed in
 * `add`, since removal is the stronger statement), added ones appear only within `years`.
 */
export function chileHolidayList(years: number[] = defaultYears(), overrides: HolidayOverrides = {}): ChileHoliday[] {
  checkYears(years);
  const { add, remove } = holidayOverridesSchema.parse(overrides);
  const wanted = new Set(years.map(String));
  const removed = new Set<LocalDate>(remove);
  const list: ChileHoliday[] = [
    ...libraryHolidays(years).map((h) => ({ ...h, source: 'date-holidays' as const })),
    ...add.filter((h) => wanted.has(h.date.slice(0, 4))).map((h) => ({ ...h, source: 'override' as const })),
  ].filter((h) => !removed.has(h.date));
  return list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** HolidayCalendar for Chile; dates outside `years` are treated as having no holidays. */
export function buildChileCalendar(
  overrides: HolidayOverrides = {},
  years: number[] = defaultYears(),
): HolidayCalendar {
  const { add, remove } = holidayOverridesSchema.parse(overrides);
  checkYears(years);
  // Overrides for years outside the range still count: the administrator wrote them on purpose.
  return createHolidayCalendar([...libraryHolidays(years), ...add], remove);
}
