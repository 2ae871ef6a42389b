// Rules 3 and 9b of issue 12 through the real service, on both engines: a convenio's evaluation runs against its
// deadline (reminder, then escalation to SECPLAN and the Administración Municipal, shown in the register, board and
// panel), and the rejection at evaluación is the Administración's on SECPLAN's proposal.
import { convenioBody } from '../support/fixtures';
import { startTestService, type TestService } from '../support/service';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let svc: TestService;
let ref: string;

/** Monday 21-12-2026, 09:00 in Santiago. */
const START = '2026-12-21T12:00:00Z';
const REMIND_AT = '2027-01-12T12:00:00.000Z'; // 09:00 of Tue 12-01-2027, one working day before
const DUE_AT = '2027-01-14T02:59:59.999Z'; // end of Wed 13-01-2027: 15 días hábiles, 25-12 and 01-01 not counted

beforeAll(async () => {
  svc = await startTestService(START);
  const created = await svc.as('lee.gu').post('/api/v1/convenios', convenioBody());
  expect(created.status).toBe(201);
  ref = created.body.item.reference;
});
afterAll(async () => {
  await svc.close();
});

const item = async () => (await svc.as('adele.vance').get(`/api/v1/convenios/${ref}`)).body.item as Json;
const row = async () =>
  ((await svc.as('adele.vance').get('/api/v1/convenios')).body.items as Json[]).find((r) => r.reference === ref)!;
const events = async (command: string) =>
  Number(
    (
      await svc.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_events e JOIN items i ON i.id = e.item_id
          WHERE i.reference = $1 AND e.command = $2`,
        [ref, command],
      )
    ).rows[0]!.n,
  );
const notices = async (notice: string) =>
  (
    await svc.db.query<{ payload: Json }>(
      `SELECT o.payload FROM outbox o JOIN items i ON i.id = o.item_id
        WHERE i.reference = $1 AND o.kind = 'notify' ORDER BY o.id`,
      [ref],
    )
  ).rows
    .map((r) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Json)
    .filter((p) => p.notice === notice);
const cmd = (who: string, body: Json) => svc.as(who).post(`/api/v1/convenios/${ref}/comandos`, body);

describe('the evaluation of a convenio runs against its deadline', () => {
  it('starts on creation: 15 días hábiles to 13-01-2027, with its two timers armed', async () => {
    const c = await item();
    expect(c.stepDeadlines.evaluacion).toMatchObject({ dueDate: '2027-01-13', dueAt: DUE_AT, remindAt: REMIND_AT });
    const timers = await svc.db.query<{ kind: string; due_at: Date | string }>(
      `SELECT t.kind, t.due_at FROM timers t JOIN items i ON i.id = t.item_id
        WHERE i.reference = $1 AND t.status = 'pendiente' ORDER BY t.kind`,
      [ref],
    );
    expect(timers.rows.map((t) => [t.kind, new Date(t.due_at).toISOString()])).toEqual([
      ['recordatorio_etapa', REMIND_AT],
      ['vencimiento_etapa', DUE_AT],
    ]);
    expect(await row()).toMatchObject({ dueAt: DUE_AT, overdue: false, overdueFlag: false, workingDaysLeft: 15 });
  });

  it('reminds SECPLAN once on 12-01-2027', async () => {
    svc.clock.set('2027-01-12T12:30:00Z');
    await svc.runJobs();
    await svc.runJobs();
    expect(await events('recordatorio_etapa')).toBe(1);
    const [n] = await notices('convenio.recordatorio_etapa');
    expect(n!.to).toEqual([{ kind: 'role', role: 'secplan' }]);
    expect(n!.summary).toBe('Recuerde: el plazo para la evaluación de necesidad (§5) vence el 13-01-2027.');
  });

  it('escalates to SECPLAN and the Administración Municipal once 13-01-2027 has ended, once', async () => {
    svc.clock.set('2027-01-13T23:00:00Z'); // still Wednesday 13 in Santiago
    await svc.runJobs();
    expect(await events('etapa_vencida')).toBe(0);
    svc.clock.set('2027-01-14T12:00:00Z');
    await svc.runJobs();
    await svc.runJobs();
    expect(await events('etapa_vencida')).toBe(1);
    const sent = await notices('convenio.etapa_vencida');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toEqual([
      { kind: 'role', role: 'secplan' },
      { kind: 'role', role: 'administrador_municipal' },
    ]);
    expect((await item()).stepDeadlines.evaluacion.escalatedAt).toBe('2027-01-14T12:00:00.000Z');
  });

  it('shows as overdue in the register, the board and the panel', async () => {
    expect(await row()).toMatchObject({ dueAt: DUE_AT, overdue: true, overdueFlag: true, workingDaysLeft: -1 });
    const board = (await svc.as('adele.vance').get('/api/v1/tablero?tipo=convenio')).body as Json;
    const column = (board.columns as Json[]).find((c) => c.state === 'evaluacion')!;
    expect(column.overdue).toBe(1);
    const panel = (await svc.as('patti.fernandez').get('/api/v1/panel?desde=2026-12&hasta=2027-01')).body as Json;
    expect(panel.conveniosOverdueByState).toEqual([{ key: 'evaluacion', label: 'Evaluación de necesidad', count: 1 }]);
  });
});

describe('rejecting at evaluación is the Administración’s decision on SECPLAN’s proposal', () => {
  it('SECPLAN alone is refused, and nothing changes', async () => {
    // After Adele Vance's subrogation of the Administradora Municipal (28-12-2026 to 22-01-2027, local directory).
    svc.clock.set('2027-01-25T13:00:00Z');
    const before = await item();
    const r = await cmd('adele.vance', { type: 'rechazar', reason: 'No se acredita la necesidad' });
    expect(r.status).toBe(403);
    expect(r.body.error.message).toBe(
      'El rechazo en evaluación lo decide la Administración Municipal a propuesta de SECPLAN.',
    );
    const after = await item();
    expect(after.version).toBe(before.version);
    expect(after.state).toBe('evaluacion');
    expect(await events('rechazar')).toBe(0);
  });

  it('the Administración without a proposal is refused too', async () => {
    const r = await cmd('patti.fernandez', { type: 'rechazar', reason: 'No se acredita la necesidad' });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/^SECPLAN aún no propone el rechazo\./);
    expect((await item()).state).toBe('evaluacion');
  });

  it('SECPLAN proposes; the Administración sees Rechazar and rejects', async () => {
    const p = await cmd('adele.vance', { type: 'proponer_rechazo', reason: 'No se acredita la necesidad' });
    expect(p.status).toBe(200);
    expect(p.body.item.rejectionProposal.reason).toBe('No se acredita la necesidad');
    const detail = (await svc.as('patti.fernandez').get(`/api/v1/convenios/${ref}`)).body as Json;
    expect((detail.allowedActions as Json[]).map((a) => a.verb)).toEqual(
      expect.arrayContaining(['rechazar', 'desestimar_rechazo']),
    );
    expect(detail.waitingOn).toBe('Administrador(a) Municipal (decidir la propuesta de rechazo de SECPLAN)');
    const r = await cmd('patti.fernandez', { type: 'rechazar', reason: 'Se acoge la propuesta de SECPLAN' });
    expect(r.status).toBe(200);
    expect(r.body.item.state).toBe('rechazado');
    expect(await events('proponer_rechazo')).toBe(1);
    expect(await events('rechazar')).toBe(1);
    // Concluded: no deadline runs any more.
    expect(await row()).toMatchObject({ dueAt: null, overdue: false, overdueFlag: false });
  });
});
