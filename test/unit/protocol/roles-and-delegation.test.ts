// Role refusals for every verb (generated from the tables) and subrogancia through the directory's delegations.
import {
  CONVENIO_TRANSITIONS,
  CONVENIO_VERBS,
  EVALUATION_REJECTION_RULE,
  decide,
  parseCreate,
  resolveActor,
  SOLICITUD_TRANSITIONS,
  SOLICITUD_VERBS,
  SYSTEM_ACTOR,
  type Convenio,
  type ConvenioWho,
  type SolicitudWho,
} from '../../../protocol';
import {
  actor,
  CONVENIO_BUILDERS,
  CONVENIO_COMMANDS,
  CONVENIO_RAW,
  CONVENIO_STEPS,
  ctx,
  DIRECTORY,
  draftOf,
  fail,
  ok,
  ref,
  run,
  SOLICITUD_BUILDERS,
  SOLICITUD_COMMANDS,
  SOLICITUD_RAW,
  SOLICITUD_WHEN,
  step,
} from '../../support/protocol-fixtures';

const pickDraft = (c: Convenio) => ({ version: draftOf(c).version, sha256: draftOf(c).sha256 });

const SOLICITUD_NEEDED: Record<SolicitudWho, string> = {
  solicitante: 'Solo quien hizo la solicitud puede realizar esta acción.',
  unidad_duena: 'Solo la unidad dueña del dato puede realizar esta acción.',
  ugdt: 'Solo la UGDT puede realizar esta acción.',
  participantes: 'Solo quien solicita, la unidad dueña del dato o la UGDT puede realizar esta acción.',
  sistema: 'Solo el sistema puede realizar esta acción.',
  solicitante_o_ugdt: 'Solo quien hizo la solicitud o la UGDT puede realizar esta acción.',
};

/** People who lack each capacity on a request from ana (DIDECO) to Salud. */
const SOLICITUD_LACKING: Record<SolicitudWho, string[]> = {
  // the requester, the UGDT, a plain official of the owner unit, another unit's responsable, Control
  unidad_duena: ['ana', 'ursula', 'paula', 'tomas', 'claudio'],
  // the owner unit, the UGDT, the head of the requester's own unit
  solicitante: ['sofia', 'ursula', 'diego'],
  // the owner unit, the requester, Control, SECPLAN
  ugdt: ['sofia', 'ana', 'claudio', 'sergio'],
  // a third unit's official, Control (read-only), SECPLAN
  participantes: ['teresa', 'claudio', 'sergio'],
  // every human, even the UGDT
  sistema: ['ursula', 'sofia'],
  // the owner unit, Control, SECPLAN
  solicitante_o_ugdt: ['sofia', 'claudio', 'sergio'],
};

