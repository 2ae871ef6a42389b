// Convenio rules beyond the table: §5 checklist, documents bound to version and SHA-256, both legal reviews,
// observation rounds, signature order, the decree and what it schedules, renewal and termination.
import { parseCommand, type Convenio, type Effect } from '../../../protocol';
import {
  CHECKLIST_OK,
  CONVENIO_BUILDERS,
  CONVENIO_STEPS as S,
  createConvenio,
  fail,
  HASH_V1,
  HASH_V2,
  NOW,
  ok,
  ref,
  run,
  step,
} from '../../support/protocol-fixtures';

const stateOf = (r: ReturnType<typeof run>) => ok<Convenio>(r).next.state;
const kinds = (effects: Effect[]) => effects.filter((e) => e.type !== 'notify' && e.type !== 'mail');

describe('§5 needs assessment', () => {
  const approve = (c: Convenio) => run(c, { type: 'aprobar_evaluacion', note: 'Necesidad acreditada' }, 'adriana');

  it('aprobar_evaluacion is refused until SECPLAN registered the checklist', () => {
    const e = fail(approve(createConvenio()));
    expect([e.code, e.message]).toEqual([
      'TRANSICION_INVALIDA',
      'SECPLAN aún no registra la evaluación de necesidad (§5).',
    ]);
  });

  it('and while any item is not ok, naming each failing item', () => {
    const checklist = {
      ...CHECKLIST_OK,
      beneficioMutuo: { ok: false, note: 'Solo beneficia a la contraparte' },
      privacidadSeguridad: { ok: false, note: '' },
    };
    const c = step(createConvenio(), { type: 'registrar_evaluacion', checklist }, 'sergio');
    const e = fail(approve(c));
    expect(e.code).toBe('DATOS_INVALIDOS');
    expect(e.message).toBe('La evaluación no cumple todos los criterios del §5; corríjala o rechace el convenio.');
    expect(e.fields).toEqual({ 'checklist.beneficioMutuo': 'no cumple', 'checklist.privacidadSeguridad': 'no cumple' });
    // SECPLAN corrects the assessment, then the administrator approves and the first draft is produced.
    const d = ok<Convenio>(approve(S.evaluar(c)));
    expect(d.next.state).toBe('redaccion');
    expect(d.next.assessmentApproval).toEqual({
      at: NOW.toISOString(),
      by: ref('adriana'),
      note: 'Necesidad acreditada',
    });
    expect(kinds(d.effects)).toEqual([
      { type: 'store_document', document: 'borrador', version: 1 },
      { type: 'update_cards' },
    ]);
  });

  it('every checklist item is required by the command', () => {
    const { privacidadSeguridad: _omit, ...partial } = CHECKLIST_OK;
    expect(() => parseCommand('convenio', { type: 'registrar_evaluacion', checklist: partial })).toThrow(
      expect.objectContaining({
        code: 'DATOS_INVALIDOS',
        fields: { 'checklist.privacidadSeguridad': expect.any(String) },
      }),
    );
  });
});

