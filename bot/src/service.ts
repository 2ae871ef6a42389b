import type { Server } from 'node:http';
import type { Express } from 'express';
import { createApp } from './app';
import { answerClientError } from './api/http-errors';
import { buildChileCalendar, defaultYears as calendarYears } from './calendar/chile-holidays';
import type { Config } from './config';
import { loadDirectoryFile } from './directory';
import { runDueTimers } from './jobs/scheduler';
import { deliverOutbox, type EffectHandler } from './jobs/outbox-worker';
import { createLogger, type Logger } from './logger';
import { observeOutbox, outboxCounts } from './observability/metrics';
import { dbOptionsOf, openDb, type Db } from './store/db';
import { ItemsRepo } from './store/items-repo';
import type { Runtime } from './runtime';
import { migrate } from './store/migrations';
import { toLocalDate, type Effect } from '../../protocol';
import { createTeamsHost } from './teams';
import type { SendRateLimiter } from './teams/rate-limiter';
import { detailUrl } from './cards/card-context';
import { mailEffectHandler } from './notify/mail-handler';
import { createM365, type M365 } from './m365';
import { mailDocuments } from './notify/mail-documents';
import { storeDocumentHandler, syncDocumentsHandler } from './documents/document-handler';
import { createSsoVerifier } from './api/sso';
import { FileService } from './files/file-service';
import { runFileAccess } from './jobs/file-access';
import type { FileStore } from './m365/file-store';
import { join } from 'node:path';

export interface Service {
  db: Db;
  repo: ItemsRepo;
  rt: Runtime;
  log: Logger;
  url: string;
  /** The HTTP app: its routes are what the leak matrix test holds against the read policy. */
  app: Express;
  /** Documents and mail: Graph, or the local stand-ins. */
  m365: M365;
  /** Delivered files (issue 15): uploads, deliveries, downloads and the requester's access. */
  files: FileService;
  /** One pass of the background jobs (timers, then outbox); the interval calls it, tests call it directly. */
  runJobs(): Promise<{
    fired: number;
    stale: number;
    delivered: number;
    digests: number;
    /** The requester's access to delivered files: given in the store, ended at its expiry. */
    filesGranted: number;
    filesExpired: number;
  }>;
  stop(): Promise<void>;
}

export interface ServiceOptions {
  now?: () => Date;
  /** Effect handlers by kind, replacing the service's own (Teams notices, mail copies); tests inject fakes. */
  handlers?: Partial<Record<Effect['type'], EffectHandler>>;
  /** The database, already opening: main starts it before loading the rest of the service, so they overlap. */
  db?: Promise<Db>;
  /** The logger, instead of one at LOG_LEVEL on stdout: tests read the lines. */
  log?: Logger;
  /**
   * Teams' send limits (7 per second per conversation, 50 per app): tests whose Teams is a local fake lift them,
   * or a run that sends a few hundred cards waits seconds in real time; rate-limiter.test.ts tests the limiter.
   */
  sendLimiter?: SendRateLimiter;
  /** The delivered files' store, instead of Microsoft 365's or the local folder (tests that follow permissions). */
  files?: FileStore;
}

