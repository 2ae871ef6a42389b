// Rules 2, 8 and 9a of issue 12 through the REST API and the scheduler, on both engines: extensions asked by the
// owner unit and decided by the UGDT before expiry (Ley 19.880 art. 26), lapse at expiry, oficio reiterativo, the
// art. 24 bis log still counting the request late, correction of the classification, close by silence.
// A request of Monday 14-12-2026 is due Tuesday 29-12-2026 (25-12 is a holiday).
import { RESERVED } from '../../protocol';
import { startTestService, type TestService } from '../support/service';
import { solicitudBody } from '../support/fixtures';

jest.setTimeout(60_000);

let svc: TestService;
const as = (persona: string) => svc.as(persona);
const OWNER = 'lynne.robbins'; // responsable of DIDECO
const UGDT = 'megan.bowen';
const REQUESTER = 'alex.wilber';
const CONTROL = 'henrietta.mueller';

const cmd = (who: string, ref: string, body: Record<string, unknown>) =>
  as(who).post(`/api/v1/solicitudes/${ref}/comandos`, body);
const get = async (ref: string, who = UGDT) => (await as(who).get(`/api/v1/solicitudes/${ref}`)).body;
const verbs = async (ref: string, who: string) =>
  ((await get(ref, who)).allowedActions as { verb: string }[]).map((a) => a.verb);

async function create(): Promise<string> {
  const r = await as(REQUESTER).post('/api/v1/solicitudes', solicitudBody());
  expect(r.status).toBe(201);
  const ref = r.body.item.reference as string;
  expect((await cmd(OWNER, ref, { type: 'acusar_recibo' })).status).toBe(200);
  return ref;
}

/** A refusal: the status, the Spanish message, and the request exactly as before. */
async function refused(who: string, ref: string, body: Record<string, unknown>, status: number, message: string) {
  const before = (await get(ref)).item;
  const r = await cmd(who, ref, body);
  expect({ status: r.status, message: r.body.error?.message }).toEqual({ status, message });
  expect((await get(ref)).item).toEqual(before);
}

beforeAll(async () => {
  svc = await startTestService('2026-12-14T13:00:00Z');
}, 120_000);
afterAll(async () => svc.close());

describe('prórroga asked before expiry and granted (art. 26)', () => {
  let ref: string;
  beforeAll(async () => {
    svc.clock.set('2026-12-14T13:00:00Z');
    ref = await create();
  });

  it('the answer is due 29-12-2026 and the owner is offered «Solicitar prórroga»', async () => {
    expect((await get(ref)).item.deadlines.answer.dueDate).toBe('2026-12-29');
    expect(await verbs(ref, OWNER)).toContain('solicitar_prorroga');
  });

  it('indicar_plazo past the legal period is refused and nothing changes', async () => {
    svc.clock.set('2026-12-21T13:00:00Z');
    await refused(
      OWNER,
      ref,
      { type: 'indicar_plazo', until: '2026-12-30', note: 'Cruce de bases' },
      400,
      'Elija una fecha entre hoy (21-12-2026) y el 29-12-2026 (plazo legal); para más tiempo, solicite una prórroga antes del vencimiento.',
    );
  });

  it('more than half the period is refused; 3 días is asked, then granted by the UGDT', async () => {
    await refused(
      OWNER,
      ref,
      { type: 'solicitar_prorroga', amount: 6, reason: 'Cierre anual del sistema' },
      400,
      'La prórroga no puede exceder la mitad del plazo original: quedan 5 días hábiles.',
    );
    await refused(
      UGDT,
      ref,
      { type: 'conceder_prorroga' },
      409,
      `No hay una solicitud de prórroga pendiente (${ref}).`,
    );
    const asked = await cmd(OWNER, ref, { type: 'solicitar_prorroga', amount: 3, reason: 'Cierre anual del sistema' });
    expect(asked.status).toBe(200);
    expect(asked.body.item.extensionRequests).toEqual([expect.objectContaining({ amount: 3, status: 'pendiente' })]);
    expect(await verbs(ref, UGDT)).toEqual(expect.arrayContaining(['conceder_prorroga', 'denegar_prorroga']));
    expect(await verbs(ref, OWNER)).not.toContain('solicitar_prorroga');
    const granted = await cmd(UGDT, ref, { type: 'conceder_prorroga', note: 'Justificado' });
    expect(granted.status).toBe(200);
    expect(granted.body.item.deadlines.answer).toMatchObject({ dueDate: '2027-01-04', extended: 3 });
    expect(granted.body.item.extensionRequests[0].status).toBe('concedida');
  });
});