describe('solicitud: an actor without the capacity gets NO_AUTORIZADO', () => {
  const cases = SOLICITUD_VERBS.flatMap((verb) =>
    SOLICITUD_LACKING[SOLICITUD_TRANSITIONS[verb].who].map((who) => [verb, who] as const),
  );
  it.each(cases)('%s by %s', (verb, who) => {
    const t = SOLICITUD_TRANSITIONS[verb];
    const s = SOLICITUD_BUILDERS[t.from[0]!]();
    const e = fail(run(s, SOLICITUD_COMMANDS[verb](s), who, SOLICITUD_WHEN[verb]));
    expect(e.code).toBe('NO_AUTORIZADO');
    expect(e.status).toBe(403);
    expect(e.message).toBe(SOLICITUD_NEEDED[t.who]);
    expect(e.message.startsWith('Solo ')).toBe(true);
  });

  const human = SOLICITUD_VERBS.filter((v) => SOLICITUD_TRANSITIONS[v].who !== 'sistema');
  it.each(human.map((v) => [v]))('%s by the system', (verb) => {
    const s = SOLICITUD_BUILDERS[SOLICITUD_TRANSITIONS[verb].from[0]!]();
    const e = fail(run(s, SOLICITUD_COMMANDS[verb](s), 'sistema'));
    expect(e.code).toBe('NO_AUTORIZADO');
    // Not "Solo …" like the other refusals (reported): the scheduler never shows it to a person.
    expect(e.message).toBe('El sistema no puede realizar esta acción.');
  });

  it('an assignee named by the UGDT may answer, the previous owner unit no longer', () => {
    const s = step(
      SOLICITUD_BUILDERS.enviada(),
      { type: 'reasignar', unitId: 'transito', assigneeId: 'teresa', reason: 'Tránsito lleva ese registro' },
      'ursula',
    );
    expect(ok(run(s, { type: 'acusar_recibo' }, 'teresa')).next.state).toBe('recibida');
    expect(ok(run(s, { type: 'acusar_recibo' }, 'tomas')).next.state).toBe('recibida');
    expect(fail(run(s, { type: 'acusar_recibo' }, 'sofia')).code).toBe('NO_AUTORIZADO');
  });

  it('creating a request as the system is NO_AUTORIZADO', () => {
    const e = fail(
      decide(null, parseCreate('solicitud', SOLICITUD_RAW), ctx(SYSTEM_ACTOR), { id: 'x', reference: 'SOL-2026-0009' }),
    );
    expect(e.code).toBe('NO_AUTORIZADO');
    expect(e.message).toBe('Solo un funcionario con unidad puede solicitar datos.');
  });

  it('proposing a convenio as the system is NO_AUTORIZADO', () => {
    const e = fail(
      decide(null, parseCreate('convenio', CONVENIO_RAW), ctx(SYSTEM_ACTOR), { id: 'x', reference: 'CONV-2026-0009' }),
    );
    expect(e.code).toBe('NO_AUTORIZADO');
  });
});

const CONVENIO_NEEDED: Record<ConvenioWho, string> = {
  secplan: 'SECPLAN',
  administrador: 'el/la Administrador(a) Municipal',
  evaluadores: 'SECPLAN, la Administración Municipal o la DAJ',
  daj: 'la Dirección de Asesoría Jurídica',
  visacion: 'la DAJ (observación municipal) o SECPLAN (observación de la contraparte)',
  firmante: 'el firmante designado',
  decreto: 'la Secretaría Municipal o el Alcalde',
  secplan_o_contraparte_tecnica: 'SECPLAN o la contraparte técnica municipal',
  secplan_o_proponente: 'SECPLAN o quien propuso el convenio',
  participantes: 'SECPLAN, la Administración Municipal, la DAJ o quien propuso el convenio',
  redaccion: 'SECPLAN',
  sistema: 'el sistema',
};

/** People who lack each capacity on a convenio proposed by ana (DIDECO), technical contact diego. */
const CONVENIO_LACKING: Record<ConvenioWho, string[]> = {
  secplan: ['adriana', 'daniela', 'ana', 'ursula'],
  administrador: ['sergio', 'daniela'],
  evaluadores: ['ana', 'alberto', 'claudio'],
  // a plain official of the DAJ unit, SECPLAN
  daj: ['julia', 'sergio'],
  // municipal observation (the payload's side): only the DAJ
  visacion: ['sergio', 'julia'],
  // signer f1 is the municipality's, without personId: only the mayor; SECPLAN may not sign for the mayor
  firmante: ['sergio', 'adriana', 'daniela'],
  decreto: ['sergio', 'adriana'],
  secplan_o_contraparte_tecnica: ['ana', 'daniela'],
  secplan_o_proponente: ['daniela', 'diego'],
  participantes: ['claudio', 'teresa'],
  redaccion: ['daniela', 'adriana'],
  sistema: ['sergio', 'claudio'],
};

