// Issue 12, rules 4 and 5 through the service, on both engines: the end-of-vigencia timer makes a convenio vencido,
// transfers after the end are refused (nothing changes), the transfer log exports as CSV with the read policy, and
// the start-up catch-up turns convenios already past their end into vencido (and arms the end timer of the others).
import type { Convenio } from '../../protocol';
import { convenioWithDocuments } from '../support/convenio-flow';
import { startTestService, type TestService } from '../support/service';
import { TEST_ENGINE } from '../support/test-db';

let svc: TestService;
let a: { ref: string; id: string };
let b: { ref: string; id: string };

const settle = async () => {
  for (let i = 0; i < 6; i++) await svc.runJobs();
};
const get = async (ref: string) => (await svc.as('adele.vance').get(`/api/v1/convenios/${ref}`)).body.item as Convenio;
const events = async (id: string) =>
  (
    await svc.db.query<{ command: string; from_state: string; to_state: string; actor_id: string }>(
      'SELECT command, from_state, to_state, actor_id FROM audit_events WHERE item_id = $1 ORDER BY seq',
      [id],
    )
  ).rows;
const pendingTimers = async (id: string) =>
  (
    await svc.db.query<{ kind: string; about: string }>(
      `SELECT kind, about FROM timers WHERE item_id = $1 AND status = 'pendiente' ORDER BY kind`,
      [id],
    )
  ).rows;
const transfer = (ref: string, persona: string, over: Record<string, unknown> = {}) =>
  svc.as(persona).post(`/api/v1/convenios/${ref}/comandos`, {
    type: 'registrar_transferencia',
    date: '2026-09-16',
    datasets: ['Conteos de flujo vehicular'],
    method: 'SharePoint',
    municipalResponsible: 'Lee Gu',
    externalResponsible: 'Diego Fuentes',
    ...over,
  });

beforeAll(async () => {
  svc = await startTestService('2026-09-15T13:00:00Z');
  const one = await convenioWithDocuments(svc, { settle });
  const two = await convenioWithDocuments(svc, { settle, entityName: 'Universidad Técnica Federico Santa María' });
  a = { ref: one.ref, id: one.item.id };
  b = { ref: two.ref, id: two.item.id };
}, 120_000);
afterAll(async () => {
  await svc?.close();
});