describe('a request pending at expiry lapses; after expiry only «Reiterar»', () => {
  let ref: string;
  beforeAll(async () => {
    svc.clock.set('2026-12-14T13:00:00Z');
    ref = await create();
    svc.clock.set('2026-12-29T20:00:00Z');
    expect((await cmd(OWNER, ref, { type: 'solicitar_prorroga', amount: 2, reason: 'Falta un cruce' })).status).toBe(
      200,
    );
    svc.clock.set('2026-12-30T12:00:00Z');
    await svc.runJobs();
  });

  it('the scheduler marks it late and the request caducada, recorded in the audit', async () => {
    const { item } = await get(ref);
    expect(item.overdue).toMatchObject({ deadline: 'answer' });
    expect(item.extensionRequests[0].status).toBe('caducada');
    const { rows } = await svc.db.query<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM audit_events WHERE command = 'marcar_vencida' AND item_id = $1`,
      [item.id],
    );
    expect(rows.map((r) => r.payload.prorrogaCaducada)).toContain(true);
  });

  it('granting, extending de oficio or asking again are refused; nothing changes', async () => {
    const late =
      'El plazo de respuesta venció el 29-12-2026: un plazo vencido no se puede prorrogar (Ley 19.880 art. 26). La UGDT puede reiterar la solicitud.';
    await refused(UGDT, ref, { type: 'prorrogar', amount: 2, reason: 'Cierre anual' }, 409, late);
    await refused(OWNER, ref, { type: 'solicitar_prorroga', amount: 2, reason: 'Cierre anual' }, 409, late);
    expect(await verbs(ref, UGDT)).toContain('reiterar');
    expect(await verbs(ref, UGDT)).not.toContain('prorrogar');
  });

  it('reiterar sets a new response date, notifies the owner, and the request stays late in the art. 24 bis log', async () => {
    await refused(
      UGDT,
      ref,
      { type: 'reiterar', until: '2026-12-30', reason: 'Se necesita para el informe' },
      400,
      'La nueva fecha de respuesta debe ser desde el 31-12-2026 (próximo día hábil).',
    );
    const r = await cmd(UGDT, ref, { type: 'reiterar', until: '2027-01-05', reason: 'Se necesita para el informe' });
    expect(r.status).toBe(200);
    expect(r.body.item.reiterations).toEqual([expect.objectContaining({ until: '2027-01-05' })]);
    expect(r.body.item.overdue).toMatchObject({ deadline: 'answer' });
    const mails = await svc.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE item_id = $1 AND payload::text LIKE '%solicitud.reiterada%'`,
      [r.body.item.id],
    );
    expect(mails.rows[0]!.n).toBeGreaterThan(0);
    const csv = await as(UGDT).get('/api/v1/exportaciones/solicitudes.csv?desde=2026-12-01&hasta=2026-12-31');
    const line = csv.text.split('\r\n').find((l) => l.startsWith(ref))!;
    expect(line).toMatch(/;Sí;30-12-2026 \(responder al 05-01-2027\)$/);
  });
});

describe('closing a delivered request (rule 9a)', () => {
  let ref: string;
  beforeAll(async () => {
    svc.clock.set('2026-12-14T13:00:00Z');
    ref = await create();
    svc.clock.set('2026-12-22T13:00:00Z');
    const r = await cmd(OWNER, ref, {
      type: 'entregar',
      link: 'https://quillota.sharepoint.com/sites/dideco/rsh.xlsx',
      note: 'Planilla por sector',
    });
    expect(r.status).toBe(200);
  });

  it('a delivery stored before the rule gets its silence timer at start (backfill), once', async () => {
    const { item } = await get(ref);
    await svc.db.query(`UPDATE timers SET status = 'cancelado' WHERE item_id = $1 AND kind = 'cierre_por_silencio'`, [
      item.id,
    ]);
    expect(await svc.repo.backfillSilenceTimers()).toBe(1);
    expect(await svc.repo.backfillSilenceTimers()).toBe(0);
    const { rows } = await svc.db.query<{ due_at: Date }>(
      `SELECT due_at FROM timers WHERE item_id = $1 AND kind = 'cierre_por_silencio' AND status = 'pendiente'`,
      [item.id],
    );
    expect(rows.map((r) => new Date(r.due_at).toISOString())).toEqual(['2027-01-08T02:59:59.999Z']);
  });

  it('UGDT may not close it; the requester’s silence closes it after 10 días hábiles', async () => {
    await refused(
      UGDT,
      ref,
      { type: 'cerrar', reason: 'Cierre administrativo' },
      409,
      `La entrega espera la conformidad del solicitante; se cerrará por silencio el 07-01-2027 si no responde (${ref}).`,
    );
    svc.clock.set('2027-01-07T20:00:00Z');
    await svc.runJobs();
    expect((await get(ref)).item.state).toBe('entregada');
    svc.clock.set('2027-01-08T04:00:00Z');
    await svc.runJobs();
    const { item } = await get(ref);
    expect(item).toMatchObject({
      state: 'cerrada',
      closedBySilence: true,
      outcome: { reason: 'Cerrada por silencio del solicitante el 08-01-2027' },
    });
  });
});

describe('the owner unit corrects the classification (rule 8)', () => {
  it('from then on Control reads the fields as reserved', async () => {
    svc.clock.set('2026-12-14T13:00:00Z');
    const ref = await create();
    expect(JSON.stringify((await get(ref, CONTROL)).item.dataset.fields)).not.toContain(RESERVED);
    const body = {
      type: 'corregir_clasificacion',
      classification: { access: 'uso_interno', privacy: 'sensible' },
      reason: 'Incluye datos de salud por hogar',
    };
    await refused(REQUESTER, ref, body, 403, 'Solo la unidad dueña del dato puede realizar esta acción.');
    await refused(
      OWNER,
      ref,
      { ...body, reason: 'Salud' },
      400,
      'Acción inválida: reason: el motivo: escriba al menos 10 caracteres.',
    );
    const r = await cmd(OWNER, ref, body);
    expect(r.status).toBe(200);
    expect(r.body.item.classificationChanges).toHaveLength(1);
    expect((await get(ref, CONTROL)).item.dataset.fields).toEqual([RESERVED]);
  });
});
