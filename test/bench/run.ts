/**
 * `npm run bench`: figures for the foundation on the machine that runs it, each beside a baseline measured in the same run.
 *  1. Protocol transitions per second through the store (decide + compare-and-set + chained audit + outbox), at
 *     16 concurrent callers, beside bare single-UPDATE transactions.
 *  2. p50/p95 of the first board page (50 rows, two filters) over 100,000 requests, beside the bare SQL query.
 *  3. Card action latency over HTTP (card-action.ts) at 16 clients, beside a bare botbuilder handler.
 *  4. Issue 15 (file-upload.ts): a 200 MiB delivered file through the API on the local store in 8 MiB parts, MB/s
 *     and the service's peak RSS, beside writing the same bytes straight to disk; then its download.
 * Both on PGlite (embedded) and PostgreSQL (127.0.0.1:5432, or the server of TEST_DATABASE_URL).
 * BENCH_ONLY=transiciones,tablero,tarjeta,pestaña,archivos runs only the parts named (all by default).
 */
import { performance } from 'node:perf_hooks';
import { DEFAULT_SETTINGS, resolveActor, type Actor } from '../../protocol';
import { buildChileCalendar } from '../../bot/src/calendar/chile-holidays';
import { loadDirectoryFile } from '../../bot/src/directory';
import { openDb, type Db } from '../../bot/src/store/db';
import { ItemsRepo } from '../../bot/src/store/items-repo';
import type { Runtime } from '../../bot/src/runtime';
import { migrate } from '../../bot/src/store/migrations';
import { queryRegister } from '../../bot/src/store/read/register';
import { registerFilterSchema } from '../../bot/src/store/read/register-filter';
import { rowContext } from '../../bot/src/store/read/rows';
import { parsedSolicitudBody } from '../support/fixtures';
import { createTestDatabase } from '../support/test-db';
import { benchCardActions } from './card-action';
import { benchTab } from './tab';
import { benchFileUpload } from './file-upload';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const TRANSITIONS = Number(process.env.BENCH_TRANSITIONS ?? 2_000);
const CONCURRENCY = 16;
const ONLY = process.env.BENCH_ONLY?.split(',').map((p) => p.trim());
const runs = (part: 'transiciones' | 'tablero' | 'tarjeta' | 'pestaña' | 'archivos') => !ONLY || ONLY.includes(part);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (x: number) => `${x.toFixed(2)} ms`;

async function pool<T>(n: number, items: T[], fn: (t: T) => Promise<void>) {
  let i = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (i < items.length) await fn(items[i++]!);
    }),
  );
}

async function transitions(db: Db, rt: Runtime) {
  const repo = new ItemsRepo(db, rt);
  const alex = resolveActor(rt.directory, 'alex.wilber', '2026-09-15') as Actor;
  const lynne = resolveActor(rt.directory, 'lynne.robbins', '2026-09-15') as Actor;
  const items: string[] = [];
  for (let i = 0; i < 200; i++) {
    const created = await repo.create({ kind: 'solicitud', input: parsedSolicitudBody() }, alex);
    items.push(created.id);
  }
  const work = Array.from({ length: TRANSITIONS }, (_, i) => items[i % items.length]!);
  let conflicts = 0;
  let t0 = performance.now();
  await pool(CONCURRENCY, work, async (id) => {
    try {
      await repo.execute(id, { type: 'comentar', text: 'Seguimiento de la solicitud' }, lynne);
    } catch {
      conflicts += 1; // two callers on the same item at once: one wins, as it must
    }
  });
  const protocolSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  await pool(CONCURRENCY, work, async (id) => {
    await db.transaction(async (tx) => {
      await tx.query('UPDATE items SET updated_at = now() WHERE id = $1', [id]);
    });
  });
  const bareSeconds = (performance.now() - t0) / 1000;
  return {
    perSecond: (TRANSITIONS - conflicts) / protocolSeconds,
    barePerSecond: TRANSITIONS / bareSeconds,
    conflicts,
  };
}

