import type { Request, Router } from 'express';
import { z } from 'zod';
import { forbidden, fromZod, notFound, DomainError, type Actor, type DeliveryPage } from '../../../protocol';
import { deliveryCounts, listDeliveries, retryDelivery } from '../store/deliveries';
import type { ApiDeps } from './routes';

export const deliveryListQuery = z
  .object({
    estado: z
      .enum(['fallido', 'pendiente', 'entregado'], {
        errorMap: () => ({ message: 'use fallido, pendiente o entregado' }),
      })
      .default('fallido'),
    // An outbox id: a bigint in the database, bounded here so a huge number is a 400, not an overflow in SQL.
    antes: z.coerce
      .number({ invalid_type_error: 'antes: se esperaba un número' })
      .int('antes: se esperaba un número entero')
      .min(1, 'antes: mínimo 1')
      .max(Number.MAX_SAFE_INTEGER, 'antes: número demasiado grande')
      .optional(),
    limite: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

const has = (actor: Actor, ...roles: string[]) => actor.grants.some((g) => roles.includes(g.role));

/**
 * The outbox as UGDT and IT see it (issue #5): deliveries that gave up after their retries (dead letters), those
 * still waiting, and a retry button. Control may look; only UGDT and IT may retry. Every retry is logged.
 */
export function deliveryRoutes(r: Router, deps: ApiDeps, who: (req: Request) => Promise<Actor>): void {
  r.get('/envios', async (req, res) => {
    const actor = await who(req);
    if (!has(actor, 'ugdt', 'admin_ti', 'control'))
      throw forbidden('Solo la UGDT, Informática y Control ven la cola de envíos.');
    const q = deliveryListQuery.safeParse(req.query);
    if (!q.success) throw fromZod(q.error, 'Filtros inválidos', { topLevel: true });
    const page = await listDeliveries(deps.db, { status: q.data.estado, before: q.data.antes, limit: q.data.limite });
    const counts = await deliveryCounts(deps.db);
    const body: DeliveryPage = {
      ...page,
      counts: { pendiente: counts.pendiente, fallido: counts.fallido },
      canRetry: has(actor, 'ugdt', 'admin_ti'),
    };
    res.json(body);
  });

  r.post('/envios/:id/reintentar', async (req, res) => {
    const actor = await who(req);
    if (!has(actor, 'ugdt', 'admin_ti')) throw forbidden('Solo la UGDT o Informática pueden reintentar un envío.');
    const id = Number(req.params.id);
    if (!Number.isSafeInteger(id) || id < 1) throw notFound('No existe ese envío.');
    const done = await retryDelivery(deps.db, id, actor, deps.rt.now());
    if (!done) {
      const exists = await deps.db.query('SELECT 1 FROM outbox WHERE id = $1', [id]);
      if (exists.rows.length === 0) throw notFound('No existe ese envío.');
      throw new DomainError(
        'CONFLICTO_VERSION',
        'Ese envío ya no está fallido (otra persona lo reintentó o se entregó).',
      );
    }
    res.json({ ok: true });
  });
}
