import type { TimelineEntry } from '../../../protocol';
import type { Sql } from './db';

/** The item's history from the audit log: who, on behalf of whom, when, what. */
export async function readTimeline(sql: Sql, itemId: string): Promise<TimelineEntry[]> {
  const { rows } = await sql.query<{
    seq: number;
    at: Date;
    actor_id: string;
    actor_name: string;
    on_behalf_of_id: string | null;
    on_behalf_of_name: string | null;
    command: string;
    from_state: string | null;
    to_state: string;
    payload: Record<string, unknown>;
  }>(
    `SELECT seq, at, actor_id, actor_name, on_behalf_of_id, on_behalf_of_name, command, from_state, to_state, payload
       FROM audit_events WHERE item_id = $1 ORDER BY seq`,
    [itemId],
  );
  return rows.map((r) => ({
    seq: r.seq,
    at: new Date(r.at).toISOString(),
    actor: { personId: r.actor_id, name: r.actor_name },
    onBehalfOf: r.on_behalf_of_id
      ? { personId: r.on_behalf_of_id, name: r.on_behalf_of_name ?? r.on_behalf_of_id }
      : null,
    command: r.command,
    from: r.from_state,
    to: r.to_state,
    payload: withoutRequestId(r.payload),
  }));
}

/** The request id in an event's payload is for tracing, not part of what the command did: readers don't see it. */
function withoutRequestId(payload: Record<string, unknown>): Record<string, unknown> {
  if (!('requestId' in payload)) return payload;
  const { requestId: _omitted, ...rest } = payload;
  return rest;
}
