import { z } from 'zod';
import {
  ACCESS_LEVELS,
  CONVENIO_OPEN_STATES,
  CONVENIO_STATE_LABELS,
  CONVENIO_STATES,
  PRIVACY_LEVELS,
  SOLICITUD_OPEN_STATES,
  SOLICITUD_STATE_LABELS,
  SOLICITUD_STATES,
  isWorkingDay,
  parseReference,
  pendingActions,
  localDateField,
  safeString,
  MAX_YEAR,
  MIN_YEAR,
  invalid,
  toLocalDate,
  unitName,
  workingDaysLeft,
  readScopeOf,
  SENSITIVE_ACCESS,
  SENSITIVE_PRIVACY,
  type ReadScope,
  type Actor,
  type Board,
  type Directory,
  type HolidayCalendar,
  type Item,
  type ItemKind,
  type LocalDate,
  type RegisterPage,
  type RegisterRow,
} from '../../../protocol';
import type { Sql } from './db';
import { searchWords } from './items-repo';
import type { Runtime } from '../runtime';

const list = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values, { errorMap: () => ({ message: `${label} desconocido` }) })));

const localDate = localDateField('la fecha');

/** Filters of the register, as the API receives them in the query string. */
export function registerFilterSchema(kind: ItemKind) {
  const states = kind === 'solicitud' ? SOLICITUD_STATES : CONVENIO_STATES;
  return z
    .object({
      estado: list(states, 'estado').optional(),
      unidad: z
        .string()
        .regex(/^[a-z0-9_]+(,[a-z0-9_]+)*$/, 'unidad inválida')
        .transform((s) => s.split(','))
        .optional(),
      acceso: list(ACCESS_LEVELS, 'nivel de acceso').optional(),
      privacidad: list(PRIVACY_LEVELS, 'nivel de privacidad').optional(),
      vencidas: z
        .enum(['true', 'false'], { errorMap: () => ({ message: 'use true o false' }) })
        .transform((v) => v === 'true')
        .optional(),
      desde: localDate.optional(),
      hasta: localDate.optional(),
      q: safeString({ max: 200, label: 'búsqueda' }).optional(),
      orden: z
        .enum(['recientes', 'vencimiento'], { errorMap: () => ({ message: 'orden: recientes o vencimiento' }) })
        .default('recientes'),
      limite: z.coerce
        .number({ invalid_type_error: 'límite numérico' })
        .int()
        .min(1, 'mínimo 1')
        .max(1000, 'máximo 1000')
        .default(50),
      // Opaque to clients (base64url of the last row's key); decodeCursor checks what it holds.
      cursor: z
        .string()
        .max(200, 'cursor de paginación inválido')
        .regex(/^[A-Za-z0-9_-]+$/, 'cursor de paginación inválido')
        .optional(),
    })
    .strict();
}
export type RegisterFilter = z.infer<ReturnType<typeof registerFilterSchema>>;