describe('convenio: an actor without the capacity gets NO_AUTORIZADO', () => {
  const cases = CONVENIO_VERBS.flatMap((verb) =>
    CONVENIO_LACKING[CONVENIO_TRANSITIONS[verb].who].map((who) => [verb, who] as const),
  );
  it.each(cases)('%s by %s', (verb, who) => {
    const t = CONVENIO_TRANSITIONS[verb];
    const c = CONVENIO_BUILDERS[t.from[0]!]();
    const e = fail(run(c, CONVENIO_COMMANDS[verb](c), who));
    expect(e.code).toBe('NO_AUTORIZADO');
    // Rule 9b: at evaluación (the first source state of rechazar) only the Administración Municipal rejects.
    expect(e.message).toBe(
      verb === 'rechazar' && c.state === 'evaluacion'
        ? EVALUATION_REJECTION_RULE
        : `Solo ${CONVENIO_NEEDED[t.who]} puede realizar esta acción.`,
    );
  });

  it.each(['ana', 'alberto', 'claudio'])('rechazar after evaluación by %s names the evaluators', (who) => {
    const c = CONVENIO_BUILDERS.redaccion();
    const e = fail(run(c, CONVENIO_COMMANDS.rechazar(c), who));
    expect(e.message).toBe(`Solo ${CONVENIO_NEEDED.evaluadores} puede realizar esta acción.`);
  });

  const human = CONVENIO_VERBS.filter((v) => CONVENIO_TRANSITIONS[v].who !== 'sistema' && v !== 'registrar_borrador');
  it.each(human.map((v) => [v]))('%s by the system', (verb) => {
    const c = CONVENIO_BUILDERS[CONVENIO_TRANSITIONS[verb].from[0]!]();
    const e = fail(run(c, CONVENIO_COMMANDS[verb](c), 'sistema'));
    expect(e.code).toBe('NO_AUTORIZADO');
    expect(e.message).toBe('El sistema no puede realizar esta acción.');
  });

  it('the document worker records a generated draft as the system', () => {
    const d = ok(
      run(
        CONVENIO_BUILDERS.redaccion(),
        CONVENIO_COMMANDS.registrar_borrador(CONVENIO_BUILDERS.redaccion()),
        'sistema',
      ),
    );
    expect(d.audit.actor).toEqual({ personId: 'sistema', name: 'Sistema' });
  });

  it('the external side observation is recorded by SECPLAN, not by the DAJ', () => {
    const c = CONVENIO_BUILDERS.visacion();
    const raw = { type: 'observar', side: 'externa', comments: 'La universidad pide otra cláusula' };
    expect(fail(run(c, raw, 'daniela')).message).toBe(`Solo ${CONVENIO_NEEDED.visacion} puede realizar esta acción.`);
    expect(ok(run(c, raw, 'sergio')).next.state).toBe('redaccion');
  });

  it('the external signer is recorded by SECPLAN, not by the mayor', () => {
    const c = CONVENIO_STEPS.firmarAlcalde(CONVENIO_BUILDERS.firma());
    const raw = { type: 'firmar', signerId: 'f2', ...pickDraft(c), evidence: 'PDF firmado' };
    expect(fail(run(c, raw, 'alberto')).message).toBe('Solo el firmante designado puede realizar esta acción.');
    expect(ok(run(c, raw, 'sergio')).next.state).toBe('aprobacion');
  });

  it('an unknown signer is invalid data, before any role check', () => {
    const c = CONVENIO_BUILDERS.firma();
    const e = fail(run(c, { type: 'firmar', signerId: 'f9', ...pickDraft(c) }, 'claudio'));
    expect(e.code).toBe('DATOS_INVALIDOS');
    expect(e.fields).toEqual({ signerId: 'no figura entre los firmantes' });
  });

  it('the municipal technical contact may log a transfer', () => {
    const d = ok(
      run(CONVENIO_BUILDERS.vigente(), CONVENIO_COMMANDS.registrar_transferencia(CONVENIO_BUILDERS.vigente()), 'diego'),
    );
    expect(d.audit.actor).toEqual(ref('diego'));
  });
});

