import { startTestService, type TestService } from '../support/service';
import { convenioBody, solicitudBody } from '../support/fixtures';
import { verifyAuditChain } from '../../bot/src/store/audit-chain';

let svc: TestService;
beforeAll(async () => {
  // Tuesday 15 September 2026, 10:00 in Santiago.
  svc = await startTestService('2026-09-15T13:00:00Z');
});
afterAll(async () => svc.close());

const verbs = (body: { allowedActions: { verb: string }[] }) => body.allowedActions.map((a) => a.verb);

describe('internal request end to end over the REST API', () => {
  it('goes enviada → recibida → en_plazo → entregada → cerrada with the right deadlines and timeline', async () => {
    const alex = svc.as('alex.wilber');
    const lynne = svc.as('lynne.robbins');
    const created = await alex.post('/api/v1/solicitudes', solicitudBody());
    expect(created.status).toBe(201);
    const ref = created.body.item.reference;
    expect(ref).toMatch(/^SOL-2026-\d{4}$/);
    expect(created.headers.get('location')).toBe(`/api/v1/solicitudes/${ref}`);
    expect(created.body.item.deadlines.acknowledge.dueDate).toBe('2026-09-17');
    expect(created.body.item.deadlines.answer.dueDate).toBe('2026-09-30');
    expect(verbs(created.body)).toEqual(['cancelar', 'comentar']);

    const ownerView = await lynne.get(`/api/v1/solicitudes/${ref}`);
    expect(verbs(ownerView.body)).toEqual([
      'acusar_recibo',
      'indicar_plazo',
      'entregar',
      'no_disponible',
      'rechazar',
      'comentar',
      'solicitar_prorroga',
      'corregir_clasificacion',
    ]);

    expect(
      (await lynne.post(`/api/v1/solicitudes/${ref}/comandos`, { type: 'acusar_recibo', expectedVersion: 1 })).status,
    ).toBe(200);
    const wait = await lynne.post(`/api/v1/solicitudes/${ref}/comandos`, {
      type: 'indicar_plazo',
      until: '2026-09-25',
      note: 'Se extrae del RSH el viernes',
    });
    expect(wait.status).toBe(200);
    expect(wait.body.item.state).toBe('en_plazo');
    const delivered = await lynne.post(`/api/v1/solicitudes/${ref}/comandos`, {
      type: 'entregar',
      link: 'https://quillota.sharepoint.com/sites/datos/rsh-sectores.xlsx',
      note: 'Planilla con tramos por sector',
    });
    expect(delivered.body.item.state).toBe('entregada');
    const done = await alex.post(`/api/v1/solicitudes/${ref}/comandos`, { type: 'conforme' });
    expect(done.status).toBe(200);
    expect(done.body.item.state).toBe('cerrada');
    expect(done.body.allowedActions).toEqual([]);

    const detail = await svc.as('megan.bowen').get(`/api/v1/solicitudes/${ref}`);
    expect(detail.body.timeline.map((e: { command: string; to: string }) => `${e.command}→${e.to}`)).toEqual([
      'crear→enviada',
      'acusar_recibo→recibida',
      'indicar_plazo→en_plazo',
      'entregar→entregada',
      'conforme→cerrada',
    ]);
    expect(detail.body.timeline[1].actor).toEqual({ personId: 'lynne.robbins', name: 'Lynne Robbins' });
    expect((await verifyAuditChain(svc.db)).ok).toBe(true);
  });

  it('writes one outbox row per notice and mail copy, with UGDT in copy, and arms the deadline timers', async () => {
    const created = await svc.as('miriam.graham').post('/api/v1/solicitudes', solicitudBody({ ownerUnitId: 'salud' }));
    const id = created.body.item.id;
    const outbox = await svc.db.query<{ kind: string; payload: { cc?: { kind: string; role?: string }[] } }>(
      'SELECT kind, payload FROM outbox WHERE item_id = $1 ORDER BY id',
      [id],
    );
    expect(outbox.rows.map((r) => r.kind)).toEqual(['notify', 'mail']);
    expect(outbox.rows[1]!.payload.cc).toContainEqual({ kind: 'role', role: 'ugdt' });
    const timers = await svc.db.query<{ kind: string; due_at: Date }>(
      `SELECT kind, due_at FROM timers WHERE item_id = $1 AND status = 'pendiente' ORDER BY due_at`,
      [id],
    );
    expect(timers.rows.map((t) => [t.kind, new Date(t.due_at).toISOString()])).toEqual([
      ['recordatorio_acuse', '2026-09-16T12:00:00.000Z'],
      ['vencimiento_acuse', '2026-09-18T02:59:59.999Z'],
      ['recordatorio_respuesta', '2026-09-29T12:00:00.000Z'],
      ['vencimiento_respuesta', '2026-10-01T02:59:59.999Z'],
    ]);
  });
});

