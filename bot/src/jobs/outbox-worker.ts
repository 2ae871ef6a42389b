import { SYSTEM_ACTOR, type Effect } from '../../../protocol';
import type { Db } from '../store/db';
import { newRequestId, runWithRequest } from '../request-context';
import { RetryLater } from '../retry-later';

/** A port that carries out one kind of effect (Teams notice, mail, document…). Throwing means "try again later". */
export type EffectHandler = (effect: Effect, row: OutboxRow) => Promise<void>;

export interface OutboxRow {
  id: number;
  itemId: string;
  idempotencyKey: string;
  attempts: number;
  /** When the command that decided the effect was accepted: the same on every retry. */
  createdAt: Date;
  /** The audit event of that command, so a handler can name the exact point in the item's history. */
  auditSeq: number;
  /** The request that decided the effect (outbox.request_id): the delivery's log lines carry it. */
  requestId?: string;
}

export interface OutboxOptions {
  maxAttempts: number;
  /** Base delay of the exponential backoff, in ms. */
  baseDelayMs: number;
  batch: number;
  /** How long a claimed row is reserved for the instance delivering it. */
  leaseMs: number;
}

export const DEFAULT_OUTBOX_OPTIONS: OutboxOptions = { maxAttempts: 8, baseDelayMs: 5_000, batch: 20, leaseMs: 60_000 };

/**
 * Delivers pending outbox rows whose kind has a handler. Rows of kinds without a handler stay pending, so nothing
 * is lost while a channel is not configured. Claims use SKIP LOCKED so several instances share the work.
 */
export async function deliverOutbox(
  db: Db,
  handlers: Partial<Record<Effect['type'], EffectHandler>>,
  now: () => Date,
  opts: OutboxOptions = DEFAULT_OUTBOX_OPTIONS,
): Promise<{ delivered: number; retried: number; failed: number }> {
  const kinds = Object.keys(handlers);
  const result = { delivered: 0, retried: 0, failed: 0 };
  if (kinds.length === 0) return result;
  for (;;) {
    // Claim a batch under a lease, then deliver outside the transaction: a slow channel must not hold row locks
    // (or, on PGlite, the only connection). A crash mid-delivery lets the lease expire and the row is retried with
    // the same idempotency key.
    const { rows } = await db.transaction((tx) =>
      tx.query<{
        id: number;
        item_id: string;
        kind: Effect['type'];
        payload: Effect;
        idempotency_key: string;
        attempts: number;
        created_at: Date;
        audit_seq: number;
        request_id: string | null;
      }>(
        `UPDATE outbox SET next_attempt_at = $4
          WHERE id IN (SELECT id FROM outbox
                        WHERE status = 'pendiente' AND next_attempt_at <= $1 AND kind = ANY($2::text[])
                        ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)
          RETURNING id, item_id, kind, payload, idempotency_key, attempts, created_at, audit_seq, request_id`,
        [now().toISOString(), kinds, opts.batch, new Date(now().getTime() + opts.leaseMs).toISOString()],
      ),
    );
    for (const r of rows) {
      const handler = handlers[r.kind]!;
      // The request that decided the effect (migration 7's request_id; rows from before it have none).
      const requestId = r.request_id ?? newRequestId();
      try {
        await runWithRequest({ requestId }, () =>
          handler(r.payload, {
            id: r.id,
            itemId: r.item_id,
            idempotencyKey: r.idempotency_key,
            attempts: r.attempts,
            createdAt: new Date(r.created_at),
            auditSeq: r.audit_seq,
            ...(r.request_id ? { requestId } : {}),
          }),
        );
        await db.query(
          `UPDATE outbox SET status = 'entregado', delivered_at = $2, attempts = attempts + 1 WHERE id = $1`,
          [r.id, now().toISOString()],
        );
        result.delivered += 1;
      } catch (e) {
        const attempts = r.attempts + 1;
        const message = e instanceof Error ? e.message : String(e);
        if (attempts >= opts.maxAttempts) {
          // Dead letter: kept with its last error for UGDT to retry by hand (GET /api/v1/envios).
          await db.transaction(async (tx) => {
            await tx.query(`UPDATE outbox SET status = 'fallido', attempts = $2, last_error = $3 WHERE id = $1`, [
              r.id,
              attempts,
              message,
            ]);
            await tx.query(
              `INSERT INTO delivery_log (at, outbox_id, item_id, action, actor_id, actor_name, detail)
               VALUES ($1, $2, $3, 'fallido', $4, $5, $6)`,
              [now().toISOString(), r.id, r.item_id, SYSTEM_ACTOR.personId, SYSTEM_ACTOR.name, message],
            );
          });
          result.failed += 1;
        } else {
          const backoff = opts.baseDelayMs * 2 ** (attempts - 1);
          const delay = Math.max(e instanceof RetryLater ? e.retryAfterMs : 0, backoff + Math.random() * backoff * 0.2);
          await db.query(`UPDATE outbox SET attempts = $2, last_error = $3, next_attempt_at = $4 WHERE id = $1`, [
            r.id,
            attempts,
            message,
            new Date(now().getTime() + delay).toISOString(),
          ]);
          result.retried += 1;
        }
      }
    }
    if (rows.length < opts.batch) return result;
  }
}
