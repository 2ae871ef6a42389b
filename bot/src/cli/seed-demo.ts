// `npm run seed-demo [-- --forzar]`: fills the configured database (DATA_DIR or DATABASE_URL, as the service) with
// demonstration data for local mode: internal requests across units and states, and convenios at every stage.
//
// Nothing is written around the protocol: each story is replayed in time order through the real repository, as the
// people of the local directory, with the clock set to the moment of each step, and the scheduler runs every timer
// as it falls due in between (reminders, requests marked vencidas, evaluations due, convenios por vencer). So every
// change has its audit event in the chain and its notices in the outbox, exactly as if users had done it.
import {
  CONVENIO_STATE_LABELS,
  SOLICITUD_AWAITING_OWNER,
  SOLICITUD_STATE_LABELS,
  formatDate,
  isWorkingDay,
  parseCommand,
  parseCreate,
  resolveActor,
  toLocalDate,
  unitShortName,
  workingDayBefore,
  type Actor,
  type Convenio,
  type Solicitud,
} from '../../../protocol';
import { buildChileCalendar } from '../calendar/chile-holidays';
import { loadConfig } from '../config';
import { loadDirectoryFile } from '../directory';
import { runDueTimers } from '../jobs/scheduler';
import { openDb, type Db } from '../store/db';
import { ItemsRepo } from '../store/items-repo';
import type { Runtime } from '../runtime';
import { migrate } from '../store/migrations';
import { Script, convenioStories, requestStories, type Story } from './seed-demo-stories';

async function hasItems(db: Db): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM items');
  return rows[0]?.n ?? 0;
}

/** Runs every timer due up to `target`, each at its own due instant, then leaves the clock at `target`. */
async function advanceTo(db: Db, repo: ItemsRepo, clock: { set(t: Date): void; now(): Date }, target: Date) {
  for (;;) {
    const { rows } = await db.query<{ next: string | Date | null }>(
      `SELECT min(due_at) AS next FROM timers WHERE status = 'pendiente' AND due_at <= $1`,
      [target.toISOString()],
    );
    const next = rows[0]?.next;
    if (!next) break;
    clock.set(new Date(next));
    await runDueTimers(db, repo, clock.now, 'seed-demo');
  }
  clock.set(target);
}

async function main(args: string[]): Promise<number> {
  const config = loadConfig();
  const directory = loadDirectoryFile(config.directoryFile);
  const tz = config.settings.timeZone;
  const realNow = new Date();
  const year = Number(toLocalDate(realNow, tz).slice(0, 4));
  const calendar = buildChileCalendar(config.holidayOverrides, [year - 2, year - 1, year, year + 1, year + 2]);
  const db = await openDb({ databaseUrl: config.database.url, dataDir: config.database.dataDir });
  try {
    await migrate(db);
    const existing = await hasItems(db);
    if (existing > 0 && !args.includes('--forzar')) {
      process.stderr.write(
        `La base ya tiene ${existing} solicitudes o convenios; no se agregan datos de demostración. ` +
          'Use --forzar para agregarlos de todos modos.\n',
      );
      return 2;
    }
    const { repo, stories } = await seedDemo(db, { directory, settings: config.settings, calendar }, realNow);
    await report(db, repo, stories, directory, tz, realNow);
    return 0;
  } finally {
    await db.close();
  }
}

/**
 * Replays every demonstration story up to `realNow` through the real repository (the stories are laid out backwards
 * from that day, so the data always looks current). Throws, naming the step, when the protocol refuses one.
 */
