import type { Request, Router } from 'express';
import { z } from 'zod';
import {
  allowedActions,
  fromZod,
  invalid,
  isDomainError,
  monthField,
  redactFor,
  toLocalDate,
  mayOpenDocuments,
  readScopeOf,
  visibilityOf,
  ownScopeOf,
  CONVENIO_OPEN_STATES,
  SOLICITUD_OPEN_STATES,
  DomainError,
  parseCommand,
  yourTurn,
  type Actor,
  type AllowedAction,
  type CardActionAnswer,
  type Item,
  type YourTurnRow,
  type Convenio,
  type ItemKind,
} from '../../../protocol';
import { commandFromCard, itemCard, splitItemVerb, type ActionData } from '../cards';
import { runCardCommand } from '../store/card-command';
import { monthsBetween, queryPanel } from '../store/panel-query';
import { queryBoard } from '../store/read/board';
import { queryPendingEntries } from '../store/read/pending';
import { leadingVerb } from '../cards/action-bar';
import { queryRegister } from '../store/read/register';
import { registerFilterSchema } from '../store/read/register-filter';
import { rowContext, type RowContext } from '../store/read/rows';
import { cardContext } from '../cards/card-context';
import { cardViews, documentRows, KINDS, loadVisible } from './item-detail';
import type { ApiDeps } from './routes';

const registerShape = registerFilterSchema('solicitud').shape;
export const boardQuery = z
  .object({
    tipo: z.enum(['solicitud', 'convenio'], { errorMap: () => ({ message: 'use solicitud o convenio' }) }),
    unidad: registerShape.unidad,
    q: registerShape.q,
  })
  .strict();

/** The panel covers at most two years: enough for any trend, and a bounded scan. */
export const PANEL_MAX_MONTHS = 24;
const PANEL_DEFAULT_MONTHS = 6;
export const panelQuery = z
  .object({
    desde: monthField('desde').optional(),
    hasta: monthField('hasta').optional(),
  })
  .strict();

export const actionBody = z
  .object({
    verb: z.string({ required_error: 'falta la acción' }).min(1, 'falta la acción').max(100, 'acción demasiado larga'),
    data: z.record(z.unknown(), { required_error: 'faltan los datos de la tarjeta' }),
  })
  .strict();

/**
 * The step «Mis pendientes» offers inline: the one the person's card makes primary. `direct` when the command needs
 * nothing typed (its schema accepts it bare), so one click does it; else the detail opens with its form.
 */
function nextStepOf(item: Item, pending: AllowedAction[]): YourTurnRow['next'] {
  const verb = leadingVerb(
    item.kind,
    pending.map((a) => a.verb),
  );
  const action = pending.find((a) => a.verb === verb);
  if (!verb || !action) return null;
  let direct = !action.signerId;
  try {
    parseCommand(item.kind, { type: verb });
  } catch {
    direct = false;
  }
  return { verb, label: action.label, direct };
}