describe('drafts and legal review (visación)', () => {
  it('drafts are numbered; enviar_a_visacion needs one', () => {
    const approved = S.aprobar(CONVENIO_BUILDERS.evaluacion());
    expect(fail(run(approved, { type: 'enviar_a_visacion' }, 'sergio')).message).toBe(
      'Falta el borrador del convenio.',
    );
    const two = S.borrador(S.borrador(approved, HASH_V1), HASH_V2);
    expect(two.documents.map((d) => [d.kind, d.version, d.sha256])).toEqual([
      ['borrador', 1, HASH_V1],
      ['borrador', 2, HASH_V2],
    ]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['visar with the wrong hash', { type: 'visar', version: 1, sha256: HASH_V2 }, 'daniela'],
    ['visar with the wrong version', { type: 'visar', version: 2, sha256: HASH_V1 }, 'daniela'],
    [
      'the external review with the wrong hash',
      {
        type: 'registrar_visacion_externa',
        version: 1,
        sha256: HASH_V2,
        reviewer: 'Lucía Herrera',
        evidence: 'Correo',
      },
      'sergio',
    ],
  ])('%s → DOCUMENTO_DISTINTO', (_label, raw, who) => {
    const e = fail(run(CONVENIO_BUILDERS.visacion(), raw, who));
    expect(e.code).toBe('DOCUMENTO_DISTINTO');
    expect(e.status).toBe(409);
    expect(e.message).toBe(
      'El documento cambió: la versión vigente es la 1. Abra la versión actual antes de continuar.',
    );
  });

  it('both reviews are needed, in either order, before firma; each names version and hash', () => {
    const c = CONVENIO_BUILDERS.visacion();
    const municipal = S.visar(c);
    expect(municipal.state).toBe('visacion');
    expect(municipal.legalReviews).toEqual({
      municipal: { at: NOW.toISOString(), by: ref('daniela'), version: 1, sha256: HASH_V1 },
    });
    expect(S.visarExterna(c).state).toBe('visacion');
    expect(S.visar(S.visarExterna(c)).state).toBe('firma');
    const d = ok<Convenio>(
      run(
        municipal,
        {
          type: 'registrar_visacion_externa',
          version: 1,
          sha256: HASH_V1,
          reviewer: 'Lucía Herrera',
          evidence: 'Correo',
        },
        'sergio',
      ),
    );
    expect(d.next.state).toBe('firma');
    expect(d.next.legalReviews.external).toEqual({
      at: NOW.toISOString(),
      by: ref('sergio'),
      version: 1,
      sha256: HASH_V1,
      reviewer: 'Lucía Herrera',
      evidence: 'Correo',
    });
    // Sequential order: only the first signer (the mayor, a person of the directory) is asked to sign.
    expect(d.effects[0]).toMatchObject({
      type: 'notify',
      to: [{ kind: 'person', personId: 'alberto' }],
      notice: 'convenio.firma',
    });
  });

  it('observar returns to redaccion, opens round 2, clears reviews and asks for draft version 2', () => {
    const reviewed = S.visar(CONVENIO_BUILDERS.visacion());
    const d = ok<Convenio>(
      run(reviewed, { type: 'observar', side: 'municipal', comments: 'Falta la cláusula de eliminación' }, 'daniela'),
    );
    expect(d.next.state).toBe('redaccion');
    expect(d.next.round).toBe(2);
    expect(d.next.legalReviews).toEqual({});
    expect(d.next.observations).toEqual([
      {
        at: NOW.toISOString(),
        by: ref('daniela'),
        side: 'municipal',
        comments: 'Falta la cláusula de eliminación',
        version: 1,
        round: 1,
      },
    ]);
    expect(kinds(d.effects)).toEqual([
      { type: 'store_document', document: 'borrador', version: 2 },
      // The library's columns follow the state.
      { type: 'sync_documents' },
      { type: 'update_cards' },
    ]);

    // Sending the same document back is refused; a new version is required, and reviews bind to it.
    const e = fail(run(d.next, { type: 'enviar_a_visacion' }, 'sergio'));
    expect([e.code, e.message]).toEqual([
      'TRANSICION_INVALIDA',
      'Tras las observaciones se requiere una nueva versión del documento (la vigente es la 1).',
    ]);
    const resent = S.enviar(S.borrador(d.next, HASH_V2));
    expect(resent.state).toBe('visacion');
    const stale = fail(run(resent, { type: 'visar', version: 1, sha256: HASH_V1 }, 'daniela'));
    expect([stale.code, stale.message]).toEqual([
      'DOCUMENTO_DISTINTO',
      'El documento cambió: la versión vigente es la 2. Abra la versión actual antes de continuar.',
    ]);
    expect(S.visarExterna(S.visar(resent)).legalReviews.municipal).toMatchObject({ version: 2, sha256: HASH_V2 });
  });
});

describe('signatures', () => {
  const firmar = (c: Convenio, signerId: string, who: string, extra: object = {}) =>
    run(c, { type: 'firmar', signerId, version: 1, sha256: HASH_V1, ...extra }, who);

  it('are bound to the current draft', () => {
    const e = fail(
      run(CONVENIO_BUILDERS.firma(), { type: 'firmar', signerId: 'f1', version: 1, sha256: HASH_V2 }, 'alberto'),
    );
    expect(e.code).toBe('DOCUMENTO_DISTINTO');
  });

  it('sequential order (the default) is enforced', () => {
    const c = CONVENIO_BUILDERS.firma();
    expect(c.signatureOrder).toBe('secuencial');
    const e = fail(firmar(c, 'f2', 'sergio', { evidence: 'PDF firmado por el Rector' }));
    expect([e.code, e.message]).toEqual(['TRANSICION_INVALIDA', 'Primero debe firmar Alberto Ruiz (Alcalde).']);
  });

  it('parallel order is not, and the last signature moves to aprobacion', () => {
    const c = CONVENIO_BUILDERS.firma({ signatureOrder: 'paralelo' });
    const first = ok<Convenio>(firmar(c, 'f2', 'sergio', { evidence: 'PDF firmado por el Rector' })).next;
    expect(first.state).toBe('firma');
    const d = ok<Convenio>(firmar(first, 'f1', 'alberto', { method: 'fea' }));
    expect(d.next.state).toBe('aprobacion');
    expect(d.next.signatures.map((s) => [s.signerId, s.method, s.version, s.sha256, s.by.personId])).toEqual([
      ['f2', 'fes', 1, HASH_V1, 'sergio'],
      ['f1', 'fea', 1, HASH_V1, 'alberto'],
    ]);
    expect(d.effects[0]).toMatchObject({
      to: [
        { kind: 'role', role: 'secretaria_municipal' },
        { kind: 'role', role: 'alcalde' },
      ],
      notice: 'convenio.aprobacion',
    });
  });

  it('a signer signs once', () => {
    const c = ok<Convenio>(firmar(CONVENIO_BUILDERS.firma({ signatureOrder: 'paralelo' }), 'f1', 'alberto')).next;
    expect(fail(firmar(c, 'f1', 'alberto')).message).toBe('Este firmante ya firmó.');
  });

  it('an external signer recorded by SECPLAN needs evidence', () => {
    const c = S.firmarAlcalde(CONVENIO_BUILDERS.firma());
    const e = fail(firmar(c, 'f2', 'sergio'));
    expect([e.code, e.message, e.fields]).toEqual([
      'DATOS_INVALIDOS',
      'Registre la evidencia de la firma de la contraparte.',
      { evidence: 'requerida' },
    ]);
    expect(ok<Convenio>(firmar(c, 'f2', 'sergio', { evidence: 'PDF firmado' })).next.signatures[1]!.evidence).toBe(
      'PDF firmado',
    );
  });
});

describe('registrar_decreto', () => {
  it('sets validity (start = decree date, end = start + durationMonths − 1 day) and schedules both timers', () => {
    const d = ok<Convenio>(
      run(CONVENIO_BUILDERS.aprobacion(), { type: 'registrar_decreto', number: '4567', date: '2026-09-15' }, 'marta'),
    );
    expect(d.next.state).toBe('vigente');
    expect(d.next.validity).toEqual({ start: '2026-09-15', end: '2028-09-14' });
    expect(d.next.nextEvaluationDue).toBe('2027-03-15');
    expect(d.next.decree).toEqual({ at: NOW.toISOString(), by: ref('marta'), number: '4567', date: '2026-09-15' });
    expect(kinds(d.effects)).toEqual([
      { type: 'store_document', document: 'certificado' },
      // 09:00 local: March 2027 is still summer time (-03), July 2028 winter time (-04).
      { type: 'schedule', timer: 'evaluacion_periodica', dueAt: '2027-03-15T12:00:00.000Z', about: '2027-03-15' },
      { type: 'schedule', timer: 'aviso_termino', dueAt: '2028-07-16T13:00:00.000Z', about: '2028-09-14' },
      // The end of the vigencia: the first instant of the day after the end date (00:00 local, -03 in September).
      { type: 'schedule', timer: 'fin_vigencia', dueAt: '2028-09-15T03:00:00.000Z', about: '2028-09-14' },
      { type: 'sync_documents' },
      { type: 'update_cards' },
    ]);
  });

  const validityFor = (durationMonths: number, date: string) =>
    step(CONVENIO_BUILDERS.aprobacion({ durationMonths }), { type: 'registrar_decreto', number: '1', date }, 'alberto')
      .validity;

  it.each<[number, string, string]>([
    [1, '2026-08-15', '2026-09-14'],
    [12, '2025-03-01', '2026-02-28'],
    [12, '2023-03-01', '2024-02-29'], // leap year
    [6, '2026-02-28', '2026-08-27'],
  ])('%i months from %s ends %s', (durationMonths, date, end) => {
    expect(validityFor(durationMonths, date)).toEqual({ start: date, end });
  });

  it.each<[number, string, string]>([
    [1, '2026-08-31', '2026-09-30'],
    [6, '2026-08-31', '2027-02-28'],
    [1, '2026-01-30', '2026-02-28'],
  ])('month-end: %i months from %s ends %s', (durationMonths, date, end) => {
    expect(validityFor(durationMonths, date)).toEqual({ start: date, end });
  });

  it('a future decree date is refused', () => {
    const e = fail(
      run(CONVENIO_BUILDERS.aprobacion(), { type: 'registrar_decreto', number: '1', date: '2026-09-16' }, 'marta'),
    );
    expect([e.code, e.fields]).toEqual(['DATOS_INVALIDOS', { date: 'fecha futura' }]);
  });
});

describe('renewal and termination', () => {
  it('renovar is refused when the convenio has no renewal', () => {
    const c = CONVENIO_BUILDERS.por_vencer({ renewal: 'sin_renovacion' });
    const e = fail(run(c, { type: 'renovar', months: 12 }, 'sergio'));
    expect([e.code, e.message]).toEqual(['TRANSICION_INVALIDA', 'Este convenio no contempla renovación.']);
  });

  it('renovar extends the end from the day after it and re-arms the notice', () => {
    const d = ok<Convenio>(
      run(
        CONVENIO_BUILDERS.por_vencer(),
        { type: 'renovar', months: 12, decree: '999', decreeDate: '2026-09-15' },
        'sergio',
      ),
    );
    expect(d.next.state).toBe('vigente');
    expect(d.next.validity).toEqual({ start: '2026-09-15', end: '2029-09-14' });
    expect(d.next.renewals).toEqual([
      {
        at: NOW.toISOString(),
        by: ref('sergio'),
        previousEnd: '2028-09-14',
        newEnd: '2029-09-14',
        decree: '999',
        decreeDate: '2026-09-15',
      },
    ]);
    expect(kinds(d.effects)).toEqual([
      { type: 'schedule', timer: 'aviso_termino', dueAt: '2029-07-16T13:00:00.000Z', about: '2029-09-14' },
      { type: 'schedule', timer: 'fin_vigencia', dueAt: '2029-09-15T03:00:00.000Z', about: '2029-09-14' },
      { type: 'sync_documents' },
      { type: 'update_cards' },
    ]);
  });

  it('terminar requires dataDisposition', () => {
    const raw = { type: 'terminar', reason: 'Fin del estudio', evidence: 'Acta N° 12' };
    expect(() => parseCommand('convenio', raw)).toThrow(
      expect.objectContaining({
        code: 'DATOS_INVALIDOS',
        fields: { dataDisposition: 'confirme si los datos fueron eliminados o devueltos' },
      }),
    );
    const d = ok<Convenio>(run(CONVENIO_BUILDERS.por_vencer(), { ...raw, dataDisposition: 'devueltos' }, 'sergio'));
    expect(d.next.state).toBe('terminado');
    expect(d.next.termination).toEqual({
      at: NOW.toISOString(),
      by: ref('sergio'),
      reason: 'Fin del estudio',
      dataDisposition: 'devueltos',
      evidence: 'Acta N° 12',
    });
    expect(kinds(d.effects)).toEqual([
      { type: 'cancel_timers', timers: 'all' },
      { type: 'sync_documents' },
      { type: 'update_cards' },
    ]);
  });

  it('a periodic evaluation reschedules the next one from today and escalates non-compliance', () => {
    const raw = {
      type: 'registrar_evaluacion_periodica',
      compliance: 'no_cumple',
      effectiveness: 'Baja',
      findings: 'Sin actas',
    };
    const d = ok<Convenio>(run(CONVENIO_BUILDERS.vigente(), raw, 'sergio'));
    expect([d.next.nextEvaluationDue, d.next.evaluationPending]).toEqual(['2027-03-15', false]);
    expect(kinds(d.effects)).toEqual([
      { type: 'schedule', timer: 'evaluacion_periodica', dueAt: '2027-03-15T12:00:00.000Z', about: '2027-03-15' },
      { type: 'update_cards' },
    ]);
    expect(d.effects.find((e) => e.type === 'notify')).toEqual({
      type: 'notify',
      to: [{ kind: 'role', role: 'administrador_municipal' }],
      notice: 'convenio.evaluacion',
      summary: 'Sin actas',
    });
  });

  it('the proposer comments during firma without moving the state', () => {
    expect(stateOf(run(CONVENIO_BUILDERS.firma(), { type: 'comentar', text: 'Revisar anexo' }, 'ana'))).toBe('firma');
  });
});
