import type { Effect } from '../../../protocol';
import type { DeliveryRow } from '../../../protocol';
import type { Sql } from './db';

const KIND_LABELS: Record<Effect['type'], string> = {
  notify: 'Aviso en Teams',
  mail: 'Copia por correo',
  store_document: 'Documento en la biblioteca',
  sync_documents: 'Columnas de la biblioteca',
  update_cards: 'Actualización de tarjetas',
  schedule: 'Temporizador',
  cancel_timers: 'Temporizador',
};

const DOCUMENT_LABELS = { borrador: 'borrador', firmado_fea: 'PDF firmado con FEA', certificado: 'certificado' };

/** What the delivery was about, in a few words a person recognises. */
function describe(e: Effect): string {
  switch (e.type) {
    case 'notify':
    case 'mail':
      return e.type === 'mail' ? e.subject : e.summary;
    case 'store_document':
      return `Guardar ${DOCUMENT_LABELS[e.document]}${e.version ? ` versión ${e.version}` : ''}`;
    case 'sync_documents':
      return 'Actualizar estado y vigencia en la biblioteca';
    case 'update_cards':
      return 'Actualizar las tarjetas publicadas';
    default:
      return e.type;
  }
}

interface Row {
  id: number;
  reference: string;
  item_kind: 'solicitud' | 'convenio';
  kind: Effect['type'];
  payload: Effect;
  status: DeliveryRow['status'];
  attempts: number;
  last_error: string | null;
  created_at: Date;
  next_attempt_at: Date;
  delivered_at: Date | null;
}

/** Deliveries in one status, newest first, with their dead-letter and retry history; keyset pages by id. */
export async function listDeliveries(
  sql: Sql,
  opts: { status: DeliveryRow['status']; before?: number; limit: number },
): Promise<{ rows: DeliveryRow[]; next?: number }> {
  const { rows } = await sql.query<Row>(
    `SELECT o.id, i.reference, i.kind AS item_kind, o.kind, o.payload, o.status, o.attempts, o.last_error,
            o.created_at, o.next_attempt_at, o.delivered_at
       FROM outbox o JOIN items i ON i.id = o.item_id
      WHERE o.status = $1 AND ($2::bigint IS NULL OR o.id < $2)
      ORDER BY o.id DESC LIMIT $3`,
    [opts.status, opts.before ?? null, opts.limit + 1],
  );
  const page = rows.slice(0, opts.limit);
  const ids = page.map((r) => r.id);
  const log = ids.length
    ? (
        await sql.query<{
          outbox_id: number;
          at: Date;
          action: 'fallido' | 'reintento';
          actor_name: string;
          detail: string;
        }>(
          `SELECT outbox_id, at, action, actor_name, detail FROM delivery_log WHERE outbox_id = ANY($1::bigint[]) ORDER BY id`,
          [ids],
        )
      ).rows
    : [];
  return {
    rows: page.map((r) => ({
      id: Number(r.id),
      reference: r.reference,
      itemKind: r.item_kind,
      kind: r.kind,
      kindLabel: KIND_LABELS[r.kind] ?? r.kind,
      description: describe(r.payload),
      status: r.status,
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: new Date(r.created_at).toISOString(),
      nextAttemptAt: r.status === 'pendiente' ? new Date(r.next_attempt_at).toISOString() : null,
      deliveredAt: r.delivered_at ? new Date(r.delivered_at).toISOString() : null,
      history: log
        .filter((l) => Number(l.outbox_id) === Number(r.id))
        .map((l) => ({
          at: new Date(l.at).toISOString(),
          action: l.action,
          actorName: l.actor_name,
          detail: l.detail,
        })),
    })),
    ...(rows.length > opts.limit ? { next: Number(page.at(-1)!.id) } : {}),
  };
}

/** How many deliveries wait in each status: the page's counters. */
export async function deliveryCounts(sql: Sql): Promise<Record<DeliveryRow['status'], number>> {
  const { rows } = await sql.query<{ status: DeliveryRow['status']; n: number }>(
    `SELECT status, count(*)::int AS n FROM outbox WHERE status IN ('pendiente', 'fallido') GROUP BY status`,
  );
  const counts = { pendiente: 0, fallido: 0, entregado: 0 };
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

/**
 * Puts a dead-lettered delivery back in the queue, due now, with a fresh count of attempts, and logs who did it.
 * Only a failed row can be retried: false when it is not (already retried by someone else, or never failed).
 */
export async function retryDelivery(
  sql: Sql,
  id: number,
  actor: { personId: string; name: string },
  now: Date,
): Promise<boolean> {
  const { rows } = await sql.query<{ item_id: string; last_error: string | null }>(
    `UPDATE outbox SET status = 'pendiente', attempts = 0, next_attempt_at = $2
      WHERE id = $1 AND status = 'fallido' RETURNING item_id, last_error`,
    [id, now.toISOString()],
  );
  const r = rows[0];
  if (!r) return false;
  await sql.query(
    `INSERT INTO delivery_log (at, outbox_id, item_id, action, actor_id, actor_name, detail)
     VALUES ($1, $2, $3, 'reintento', $4, $5, $6)`,
    [now.toISOString(), id, r.item_id, actor.personId, actor.name, `Último error: ${r.last_error ?? 'sin detalle'}`],
  );
  return true;
}