/** A month (AAAA-MM) moved by `n` months. */
function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** The tab's read models under /api/v1 (issue #4): board, pending work, panel, the item's cards, card actions, documents. */
export function tabRoutes(r: Router, deps: ApiDeps, who: (req: Request) => Promise<Actor>): void {
  const tz = deps.rt.settings.timeZone;
  // Card links point at the tab's detail page: the configured public address, else the one the caller used.
  const ctxFor = (req: Request) =>
    cardContext(deps.rt, deps.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`);

  r.get('/tablero', async (req, res) => {
    const actor = await who(req);
    const q = boardQuery.safeParse(req.query);
    if (!q.success) throw fromZod(q.error, 'Parámetros inválidos', { topLevel: true });
    const kind = q.data.tipo;
    res.json(await queryBoard(deps.db, kind, q.data, readScopeOf(actor, kind), rowContext(deps.rt)));
  });

  /**
   * «En seguimiento» of Mis pendientes (issue 14 §7): the open items the caller takes part in personally that wait
   * for someone else — a request they sent, a convenio they proposed. Same read scope as «mis solicitudes».
   */
  const following = async (actor: Actor, pending: Set<string>, ctx: RowContext) => {
    const rows = [];
    for (const kind of ['solicitud', 'convenio'] as const) {
      const open = kind === 'solicitud' ? SOLICITUD_OPEN_STATES : CONVENIO_OPEN_STATES;
      const f = registerFilterSchema(kind).parse({ estado: open.join(','), orden: 'vencimiento', limite: '50' });
      const page = await queryRegister(deps.db, kind, f, ownScopeOf(actor, kind), ctx);
      rows.push(...page.items.filter((r) => !pending.has(r.id)));
    }
    return rows;
  };

  r.get('/pendientes', async (req, res) => {
    const actor = await who(req);
    const q = z.object({}).strict().safeParse(req.query);
    if (!q.success) throw fromZod(q.error, 'Parámetros inválidos', { topLevel: true });
    const ctx = rowContext(deps.rt);
    const entries = await queryPendingEntries(deps.db, actor, ctx);
    const items: YourTurnRow[] = entries.map(({ row, item, pending }) => ({
      ...row,
      task: yourTurn(item, actor, pending) ?? null,
      next: nextStepOf(item, pending),
    }));
    res.json({ items, following: await following(actor, new Set(items.map((r) => r.id)), ctx) });
  });

  r.get('/panel', async (req, res) => {
    const actor = await who(req);
    const q = panelQuery.safeParse(req.query);
    if (!q.success) throw fromZod(q.error, 'Parámetros inválidos', { topLevel: true });
    const current = toLocalDate(deps.rt.now(), tz).slice(0, 7);
    const hasta = q.data.hasta ?? (q.data.desde && q.data.desde > current ? q.data.desde : current);
    const desde = q.data.desde ?? shiftMonth(hasta, -(PANEL_DEFAULT_MONTHS - 1));
    if (desde > hasta) throw invalid('El rango de meses está invertido.', { desde: 'posterior a hasta' });
    if (monthsBetween(desde, hasta).length > PANEL_MAX_MONTHS)
      throw invalid(`El panel abarca como máximo ${PANEL_MAX_MONTHS} meses.`, {
        desde: `máximo ${PANEL_MAX_MONTHS} meses`,
      });
    const visible: Record<ItemKind, 'all' | string[]> = {
      solicitud: visibilityOf(actor, 'solicitud'),
      convenio: visibilityOf(actor, 'convenio'),
    };
    res.json(await queryPanel(deps.db, visible, rowContext(deps.rt), { from: desde, to: hasta }));
  });

  for (const [segment, kind] of Object.entries(KINDS)) {
    r.get(`/${segment}/:key/vistas`, async (req, res) => {
      const actor = await who(req);
      const item = await loadVisible(deps.repo, kind, req.params.key, actor);
      res.json({ views: cardViews(item, actor, deps.rt, ctxFor(req)) });
    });

    r.post(`/${segment}/:key/acciones`, async (req, res) => {
      const actor = await who(req);
      const body = actionBody.safeParse(req.body);
      if (!body.success) throw fromZod(body.error, 'Acción inválida');
      const { verb } = body.data;
      const data = { ...body.data.data, verb } as ActionData;
      const target = splitItemVerb(verb);
      if (!target || target.kind !== kind)
        throw invalid(`Acción desconocida para ${kind === 'solicitud' ? 'una solicitud' : 'un convenio'}: «${verb}».`, {
          verb: 'acción desconocida',
        });
      const version = data.version;
      if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
        throw invalid('Falta la versión del registro que mostraba la tarjeta.', { 'data.version': 'requerida' });
      let item;
      try {
        item = await loadVisible(deps.repo, kind, req.params.key, actor);
      } catch (e) {
        // Every refused attempt is kept for Control, also when the caller could not even see the item.
        if (isDomainError(e) && e.code === 'NO_AUTORIZADO')
          await deps.repo.recordDenied(actor, await deps.repo.idOf(req.params.key), verb, e);
        throw e;
      }
      if (data.id !== undefined && data.id !== item.id)
        throw invalid('La tarjeta corresponde a otro registro.', { 'data.id': 'no corresponde' });
      // A card older than the item changes nothing: the person first sees what happened since (as in chat).
      if (version !== item.version)
        throw new DomainError(
          'CONFLICTO_VERSION',
          `${item.reference} cambió mientras usted la veía (versión ${item.version}); revise su estado actual.`,
        );
      const next = await runCardCommand(deps.repo, item, commandFromCard(item.kind, target.command, data), actor);
      const shown = redactFor(actor, next).item;
      const answer: CardActionAnswer = {
        item: shown,
        allowedActions: allowedActions(next, actor),
        card: itemCard(shown, ctxFor(req), { viewer: actor, refreshUserIds: [] }),
      };
      res.json(answer);
    });
  }

  r.get('/convenios/:key/documentos', async (req, res) => {
    const actor = await who(req);
    const item = await loadVisible(deps.repo, 'convenio', req.params.key, actor);
    const shown = redactFor(actor, item).item as Convenio;
    res.json({ documents: await documentRows(deps.db, shown, tz, mayOpenDocuments(actor, item)) });
  });
}
