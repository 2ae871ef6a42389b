import { startTestService, type TestService } from '../support/service';
import { solicitudBody } from '../support/fixtures';
import { verifyAuditChain } from '../../bot/src/store/audit-chain';

/**
 * Issue 14 §8: POST /api/v1/solicitudes/lote. The UGDT reminds, reiterates, reassigns and closes many requests at
 * once; each request is its own audited transition with its own notices, a refusal changes nothing of that request
 * and undoes nothing of the others, and a reference the caller may not read answers exactly like one that does not
 * exist. Runs on both engines (TEST_DB=pglite | postgres).
 */
let svc: TestService;
/** Requests to DIDECO (a, b, c), one to Salud (d), one delivered (e). */
const ref: Record<'a' | 'b' | 'c' | 'd' | 'e', string> = { a: '', b: '', c: '', d: '', e: '' };
const MISSING = 'SOL-2026-9999';

const lote = (persona: string, body: unknown) => svc.as(persona).post('/api/v1/solicitudes/lote', body);

async function state(reference: string) {
  const { rows } = await svc.db.query<{ id: string; state: string; version: number }>(
    'SELECT id, state, version FROM items WHERE reference = $1',
    [reference],
  );
  return rows[0]!;
}

async function events(reference: string, command?: string) {
  const { rows } = await svc.db.query<{ seq: number; command: string; actor_id: string }>(
    `SELECT e.seq, e.command, e.actor_id FROM audit_events e JOIN items i ON i.id = e.item_id
      WHERE i.reference = $1 ${command ? 'AND e.command = $2' : ''} ORDER BY e.seq`,
    command ? [reference, command] : [reference],
  );
  return rows;
}

