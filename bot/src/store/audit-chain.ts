import { createHash } from 'node:crypto';
import type { Sql } from './db';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRecord {
  itemId: string;
  seq: number;
  at: string;
  actorId: string;
  actorName: string;
  onBehalfOfId: string | null;
  onBehalfOfName: string | null;
  command: string;
  fromState: string | null;
  toState: string;
  payload: unknown;
}

/** JSON with keys sorted at every level, so jsonb's own key order cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function eventHash(prevHash: string, r: AuditRecord): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(r)).digest('hex');
}

interface Row {
  id: number;
  item_id: string;
  reference: string;
  seq: number;
  at: Date;
  actor_id: string;
  actor_name: string;
  on_behalf_of_id: string | null;
  on_behalf_of_name: string | null;
  command: string;
  from_state: string | null;
  to_state: string;
  payload: unknown;
  prev_hash: string;
  hash: string;
  version: number;
  audit_head_seq: number | null;
  audit_head_hash: string | null;
}

export interface ChainReport {
  ok: boolean;
  items: number;
  events: number;
  /** The first broken event, named for a person: its id, the item reference and its position in the chain. */
  firstBroken?: { eventId: number | null; reference: string; seq: number; reason: string };
}

/**
 * Recomputes every chain. An event whose content changed, whose link to the previous one broke, a missing event
 * (a gap) or a head that does not match the item's version is reported, the first one in (reference, seq) order.
 */
export async function verifyAuditChain(sql: Sql, batch = 5000): Promise<ChainReport> {
  let items = 0;
  let events = 0;
  let lastKey: [string, number] = ['', 0];
  let current: {
    itemId: string;
    reference: string;
    prevHash: string;
    expectSeq: number;
    version: number;
    head: { seq: number | null; hash: string | null };
  } | null = null;
  const closeItem = (): ChainReport['firstBroken'] | undefined => {
    if (current && current.expectSeq - 1 !== current.version)
      return {
        eventId: null,
        reference: current.reference,
        seq: current.expectSeq,
        reason: `faltan eventos: la cadena termina en ${current.expectSeq - 1} y el ítem está en la versión ${current.version}`,
      };
    // The head the item row keeps (migration 7), when it is at the item's version, must be the last event's hash.
    if (current && current.head.seq === current.version && current.head.hash !== current.prevHash)
      return {
        eventId: null,
        reference: current.reference,
        seq: current.version,
        reason: 'la cabeza de la cadena guardada en el ítem no coincide con su último evento',
      };
    return undefined;
  };
  for (;;) {
    const { rows } = await sql.query<Row>(
      `SELECT e.id, e.item_id, i.reference, e.seq, e.at, e.actor_id, e.actor_name, e.on_behalf_of_id, e.on_behalf_of_name,
              e.command, e.from_state, e.to_state, e.payload, e.prev_hash, e.hash, i.version,
              i.audit_head_seq, i.audit_head_hash
         FROM audit_events e JOIN items i ON i.id = e.item_id
        WHERE (i.reference, e.seq) > ($1, $2)
        ORDER BY i.reference, e.seq
        LIMIT $3`,
      [lastKey[0], lastKey[1], batch],
    );
    if (rows.length === 0) break;
    for (const r of rows) {
      if (!current || current.itemId !== r.item_id) {
        const broken = closeItem();
        if (broken) return { ok: false, items, events, firstBroken: broken };
        current = {
          itemId: r.item_id,
          reference: r.reference,
          prevHash: GENESIS_HASH,
          expectSeq: 1,
          version: r.version,
          head: { seq: r.audit_head_seq, hash: r.audit_head_hash },
        };
        items += 1;
      }
      events += 1;
      const fail = (reason: string): ChainReport => ({
        ok: false,
        items,
        events,
        firstBroken: { eventId: r.id, reference: r.reference, seq: r.seq, reason },
      });
      if (r.seq !== current.expectSeq) return fail(`falta el evento ${current.expectSeq} de la cadena`);
      if (r.prev_hash !== current.prevHash) return fail('el enlace con el evento anterior no coincide');
      const recomputed = eventHash(r.prev_hash, {
        itemId: r.item_id,
        seq: r.seq,
        at: new Date(r.at).toISOString(),
        actorId: r.actor_id,
        actorName: r.actor_name,
        onBehalfOfId: r.on_behalf_of_id,
        onBehalfOfName: r.on_behalf_of_name,
        command: r.command,
        fromState: r.from_state,
        toState: r.to_state,
        payload: r.payload,
      });
      if (recomputed !== r.hash) return fail('el contenido del evento fue alterado (el hash no coincide)');
      current.prevHash = r.hash;
      current.expectSeq += 1;
      lastKey = [r.reference, r.seq];
    }
  }
  const broken = closeItem();
  if (broken) return { ok: false, items, events, firstBroken: broken };
  // Items without any event at all (their first event was deleted).
  const orphan = await sql.query<{ reference: string }>(
    'SELECT reference FROM items i WHERE NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.item_id = i.id) ORDER BY reference LIMIT 1',
  );
  if (orphan.rows[0])
    return {
      ok: false,
      items,
      events,
      firstBroken: {
        eventId: null,
        reference: orphan.rows[0].reference,
        seq: 1,
        reason: 'el ítem no tiene eventos de auditoría',
      },
    };
  return { ok: true, items, events };
}
