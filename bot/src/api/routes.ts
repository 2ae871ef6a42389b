import { Router, type Request } from 'express';
import { z } from 'zod';
import {
  allowedActions,
  delegationText,
  eligibleMunicipalSigners,
  endOfLocalDay,
  fromZod,
  localDateField,
  monthField,
  isLocalDate,
  invalid,
  parseCommand,
  parseCreate,
  resolveActor,
  ROLE_LABELS,
  startOfLocalDay,
  unitName,
  unitShortName,
  toLocalDate,
  readScopeOf,
  redactFor,
  DomainError,
  type Actor,
  type Convenio,
  type Directory,
  type Item,
  type LocalDate,
  type Persona,
  type SessionInfo,
} from '../../../protocol';
import type { Db } from '../store/db';
import type { ItemsRepo } from '../store/items-repo';
import type { Runtime } from '../runtime';
import { queryRegister } from '../store/read/register';
import { registerFilterSchema } from '../store/read/register-filter';
import { rowContext } from '../store/read/rows';
import { chileHolidayList, type HolidayOverrides } from '../calendar/chile-holidays';
import { exportConvenioPublication, exportConvenioTransfers, exportRequestLog, exportTransferLog } from './exports';
import { identify } from './identity';
import type { SsoVerifier } from './sso';
import { tabRoutes } from './tab-routes';
import { deliveryRoutes } from './delivery-routes';
import { bulkRoutes } from './bulk';
import type { Logger } from '../logger';
import type { FileService } from '../files/file-service';
import { detailView, KINDS, loadVisible } from './item-detail';
import { deliverWithFiles, fileRoutes } from './file-routes';

export interface ApiDeps {
  holidayOverrides: HolidayOverrides;
  db: Db;
  repo: ItemsRepo;
  rt: Runtime;
  localMode: boolean;
  /** Teams SSO token validation: set whenever a tenant is configured. */
  sso?: SsoVerifier;
  /** The Teams app id (manifest), for the tab's deep links. */
  teamsAppId?: string;
  /** Where the service is reached (PUBLIC_URL): the cards' links to the tab's detail page. */
  publicUrl?: string;
  /** For faults a route reports without failing the whole request (a batch's request, bulk.ts). */
  log?: Logger;
  /** Delivered files (issue 15): uploads, deliveries with `archivos`, downloads. */
  files?: FileService;
}

/** The directory's people with their roles today, subrogancias included (persona picker, signer choice). */
function personas(directory: Directory, today: LocalDate): Persona[] {
  const signers = new Map(eligibleMunicipalSigners(directory, today).map((e) => [e.personId, e]));
  return directory.people.map((p) => {
    const signer = signers.get(p.id);
    const grants = resolveActor(directory, p.id, today)?.grants ?? [];
    const labels = grants
      .filter((g) => g.role !== 'funcionario')
      .map(
        (g) =>
          `${ROLE_LABELS[g.role]}${g.role === 'responsable_unidad' && g.unitId ? ` (${unitShortName(directory, g.unitId)})` : ''}` +
          (g.delegated ? ` — subrogando a ${g.holder.name}` : ''),
      );
    return {
      id: p.id,
      name: p.name,
      email: p.email,
      unitName: unitName(directory, p.unitId),
      roles: labels.length ? [...new Set(labels)] : [ROLE_LABELS.funcionario],
      ...(signer
        ? { signsForMunicipality: signer.delegation ? delegationText(signer.delegation) : ROLE_LABELS.alcalde }
        : {}),
    };
  });
}

export const commandEnvelope = z.object({ expectedVersion: z.number().int().min(1).optional() }).passthrough();
export const exportRangeSchema = z
  .object({ desde: localDateField('la fecha desde'), hasta: localDateField('la fecha hasta') })
  .strict()
  // Compared only once both are real dates: a malformed one is reported on its own field.
  .refine((q) => !(isLocalDate(q.desde) && isLocalDate(q.hasta)) || q.desde <= q.hasta, {
    message: 'el rango de fechas está invertido',
    path: ['desde'],
  });