const count = async (table: string) =>
  (await svc.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;

beforeAll(async () => {
  // Tuesday 15 September 2026, 10:00 in Santiago.
  svc = await startTestService('2026-09-15T13:00:00Z');
  const create = async (ownerUnitId: string) => {
    const r = await svc.as('alex.wilber').post('/api/v1/solicitudes', solicitudBody({ ownerUnitId }));
    expect(r.status).toBe(201);
    return r.body.item.reference as string;
  };
  ref.a = await create('dideco');
  ref.b = await create('dideco');
  ref.c = await create('dideco');
  ref.d = await create('salud');
  ref.e = await create('dideco');
  const delivered = await svc.as('lynne.robbins').post(`/api/v1/solicitudes/${ref.e}/comandos`, {
    type: 'entregar',
    link: 'https://quillota.sharepoint.com/sites/datos/hogares.xlsx',
    note: 'Planilla por sector',
  });
  expect(delivered.status).toBe(200);
  // Friday 18-09: nobody acknowledged a, b, c, d in time (due Thursday 17-09).
  svc.clock.set('2026-09-18T13:00:00Z');
  await svc.runJobs();
});
afterAll(async () => svc?.close());

describe('the UGDT in bulk', () => {
  it('Recordar on a mixed batch: each success its own audited transition and notice; failures change nothing', async () => {
    const before = { a: await state(ref.a), e: await state(ref.e), d: await state(ref.d) };
    expect(before.a.state).toBe('enviada');
    // What one action on the delivered request says: the batch must say the same.
    const single = await svc.as('megan.bowen').post(`/api/v1/solicitudes/${ref.e}/comandos`, { type: 'recordar' });
    expect(single.status).toBe(409);

    const r = await lote('megan.bowen', {
      referencias: [ref.a, ref.b, ref.e, MISSING, ref.d.toLowerCase()],
      comando: { type: 'recordar' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      resultados: [
        { referencia: ref.a, ok: true, version: before.a.version + 1 },
        { referencia: ref.b, ok: true, version: expect.any(Number) },
        { referencia: ref.e, ok: false, codigo: 'TRANSICION_INVALIDA', mensaje: single.body.error.message },
        { referencia: MISSING, ok: false, codigo: 'NO_ENCONTRADO', mensaje: `${MISSING} no existe o no puede verla.` },
        { referencia: ref.d, ok: true, version: before.d.version + 1 },
      ],
      hechas: 3,
      fallidas: 2,
    });
    for (const x of [ref.a, ref.b, ref.d]) {
      const reminders = await events(x, 'recordar');
      expect(reminders).toEqual([{ seq: (await state(x)).version, command: 'recordar', actor_id: 'megan.bowen' }]);
      // Its own notice to the owner unit, keyed by its own audit event.
      const { rows } = await svc.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM outbox o JOIN items i ON i.id = o.item_id
          WHERE i.reference = $1 AND o.audit_seq = $2 AND o.kind = 'notify'`,
        [x, reminders[0]!.seq],
      );
      expect(rows[0]!.n).toBeGreaterThan(0);
    }
    expect(await state(ref.e)).toEqual(before.e);
    expect(await events(ref.e, 'recordar')).toEqual([]);
    expect((await verifyAuditChain(svc.db)).ok).toBe(true);
  });

  it('who is not the UGDT gets a refusal per request, and an unreadable one reads like a missing one', async () => {
    const before = { a: await state(ref.a), d: await state(ref.d) };
    const denied = await count('denied_attempts');
    // Lynne answers for DIDECO: she reads a (DIDECO's) but not d (Salud's).
    const r = await lote('lynne.robbins', { referencias: [ref.a, ref.d, MISSING], comando: { type: 'recordar' } });
    expect(r.status).toBe(200);
    expect(r.body.hechas).toBe(0);
    expect(r.body.fallidas).toBe(3);
    const [a, d, missing] = r.body.resultados;
    expect(a).toEqual({
      referencia: ref.a,
      ok: false,
      codigo: 'NO_AUTORIZADO',
      mensaje: expect.stringMatching(/UGDT/),
    });
    expect(d).toEqual({ ...missing, referencia: ref.d, mensaje: missing.mensaje.replace(MISSING, ref.d) });
    expect(missing).toEqual({
      referencia: MISSING,
      ok: false,
      codigo: 'NO_ENCONTRADO',
      mensaje: `${MISSING} no existe o no puede verla.`,
    });
    expect(JSON.stringify(d)).not.toMatch(/Salud|salud|Atenciones|sector/);
    expect(await state(ref.a)).toEqual(before.a);
    expect(await state(ref.d)).toEqual(before.d);
    // Both refusals kept for Control (the unreadable one too), not the missing one.
    expect(await count('denied_attempts')).toBe(denied + 2);

    // Control reads everything and may do none of it.
    const control = await lote('henrietta.mueller', { referencias: [ref.a, ref.d], comando: { type: 'recordar' } });
    expect(control.body.resultados.map((x: { codigo: string }) => x.codigo)).toEqual([
      'NO_AUTORIZADO',
      'NO_AUTORIZADO',
    ]);
    expect(await state(ref.a)).toEqual(before.a);
  });

  it('Reiterar before the answer expired is refused per request; after it, each one gets its oficio', async () => {
    const early = await lote('megan.bowen', {
      referencias: [ref.a],
      comando: { type: 'reiterar', until: '2026-10-09', reason: 'Se reitera la solicitud' },
    });
    expect(early.body.resultados[0]).toMatchObject({ ok: false, codigo: 'TRANSICION_INVALIDA' });
    expect(early.body.resultados[0].mensaje).toMatch(/Recordar/);

    // Friday 02-10: the answer (due 30-09) expired on a, b, c, d.
    svc.clock.set('2026-10-02T13:00:00Z');
    await svc.runJobs();
    // The tab counts the earliest new date from the service's today, which GET /feriados gives.
    expect((await svc.as('megan.bowen').get('/api/v1/feriados')).body.today).toBe('2026-10-02');
    const r = await lote('megan.bowen', {
      referencias: [ref.a, ref.b],
      comando: { type: 'reiterar', until: '2026-10-09', reason: 'Se reitera la solicitud vencida' },
    });
    expect(r.body).toMatchObject({ hechas: 2, fallidas: 0 });
    for (const x of [ref.a, ref.b]) expect(await events(x, 'reiterar')).toHaveLength(1);
    const detail = await svc.as('megan.bowen').get(`/api/v1/solicitudes/${ref.a}`);
    expect(detail.body.item.reiterations).toEqual([expect.objectContaining({ until: '2026-10-09' })]);
  });

  it('Cerrar several with one reason, and Reasignar: the protocol refuses what does not apply, per request', async () => {
    // e was delivered and, the requester silent, closed by the system meanwhile: nothing the UGDT can close.
    const e = await state(ref.e);
    const closed = await lote('megan.bowen', {
      referencias: [ref.c, ref.e],
      comando: { type: 'cerrar', reason: 'Sin respuesta tras el oficio reiterativo' },
    });
    expect(closed.body.hechas).toBe(1);
    expect(closed.body.resultados[1]).toMatchObject({ referencia: ref.e, ok: false, codigo: 'TRANSICION_INVALIDA' });
    expect((await state(ref.c)).state).toBe('cerrada');
    expect(await state(ref.e)).toEqual(e);
    const detail = await svc.as('megan.bowen').get(`/api/v1/solicitudes/${ref.c}`);
    expect(detail.body.item.outcome).toMatchObject({
      reason: 'Sin respuesta tras el oficio reiterativo',
      byUgdt: true,
    });

    const moved = await lote('megan.bowen', {
      referencias: [ref.d, ref.a],
      comando: { type: 'reasignar', unitId: 'dideco', reason: 'DIDECO administra el registro' },
    });
    expect(moved.body.resultados).toEqual([
      { referencia: ref.d, ok: true, version: expect.any(Number) },
      {
        referencia: ref.a,
        ok: false,
        codigo: 'DATOS_INVALIDOS',
        mensaje: 'La solicitud ya está asignada a esa unidad.',
      },
    ]);
    expect((await svc.as('megan.bowen').get(`/api/v1/solicitudes/${ref.d}`)).body.item.ownerUnitId).toBe('dideco');
    expect((await verifyAuditChain(svc.db)).ok).toBe(true);
  });

  it.each([
    ['no body', {}, 'referencias'],
    ['no references', { referencias: [], comando: { type: 'recordar' } }, 'referencias'],
    [
      'a repeated reference',
      { referencias: ['SOL-2026-0001', 'sol-2026-0001'], comando: { type: 'recordar' } },
      'referencias.1',
    ],
    ['a convenio', { referencias: ['CONV-2026-0001'], comando: { type: 'recordar' } }, 'referencias.0'],
    [
      'too many',
      {
        referencias: Array.from({ length: 101 }, (_, i) => `SOL-2026-${String(i + 1).padStart(4, '0')}`),
        comando: { type: 'recordar' },
      },
      'referencias',
    ],
    [
      'a verb not for batches',
      { referencias: ['SOL-2026-0001'], comando: { type: 'entregar', note: 'Listo' } },
      'comando.type',
    ],
    ['a reason missing', { referencias: ['SOL-2026-0001'], comando: { type: 'cerrar' } }, 'comando.reason'],
    [
      'a date that is no date',
      { referencias: ['SOL-2026-0001'], comando: { type: 'reiterar', until: '31-02-2026', reason: 'Se reitera' } },
      'comando.until',
    ],
    [
      'an unknown field',
      { referencias: ['SOL-2026-0001'], comando: { type: 'recordar' }, expectedVersion: 1 },
      'expectedVersion',
    ],
  ])('%s: 400 in Spanish, nothing changed', async (_name, body, field) => {
    const before = [await count('audit_events'), await count('outbox'), await count('denied_attempts')];
    const r = await lote('megan.bowen', body);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('DATOS_INVALIDOS');
    expect(r.body.error.message).toMatch(/^Acción en lote inválida: /);
    expect(Object.keys(r.body.error.fields)).toContain(field);
    expect(r.body.error.message).not.toMatch(/Required|Invalid|Expected/);
    expect([await count('audit_events'), await count('outbox'), await count('denied_attempts')]).toEqual(before);
  });

  it('a person gets 10 batches at once, then 429 with Retry-After', async () => {
    const body = { referencias: [MISSING], comando: { type: 'recordar' } };
    for (let i = 0; i < 10; i++) expect((await lote('lee.gu', body)).status).toBe(200);
    const refused = await lote('lee.gu', body);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('DEMASIADAS_CONSULTAS');
    expect(refused.body.error.message).toMatch(/Espere \d+ segundos?/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another person's allowance is their own.
    expect((await lote('megan.bowen', body)).status).toBe(200);
    svc.clock.advance(6_000);
    expect((await lote('lee.gu', body)).status).toBe(200);
  });
});
