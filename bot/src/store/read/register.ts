// The register: one page of a kind's items, filtered, with keyset pagination.
import { MAX_YEAR, MIN_YEAR, invalid, type ItemKind, type ReadScope, type RegisterPage } from '../../../../protocol';
import type { Sql } from '../db';
import { registerWhere, type RegisterFilter } from './register-filter';
import { ROW_COLUMNS, toRegisterRows, type RowContext, type StoredRow } from './rows';

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
