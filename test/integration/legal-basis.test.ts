// Rules 6–7 over the REST API, on both engines: an old row with a free-text legal basis is read tolerantly (text kept,
// flagged «Base legal por revisar»), a placeholder is refused with nothing changed, and a structured basis clears
// the flag, audited. A sensitive convenio is not approved by decree before its EIPD.
import { startTestService, type TestService } from '../support/service';
import { convenioBody, solicitudBody } from '../support/fixtures';

let svc: TestService;
beforeAll(async () => {
  // Tuesday 15 September 2026, 10:00 in Santiago.
  svc = await startTestService('2026-09-15T13:00:00Z');
});
afterAll(async () => svc.close());

const verbs = (body: { allowedActions: { verb: string }[] }) => body.allowedActions.map((a) => a.verb);
const OLD_TEXT = 'Ley 18.695 art. 4; Ley 19.880 art. 37 bis';

describe('an old request with a free-text legal basis', () => {
  let ref: string;
  beforeAll(async () => {
    const created = await svc.as('alex.wilber').post('/api/v1/solicitudes', solicitudBody());
    expect(created.status).toBe(201);
    ref = created.body.item.reference;
    // As a row written before rule 6 holds it: the basis as a JSON string.
    await svc.db.query(
      `UPDATE items SET data = jsonb_set(data, '{legalBasis}', to_jsonb($2::text)) WHERE reference = $1`,
      [ref, OLD_TEXT],
    );
  });

  it('is shown with its text kept and flagged for review; the requester is offered the fix', async () => {
    const r = await svc.as('alex.wilber').get(`/api/v1/solicitudes/${ref}`);
    expect(r.status).toBe(200);
    expect(r.body.item.legalBasis).toEqual({ legacyText: OLD_TEXT });
    expect(verbs(r.body)).toContain('actualizar_base_legal');
    // The owner unit may not change the requester's basis.
    expect(verbs((await svc.as('lynne.robbins').get(`/api/v1/solicitudes/${ref}`)).body)).not.toContain(
      'actualizar_base_legal',
    );
  });

  it('refuses a placeholder in Spanish and changes nothing', async () => {
    const r = await svc.as('alex.wilber').post(`/api/v1/solicitudes/${ref}/comandos`, {
      type: 'actualizar_base_legal',
      legalBasis: { basis: 'funciones_legales', norm: { law: 'N/A', article: '---' } },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('DATOS_INVALIDOS');
    expect(r.body.error.message).toMatch(/Indique una base legal real \(ley y artículo que otorgan la competencia\)/);
    const after = await svc.as('alex.wilber').get(`/api/v1/solicitudes/${ref}`);
    expect(after.body.item.legalBasis).toEqual({ legacyText: OLD_TEXT });
  });

  it('takes a structured basis from the UGDT, audited, and the flag is gone', async () => {
    const legalBasis = { basis: 'funciones_legales', norm: { law: 'Ley 18.695', article: 'art. 4 letra c' } };
    const r = await svc.as('lee.gu').post(`/api/v1/solicitudes/${ref}/comandos`, {
      type: 'actualizar_base_legal',
      legalBasis,
    });
    expect(r.status).toBe(200);
    expect(r.body.item.legalBasis).toEqual(legalBasis);
    expect(verbs(r.body)).not.toContain('actualizar_base_legal');
    const { rows } = await svc.db.query<{ command: string }>(
      `SELECT e.command FROM audit_events e JOIN items i ON i.id = e.item_id WHERE i.reference = $1 ORDER BY e.seq`,
      [ref],
    );
    expect(rows.map((x) => x.command)).toEqual(['crear', 'actualizar_base_legal']);
  });
});

describe('a sensitive convenio and its EIPD', () => {
  it('refuses the decree until SECPLAN records the EIPD', async () => {
    const adele = svc.as('adele.vance');
    const body = convenioBody({
      datasets: [
        {
          name: 'Atenciones de salud mental por sector',
          fields: ['sector', 'mes', 'atenciones'],
          format: 'csv',
          classification: { access: 'reservada', legalGround: 'art21_n2_derechos_personas', privacy: 'sensible' },
        },
      ],
    });
    // Without the sensitive basis the creation itself is refused.
    const refused = await svc
      .as('lee.gu')
      .post('/api/v1/convenios', { ...body, legalBasis: { ...body.legalBasis, sensitive: undefined } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields['legalBasis.sensitive.basis']).toMatch(/base legal propia/);

    const created = await svc.as('lee.gu').post('/api/v1/convenios', body);
    expect(created.status).toBe(201);
    const ref = created.body.item.reference;
    expect(created.body.item.impactAssessmentRequired).toBe(true);
    const cmd = (who: string, c: Record<string, unknown>) => svc.as(who).post(`/api/v1/convenios/${ref}/comandos`, c);
    const ok = { ok: true, note: 'Cumple' };
    const draft = { version: 1, sha256: 'e'.repeat(64) };
    for (const [who, c] of [
      [
        'adele.vance',
        {
          type: 'registrar_evaluacion',
          checklist: { necesidad: ok, beneficioMutuo: ok, cumplimientoNormativo: ok, privacidadSeguridad: ok },
        },
      ],
      ['patti.fernandez', { type: 'aprobar_evaluacion', note: 'Aprobado' }],
      ['adele.vance', { type: 'registrar_borrador', fileName: 'convenio.docx', sha256: draft.sha256 }],
      ['adele.vance', { type: 'enviar_a_visacion' }],
      ['isaiah.langer', { type: 'visar', ...draft }],
      ['adele.vance', { type: 'registrar_visacion_externa', ...draft, reviewer: 'Jurídica UV', evidence: 'Correo' }],
      ['nestor.wilke', { type: 'firmar', signerId: 'f1', ...draft }],
      ['adele.vance', { type: 'firmar', signerId: 'f2', ...draft, evidence: 'PDF firmado' }],
    ] as const) {
      const r = await cmd(who, c);
      expect({ verb: c.type, status: r.status, error: r.body.error }).toEqual({
        verb: c.type,
        status: 200,
        error: undefined,
      });
    }
    const decree = { type: 'registrar_decreto', number: '5.120', date: '2026-09-15' };
    const blocked = await cmd('joni.sherman', decree);
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.message).toMatch(/^EIPD pendiente/);
    const seen = await adele.get(`/api/v1/convenios/${ref}`);
    expect(seen.body.item.state).toBe('aprobacion');
    expect(verbs(seen.body)).toContain('registrar_eipd');

    const eipd = await cmd('adele.vance', {
      type: 'registrar_eipd',
      date: '2026-09-14',
      author: 'Adele Vance (SECPLAN)',
      documentName: 'EIPD salud mental.pdf',
    });
    expect(eipd.status).toBe(200);
    const done = await cmd('joni.sherman', decree);
    expect(done.status).toBe(200);
    expect(done.body.item.state).toBe('vigente');
  });
});
