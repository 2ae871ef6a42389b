// Dead letters: a delivery that keeps failing gives up after its attempts, is listed for UGDT on the Envíos page
// with its last error, and goes back to the queue when UGDT retries it, with who did it on record.
import { solicitudBody } from '../support/fixtures';
import { startTestService, type TestService } from '../support/service';

let svc: TestService;
let mailDown = true;

beforeAll(async () => {
  svc = await startTestService('2026-09-15T13:00:00Z', {
    service: {
      handlers: {
        mail: async () => {
          if (mailDown) throw new Error('Servidor de correo no disponible (503)');
        },
      },
    },
  });
});
afterAll(() => svc.close());

const mailRow = async () =>
  (
    await svc.db.query<{ id: number; status: string; attempts: number }>(
      `SELECT id, status, attempts FROM outbox WHERE kind = 'mail' ORDER BY id LIMIT 1`,
    )
  ).rows[0]!;

describe('deliveries that give up, and the UGDT retry', () => {
  let id: number;

  it('dead-letters a mail after 8 failed attempts, with the error and a log entry', async () => {
    expect((await svc.as('alex.wilber').post('/api/v1/solicitudes', solicitudBody())).status).toBe(201);
    for (let i = 0; i < 12; i++) {
      await svc.runJobs();
      svc.clock.advance(30 * 60_000);
    }
    const row = await mailRow();
    id = Number(row.id);
    expect(row).toMatchObject({ status: 'fallido', attempts: 8 });
    const log = await svc.db.query(`SELECT action, actor_name, detail FROM delivery_log WHERE outbox_id = $1`, [id]);
    expect(log.rows).toEqual([
      { action: 'fallido', actor_name: 'Sistema', detail: 'Servidor de correo no disponible (503)' },
    ]);
  });

  it('lists it for UGDT with what it was about; Control may look but not retry; others may not look', async () => {
    const page = await svc.as('megan.bowen').get('/api/v1/envios');
    expect(page.status).toBe(200);
    expect(page.body.counts.fallido).toBe(1);
    expect(page.body.canRetry).toBe(true);
    expect(page.body.rows[0]).toMatchObject({
      id,
      reference: 'SOL-2026-0001',
      kind: 'mail',
      kindLabel: 'Copia por correo',
      attempts: 8,
      lastError: 'Servidor de correo no disponible (503)',
      status: 'fallido',
    });
    expect(page.body.rows[0].description).toContain('SOL-2026-0001');
    const control = await svc.as('henrietta.mueller').get('/api/v1/envios');
    expect(control.status).toBe(200);
    expect(control.body.canRetry).toBe(false);
    expect((await svc.as('henrietta.mueller').post(`/api/v1/envios/${id}/reintentar`, {})).status).toBe(403);
    expect((await svc.as('allan.deyoung').get('/api/v1/envios')).body.canRetry).toBe(true);
    const official = await svc.as('alex.wilber').get('/api/v1/envios');
    expect(official.status).toBe(403);
    expect(official.body.error.message).toContain('Solo la UGDT');
    expect((await svc.as('alex.wilber').post(`/api/v1/envios/${id}/reintentar`, {})).status).toBe(403);
    const bad = await svc.as('megan.bowen').get('/api/v1/envios?estado=perdido');
    expect(bad.status).toBe(400);
  });

  it('a UGDT retry puts it back in the queue once, on record, and it is delivered when mail is back', async () => {
    const r = await svc.as('megan.bowen').post(`/api/v1/envios/${id}/reintentar`, {});
    expect(r.status).toBe(200);
    expect(await mailRow()).toMatchObject({ status: 'pendiente', attempts: 0 });
    const again = await svc.as('megan.bowen').post(`/api/v1/envios/${id}/reintentar`, {});
    expect(again.status).toBe(409);
    expect((await svc.as('megan.bowen').post('/api/v1/envios/999999/reintentar', {})).status).toBe(404);
    mailDown = false;
    await svc.runJobs();
    expect(await mailRow()).toMatchObject({ status: 'entregado', attempts: 1 });
    const log = await svc.db.query(`SELECT action, actor_name FROM delivery_log WHERE outbox_id = $1 ORDER BY id`, [
      id,
    ]);
    expect(log.rows).toEqual([
      { action: 'fallido', actor_name: 'Sistema' },
      { action: 'reintento', actor_name: 'Megan Bowen' },
    ]);
    expect((await svc.as('megan.bowen').get('/api/v1/envios')).body.counts.fallido).toBe(0);
  });
});
