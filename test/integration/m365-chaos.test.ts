// 200 protocol actions while 30% of Microsoft Graph calls fail (429 with Retry-After, 503, connections dropped
// before or after Graph did the work, slow answers), with the service killed in the middle of delivering and
// started again on the same database. In the end every mail and document must be delivered, none lost, and the
// fake counts what arrived twice.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyAuditChain } from '../../bot/src/store/audit-chain';
import { convenioWithDocuments } from '../support/convenio-flow';
import { solicitudBody } from '../support/fixtures';
import type { GraphFake } from '../support/graph-fake';
import { graphConfig, startTenantFake } from '../support/graph-service';
import { startTestService, type TestService } from '../support/service';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '../support/test-db';
import { figure } from '../support/figures';

jest.setTimeout(600_000);

let fake: GraphFake;
let database: TestDatabase;
let svc: TestService;
let actions = 0;
let manualRetries = 0;
let restarts = 0;

/** PGlite must keep its data on disk to survive the restart; PostgreSQL keeps it anyway. */
async function durableDatabase(): Promise<TestDatabase> {
  if (TEST_ENGINE === 'postgres') return createTestDatabase();
  return createTestDatabase('pglite', { pgliteDir: mkdtempSync(join(tmpdir(), 'caos-pglite-')) });
}

const start = (at: string) => startTestService(at, { database, config: (base) => graphConfig(fake, base, 0) });

const count = async (sql: string) => (await svc.db.query<{ n: number }>(sql)).rows[0]!.n;

/**
 * Runs the outbox until nothing is pending, moving the clock past every backoff. A delivery that gave up (dead
 * letter) is retried the way UGDT would, with the button on the Envíos page.
 */
async function settle() {
  for (let round = 0; round < 400; round++) {
    await svc.runJobs();
    if ((await count(`SELECT count(*)::int AS n FROM outbox WHERE status = 'pendiente'`)) === 0) {
      const failed = (await svc.as('megan.bowen').get('/api/v1/envios?estado=fallido&limite=200')).body.rows as {
        id: number;
      }[];
      if (failed.length === 0) return;
      for (const f of failed) {
        const r = await svc.as('megan.bowen').post(`/api/v1/envios/${f.id}/reintentar`, {});
        expect(r.status).toBe(200);
        manualRetries += 1;
      }
    }
    svc.clock.advance(15 * 60_000);
  }
  throw new Error('la cola de salida no se vació');
}

async function solicitudes(n: number) {
  for (let i = 0; i < n; i++) {
    const created = await svc.as('alex.wilber').post('/api/v1/solicitudes', solicitudBody({ purpose: `Caos ${i}` }));
    expect(created.status).toBe(201);
    const ref = created.body.item.reference as string;
    const step = async (who: string, body: Record<string, unknown>) => {
      const r = await svc.as(who).post(`/api/v1/solicitudes/${ref}/comandos`, body);
      expect(r.status).toBe(200);
    };
    await step('lynne.robbins', { type: 'acusar_recibo' });
    await step('lynne.robbins', {
      type: 'entregar',
      link: 'https://quillota.sharepoint.com/sites/datos/x.xlsx',
      note: 'Listo',
    });
    await step('alex.wilber', { type: 'conforme' });
    actions += 4;
  }
}

async function convenios(n: number, from: number) {
  for (let i = 0; i < n; i++) {
    await convenioWithDocuments(svc, { settle, entityName: `Universidad de Prueba ${from + i}` });
    actions += 12;
  }
}

beforeAll(async () => {
  fake = await startTenantFake();
  database = await durableDatabase();
  svc = await start('2026-09-15T13:00:00Z');
  fake.faults.set({
    rate: 0.3,
    kinds: ['429', '503', 'reset-before', 'reset-after', 'slow'],
    retryAfterSeconds: 1,
    slowMs: 50,
    seed: Number(process.env.CHAOS_SEED ?? 20261128),
  });

  await convenios(5, 1);
  await solicitudes(10);
  // Crash while delivering: jobs are running when the service goes down; claimed rows keep their lease and
  // whatever Graph already did for them stays done.
  const inFlight = svc.runJobs().catch(() => undefined);
  await new Promise((r) => setTimeout(r, 30));
  const at = svc.clock.now().toISOString();
  await svc.stop();
  await inFlight;
  restarts += 1;
  svc = await start(new Date(Date.parse(at) + 2 * 60_000).toISOString());

  await convenios(5, 6);
  await solicitudes(10);
  await settle();
  fake.faults.off();
});
afterAll(async () => {
  await svc?.stop();
  await database?.drop();
  await fake?.close();
});

describe('Microsoft 365 under 30% faults and a restart', () => {
  it('ran 200 protocol actions through a restart', () => {
    expect(actions).toBe(200);
    expect(restarts).toBe(1);
  });

  it('delivered every outbox row: nothing pending, nothing failed', async () => {
    const rows = await svc.db.query<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM outbox GROUP BY status',
    );
    expect(rows.rows.map((r) => r.status)).toEqual(['entregado']);
  });

  it('every mail the outbox delivered reached Graph, under its key', async () => {
    const keys = (
      await svc.db.query<{ idempotency_key: string }>(`SELECT idempotency_key FROM outbox WHERE kind = 'mail'`)
    ).rows;
    const arrived = new Set(fake.state.mails.map((m) => m.idempotencyKey));
    expect(keys.length).toBeGreaterThan(150);
    expect(keys.filter((k) => !arrived.has(k.idempotency_key))).toEqual([]);
  });

  it('every document is stored, recorded with its version, and stored once', async () => {
    const items = await svc.db.query<{
      data: { reference: string; documents: { kind: string; sha256: string; storageVersionId?: string }[] };
    }>(`SELECT data FROM items WHERE kind = 'convenio'`);
    expect(items.rows).toHaveLength(10);
    let documents = 0;
    for (const { data } of items.rows) {
      expect(data.documents.map((d) => d.kind).sort()).toEqual(['borrador', 'borrador', 'certificado', 'firmado_fea']);
      for (const d of data.documents) {
        expect(d.storageVersionId).toBeTruthy();
        documents += 1;
      }
    }
    const c = fake.counters();
    expect({ duplicateVersions: c.duplicateVersions, duplicateFiles: c.duplicateFiles }).toEqual({
      duplicateVersions: 0,
      duplicateFiles: 0,
    });
    expect(c.versions).toBe(documents);
    expect(fake.violations).toEqual([]);
    expect((await verifyAuditChain(svc.db)).ok).toBe(true);
    const failedLog = await count(`SELECT count(*)::int AS n FROM delivery_log WHERE action = 'fallido'`);
    // The figures for the closing note.
    figure(
      `caos: ${actions} acciones, ${restarts} reinicio; Graph: ${c.requests} solicitudes, fallas inyectadas ${JSON.stringify(c.faultsInjected)}; ` +
        `documentos ${documents} (versiones ${c.versions}, duplicadas ${c.duplicateVersions}, archivos duplicados ${c.duplicateFiles}); ` +
        `correos ${c.mails} (duplicados ${c.duplicateMails}); enlaces ${c.links}; ` +
        `envíos fallidos ${failedLog}, reintentados por la UGDT ${manualRetries}`,
    );
  });
});