export const exportMonthSchema = z.object({ mes: monthField('el mes') }).strict();

/** Who is calling, with the service's identity options (persona header in local mode, Teams SSO otherwise). */
export function callerIdentity(deps: ApiDeps): (req: Request) => Promise<Actor> {
  return (req) =>
    identify(req, {
      localMode: deps.localMode,
      directory: deps.rt.directory,
      timeZone: deps.rt.settings.timeZone,
      now: deps.rt.now,
      sso: deps.sso,
    });
}

export function apiRouter(deps: ApiDeps): Router {
  const r = Router();
  const tz = deps.rt.settings.timeZone;
  const who = callerIdentity(deps);
  // The read policy on the answer too: the item as the caller may see it, with the verbs they may issue on it.
  const view = (item: Item, actor: Actor) => ({
    item: redactFor(actor, item).item,
    allowedActions: allowedActions(item, actor),
  });

  // The municipal staff of the directory with today's roles, for signed-in officials (choosing a convenio's signers
  // or technical contact). Unlike /sesion it needs an identity, so with a tenant it is never public.
  r.get('/personas', async (req, res) => {
    await who(req);
    res.json({ personas: personas(deps.rt.directory, toLocalDate(deps.rt.now(), tz)) });
  });

  // What the tab needs before anyone is identified: the mode and, in local mode only, the persona picker's list.
  r.get('/sesion', (_req, res) => {
    const info: SessionInfo = {
      mode: deps.localMode ? 'local' : 'teams',
      timeZone: tz,
      ...(deps.localMode ? { personas: personas(deps.rt.directory, toLocalDate(deps.rt.now(), tz)) } : {}),
      ...(deps.teamsAppId ? { teamsAppId: deps.teamsAppId } : {}),
    };
    res.json(info);
  });

  r.get('/yo', async (req, res) => {
    res.json({ actor: await who(req) });
  });

  r.get('/unidades', async (req, res) => {
    await who(req);
    res.json({ units: deps.rt.directory.units });
  });

  // `today` is the service's date: a form that counts working days from today (a reiteration's earliest date) counts
  // from the same day as the service that will check it.
  r.get('/feriados', (req, res) => {
    const today = toLocalDate(deps.rt.now(), tz);
    const year = Number(today.slice(0, 4));
    res.json({ holidays: chileHolidayList([year - 1, year, year + 1], deps.holidayOverrides), today });
  });

  for (const [segment, kind] of Object.entries(KINDS)) {
    r.post(`/${segment}`, async (req, res) => {
      const actor = await who(req);
      const input = parseCreate(kind, req.body);
      const item = await deps.repo.create(input, actor);
      res.status(201).location(`/api/v1/${segment}/${item.reference}`).json(view(item, actor));
    });

    r.get(`/${segment}`, async (req, res) => {
      const actor = await who(req);
      const parsed = registerFilterSchema(kind).safeParse(req.query);
      if (!parsed.success) throw fromZod(parsed.error, 'Filtros inválidos', { topLevel: true });
      const f = parsed.data;
      if (f.desde && f.hasta && f.desde > f.hasta)
        throw invalid('El rango de fechas está invertido.', { desde: 'posterior a hasta' });
      const range = {
        ...(f.desde ? { from: startOfLocalDay(f.desde, tz).toISOString() } : {}),
        ...(f.hasta ? { to: endOfLocalDay(f.hasta, tz).toISOString() } : {}),
      };
      res.json(await queryRegister(deps.db, kind, f, readScopeOf(actor, kind), rowContext(deps.rt), range));
    });

    r.get(`/${segment}/:key`, async (req, res) => {
      const actor = await who(req);
      const item = await loadVisible(deps.repo, kind, req.params.key, actor);
      // The detail as the tab reads it (protocol ItemDetailView): redacted for the caller, with its timeline.
      res.json(await detailView(deps.db, deps.rt, item, actor));
    });

    r.post(`/${segment}/:key/comandos`, async (req, res) => {
      const actor = await who(req);
      const env = commandEnvelope.safeParse(req.body);
      if (!env.success) throw fromZod(env.error, 'Acción inválida');
      const { expectedVersion, ...raw } = env.data;
      // `entregar` with `archivos` (issue 15) is parsed once its uploads are resolved; every other command here.
      const withFiles = kind === 'solicitud' && raw.type === 'entregar' && ('archivos' in raw || 'files' in raw);
      const command = withFiles ? undefined : parseCommand(kind, raw);
      let itemId: string | null = null;
      try {
        const item = await loadVisible(deps.repo, kind, req.params.key, actor);
        itemId = item.id;
        const next = command
          ? await deps.repo.execute(item.id, command, actor, expectedVersion)
          : await deliverWithFiles(deps, item, actor, raw, expectedVersion);
        if (!next) throw new Error('entregar con archivos sin resolver');
        res.json(view(next, actor));
      } catch (e) {
        // Every refused attempt is kept for Control, also when the caller could not even see the item.
        if (e instanceof DomainError && e.code === 'NO_AUTORIZADO')
          await deps.repo.recordDenied(actor, itemId ?? (await deps.repo.idOf(req.params.key)), String(raw.type), e);
        throw e;
      }
    });
  }

  r.get('/exportaciones/solicitudes.csv', async (req, res) => {
    const actor = await who(req);
    const q = exportRangeSchema.safeParse(req.query);
    if (!q.success) throw fromZod(q.error, 'Parámetros inválidos', { topLevel: true });
    const csv = await exportRequestLog(
      deps.db,
      deps.rt.directory,
      tz,
      { from: startOfLocalDay(q.data.desde, tz).toISOString(), to: endOfLocalDay(q.data.hasta, tz).toISOString() },
      actor,
    );
    res
      .type('text/csv; charset=utf-8')
      .attachment(`registro-solicitudes-${q.data.desde}-${q.data.hasta}.csv`)
      .send(csv);
  });

  r.get('/exportaciones/convenios.csv', async (req, res) => {
    await who(req);
    const q = exportMonthSchema.safeParse(req.query);
    if (!q.success) throw fromZod(q.error, 'Parámetros inválidos', { topLevel: true });
    res
      .type('text/csv; charset=utf-8')
      .attachment(`convenios-${q.data.mes}.csv`)
      .send(await exportConvenioPublication(deps.db, q.data.mes));
  });

  // Rule 5 (issue 12): the transfers under convenios, part of the Ley 19.628 art. 5 record, with the read policy.
  r.get('/exportaciones/transferencias.csv', async (req, res) => {
    const actor = await who(req);
    const q = exportRangeSchema.safeParse(req.query);
    if (!q.success) throw fromZod(q.error, 'Parámetros inválidos', { topLevel: true });
    res
      .type('text/csv; charset=utf-8')
      .attachment(`transferencias-${q.data.desde}-${q.data.hasta}.csv`)
      .send(await exportTransferLog(deps.db, tz, { from: q.data.desde, to: q.data.hasta }, actor));
  });

  r.get('/convenios/:key/transferencias.csv', async (req, res) => {
    const actor = await who(req);
    const item = await loadVisible(deps.repo, 'convenio', req.params.key, actor);
    res
      .type('text/csv; charset=utf-8')
      .attachment(`transferencias-${item.reference}.csv`)
      .send(exportConvenioTransfers(actor, item as Convenio, tz));
  });

  // The tab's read models (board, panel, pending work, the item's cards, documents).
  tabRoutes(r, deps, who);
  deliveryRoutes(r, deps, who);
  bulkRoutes(r, deps, who);
  fileRoutes(r, deps, who);

  r.use((_req, _res) => {
    throw new DomainError('NO_ENCONTRADO', 'Ruta desconocida en la API.');
  });
  return r;
}
