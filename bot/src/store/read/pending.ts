// Pending work: the open items where a person is expected to act now.
import {
  CONVENIO_OPEN_STATES,
  SOLICITUD_OPEN_STATES,
  pendingActions,
  readScopeOf,
  type Actor,
  type AllowedAction,
  type Item,
  type RegisterRow,
} from '../../../../protocol';
import type { Sql } from '../db';
import { registerWhere } from './register-filter';
import { iso, ROW_COLUMNS, toRegisterRows, type RowContext, type StoredRow } from './rows';

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
  return (await queryPendingEntries(sql, actor, ctx, limit)).map((e) => e.row);
}

/** A pending item: its row, the item itself and the steps the protocol expects of the person (pendingActions). */
export interface PendingEntry {
  row: RegisterRow;
  item: Item;
  pending: AllowedAction[];
}

/** queryPending with each row's item and expected steps, for lists that say what to do and offer it inline. */
export async function queryPendingEntries(
  sql: Sql,
  actor: Actor,
  ctx: RowContext,
  limit = 200,
): Promise<PendingEntry[]> {
  const found: (StoredRow & { item: Item; pending: AllowedAction[] })[] = [];
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
      for (const r of rows) {
        const item = { ...r.data, version: r.version } as Item;
        const pending = pendingActions(item, actor);
        if (pending.length > 0) found.push({ ...r, item, pending });
      }
      scanned += rows.length;
      const last = rows.at(-1);
      if (rows.length < PENDING_BATCH || !last) break;
      after = { due: last.due_at ? iso(last.due_at) : 'infinity', id: last.id };
    }
  }
  const rows = toRegisterRows(found, ctx);
  const entries = rows.map((row, i) => ({ row, item: found[i]!.item, pending: found[i]!.pending }));
  entries.sort(({ row: a }, { row: b }) =>
    (a.dueAt ?? '\uffff') !== (b.dueAt ?? '\uffff')
      ? (a.dueAt ?? '\uffff') < (b.dueAt ?? '\uffff')
        ? -1
        : 1
      : a.createdAt < b.createdAt
        ? 1
        : -1,
  );
  return entries.slice(0, limit);
}
