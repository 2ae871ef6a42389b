// The tab's Panel: counts by state, overdue requests by unit, per unit and month how fast requests are acknowledged
// and delivered (in working days) and how many were answered within the deadline, and the convenios that need
// attention. Only items the caller may read; a few aggregate queries, the per-month figures from the items' stamps.
import {
  workingDaysLeft,
  CONVENIO_ENDED,
  CONVENIO_IN_FORCE,
  CONVENIO_STATE_LABELS,
  CONVENIO_CLOSED_STATES,
  CONVENIO_STATES,
  SOLICITUD_STATE_LABELS,
  SOLICITUD_STATES,
  addDays,
  countWorkingDays,
  endOfLocalDay,
  startOfLocalDay,
  toLocalDate,
  unitName,
  type ConvenioDue,
  type CountByKey,
  type ItemKind,
  type LocalDate,
  type PanelStats,
  type UnitMonth,
} from '../../../protocol';
import type { Sql } from './db';
import type { RowContext } from './read/rows';

/** Convenios whose periodic evaluation falls due within this many calendar days are listed. */
export const EVALUATION_WARNING_DAYS = 30;
/** Convenios whose vigencia ends within this many calendar days are listed. */
export const EXPIRY_WARNING_DAYS = 60;

/** The months from `from` to `to` (AAAA-MM), both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 1200; guard++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > to) break;
    out.push(key);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return out;
}

const lastDayOfMonth = (month: string): LocalDate => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Collects parameters as a query is written: PostgreSQL refuses a parameter the text never mentions. */
function params() {
  const list: unknown[] = [];
  const p = (v: unknown) => {
    list.push(v);
    return `$${list.length}`;
  };
  /** The visibility condition: all rows, or those sharing a participant key with the caller. */
  const visibleTo = (visible: 'all' | string[]) =>
    visible === 'all' ? 'true' : `participants && ${p(visible)}::text[]`;
  return { list, p, visibleTo };
}

interface StampRow {
  owner_unit: string;
  state: string;
  started_at: string | null;
  ack_at: string | null;
  delivered_at: string | null;
  outcome_at: string | null;
  answer_due: string | null;
}

/** States whose outcome is the owner unit's answer; a delivery counts while it stands (not after an observation). */
const ANSWERED_BY_OUTCOME = new Set(['no_disponible', 'rechazada']);
const ANSWERED_BY_DELIVERY = new Set(['entregada', 'cerrada']);

