// Issue 14 §8: the UGDT works in bulk — Recordar, Reiterar, Reasignar or Cerrar many overdue requests at once.
// A batch is many single actions, not one: each request is loaded, checked against the read policy, decided by the
// protocol and written compare-and-set in its own statement or transaction (ItemsRepo.executeOn), with its own audit
// event and outbox rows. One request's refusal changes nothing of it and does not undo the others.
import type { Request, Router } from 'express';
import {
  bulkRequestSchema,
  canRead,
  forbidden,
  fromZod,
  isDomainError,
  unseenRequest,
  DomainError,
  type Actor,
  type BulkAnswer,
  type BulkOutcome,
  type BulkSolicitudCommand,
} from '../../../protocol';
import type { ItemsRepo } from '../store/items-repo';
import { INTERNAL_ERROR } from './http-errors';
import { TokenBuckets, type RateLimit } from './rate-limit';
import type { ApiDeps } from './routes';

/**
 * Batches per person: a burst of 10, then 10 a minute (each up to MAX_BULK_ITEMS requests). Enough for a person
 * working through the overdue list; a loop gets 429 with Retry-After instead of flooding the outbox.
 */
export const BULK_RATE_LIMIT: RateLimit = { burst: 10, perMinute: 10 };

export interface ExecuteManyOptions {
  /** Called with an error that is not the protocol's (a database fault): the request is reported as ERROR_INTERNO. */
  onUnexpected?: (reference: string, error: unknown) => void;
}

/**
 * Carries out `command` on each request of `references` (SOL-AAAA-NNNN; a repeated one counts once), one after the
 * other, as `actor`, and says what happened to each, in the order given. Shared by POST /api/v1/solicitudes/lote
 * and the Teams daily digest's «Recordar a todas»; the answer is what the endpoint sends (`hechas`, `fallidas`).
 *
 * - A reference that does not exist and one the actor may not read answer alike (NO_ENCONTRADO, «… no existe o no
 *   puede verla»), so the answer never tells whether a request exists.
 * - Otherwise the protocol decides each request (role, state, the rule itself): a refusal comes back with the same
 *   code and Spanish message as a single action, and a policy refusal is kept for Control (denied_attempts).
 * - Each success is its own transition: one audit event and its outbox rows, written compare-and-set on the version
 *   just read; a change by someone else in between is that request's CONFLICTO_VERSION.
 * - Never throws for one request's sake: an unexpected fault is reported as ERROR_INTERNO for that request (and
 *   handed to `onUnexpected`), and the rest go on.
 */
export async function executeMany(
  repo: ItemsRepo,
  actor: Actor,
  references: readonly string[],
  command: BulkSolicitudCommand,
  options: ExecuteManyOptions = {},
): Promise<BulkAnswer> {
  const unique = [...new Set(references.map((r) => r.trim().toUpperCase()))];
  const items = await repo.findByReferences(unique);
  const out: BulkOutcome[] = [];
  for (const referencia of unique) {
    const item = items.get(referencia);
    try {
      if (!item || item.kind !== 'solicitud') throw unseenRequest(referencia);
      if (!canRead(actor, item)) {
        // Kept for Control like a single action's refusal; the caller hears only what a missing request gets.
        await repo.recordDenied(actor, item.id, command.type, forbidden('No tiene acceso a este registro.'));
        throw unseenRequest(referencia);
      }
      try {
        const next = await repo.executeOn(item, command, actor);
        out.push({ referencia, ok: true, version: next.version });
      } catch (e) {
        if (isDomainError(e) && e.code === 'NO_AUTORIZADO') await repo.recordDenied(actor, item.id, command.type, e);
        throw e;
      }
    } catch (e) {
      if (isDomainError(e)) out.push({ referencia, ok: false, codigo: e.code, mensaje: e.message });
      else {
        options.onUnexpected?.(referencia, e);
        out.push({ referencia, ok: false, codigo: 'ERROR_INTERNO', mensaje: INTERNAL_ERROR.error.message });
      }
    }
  }
  const hechas = out.filter((r) => r.ok).length;
  return { resultados: out, hechas, fallidas: out.length - hechas };
}

/** POST /solicitudes/lote: the batch endpoint, rate-limited per person. */
export function bulkRoutes(r: Router, deps: ApiDeps, who: (req: Request) => Promise<Actor>): void {
  const buckets = new TokenBuckets(BULK_RATE_LIMIT, deps.rt.now);
  r.post('/solicitudes/lote', async (req, res) => {
    const actor = await who(req);
    const body = bulkRequestSchema.safeParse(req.body);
    if (!body.success) throw fromZod(body.error, 'Acción en lote inválida');
    // Only a valid batch costs a token: a refused body changes nothing and costs nothing.
    const wait = buckets.take(actor.personId);
    if (wait > 0) {
      res.set('Retry-After', String(wait));
      throw new DomainError(
        'DEMASIADAS_CONSULTAS',
        `Demasiadas acciones en lote seguidas. Espere ${wait} ${wait === 1 ? 'segundo' : 'segundos'} y vuelva a intentarlo.`,
      );
    }
    const { referencias, comando } = body.data;
    const answer = await executeMany(deps.repo, actor, referencias, comando, {
      onUnexpected: (reference, error) =>
        deps.log?.error('acción en lote: error no controlado', {
          reference,
          command: comando.type,
          error: error instanceof Error ? error.stack : String(error),
        }),
    });
    res.json(answer);
  });
}