// The row shape is the tab's contract (protocol/views.ts); re-exported for the store's existing importers.
export type { RegisterRow };

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
  waiting_on, due_at, overdue_flag, created_at, updated_at`;

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

const iso = (v: Date | string): string => new Date(v).toISOString();

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

interface Cursor {
  k: string | null;
  id: string;
}

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** A cursor is opaque to clients, but it comes back from them: check every part before it reaches SQL. */
function decodeCursor(s: string, keyMayBeNull: boolean): Cursor {
  let c: unknown;
  try {
    c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
  } catch {
    c = undefined;
  }
  const ok =
    !!c &&
    typeof c === 'object' &&
    !Array.isArray(c) &&
    typeof (c as Cursor).id === 'string' &&
    UUID_RE.test((c as Cursor).id) &&
    (((c as Cursor).k === null && keyMayBeNull) ||
      (typeof (c as Cursor).k === 'string' &&
        INSTANT_RE.test((c as Cursor).k!) &&
        !isNaN(Date.parse((c as Cursor).k!)) &&
        // A year PostgreSQL or the register cannot hold (0000, 9999) is no cursor this service issued.
        Number((c as Cursor).k!.slice(0, 4)) >= MIN_YEAR &&
        Number((c as Cursor).k!.slice(0, 4)) <= MAX_YEAR));
  if (!ok) throw invalid('Cursor de paginación inválido.', { cursor: 'inválido' });
  return c as Cursor;
}

/** Words for to_tsquery: folded, stripped of operators, each as a prefix. */
function tsQuery(q: string): string | undefined {
  const words = searchWords(q).slice(0, 8);
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : undefined;
}

/** A WHERE clause under construction: its conditions and their parameters ($1 is always the kind). */
export interface Where {
  conditions: string[];
  params: unknown[];
  /** Adds a parameter and returns its placeholder. */
  p(v: unknown): string;
  sql(): string;
}

/** The register's filters as SQL; the board and the panel share them so they count exactly what the list shows. */
export function registerWhere(
  kind: ItemKind,
  f: Partial<RegisterFilter>,
  scope: ReadScope,
  now: Date,
  created: { from?: string; to?: string } = {},
): Where {
  const conditions: string[] = ['kind = $1'];
  const params: unknown[] = [kind];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (scope.items !== 'all') conditions.push(`participants && ${p(scope.items)}::text[]`);
  if (f.estado?.length) conditions.push(`state = ANY(${p(f.estado)}::text[])`);
  if (f.unidad?.length) {
    const u = p(f.unidad);
    conditions.push(`(owner_unit = ANY(${u}::text[]) OR requesting_unit = ANY(${u}::text[]))`);
  }
  if (f.acceso?.length) conditions.push(`access = ANY(${p(f.acceso)}::text[])`);
  if (f.privacidad?.length) conditions.push(`privacy = ANY(${p(f.privacidad)}::text[])`);
  if (f.vencidas !== undefined)
    conditions.push(
      f.vencidas ? `due_at < ${p(now.toISOString())}` : `(due_at IS NULL OR due_at >= ${p(now.toISOString())})`,
    );
  if (created.from) conditions.push(`created_at >= ${p(created.from)}`);
  if (created.to) conditions.push(`created_at <= ${p(created.to)}`);
  if (f.q) {
    const ref = parseReference(f.q);
    const ts = tsQuery(f.q);
    if (ref) conditions.push(`reference = ${p(f.q.trim().toUpperCase())}`);
    else if (ts) {
      // The read policy: hidden texts are searched only where the reader may see them (not sensitive, or entitled),
      // so a hit never confirms a value the detail shows as reserved.
      const q = `to_tsquery('simple', ${p(ts)})`;
      const entitled = [
        `NOT (privacy = ANY(${p(SENSITIVE_PRIVACY)}::text[]) OR access = ANY(${p(SENSITIVE_ACCESS)}::text[]))`,
        ...(scope.sensitive === 'all' ? ['true'] : [`participants && ${p(scope.sensitive)}::text[]`]),
      ].join(' OR ');
      conditions.push(`(search @@ ${q} OR (search_reserved @@ ${q} AND (${entitled})))`);
    }
  }
  return { conditions, params, p, sql: () => conditions.join(' AND ') };
}

/**
 * One page of the register with keyset pagination. `scope` is what the caller may read (protocol readScopeOf);
 * `ctx.now` decides what is overdue. Sorted newest first, or by the running deadline (soonest first).
 */
export async function queryRegister(
  sql: Sql,
  kind: ItemKind,
  f: RegisterFilter,
  scope: ReadScope,
  ctx: RowContext,
  timeZoneOffsetDates: { from?: string; to?: string } = {},
): Promise<RegisterPage> {
  const w = registerWhere(kind, f, scope, ctx.now, timeZoneOffsetDates);
  const { p } = w;
  let order: string;
  if (f.orden === 'vencimiento') {
    // Items without a running deadline sort last; the sentinel keeps the keyset comparison total.
    const key = `COALESCE(due_at, 'infinity'::timestamptz)`;
    if (f.cursor) {
      const c = decodeCursor(f.cursor, true);
      w.conditions.push(`(${key}, id) > (${p(c.k ?? 'infinity')}::timestamptz, ${p(c.id)}::uuid)`);
    }
    order = `${key} ASC, id ASC`;
  } else {
    if (f.cursor) {
      const c = decodeCursor(f.cursor, false);
      w.conditions.push(`(created_at, id) < (${p(c.k)}::timestamptz, ${p(c.id)}::uuid)`);
    }
    order = 'created_at DESC, id DESC';
  }
  const limit = f.limite;
  const { rows } = await sql.query<StoredRow>(
    `SELECT ${ROW_COLUMNS} FROM items WHERE ${w.sql()} ORDER BY ${order} LIMIT ${p(limit + 1)}`,
    w.params,
  );
  const page = toRegisterRows(rows.slice(0, limit), ctx);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? encodeCursor({ k: f.orden === 'vencimiento' ? last.dueAt : last.createdAt, id: last.id })
      : null;
  return { items: page, nextCursor };
}

/** Rows per board column: the column's count says how many more the list holds. */
export const BOARD_COLUMN_ROWS = 20;

/**
 * The board of one kind: a column per state of the life cycle, in its order, with the count and the overdue count
 * of what the caller may see, and the first rows of each (open states by nearest deadline, closed ones most recent
 * first). Two queries whatever the number of states: the counts (GROUP BY), then every non-empty column's first
 * rows (a LATERAL LIMIT per state, which the (kind, state, …) indexes serve).
 */
export async function queryBoard(
  sql: Sql,
  kind: ItemKind,
  f: Pick<RegisterFilter, 'unidad' | 'q'>,
  scope: ReadScope,
  ctx: RowContext,
): Promise<Board> {
  const states: readonly string[] = kind === 'solicitud' ? SOLICITUD_STATES : CONVENIO_STATES;
  const openStates: readonly string[] = kind === 'solicitud' ? SOLICITUD_OPEN_STATES : CONVENIO_OPEN_STATES;
  const w = registerWhere(kind, f, scope, ctx.now);
  const now = w.p(ctx.now.toISOString());
  const counts = await sql.query<{ state: string; n: number; overdue: number }>(
    `SELECT state, count(*)::int AS n, count(*) FILTER (WHERE due_at < ${now})::int AS overdue
       FROM items WHERE ${w.sql()} GROUP BY state`,
    w.params,
  );
  const byState = new Map(counts.rows.map((r) => [r.state, r]));
  const filled = states.filter((s) => byState.has(s));
  const open = filled.filter((s) => openStates.includes(s));
  const closed = filled.filter((s) => !openStates.includes(s));
  const rows: StoredRow[] = [];
  if (filled.length) {
    const r = registerWhere(kind, f, scope, ctx.now);
    const cond = r.sql();
    const limit = r.p(BOARD_COLUMN_ROWS);
    const column = (list: string, order: string) =>
      `SELECT b.* FROM unnest(${list}::text[]) AS s(st) CROSS JOIN LATERAL (
         SELECT ${ROW_COLUMNS} FROM items WHERE ${cond} AND state = s.st ORDER BY ${order} LIMIT ${limit}) b`;
    const parts = [
      open.length ? column(r.p(open), 'due_at ASC NULLS LAST, updated_at DESC, id DESC') : undefined,
      closed.length ? column(r.p(closed), 'updated_at DESC, id DESC') : undefined,
    ].filter(Boolean);
    rows.push(...(await sql.query<StoredRow>(parts.join('\nUNION ALL\n'), r.params)).rows);
  }
  const decorated = toRegisterRows(rows, ctx);
  // UNION ALL keeps no order across its branches: each column is re-sorted the way its branch was.
  const key = (x: RegisterRow) => x.dueAt ?? '\uffff';
  return {
    kind,
    columns: states.map((state) => {
      const c = byState.get(state);
      const items = decorated.filter((x) => x.state === state);
      items.sort((a, b) =>
        openStates.includes(state) && key(a) !== key(b)
          ? key(a) < key(b)
            ? -1
            : 1
          : a.updatedAt !== b.updatedAt
            ? a.updatedAt < b.updatedAt
              ? 1
              : -1
            : a.id < b.id
              ? 1
              : -1,
      );
      return { state, label: stateLabelOf(kind, state), count: c?.n ?? 0, overdue: c?.overdue ?? 0, items };
    }),
  };
}

/** How many open items a pending-work scan reads per query, and at most in all per kind. */
const PENDING_BATCH = 500;
const PENDING_SCAN_MAX = 5_000;

/**
 * The open items where `actor` is expected to act now (protocol pendingActions), nearest deadline first, at most
 * `limit`. Who may act is the protocol's policy, not a column, so open visible items are read with their data in
 * batches (by deadline, keyset) and kept when the policy offers the person something to do. The bot's
 * "pendientes" and the tab's "Mis pendientes" both read this.
 */
export async function queryPending(sql: Sql, actor: Actor, ctx: RowContext, limit = 200): Promise<RegisterRow[]> {
  const found: StoredRow[] = [];
  const ownKeys = [
    ...new Set(actor.grants.flatMap((g) => [`p:${g.holder.personId}`, ...(g.unitId ? [`u:${g.unitId}`] : [])])),
  ];
  for (const kind of ['solicitud', 'convenio'] as const) {
    const open = kind === 'solicitud' ? SOLICITUD_OPEN_STATES : CONVENIO_OPEN_STATES;
    let after: { due: string; id: string } | undefined;
    for (let scanned = 0; scanned < PENDING_SCAN_MAX && found.length < limit;) {
      const w = registerWhere(kind, { estado: [...open] }, readScopeOf(actor, kind), ctx.now);
      // A request waits for its parties, or for the UGDT once flagged overdue (pendingActions): the rest of an
      // all-seeing reader's register need not be read at all.
      if (kind === 'solicitud') w.conditions.push(`(overdue_flag OR participants && ${w.p(ownKeys)}::text[])`);
      const key = `COALESCE(due_at, 'infinity'::timestamptz)`;
      if (after) w.conditions.push(`(${key}, id) > (${w.p(after.due)}::timestamptz, ${w.p(after.id)}::uuid)`);
      const { rows } = await sql.query<StoredRow & { data: Item }>(
        `SELECT ${ROW_COLUMNS}, data FROM items WHERE ${w.sql()}
          ORDER BY ${key} ASC, id ASC LIMIT ${w.p(PENDING_BATCH)}`,
        w.params,
      );
      for (const r of rows)
        if (pendingActions({ ...r.data, version: r.version } as Item, actor).length > 0) found.push(r);
      scanned += rows.length;
      const last = rows.at(-1);
      if (rows.length < PENDING_BATCH || !last) break;
      after = { due: last.due_at ? iso(last.due_at) : 'infinity', id: last.id };
    }
  }
  const rows = toRegisterRows(found, ctx);
  rows.sort((a, b) =>
    (a.dueAt ?? '\uffff') !== (b.dueAt ?? '\uffff')
      ? (a.dueAt ?? '\uffff') < (b.dueAt ?? '\uffff')
        ? -1
        : 1
      : a.createdAt < b.createdAt
        ? 1
        : -1,
  );
  return rows.slice(0, limit);
}
