import type { TimelineEntry } from '../../../protocol';
import type { Sql } from './db';
import type { FileEventRow } from './files-repo';

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

/** The timeline command of a download the app served, and of the end of the requester's access to a file. */
export const FILE_TIMELINE_COMMANDS = {
  descarga: 'descargar_archivo',
  acceso_vencido: 'vencer_acceso_archivo',
} as const;

/**
 * The item's timeline with the file accesses the reader may see (issue 15) placed by time among the audit events.
 * They are not events of the item's chain (a download changes no state): each reads the state the item was in then,
 * and a negative `seq` (minus its file_events id) that no audit event has.
 */
export function withFileEvents(timeline: TimelineEntry[], events: readonly FileEventRow[]): TimelineEntry[] {
  if (events.length === 0) return timeline;
  const out: TimelineEntry[] = [];
  let i = 0;
  for (const e of events) {
    const at = e.at.toISOString();
    while (i < timeline.length && timeline[i]!.at <= at) out.push(timeline[i++]!);
    const state = out.at(-1)?.to ?? timeline[0]?.to ?? '';
    out.push({
      seq: -e.id,
      at,
      actor: { personId: e.actorId, name: e.actorName },
      onBehalfOf: null,
      command: FILE_TIMELINE_COMMANDS[e.kind],
      from: state,
      to: state,
      payload: { fileId: e.uploadId, fileName: e.fileName, sha256: e.sha256, ...e.detail },
    });
  }
  return [...out, ...timeline.slice(i)];
}
