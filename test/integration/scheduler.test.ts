import { startTestService, type TestService } from '../support/service';
import { solicitudBody } from '../support/fixtures';
import { TEST_ENGINE } from '../support/test-db';

/**
 * Due timers become reminders and escalations exactly once. On PostgreSQL two service instances share the
 * database and run their jobs at the same moments; on PGlite (one process by nature) one instance runs them
 * repeatedly and concurrently.
 */
let a: TestService;
let b: TestService;
const N = 30;
const refs: string[] = [];

beforeAll(async () => {
  a = await startTestService('2026-09-15T13:00:00Z', { config: { instanceId: 'A' } });
  b =
    TEST_ENGINE === 'postgres'
      ? await startTestService('2026-09-15T13:00:00Z', { database: a.database, config: { instanceId: 'B' } })
      : a;
  for (let i = 0; i < N; i++) {
    const r = await a
      .as('alex.wilber')
      .post('/api/v1/solicitudes', solicitudBody({ ownerUnitId: i % 2 ? 'dideco' : 'salud' }));
    refs.push(r.body.item.reference);
  }
  // A third of them are acknowledged at once: their acknowledgment timers are disarmed.
  for (const ref of refs.filter((_, i) => i % 3 === 0)) {
    const owner = Number(ref.slice(-4)) % 2 ? 'lynne.robbins' : 'diego.siciliani';
    const r = await a.as(owner).post(`/api/v1/solicitudes/${ref}/comandos`, { type: 'acusar_recibo' });
    if (r.status !== 200) {
      // the unit alternates with creation order; try the other responder
      await a
        .as(owner === 'lynne.robbins' ? 'diego.siciliani' : 'lynne.robbins')
        .post(`/api/v1/solicitudes/${ref}/comandos`, { type: 'acusar_recibo' });
    }
  }
});
afterAll(async () => {
  if (b !== a) await b.stop();
  await a.close();
});

const setClocks = (at: string) => {
  a.clock.set(at);
  b.clock.set(at);
};
const runTogether = () => Promise.all([a.runJobs(), b.runJobs(), a.runJobs(), b.runJobs()]);
const countEvents = async (command: string, extra = '') =>
  Number(
    (
      await a.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE command = $1 ${extra}`, [
        command,
      ])
    ).rows[0]!.n,
  );
const perItemMax = async (command: string) =>
  Number(
    (
      await a.db.query<{ n: number }>(
        `SELECT coalesce(max(c), 0)::int AS n FROM (SELECT count(*) AS c FROM audit_events WHERE command = $1 GROUP BY item_id, payload) x`,
        [command],
      )
    ).rows[0]!.n,
  );

describe('scheduler', () => {
  const acknowledged = Math.ceil(N / 3);

  it('sends the acknowledgment reminder once per pending request (Wed 16-09 09:00)', async () => {
    setClocks('2026-09-16T12:30:00Z');
    const runs = await runTogether();
    expect(runs.reduce((s, r) => s + r.fired, 0)).toBe(N - acknowledged);
    expect(await countEvents('recordatorio_plazo')).toBe(N - acknowledged);
    expect(await perItemMax('recordatorio_plazo')).toBe(1);
    // Running again changes nothing.
    const again = await runTogether();
    expect(again.reduce((s, r) => s + r.fired + r.stale, 0)).toBe(0);
  });

  it('escalates the missed acknowledgment to UGDT once (after Thu 17-09)', async () => {
    setClocks('2026-09-18T03:10:00Z');
    await runTogether();
    expect(await countEvents('marcar_vencida')).toBe(N - acknowledged);
    expect(await perItemMax('marcar_vencida')).toBe(1);
    const notices = await a.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE kind = 'notify' AND payload->>'notice' = 'solicitud.vencida'`,
    );
    expect(notices.rows[0]!.n).toBe(N - acknowledged);
    const overdue = await a.as('megan.bowen').get('/api/v1/solicitudes?vencidas=true&limite=200');
    expect(overdue.body.items).toHaveLength(N - acknowledged);
  });

  it('answer reminders and escalations after the long weekend; every timer fired once, none left behind', async () => {
    setClocks('2026-09-29T12:30:00Z');
    await runTogether();
    expect(await countEvents('recordatorio_plazo')).toBe(N - acknowledged + N);
    setClocks('2026-10-01T03:10:00Z');
    await runTogether();
    expect(await countEvents('marcar_vencida')).toBe(N - acknowledged + N);
    const timers = await a.db.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM timers GROUP BY status ORDER BY status`,
    );
    expect(Object.fromEntries(timers.rows.map((r) => [r.status, r.n]))).toEqual({
      cancelado: acknowledged * 2,
      disparado: (N - acknowledged) * 2 + N * 2,
    });
    if (TEST_ENGINE === 'postgres') {
      const by = await a.db.query<{ fired_by: string }>(
        `SELECT DISTINCT fired_by FROM timers WHERE fired_by IS NOT NULL ORDER BY 1`,
      );
      expect(by.rows.map((r) => r.fired_by).every((x) => x === 'A' || x === 'B')).toBe(true);
    }
  });
});