describe('subrogancia', () => {
  it('resolves delegated grants only inside the period, inclusive bounds', () => {
    const delegated = (today: string) => resolveActor(DIRECTORY, 'pablo', today)!.grants.filter((g) => g.delegated);
    expect(delegated('2026-09-13')).toEqual([]);
    expect(delegated('2026-09-19')).toEqual([]);
    for (const today of ['2026-09-14', '2026-09-15', '2026-09-18'])
      expect(delegated(today)).toEqual([
        { role: 'funcionario', unitId: 'salud', holder: ref('sofia'), delegated: true },
        { role: 'responsable_unidad', unitId: 'salud', holder: ref('sofia'), delegated: true },
      ]);
  });

  it('a delegation restricted to some roles grants only those', () => {
    expect(actor('carmen').grants).toEqual([
      { role: 'funcionario', unitId: 'alcaldia', holder: ref('carmen'), delegated: false },
      { role: 'alcalde', holder: ref('alberto'), delegated: true },
    ]);
  });

  it.each([
    ['2026-09-14', new Date('2026-09-14T13:00:00.000Z')],
    ['2026-09-18', new Date('2026-09-18T13:00:00.000Z')],
  ])('the owner unit’s subrogante acknowledges on %s; the audit names both', (today, now) => {
    const s = SOLICITUD_BUILDERS.enviada();
    const d = ok(run(s, { type: 'acusar_recibo' }, actor('pablo', today), now));
    expect(d.next.state).toBe('recibida');
    expect(d.audit.actor).toEqual(ref('pablo'));
    expect(d.audit.onBehalfOf).toEqual(ref('sofia'));
    expect(d.next.kind === 'solicitud' && d.next.acknowledged).toEqual({
      at: now.toISOString(),
      by: ref('pablo'),
      onBehalfOf: ref('sofia'),
    });
  });

  it.each(['2026-09-13', '2026-09-21'])('outside the period (%s) the subrogante is refused', (today) => {
    const e = fail(run(SOLICITUD_BUILDERS.enviada(), { type: 'acusar_recibo' }, actor('pablo', today)));
    expect(e.code).toBe('NO_AUTORIZADO');
    expect(e.message).toBe('Solo la unidad dueña del dato puede realizar esta acción.');
  });

  it('the holder acting herself leaves no onBehalfOf', () => {
    const d = ok(run(SOLICITUD_BUILDERS.enviada(), { type: 'acusar_recibo' }, 'sofia'));
    expect(d.audit.actor).toEqual(ref('sofia'));
    expect(d.audit).not.toHaveProperty('onBehalfOf');
  });

  it('the DAJ subrogante visa; outside the period a plain DAJ official', () => {
    const c = CONVENIO_BUILDERS.visacion();
    const raw = CONVENIO_COMMANDS.visar(c);
    const d = ok(run(c, raw, 'javier'));
    expect(d.audit.actor).toEqual(ref('javier'));
    expect(d.audit.onBehalfOf).toEqual(ref('daniela'));
    expect(d.next.kind === 'convenio' && d.next.legalReviews.municipal?.onBehalfOf).toEqual(ref('daniela'));
    const e = fail(run(c, raw, actor('javier', '2026-09-25')));
    expect(e.code).toBe('NO_AUTORIZADO');
    expect(e.message).toBe('Solo la Dirección de Asesoría Jurídica puede realizar esta acción.');
  });

  it('the mayor’s subrogante signs for the municipality; the signature names both', () => {
    const c = CONVENIO_BUILDERS.firma();
    const d = ok(run(c, CONVENIO_COMMANDS.firmar(c), 'carmen'));
    expect(d.audit.onBehalfOf).toEqual(ref('alberto'));
    expect(d.next.kind === 'convenio' && d.next.signatures).toEqual([
      {
        at: '2026-09-15T13:00:00.000Z',
        by: ref('carmen'),
        onBehalfOf: ref('alberto'),
        signerId: 'f1',
        version: 1,
        sha256: draftOf(c).sha256,
        method: 'fes',
      },
    ]);
  });

  it('the mayor’s subrogante signs for a signer bound to the mayor’s personId', () => {
    const raw = { signers: [{ ...CONVENIO_RAW.signers[0], personId: 'alberto' }, CONVENIO_RAW.signers[1]] };
    const c = CONVENIO_BUILDERS.firma(raw);
    const d = ok(run(c, CONVENIO_COMMANDS.firmar(c), 'carmen'));
    expect(d.audit.onBehalfOf).toEqual(ref('alberto'));
  });
});
