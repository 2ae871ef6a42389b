import { Router, type Request } from 'express';
import { z } from 'zod';
import {
  allowedActions,
  canRead,
  endOfLocalDay,
  fromZod,
  localDateField,
  isLocalDate,
  invalid,
  notFound,
  forbidden,
  parseCommand,
  parseCreate,
  parseReference,
  startOfLocalDay,
  toLocalDate,
  visibilityOf,
  DomainError,
  type Actor,
  type Item,
  type ItemKind,
} from '../../../protocol';
import type { Db } from '../store/db';
import type { ItemsRepo, Runtime } from '../store/items-repo';
import { queryRegister, registerFilterSchema } from '../store/register-query';
import { readTimeline } from '../store/timeline';
import { chileHolidayList, type HolidayOverrides } from '../calendar/chile-holidays';
import { exportConvenioPublication, exportRequestLog } from './exports';
import { identify } from './identity';

export interface ApiDeps {
  holidayOverrides: HolidayOverrides;
  db: Db;
  repo: ItemsRepo;
  rt: Runtime;
  localMode: boolean;
}

const KINDS: Record<string, ItemKind> = { solicitudes: 'solicitud', convenios: 'convenio' };
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The item a path names by id or reference, if the caller may see it: 404 when absent, 403 when not theirs. */
async function loadVisible(deps: ApiDeps, kind: ItemKind, key: string, actor: Actor): Promise<Item> {
  let item: Item | undefined;
  if (UUID_RE.test(key)) item = await deps.repo.get(key.toLowerCase());
  else if (parseReference(key)) item = await deps.repo.findByReference(key.toUpperCase());
  else
    throw invalid('Identificador inválido: use el id o la referencia (SOL-AAAA-NNNN, CONV-AAAA-NNNN).', {
      id: 'inválido',
    });
  if (!item || item.kind !== kind)
    throw notFound(`No existe ${kind === 'solicitud' ? 'la solicitud' : 'el convenio'} ${key}.`);
  if (!canRead(actor, item)) throw forbidden('No tiene acceso a este registro.');
  return item;
}

const commandEnvelope = z.object({ expectedVersion: z.number().int().min(1).optional() }).passthrough();
const exportRangeSchema = z
  .object({ desde: localDateField('la fecha desde'), hasta: localDateField('la fecha hasta') })
  .strict()
  // Compared only once both are real dates: a malformed one is reported on its own field.
  .refine((q) => !(isLocalDate(q.desde) && isLocalDate(q.hasta)) || q.desde <= q.hasta, {
    message: 'el rango de fechas está invertido',
    path: ['desde'],
  });
const exportMonthSchema = z.object({ mes: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'mes AAAA-MM') }).strict();

export function apiRouter(deps: ApiDeps): Router {
  const r = Router();
  const tz = deps.rt.settings.timeZone;
  const who = (req: Request) =>
    identify(req, { localMode: deps.localMode, directory: deps.rt.directory, timeZone: tz, now: deps.rt.now });
  const view = (item: Item, actor: Actor) => ({ item, allowedActions: allowedActions(item, actor) });

  r.get('/yo', (req, res) => {
    res.json({ actor: who(req) });
  });

  r.get('/unidades', (req, res) => {
    who(req);
    res.json({ units: deps.rt.directory.units });
  });

  r.get('/feriados', (req, res) => {
    const year = Number(toLocalDate(deps.rt.now(), tz).slice(0, 4));
    res.json({ holidays: chileHolidayList([year - 1, year, year + 1], deps.holidayOverrides) });
  });

  for (const [segment, kind] of Object.entries(KINDS)) {
    r.post(`/${segment}`, async (req, res) => {
      const actor = who(req);
      const input = parseCreate(kind, req.body);
      const item = await deps.repo.create(input, actor);
      res.status(201).location(`/api/v1/${segment}/${item.reference}`).json(view(item, actor));
    });

    r.get(`/${segment}`, async (req, res) => {
      const actor = who(req);
      const parsed = registerFilterSchema(kind).safeParse(req.query);
      if (!parsed.success) throw fromZod(parsed.error, 'Filtros inválidos', { topLevel: true });
      const f = parsed.data;
      if (f.desde && f.hasta && f.desde > f.hasta)
        throw invalid('El rango de fechas está invertido.', { desde: 'posterior a hasta' });
      const range = {
        ...(f.desde ? { from: startOfLocalDay(f.desde, tz).toISOString() } : {}),
        ...(f.hasta ? { to: endOfLocalDay(f.hasta, tz).toISOString() } : {}),
      };
      res.json(await queryRegister(deps.db, kind, f, visibilityOf(actor, kind), deps.rt.now(), range));
    });

    r.get(`/${segment}/:key`, async (req, res) => {
      const actor = who(req);
      const item = await loadVisible(deps, kind, req.params.key, actor);
      res.json({ ...view(item, actor), timeline: await readTimeline(deps.db, item.id) });
    });

    r.post(`/${segment}/:key/comandos`, async (req, res) => {
      const actor = who(req);
      const env = commandEnvelope.safeParse(req.body);
      if (!env.success) throw fromZod(env.error, 'Acción inválida');
      const { expectedVersion, ...raw } = env.data;
      const command = parseCommand(kind, raw);
      let itemId: string | null = null;
      try {
        const item = await loadVisible(deps, kind, req.params.key, actor);
        itemId = item.id;
        const next = await deps.repo.execute(item.id, command, actor, expectedVersion);
        res.json(view(next, actor));
      } catch (e) {
        // Every refused attempt is kept for Control, also when the caller could not even see the item.
        if (e instanceof DomainError && e.code === 'NO_AUTORIZADO')
          await deps.repo.recordDenied(actor, itemId ?? (await deps.repo.idOf(req.params.key)), command.type, e);
        throw e;
      }
    });
  }

  r.get('/exportaciones/solicitudes.csv', async (req, res) => {
    const actor = who(req);
    const q = exportRangeSchema.safeParse(req.query);
    if (!q.success) throw fromZod(q.error, 'Parámetros inválidos', { topLevel: true });
    const csv = await exportRequestLog(
      deps.db,
      deps.rt.directory,
      tz,
      { from: startOfLocalDay(q.data.desde, tz).toISOString(), to: endOfLocalDay(q.data.hasta, tz).toISOString() },
      visibilityOf(actor, 'solicitud'),
    );
    res
      .type('text/csv; charset=utf-8')
      .attachment(`registro-solicitudes-${q.data.desde}-${q.data.hasta}.csv`)
      .send(csv);
  });

  r.get('/exportaciones/convenios.csv', async (req, res) => {
    who(req);
    const q = exportMonthSchema.safeParse(req.query);
    if (!q.success) throw fromZod(q.error, 'Parámetros inválidos', { topLevel: true });
    res
      .type('text/csv; charset=utf-8')
      .attachment(`convenios-${q.data.mes}.csv`)
      .send(await exportConvenioPublication(deps.db, q.data.mes));
  });

  r.use((_req, _res) => {
    throw new DomainError('NO_ENCONTRADO', 'Ruta desconocida en la API.');
  });
  return r;
}