describe('vigencia of a convenio approved on 15-09-2026 for 24 months (until 14-09-2028)', () => {
  it('the decree armed the first expiry notice and the end of the vigencia', async () => {
    const c = await get(a.ref);
    expect([c.state, c.validity]).toEqual(['vigente', { start: '2026-09-15', end: '2028-09-14' }]);
    expect(await pendingTimers(a.id)).toEqual(
      expect.arrayContaining([
        { kind: 'aviso_termino', about: '2028-09-14' },
        { kind: 'fin_vigencia', about: '2028-09-14' },
      ]),
    );
  });

  it('the technical contact registers a transfer within the vigencia; it is in both CSV exports', async () => {
    svc.clock.set('2026-09-16T15:00:00Z');
    const r = await transfer(a.ref, 'lee.gu');
    expect(r.status).toBe(200);
    const csv = await svc.as('adele.vance').get(`/api/v1/convenios/${a.ref}/transferencias.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Referencia;Entidad;Fecha de transferencia;Datos transferidos;Método;Responsable municipal;Responsable de la contraparte;Registrada por;Registrada el',
    );
    expect(lines.slice(1)).toEqual([
      `${a.ref};Universidad de Valparaíso;16-09-2026;Conteos de flujo vehicular;SharePoint;Lee Gu;Diego Fuentes;Lee Gu;16-09-2026`,
    ]);
    const log = await svc
      .as('adele.vance')
      .get('/api/v1/exportaciones/transferencias.csv?desde=2026-09-01&hasta=2026-09-30');
    expect(log.text).toContain(`${a.ref};Universidad de Valparaíso;16-09-2026`);
    const outside = await svc
      .as('adele.vance')
      .get('/api/v1/exportaciones/transferencias.csv?desde=2026-10-01&hasta=2026-10-31');
    expect(outside.text).not.toContain(a.ref);
  });

  it('a transfer naming a dataset the convenio does not cover is refused and changes nothing', async () => {
    const before = await get(a.ref);
    const r = await transfer(a.ref, 'lee.gu', { datasets: ['Conteos de flujo vehicular', 'Licencias de conducir'] });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain('El convenio no cubre el conjunto de datos «Licencias de conducir»');
    const after = await get(a.ref);
    expect([after.version, after.transfers.length]).toEqual([before.version, before.transfers.length]);
  });

  it('start-up catch-up: a convenio in force without its end timer gets it armed, once', async () => {
    await svc.db.query(`DELETE FROM timers WHERE item_id = $1 AND kind = 'fin_vigencia'`, [b.id]);
    expect(await svc.repo.backfillVigencia()).toEqual({ ended: 0, renewed: 0, armed: 1 });
    expect(await pendingTimers(b.id)).toContainEqual({ kind: 'fin_vigencia', about: '2028-09-14' });
    expect(await svc.repo.backfillVigencia()).toEqual({ ended: 0, renewed: 0, armed: 0 });
  });

  it('start-up catch-up: a convenio found past its end (no timer: data from before) becomes vencido, once', async () => {
    // Data written before the end timer existed: B has none; A keeps its timer and is left to it.
    await svc.db.query(`DELETE FROM timers WHERE item_id = $1 AND kind = 'fin_vigencia'`, [b.id]);
    svc.clock.set('2028-09-15T03:00:01Z');
    const before = (await events(b.id)).length;
    expect(await svc.repo.backfillVigencia()).toEqual({ ended: 2, renewed: 0, armed: 0 });
    const c = await get(b.ref);
    expect(c.state).toBe('vencido');
    // 30 días hábiles from 15-09-2028, past the Fiestas Patrias, 12-10 (moved), 31-10 and 01-11 holidays.
    expect(c.terminationDeadline?.dueDate).toBe('2028-11-03');
    const added = (await events(b.id)).slice(before);
    expect(added).toEqual([{ command: 'vencer', from_state: 'vigente', to_state: 'vencido', actor_id: 'sistema' }]);
    // Idempotent: a second start finds nothing to do and writes nothing.
    expect(await svc.repo.backfillVigencia()).toEqual({ ended: 0, renewed: 0, armed: 0 });
    expect((await events(b.id)).length).toBe(before + 1);
  });

  it('the end timer finds A already vencido by the catch-up: obsolete, no second event', async () => {
    const before = (await events(a.id)).length;
    await svc.runJobs();
    const c = await get(a.ref);
    expect(c.state).toBe('vencido');
    expect((await events(a.id)).slice(before).map((e) => e.command)).not.toContain('vencer');
    expect(await pendingTimers(a.id)).toEqual([
      { kind: 'recordatorio_termino', about: c.terminationDeadline!.dueAt },
      { kind: 'vencimiento_termino', about: c.terminationDeadline!.dueAt },
    ]);
    // The register lists it as «Vencido», waiting on SECPLAN, with the termination deadline as its due date.
    const list = await svc.as('adele.vance').get('/api/v1/convenios?estado=vencido');
    const row = list.body.items.find((r: { reference: string }) => r.reference === a.ref);
    expect(row).toMatchObject({
      state: 'vencido',
      stateLabel: 'Vencido',
      dueAt: c.terminationDeadline!.dueAt,
      waitingOn: 'SECPLAN (registrar la eliminación o devolución de los datos a más tardar el 03-11-2028)',
    });
  });

  it('after the end a transfer is refused with the end date, and nothing changes', async () => {
    svc.clock.set('2028-09-20T15:00:00Z');
    const before = await get(a.ref);
    const r = await transfer(a.ref, 'lee.gu', { date: '2028-09-10' });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toBe(
      'No se pueden registrar transferencias después del término de la vigencia (14-09-2028).',
    );
    const after = await get(a.ref);
    expect([after.version, after.transfers.length, after.state]).toEqual([before.version, 1, 'vencido']);
  });

  it('an express renewal after the end is refused', async () => {
    const r = await svc.as('adele.vance').post(`/api/v1/convenios/${a.ref}/comandos`, {
      type: 'renovar',
      months: 12,
      decree: '900',
      decreeDate: '2028-09-10',
    });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toBe(
      'El convenio venció el 14-09-2028; una renovación expresa debía aprobarse antes de esa fecha.',
    );
  });

  it('SECPLAN records the termination of the vencido convenio with its evidence', async () => {
    const r = await svc.as('adele.vance').post(`/api/v1/convenios/${a.ref}/comandos`, {
      type: 'terminar',
      reason: 'Fin de la vigencia',
      dataDisposition: 'eliminados',
      evidence: 'Certificado de eliminación del 19-09-2028',
    });
    expect(r.status).toBe(200);
    expect(r.body.item.state).toBe('terminado');
    expect(await pendingTimers(a.id)).toEqual([]);
  });
});

describe(`engine ${TEST_ENGINE}`, () => {
  it('ran on the engine it names', () => {
    expect(['pglite', 'postgres']).toContain(svc.db.engine);
  });
});
