// The board: a column per state of a kind's life cycle, with counts and the first rows of each.
import {
  CONVENIO_OPEN_STATES,
  CONVENIO_STATES,
  SOLICITUD_OPEN_STATES,
  SOLICITUD_STATES,
  type Board,
  type ItemKind,
  type ReadScope,
  type RegisterRow,
} from '../../../../protocol';
import type { Sql } from '../db';
import { registerWhere, type RegisterFilter } from './register-filter';
import { ROW_COLUMNS, stateLabelOf, toRegisterRows, type RowContext, type StoredRow } from './rows';

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