/** Starts the whole service: database and migrations, directory, HTTP server and the jobs loop. */
export async function startService(config: Config, opts: ServiceOptions = {}): Promise<Service> {
  const log = opts.log ?? createLogger(config.logLevel, { instance: config.instanceId });
  const now = opts.now ?? (() => new Date());
  const opening = opts.db ?? openDb(dbOptionsOf(config.database));
  // Work that needs no database runs while it opens (the embedded one takes seconds to start its WASM engine).
  const directory = loadDirectoryFile(config.directoryFile);
  // Protocol §6: generated documents cite the decree that approves the protocol; until it is recorded they say so.
  if (!config.settings.protocolDecree)
    log.warn(
      'falta registrar el decreto que aprueba el protocolo (protocolDecree): los documentos dirán «por registrar»',
    );
  const rt: Runtime = {
    directory,
    // Links people type may be http:// only in local mode (issue 11): the protocol refuses them otherwise.
    settings: { ...config.settings, allowHttpLinks: config.localMode },
    calendar: buildChileCalendar(config.holidayOverrides, calendarYears(now())),
    now,
  };
  const db = await opening;
  const applied = await migrate(db);
  if (applied.length) log.info('migraciones aplicadas', { versions: applied });
  const repo = new ItemsRepo(db, rt);
  const backfilled = await repo.backfillWaitingOn();
  if (backfilled) log.info('«debe actuar» calculado para registros anteriores', { items: backfilled });
  const silenceArmed = await repo.backfillSilenceTimers();
  if (silenceArmed) log.info('cierre por silencio programado para entregas anteriores', { items: silenceArmed });
  const searchRewritten = await repo.backfillSearch();
  if (searchRewritten) log.info('búsqueda separada en texto abierto y reservado', { items: searchRewritten });
  // Convenios past their end date become vencido (or renew by their clause); the others get their end timer.
  const vigencia = await repo.backfillVigencia();
  if (vigencia.ended || vigencia.renewed || vigencia.armed) log.info('fin de vigencia de convenios al día', vigencia);
  // After any start-up job that changes convenios: the public register follows what they are now.
  const published = await repo.backfillPublished();
  if (published) log.info('registro público de convenios actualizado', { convenios: published });
  const teams = createTeamsHost({ config, db, repo, rt, log, sendLimiter: opts.sendLimiter });
  // Documents and mail copies: SharePoint and Exchange Online through Graph with a tenant, local stand-ins without.
  const m365 = await createM365(config.m365, {
    publicUrl: config.publicUrl,
    mailOutboxDir: config.mail.outboxDir,
    now,
    log: log.child({ module: 'm365' }),
  });
  if (m365.mode === 'graph')
    // Not awaited: a tenant that is down at start must not keep the service down; the outbox waits for it.
    void m365
      .check()
      .then((r) =>
        r.ok
          ? log.info('Microsoft 365 conectado', { sitio: config.m365.graph?.siteUrl })
          : log.error('Microsoft 365 mal configurado o no disponible', { problema: r.problem }),
      );
  // Parts of uploads in progress go to a folder beside the delivered files (same disk: the last part is linked, not
  // copied, into the local store).
  const files = new FileService({
    db,
    repo,
    rt,
    store: opts.files ?? m365.files,
    uploadsDir: join(config.m365.documentsDir, '.subidas'),
    log: log.child({ module: 'archivos' }),
  });
  const documentDeps = {
    db,
    repo,
    store: m365.documents,
    directory,
    timeZone: config.settings.timeZone,
    log: log.child({ module: 'documents' }),
    protocolDecree: config.settings.protocolDecree,
  };
  const mail = mailEffectHandler({
    repo,
    directory,
    port: m365.mail,
    documents: (item, kind, audience) => mailDocuments({ db, store: m365.documents }, item, kind, audience),
    from: { name: 'Intercambio de Datos', email: config.mail.from },
    detailUrl: (item) => detailUrl(config.publicUrl, item.kind, item.reference),
    today: () => toLocalDate(now(), config.settings.timeZone),
    log: log.child({ module: 'mail' }),
  });
  const handlers = {
    ...teams.handlers,
    mail,
    store_document: storeDocumentHandler(documentDeps),
    sync_documents: syncDocumentsHandler(documentDeps),
    ...opts.handlers,
  };
  // With a tenant, the tab's callers are identified by their Teams SSO token (bot/src/api/sso.ts) and nothing else.
  const sso = config.tenantId
    ? createSsoVerifier({
        tenantId: config.tenantId,
        clientId: config.bot.appId,
        appIdUri: config.sso.appIdUri,
        jwksUrl: config.sso.jwksUrl,
        log: log.child({ module: 'sso' }),
      })
    : undefined;
  const app = createApp({
    teams: teams.router,
    db,
    repo,
    rt,
    holidayOverrides: config.holidayOverrides,
    localMode: config.localMode,
    sso,
    teamsAppId: config.tab.teamsAppId,
    tabDir: config.tab.dir,
    publicUrl: config.publicUrl,
    log,
    maxBodyBytes: config.maxBodyBytes,
    instanceId: config.instanceId,
    maxDocumentBytes: config.m365.maxDocumentBytes,
    localDocuments: m365.localDocuments,
    documents: m365.documents,
    files,
    ...(config.transparencyRateLimit ? { transparencyRateLimit: config.transparencyRateLimit } : {}),
  });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.on('error', reject);
    // Oversized or malformed requests that never reach Express still get a Spanish JSON answer (issue 11).
    s.on('clientError', answerClientError);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://127.0.0.1:${port}`;
  log.info('servicio iniciado', { url, database: db.engine, localMode: config.localMode });

  // Read only when telemetry exports (every interval); the API's no-op meter never calls it.
  const stopOutboxGauges = observeOutbox(() => outboxCounts(db, now()));
  const jobsLog = log.child({ module: 'jobs' });
  const runJobs = async () => {
    const timers = await runDueTimers(db, repo, now, config.instanceId);
    const outbox = await deliverOutbox(db, handlers, now);
    const digests = await teams.digests();
    const access = await runFileAccess(files);
    if (timers.fired || timers.stale || outbox.delivered || digests)
      jobsLog.info('trabajos', { ...timers, ...outbox, resumenes: digests });
    if (access.granted || access.expired || access.abandoned)
      jobsLog.info('acceso a archivos entregados', { ...access });
    // A delivery that just gave up is worth its own line (alerts key on it): it waits for a person on Envíos.
    if (outbox.failed) jobsLog.warn('envíos fallidos', { fallidos: outbox.failed });
    return {
      ...timers,
      delivered: outbox.delivered,
      digests,
      filesGranted: access.granted,
      filesExpired: access.expired,
    };
  };
  let running: Promise<unknown> = Promise.resolve();
  const interval =
    config.jobsIntervalMs > 0
      ? setInterval(() => {
          running = runJobs().catch((e) =>
            jobsLog.error('fallo en trabajos', { error: e instanceof Error ? e.stack : String(e) }),
          );
        }, config.jobsIntervalMs)
      : undefined;

  return {
    db,
    repo,
    rt,
    log,
    url,
    app,
    m365,
    files,
    runJobs,
    async stop() {
      if (interval) clearInterval(interval);
      await running;
      stopOutboxGauges();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      await m365.close();
      await db.close();
    },
  };
}