/** 100,000 requests straight in SQL (the store's own path would take minutes); realistic spread of columns. */
async function seed(db: Db) {
  const units = [
    'dideco',
    'salud',
    'educacion',
    'dom',
    'transito',
    'rsh',
    'medio_ambiente',
    'seguridad_publica',
    'daf',
    'secplan',
  ];
  const states = [
    'enviada',
    'recibida',
    'en_plazo',
    'entregada',
    'cerrada',
    'cerrada',
    'cerrada',
    'no_disponible',
    'cancelada',
  ];
  await db.exec(`
    INSERT INTO items (id, kind, reference, version, state, requesting_unit, owner_unit, title, access, privacy, participants,
                       due_at, overdue_flag, waiting_on, created_at, updated_at, search_text, data)
    SELECT gen_random_uuid(), 'solicitud', 'SOL-2025-' || lpad(g::text, 6, '0'), 1,
           (ARRAY['${states.join("','")}'])[1 + g % ${states.length}],
           (ARRAY['${units.join("','")}'])[1 + (g / 7) % ${units.length}],
           (ARRAY['${units.join("','")}'])[1 + g % ${units.length}],
           'Conjunto de datos ' || g,
           (ARRAY['publica','uso_interno','reservada'])[1 + g % 3],
           (ARRAY['no_personal','personal','sensible'])[1 + g % 3],
           ARRAY['p:persona' || (g % 500), 'u:' || (ARRAY['${units.join("','")}'])[1 + g % ${units.length}]],
           CASE WHEN g % 9 < 3 THEN timestamptz '2025-01-01' + (g || ' minutes')::interval END,
           false,
           CASE WHEN g % 9 < 4 THEN 'Dirección de Desarrollo Comunitario; plazo vencido: la UGDT puede intervenir' END,
           timestamptz '2025-01-01' + (g || ' minutes')::interval,
           timestamptz '2025-01-01' + (g || ' minutes')::interval,
           'conjunto de datos ' || g || ' beneficiarios sector ' || (g % 40),
           jsonb_build_object('kind', 'solicitud', 'seed', g)
      FROM generate_series(1, ${ROWS}) g;
    ANALYZE items;`);
}

/** A reader of the whole register, entitled to every field (the UGDT). */
const ALL = { items: 'all', sensitive: 'all' } as const;

async function boardPage(db: Db, rt: Runtime) {
  const filter = registerFilterSchema('solicitud').parse({ estado: 'enviada,recibida', unidad: 'salud' });
  // The API's rows carry unit names, "debe actuar" and working days left; the bare query reads the same columns.
  const now = rowContext(rt);
  const params = [['enviada', 'recibida'], ['salud']];
  const bare = `SELECT id, kind, reference, version, state, requesting_unit, owner_unit, title, access, privacy, waiting_on,
                       due_at, overdue_flag, created_at, updated_at
                  FROM items WHERE kind = 'solicitud' AND state = ANY($1::text[])
                   AND (owner_unit = ANY($2::text[]) OR requesting_unit = ANY($2::text[]))
                 ORDER BY created_at DESC, id DESC LIMIT 51`;
  for (let i = 0; i < 20; i++) {
    await queryRegister(db, 'solicitud', filter, ALL, now);
    await db.query(bare, params);
  }
  const api: number[] = [];
  const sql: number[] = [];
  let rows = 0;
  for (let i = 0; i < 200; i++) {
    let t = performance.now();
    rows = (await queryRegister(db, 'solicitud', filter, ALL, now)).items.length;
    api.push(performance.now() - t);
    t = performance.now();
    await db.query(bare, params);
    sql.push(performance.now() - t);
  }
  return { rows, p50: pct(api, 50), p95: pct(api, 95), sqlP50: pct(sql, 50), sqlP95: pct(sql, 95) };
}

