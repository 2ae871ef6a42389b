// Stored register rows → the RegisterRows the tab and the bot show (protocol/read-models.ts): state labels, unit names,
// "debe actuar" and the working days left, many rows at once.
import {
  CONVENIO_STATE_LABELS,
  SOLICITUD_STATE_LABELS,
  isWorkingDay,
  toLocalDate,
  unitName,
  workingDaysLeft,
  type Directory,
  type HolidayCalendar,
  type ItemKind,
  type LocalDate,
  type RegisterRow,
} from '../../../../protocol';
import type { Runtime } from '../../runtime';

/** What turning stored rows into RegisterRows needs besides the rows: the clock, the calendar and the names. */
export interface RowContext {
  now: Date;
  calendar: HolidayCalendar;
  directory: Directory;
  timeZone: string;
}

export const rowContext = (rt: Runtime): RowContext => ({
  now: rt.now(),
  calendar: rt.calendar,
  directory: rt.directory,
  timeZone: rt.settings.timeZone,
});

/** The columns every register read selects (aliased `i.` when joined). */
export const ROW_COLUMNS = `id, kind, reference, version, state, requesting_unit, owner_unit, title, access, privacy,
  waiting_on, due_at, overdue_flag, created_at, updated_at,
  CASE WHEN kind = 'convenio' THEN data->'entity'->>'name' END AS counterpart`;

export interface StoredRow {
  id: string;
  kind: ItemKind;
  reference: string;
  version: number;
  state: string;
  requesting_unit: string;
  owner_unit: string;
  title: string;
  access: string;
  privacy: string;
  waiting_on: string | null;
  due_at: Date | string | null;
  overdue_flag: boolean;
  created_at: Date | string;
  updated_at: Date | string;
  /** A convenio's counterpart (the outside institution, open to every reader); null for a request. */
  counterpart: string | null;
}

const DAY_MS = 86_400_000;
const dayNumber = (d: LocalDate): number =>
  Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / DAY_MS;
const dayDate = (n: number): LocalDate => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** Working days counted from `from` (a day number): prefix[i] = working days in [from, from + i]. */
interface WorkingDayIndex {
  from: number;
  prefix: Int32Array;
}
// Calendars are built once at start and never change, so each one's index is kept for the process's life.
const indexes = new WeakMap<HolidayCalendar, WorkingDayIndex>();
/** Days added on each side when an index is (re)built, so the next pages rarely need a rebuild. */
const INDEX_MARGIN_DAYS = 2 * 366;
const MAX_INDEX_DAYS = 20 * 366;

function workingDayIndex(cal: HolidayCalendar, lo: number, hi: number): WorkingDayIndex {
  const have = indexes.get(cal);
  if (have && lo >= have.from && hi < have.from + have.prefix.length) return have;
  const from = Math.min(lo, have?.from ?? lo) - INDEX_MARGIN_DAYS;
  const to = Math.max(hi, have ? have.from + have.prefix.length - 1 : hi) + INDEX_MARGIN_DAYS;
  const prefix = new Int32Array(to - from + 1);
  let n = 0;
  for (let i = 0; i < prefix.length; i++) {
    if (isWorkingDay(cal, dayDate(from + i))) n++;
    prefix[i] = n;
  }
  const built = { from, prefix };
  indexes.set(cal, built);
  return built;
}

/**
 * Working days left (protocol workingDaysLeft, which the unit tests hold this to) for many due dates at once. A
 * page of long-overdue rows would otherwise count hundreds of calendar days each; with a per-calendar prefix count
 * every row is one subtraction.
 */
export function workingDaysLeftMany(
  cal: HolidayCalendar,
  now: Date,
  dates: Iterable<LocalDate>,
  timeZone: string,
): Map<LocalDate, number> {
  const today = toLocalDate(now, timeZone);
  const out = new Map<LocalDate, number>();
  const unique = [...new Set(dates)];
  if (unique.length === 0) return out;
  const t = dayNumber(today);
  const days = unique.map(dayNumber);
  const lo = Math.min(t, ...days);
  const hi = Math.max(t, ...days);
  // A date decades away (a typo in old data) is counted the slow way rather than indexed.
  if (hi - lo > MAX_INDEX_DAYS) {
    for (const d of unique) out.set(d, workingDaysLeft(cal, now, d, timeZone));
    return out;
  }
  const idx = workingDayIndex(cal, lo, hi);
  // Working days in (a, b] for a <= b.
  const between = (a: number, b: number) => idx.prefix[b - idx.from]! - idx.prefix[a - idx.from]!;
  unique.forEach((d, i) => {
    const n = days[i]!;
    // Overdue is never less than one day late: a weekend after the due date has no working day yet.
    out.set(d, n === t ? 0 : n > t ? between(t, n) : -Math.max(1, between(n, t)));
  });
  return out;
}

/** Local dates of stored instants, many per page: Intl's plain format is several times cheaper than its parts. */
const dayFormatters = new Map<string, Intl.DateTimeFormat>();
function localDay(instant: Date, timeZone: string): LocalDate {
  let f = dayFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, f);
  }
  const s = f.format(instant);
  // en-CA writes YYYY-MM-DD; any other rendering (an ICU without that locale) takes the protocol's slower path.
  return /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : toLocalDate(instant, timeZone);
}

export const iso = (v: Date | string): string => new Date(v).toISOString();

/** Stored rows as the tab reads them: labels, unit names, "debe actuar" and the working days left. */
export function toRegisterRows(rows: StoredRow[], ctx: RowContext): RegisterRow[] {
  const dueDate = (r: StoredRow) => (r.due_at ? localDay(new Date(r.due_at), ctx.timeZone) : undefined);
  const dueDates = rows.map(dueDate);
  const left = workingDaysLeftMany(
    ctx.calendar,
    ctx.now,
    dueDates.filter((d): d is LocalDate => !!d),
    ctx.timeZone,
  );
  return rows.map((r, i) => {
    const due = dueDates[i];
    return {
      id: r.id,
      kind: r.kind,
      reference: r.reference,
      version: r.version,
      state: r.state,
      stateLabel: stateLabelOf(r.kind, r.state),
      requestingUnit: r.requesting_unit,
      requestingUnitName: unitName(ctx.directory, r.requesting_unit),
      ownerUnit: r.owner_unit,
      ownerUnitName: unitName(ctx.directory, r.owner_unit),
      title: r.title,
      counterpart: r.counterpart ?? null,
      access: r.access,
      privacy: r.privacy,
      waitingOn: r.waiting_on,
      dueAt: r.due_at ? iso(r.due_at) : null,
      workingDaysLeft: due ? left.get(due)! : null,
      overdue: !!r.due_at && new Date(r.due_at) < ctx.now,
      overdueFlag: r.overdue_flag,
      createdAt: iso(r.created_at),
      updatedAt: iso(r.updated_at),
    };
  });
}

/** The Spanish label of a state that arrives as plain text from SQL. */
export function stateLabelOf(kind: ItemKind, state: string): string {
  const labels: Record<string, string> = kind === 'solicitud' ? SOLICITUD_STATE_LABELS : CONVENIO_STATE_LABELS;
  return labels[state] ?? state;
}