export async function seedDemo(
  db: Db,
  base: Omit<Runtime, 'now'>,
  realNow: Date,
): Promise<{ repo: ItemsRepo; stories: Story[] }> {
  const { directory } = base;
  const tz = base.settings.timeZone;
  let t = realNow;
  const clock = { now: () => new Date(t), set: (x: Date) => (t = x) };
  const rt: Runtime = { ...base, now: clock.now };
  const repo = new ItemsRepo(db, rt);
  const todayReal = toLocalDate(realNow, tz);
  const today = isWorkingDay(rt.calendar, todayReal) ? todayReal : workingDayBefore(rt.calendar, todayReal, 1);
  const script = new Script(rt.calendar, tz, realNow);
  const responsable = (unit: string) =>
    directory.people.find((p) => p.roles.some((r) => r.role === 'responsable_unidad' && r.unitId === unit))?.id;
  const unitOf = (p: string) => directory.people.find((x) => x.id === p)?.unitId ?? '';
  requestStories(script, today, {
    staffed: (u) => !!responsable(u),
    of: unitOf,
    name: (u) => unitShortName(directory, u),
  });
  convenioStories(script, today);

  const actor = (who: string): Actor => {
    const id = who.startsWith('responsable:') ? responsable(who.slice(12))! : who;
    return resolveActor(directory, id, toLocalDate(clock.now(), tz))!;
  };
  const steps = [...script.steps].sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
  for (const step of steps) {
    await advanceTo(db, repo, clock, step.at);
    let what = `crear ${step.story.kind}`;
    try {
      if (step.create) {
        const item = await repo.create(parseCreate(step.story.kind, step.create), actor(step.who));
        step.story.id = item.id;
      } else {
        const item = (await repo.get(step.story.id!))!;
        const raw = step.command!(item);
        if (raw === null) continue; // a step that does not apply to this item (e.g. no EIPD needed)
        const command = parseCommand(item.kind, raw);
        what = `${command.type} en ${item.reference}`;
        await repo.execute(item.id, command, actor(step.who));
      }
    } catch (e) {
      const when = formatDate(toLocalDate(step.at, tz));
      throw new Error(`paso «${what}» de ${step.who} el ${when}: ${e instanceof Error ? e.message : e}`, {
        cause: e,
      });
    }
  }
  await advanceTo(db, repo, clock, realNow);
  return { repo, stories: script.stories };
}

async function report(
  db: Db,
  repo: ItemsRepo,
  stories: Story[],
  directory: Runtime['directory'],
  tz: string,
  now: Date,
) {
  const items = (await repo.getMany(stories.flatMap((s) => (s.id ? [s.id] : [])))).sort((a, b) =>
    a.reference.localeCompare(b.reference),
  );
  const out: string[] = [`Datos de demostración creados al ${formatDate(toLocalDate(now, tz))}.`, ''];
  const sols = items.filter((i): i is Solicitud => i.kind === 'solicitud');
  const convs = items.filter((i): i is Convenio => i.kind === 'convenio');
  const tally = (labels: string[]) =>
    Object.entries(labels.reduce<Record<string, number>>((m, l) => ({ ...m, [l]: (m[l] ?? 0) + 1 }), {}))
      .map(([l, n]) => `${n} ${l.toLowerCase()}`)
      .join(', ');
  out.push(`Solicitudes internas (${sols.length}): ${tally(sols.map((s) => SOLICITUD_STATE_LABELS[s.state]))}.`);
  const overdue = (s: Solicitud) => !!s.overdue && SOLICITUD_AWAITING_OWNER.includes(s.state);
  out.push(`  Vencidas hoy: ${sols.filter(overdue).length}.`);
  for (const s of sols)
    out.push(
      `  ${s.reference}  ${SOLICITUD_STATE_LABELS[s.state].padEnd(26)}${overdue(s) ? ' VENCIDA ' : '         '}` +
        `${unitShortName(directory, s.requester.unitId)} → ${unitShortName(directory, s.ownerUnitId)}: ${s.dataset.name}`,
    );
  out.push('', `Convenios (${convs.length}): ${tally(convs.map((c) => CONVENIO_STATE_LABELS[c.state]))}.`);
  for (const c of convs)
    out.push(
      `  ${c.reference}  ${CONVENIO_STATE_LABELS[c.state].padEnd(26)}${c.evaluationPending ? ' EVALUACIÓN PENDIENTE ' : ' '}` +
        `${c.entity.name}${c.validity ? ` (vigente hasta el ${formatDate(c.validity.end)})` : ''}`,
    );
  const count = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0]?.n ?? 0;
  out.push(
    '',
    `Eventos de auditoría: ${await count('SELECT count(*)::int AS n FROM audit_events')}; ` +
      `avisos en la cola de salida: ${await count("SELECT count(*)::int AS n FROM outbox WHERE status = 'pendiente'")}; ` +
      `plazos programados: ${await count("SELECT count(*)::int AS n FROM timers WHERE status = 'pendiente'")}.`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
}

if (require.main === module)
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`No se pudieron crear los datos de demostración: ${e instanceof Error ? e.message : e}\n`);
      process.exit(1);
    },
  );