async function benchEngine(engine: 'pglite' | 'postgres') {
  const pg = engine === 'postgres' ? await createTestDatabase('postgres') : undefined;
  const db = await openDb({ databaseUrl: pg?.url, dataDir: 'memory://', poolSize: CONCURRENCY });
  try {
    await migrate(db);
    const rt: Runtime = {
      directory: loadDirectoryFile('config/directory.local.json'),
      settings: DEFAULT_SETTINGS,
      calendar: buildChileCalendar(),
      now: () => new Date('2026-09-15T13:00:00Z'),
    };
    const tr = runs('transiciones') ? await transitions(db, rt) : undefined;
    if (!runs('tablero')) return { engine, tr, board: undefined };
    await seed(db);
    const board = await boardPage(db, rt);
    return { engine, tr, board };
  } finally {
    await db.close();
    await pg?.drop();
  }
}

async function main() {
  console.log(
    `Banco de pruebas — ${new Date().toISOString()} — ${ROWS} solicitudes, ${TRANSITIONS} transiciones, ${CONCURRENCY} clientes`,
  );
  // Transitions: an absolute floor on PostgreSQL, and at least half the rate of bare single-UPDATE transactions
  // on both engines (issue 13: the command's own writes cost about one round trip more than the bare update).
  const targets = { postgres: { tps: 300, p95: 20 }, pglite: { tps: 0, p95: 60 } };
  if (!runs('transiciones') && !runs('tablero')) return;
  for (const engine of ['postgres', 'pglite'] as const) {
    const r = await benchEngine(engine);
    const t = targets[engine];
    console.log(`\n[${engine}]`);
    if (r.tr) {
      const share = r.tr.perSecond / r.tr.barePerSecond;
      console.log(
        `  transiciones/s: ${r.tr.perSecond.toFixed(0)}  (UPDATE simple en transacción: ${r.tr.barePerSecond.toFixed(0)}/s, ${(share * 100).toFixed(0)} % de ellas; conflictos ${r.tr.conflicts})  meta ≥ 50 %: ${verdict(share >= 0.5)}${t.tps ? `  meta ≥ ${t.tps}/s: ${verdict(r.tr.perSecond >= t.tps)}` : ''}`,
      );
    }
    if (r.board)
      console.log(
        `  tablero, primera página (${r.board.rows} filas, 2 filtros, ${ROWS} solicitudes): p50 ${ms(r.board.p50)}, p95 ${ms(r.board.p95)}  (SQL directo: p50 ${ms(r.board.sqlP50)}, p95 ${ms(r.board.sqlP95)}, razón p95 ${(r.board.p95 / r.board.sqlP95).toFixed(2)}x)  meta p95 ≤ ${t.p95} ms: ${verdict(r.board.p95 <= t.p95)}`,
      );
  }
}

/** Card action targets of issue 13: p99 at 16 clients, server time (Server-Timing). */
const CARD_P99 = { postgres: 25, pglite: 15 } as const;

async function cardActions() {
  if (!runs('tarjeta')) return;
  for (const engine of ['pglite', 'postgres'] as const) {
    const pg = engine === 'postgres' ? await createTestDatabase('postgres') : undefined;
    try {
      const r = await benchCardActions(engine, pg?.url);
      const ratio = r.p99 / r.bareP99;
      console.log(
        `\n[${engine}] acción de tarjeta por HTTP (${r.actions} invocaciones, 16 clientes): p50 ${ms(r.p50)}, p99 ${ms(r.p99)}  (botbuilder sin lógica: p50 ${ms(r.bareP50)}, p99 ${ms(r.bareP99)}, razón p99 ${ratio.toFixed(2)}x)  meta p99 ≤ ${CARD_P99[engine]} ms: ${verdict(r.p99 <= CARD_P99[engine])}`,
      );
    } finally {
      await pg?.drop();
    }
  }
}

main()
  .then(cardActions)
  .then(() => (runs('pestaña') ? benchTab() : undefined))
  .then(() => (runs('archivos') ? benchFileUpload() : undefined))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