export async function queryPanel(
  sql: Sql,
  visible: Record<ItemKind, 'all' | string[]>,
  ctx: RowContext,
  range: { from: string; to: string },
): Promise<PanelStats> {
  const tz = ctx.timeZone;
  const months = monthsBetween(range.from, range.to);
  const fromAt = startOfLocalDay(`${range.from}-01`, tz).toISOString();
  const toAt = endOfLocalDay(lastDayOfMonth(range.to), tz).toISOString();
  const now = ctx.now.toISOString();
  const today = toLocalDate(ctx.now, tz);

  // 1. Current state of everything visible, and open requests past their deadline by owner unit: one GROUP BY.
  const q1 = params();
  const counts = await sql.query<{ kind: ItemKind; state: string; owner_unit: string; n: number; overdue: number }>(
    `SELECT kind, state, owner_unit, count(*)::int AS n, count(*) FILTER (WHERE due_at < ${q1.p(now)})::int AS overdue
       FROM items
      WHERE (kind = 'solicitud' AND ${q1.visibleTo(visible.solicitud)})
         OR (kind = 'convenio' AND ${q1.visibleTo(visible.convenio)})
      GROUP BY kind, state, owner_unit`,
    q1.list,
  );
  const byState = (kind: ItemKind): CountByKey[] => {
    const states: readonly string[] = kind === 'solicitud' ? SOLICITUD_STATES : CONVENIO_STATES;
    const labels: Record<string, string> = kind === 'solicitud' ? SOLICITUD_STATE_LABELS : CONVENIO_STATE_LABELS;
    return states.map((state) => ({
      key: state,
      label: labels[state] ?? state,
      count: counts.rows.filter((r) => r.kind === kind && r.state === state).reduce((n, r) => n + r.n, 0),
    }));
  };
  const overdue = new Map<string, number>();
  for (const r of counts.rows)
    if (r.kind === 'solicitud' && r.overdue > 0)
      overdue.set(r.owner_unit, (overdue.get(r.owner_unit) ?? 0) + r.overdue);
  const overdueByUnit = [...overdue]
    .map(([key, count]) => ({ key, label: unitName(ctx.directory, key), count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'es'));

  // 2. Requests acknowledged or answered in the period, from their stamps. A stamp in the period means the row was
  //    written at or after its start, which narrows the scan before reading any JSON.
  const q2 = params();
  const stamps = await sql.query<StampRow>(
    `SELECT owner_unit, state,
            data #>> '{deadlines,acknowledge,startedAt}' AS started_at,
            data #>> '{acknowledged,at}' AS ack_at,
            data #>> '{delivery,at}' AS delivered_at,
            data #>> '{outcome,at}' AS outcome_at,
            data #>> '{deadlines,answer,dueAt}' AS answer_due
       FROM items
      WHERE kind = 'solicitud' AND updated_at >= ${q2.p(fromAt)} AND created_at <= ${q2.p(toAt)}
        AND ${q2.visibleTo(visible.solicitud)}`,
    q2.list,
  );
  const inRange = (at: string | null): at is string => !!at && at >= fromAt && at <= toAt;
  const local = (at: string) => toLocalDate(new Date(at), tz);
  const cells = new Map<
    string,
    { unit: string; month: string; ack: number[]; deliver: number[]; answered: number; inTime: number }
  >();
  const cell = (unit: string, at: string) => {
    const month = local(at).slice(0, 7);
    const key = `${month}|${unit}`;
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { unit, month, ack: [], deliver: [], answered: 0, inTime: 0 }));
    return c;
  };
  // Timed from when the request reached the unit: its creation, or the last reassignment (which restarts both).
  const days = (start: string | null, at: string) => countWorkingDays(ctx.calendar, local(start ?? at), local(at));
  const total = { answered: 0, inTime: 0 };
  for (const r of stamps.rows) {
    // Stamps come back as JSON text; compare them as instants of the same ISO form.
    const norm = (x: string | null) => (x ? new Date(x).toISOString() : null);
    const [ack, delivered, outcome, due] = [
      norm(r.ack_at),
      norm(r.delivered_at),
      norm(r.outcome_at),
      norm(r.answer_due),
    ];
    if (inRange(ack)) cell(r.owner_unit, ack).ack.push(days(r.started_at, ack));
    const deliveredNow = ANSWERED_BY_DELIVERY.has(r.state) && delivered;
    if (deliveredNow && inRange(delivered)) cell(r.owner_unit, delivered).deliver.push(days(r.started_at, delivered));
    const answeredAt = deliveredNow ? delivered : ANSWERED_BY_OUTCOME.has(r.state) ? outcome : null;
    if (inRange(answeredAt)) {
      const c = cell(r.owner_unit, answeredAt);
      const onTime = !!due && answeredAt <= due;
      c.answered += 1;
      total.answered += 1;
      if (onTime) {
        c.inTime += 1;
        total.inTime += 1;
      }
    }
  }
  const unitMonths: UnitMonth[] = [...cells.values()]
    .map((c) => ({
      month: c.month,
      unitId: c.unit,
      unitName: unitName(ctx.directory, c.unit),
      acknowledged: c.ack.length,
      medianDaysToAcknowledge: median(c.ack),
      delivered: c.deliver.length,
      medianDaysToDeliver: median(c.deliver),
      answered: c.answered,
      answeredInTime: c.inTime,
    }))
    .sort((a, b) => (a.month !== b.month ? (a.month < b.month ? -1 : 1) : a.unitName.localeCompare(b.unitName, 'es')));

  // 3. Convenios in force whose evaluation is pending or near, or whose vigencia ends soon.
  const q3 = params();
  const conv = await sql.query<{
    id: string;
    reference: string;
    title: string;
    state: string;
    entity: string;
    next_eval: string | null;
    pending: boolean | null;
    validity_end: string | null;
  }>(
    `SELECT id, reference, title, state, data #>> '{entity,name}' AS entity, data ->> 'nextEvaluationDue' AS next_eval,
            (data ->> 'evaluationPending')::boolean AS pending, data #>> '{validity,end}' AS validity_end
       FROM items WHERE kind = 'convenio' AND state = ANY(${q3.p([...CONVENIO_IN_FORCE, ...CONVENIO_ENDED])}::text[])
        AND ${q3.visibleTo(visible.convenio)}`,
    q3.list,
  );
  const evalLimit = addDays(today, EVALUATION_WARNING_DAYS);
  const endLimit = addDays(today, EXPIRY_WARNING_DAYS);
  const conveniosDue: ConvenioDue[] = [];
  for (const c of conv.rows) {
    const base = { id: c.id, reference: c.reference, title: c.title, entity: c.entity, state: c.state };
    // A vencido convenio (rule 4) stays listed by its past end date until its termination is recorded.
    if (c.state !== 'vencido' && c.next_eval && (c.pending || c.next_eval <= evalLimit))
      conveniosDue.push({
        ...base,
        reason: 'evaluacion',
        date: c.next_eval,
        daysLeft: workingDaysLeft(ctx.calendar, ctx.now, c.next_eval as LocalDate, tz),
      });
    if (c.validity_end && c.validity_end <= endLimit)
      conveniosDue.push({
        ...base,
        reason: 'vencimiento',
        date: c.validity_end,
        daysLeft: workingDaysLeft(ctx.calendar, ctx.now, c.validity_end as LocalDate, tz),
      });
  }
  const conveniosOverdueByState = CONVENIO_STATES.flatMap((state) => {
    const count = counts.rows
      .filter((r) => r.kind === 'convenio' && r.state === state && !CONVENIO_CLOSED_STATES.includes(state))
      .reduce((n, r) => n + r.overdue, 0);
    return count ? [{ key: state, label: CONVENIO_STATE_LABELS[state], count }] : [];
  });
  conveniosDue.sort((a, b) => (a.date !== b.date ? (a.date < b.date ? -1 : 1) : a.reference < b.reference ? -1 : 1));

  return {
    generatedAt: now,
    scope: visible.solicitud === 'all' && visible.convenio === 'all' ? 'todo' : 'propio',
    months,
    solicitudesByState: byState('solicitud'),
    conveniosByState: byState('convenio'),
    overdueByUnit,
    unitMonths,
    withinDeadline: {
      answered: total.answered,
      inTime: total.inTime,
      share: total.answered ? total.inTime / total.answered : null,
    },
    conveniosDue,
    conveniosOverdueByState,
  };
}