describe('convenio end to end over the REST API', () => {
  it('goes from evaluación to vigente with one observation round and two signatures', async () => {
    const adele = svc.as('adele.vance'); // SECPLAN
    const patti = svc.as('patti.fernandez'); // Administradora Municipal
    const isaiah = svc.as('isaiah.langer'); // DAJ
    const nestor = svc.as('nestor.wilke'); // Alcalde
    const joni = svc.as('joni.sherman'); // Secretaría Municipal
    const c = await svc.as('lee.gu').post('/api/v1/convenios', convenioBody());
    expect(c.status).toBe(201);
    const ref = c.body.item.reference;
    expect(ref).toMatch(/^CONV-2026-\d{4}$/);
    const cmd = async (who: typeof adele, body: Record<string, unknown>, state: string) => {
      const r = await who.post(`/api/v1/convenios/${ref}/comandos`, body);
      expect({ status: r.status, state: r.body.item?.state, error: r.body.error }).toEqual({
        status: 200,
        state,
        error: undefined,
      });
      return r.body.item;
    };
    const ok = { ok: true, note: 'Cumple' };
    await cmd(
      adele,
      {
        type: 'registrar_evaluacion',
        checklist: { necesidad: ok, beneficioMutuo: ok, cumplimientoNormativo: ok, privacidadSeguridad: ok },
      },
      'evaluacion',
    );
    await cmd(patti, { type: 'aprobar_evaluacion', note: 'Aprobado en sesión del Comité de Datos' }, 'redaccion');
    const h1 = 'a'.repeat(64);
    const h2 = 'b'.repeat(64);
    await cmd(adele, { type: 'registrar_borrador', fileName: 'convenio-v1.docx', sha256: h1 }, 'redaccion');
    await cmd(adele, { type: 'enviar_a_visacion' }, 'visacion');
    await cmd(
      isaiah,
      { type: 'observar', side: 'municipal', comments: 'Falta la cláusula de notificación de brechas' },
      'redaccion',
    );
    const early = await adele.post(`/api/v1/convenios/${ref}/comandos`, { type: 'enviar_a_visacion' });
    expect(early.status).toBe(409);
    await cmd(adele, { type: 'registrar_borrador', fileName: 'convenio-v2.docx', sha256: h2 }, 'redaccion');
    await cmd(adele, { type: 'enviar_a_visacion' }, 'visacion');
    const stale = await isaiah.post(`/api/v1/convenios/${ref}/comandos`, { type: 'visar', version: 1, sha256: h1 });
    expect(stale.body.error.code).toBe('DOCUMENTO_DISTINTO');
    await cmd(isaiah, { type: 'visar', version: 2, sha256: h2 }, 'visacion');
    await cmd(
      adele,
      {
        type: 'registrar_visacion_externa',
        version: 2,
        sha256: h2,
        reviewer: 'Paula Rojas (UV)',
        evidence: 'Correo del 20-09-2026',
      },
      'firma',
    );
    const signFirst = await nestor.get(`/api/v1/convenios/${ref}`);
    expect(signFirst.body.allowedActions).toEqual([
      { verb: 'firmar', label: 'Firmar como Nestor Wilke', signerId: 'f1' },
    ]);
    await cmd(nestor, { type: 'firmar', signerId: 'f1', version: 2, sha256: h2 }, 'firma');
    await cmd(
      adele,
      { type: 'firmar', signerId: 'f2', version: 2, sha256: h2, evidence: 'Firma FEA del rector recibida' },
      'aprobacion',
    );
    const vigente = await cmd(joni, { type: 'registrar_decreto', number: '5.120', date: '2026-09-15' }, 'vigente');
    expect(vigente.validity).toEqual({ start: '2026-09-15', end: '2028-09-14' });
    expect(vigente.signatures.map((s: { sha256: string }) => s.sha256)).toEqual([h2, h2]);

    const csv = await svc.as('megan.bowen').get('/api/v1/exportaciones/convenios.csv?mes=2026-09');
    expect(csv.status).toBe(200);
    expect(csv.text).toContain(`${ref};Universidad de Valparaíso;60.921.000-1`);
    expect(csv.text).toContain('D.A. N° 5.120;15-09-2026;15-09-2026;14-09-2028;Vigente');
    expect((await verifyAuditChain(svc.db)).ok).toBe(true);
  });
});
