// Rules 3 and 9b of issue 12: the deadlines of a convenio's steps before vigencia (reminder, escalation) and the
// rejection at evaluación, decided by the Administración Municipal on SECPLAN's proposal. Real 2026–2027 dates.
import {
  allowedActions,
  decide,
  DEFAULT_SETTINGS,
  parseCreate,
  EVALUATION_REJECTION_RULE,
  makeStepDeadline,
  protocolSettingsSchema,
  runningSteps,
  stepOverdue,
  type Convenio,
  type Effect,
  type StepKind,
} from '../../../protocol';
import {
  actor,
  CAL,
  CONVENIO_BUILDERS,
  CONVENIO_RAW,
  CONVENIO_STEPS,
  createConvenio,
  ctx,
  fail,
  ok,
  run,
} from '../../support/protocol-fixtures';

const TZ = DEFAULT_SETTINGS.timeZone;
/** Monday 21-12-2026, 09:00 in Santiago (summer time, UTC−3). */
const DEC21 = new Date('2026-12-21T12:00:00.000Z');

const schedules = (effects: Effect[]) =>
  effects.filter((e): e is Extract<Effect, { type: 'schedule' }> => e.type === 'schedule');
const notices = (effects: Effect[]) =>
  effects.filter((e): e is Extract<Effect, { type: 'notify' }> => e.type === 'notify');

describe('a step deadline counts días hábiles from the day after the step began (Ley 19.880 art. 25)', () => {
  // 25-12-2026 and 01-01-2027 are public holidays (both Fridays); 31-12 is a working day.
  it.each<[StepKind, number, string, string, string, string]>([
    // kind, días hábiles, step began (ISO), due date, due instant (end of day), reminder (09:00 one working day before)
    [
      'evaluacion',
      15,
      '2026-12-21T12:00:00.000Z',
      '2027-01-13',
      '2027-01-14T02:59:59.999Z',
      '2027-01-12T12:00:00.000Z',
    ],
    [
      'visacion_municipal',
      10,
      '2026-12-28T15:00:00.000Z',
      '2027-01-12',
      '2027-01-13T02:59:59.999Z',
      '2027-01-11T12:00:00.000Z',
    ],
    ['firma', 5, '2026-12-30T15:00:00.000Z', '2027-01-07', '2027-01-08T02:59:59.999Z', '2027-01-06T12:00:00.000Z'],
    // April 2027: winter time (UTC−4) from Sunday 04-04.
    ['decreto', 10, '2027-04-01T15:00:00.000Z', '2027-04-15', '2027-04-16T03:59:59.999Z', '2027-04-14T13:00:00.000Z'],
  ])('%s, %i días hábiles from %s → %s', (kind, amount, start, dueDate, dueAt, remindAt) => {
    const d = makeStepDeadline(CAL, { key: kind, kind }, { amount, unit: 'habiles' }, new Date(start), 1, TZ);
    expect(d).toMatchObject({ kind, dueDate, dueAt, remindAt, startedAt: start, extended: 0 });
  });

  it('no reminder when the period is too short for one, nor when reminders are off', () => {
    const oneDay = makeStepDeadline(CAL, { key: 'firma', kind: 'firma' }, { amount: 1, unit: 'habiles' }, DEC21, 1, TZ);
    expect(oneDay.dueDate).toBe('2026-12-22');
    expect(oneDay.remindAt).toBeUndefined();
    const off = makeStepDeadline(CAL, { key: 'firma', kind: 'firma' }, { amount: 5, unit: 'habiles' }, DEC21, 0, TZ);
    expect(off.remindAt).toBeUndefined();
  });

  it('the periods are settings with defaults (evaluación 15, visación 10, firma 5, decreto 10 días hábiles)', () => {
    expect(DEFAULT_SETTINGS.convenio.stepPeriods).toEqual({
      evaluacion: { amount: 15, unit: 'habiles' },
      visacion: { amount: 10, unit: 'habiles' },
      firma: { amount: 5, unit: 'habiles' },
      decreto: { amount: 10, unit: 'habiles' },
    });
    const s = protocolSettingsSchema.parse({
      convenio: { stepPeriods: { visacion: { amount: 20, unit: 'corridos' } } },
    });
    expect(s.convenio.stepPeriods.visacion).toEqual({ amount: 20, unit: 'corridos' });
    expect(s.convenio.stepPeriods.firma).toEqual({ amount: 5, unit: 'habiles' });
    expect(s.convenio.signatureOrder).toBe('secuencial');
  });
});

describe('the evaluation of a convenio proposed on 21-12-2026', () => {
  const c = createConvenio({}, 'ana', DEC21);
  const d = c.stepDeadlines!.evaluacion!;

  it('runs against 13-01-2027 and arms its reminder and its escalation', () => {
    expect(runningSteps(c)).toEqual([{ key: 'evaluacion', kind: 'evaluacion' }]);
    expect(d).toMatchObject({ dueDate: '2027-01-13', remindAt: '2027-01-12T12:00:00.000Z' });
    const created = ok<Convenio>(
      decide(null, parseCreate('convenio', CONVENIO_RAW), ctx('ana', DEC21), { id: 'c1', reference: 'CONV-2026-0001' }),
    );
    expect(schedules(created.effects)).toEqual([
      {
        type: 'schedule',
        timer: 'recordatorio_etapa',
        dueAt: '2027-01-12T12:00:00.000Z',
        about: '2027-01-12T12:00:00.000Z',
      },
      {
        type: 'schedule',
        timer: 'vencimiento_etapa',
        dueAt: '2027-01-14T02:59:59.999Z',
        about: '2027-01-14T02:59:59.999Z',
      },
    ]);
    const commented = run(c, { type: 'comentar', text: 'Seguimiento' }, 'ana', DEC21);
    // A later command that changes no step arms nothing new.
    expect(schedules(ok(commented).effects)).toEqual([]);
  });

  it('the reminder on 12-01-2027 goes to SECPLAN (no assessment yet), SECPLAN in copy of the mail', () => {
    const r = ok<Convenio>(run(c, { type: 'recordatorio_etapa', about: d.remindAt }, 'sistema', new Date(d.remindAt!)));
    expect(notices(r.effects)).toEqual([
      {
        type: 'notify',
        to: [{ kind: 'role', role: 'secplan' }],
        notice: 'convenio.recordatorio_etapa',
        summary: 'Recuerde: el plazo para la evaluación de necesidad (§5) vence el 13-01-2027.',
      },
    ]);
    expect(r.next.stepDeadlines!.evaluacion!.remindedAt).toBe(d.remindAt);
    expect(r.audit.command).toBe('recordatorio_etapa');
    // Sent once: the same timer again is stale.
    expect(fail(run(r.next, { type: 'recordatorio_etapa', about: d.remindAt }, 'sistema')).code).toBe(
      'TEMPORIZADOR_OBSOLETO',
    );
  });

  it('after the assessment the reminder goes to the Administración Municipal', () => {
    const assessed = CONVENIO_STEPS.evaluar(c);
    const r = ok<Convenio>(
      run(assessed, { type: 'recordatorio_etapa', about: d.remindAt }, 'sistema', new Date(d.remindAt!)),
    );
    expect(notices(r.effects)[0]!.to).toEqual([{ kind: 'role', role: 'administrador_municipal' }]);
  });

  it('is escalated to SECPLAN and the Administración once 13-01-2027 has ended, not before', () => {
    const early = fail(run(c, { type: 'etapa_vencida', about: d.dueAt }, 'sistema', new Date('2027-01-13T20:00:00Z')));
    expect(early.code).toBe('TEMPORIZADOR_OBSOLETO');
    expect(early.message).toBe('El plazo aún no vence.');
    const r = ok<Convenio>(run(c, { type: 'etapa_vencida', about: d.dueAt }, 'sistema', new Date(d.dueAt)));
    const [teams] = notices(r.effects);
    expect(teams!.to).toEqual([
      { kind: 'role', role: 'secplan' },
      { kind: 'role', role: 'administrador_municipal' },
    ]);
    expect(teams!.summary).toBe(
      'Venció el plazo para la evaluación de necesidad (§5) (13-01-2027). SECPLAN y la Administración Municipal deben gestionar que se cumpla.',
    );
    expect(stepOverdue(r.next)).toBe(true);
    expect(stepOverdue(c)).toBe(false);
    // Escalated once.
    expect(fail(run(r.next, { type: 'etapa_vencida', about: d.dueAt }, 'sistema', new Date(d.dueAt))).code).toBe(
      'TEMPORIZADOR_OBSOLETO',
    );
    // Done late, the step ends and so does its overdue flag.
    const approved = CONVENIO_STEPS.aprobar(CONVENIO_STEPS.evaluar(r.next));
    expect(approved.stepDeadlines).toEqual({});
    expect(stepOverdue(approved)).toBe(false);
  });

  it('only the system fires step timers', () => {
    expect(fail(run(c, { type: 'etapa_vencida', about: d.dueAt }, 'sergio', new Date(d.dueAt))).code).toBe(
      'NO_AUTORIZADO',
    );
  });
});

describe('visaciones, signatures and decree each get their own deadline from when they began', () => {
  it('both visaciones start on sending; the DAJ visa ends its own and leaves the counterpart running', () => {
    const v = CONVENIO_BUILDERS.visacion();
    expect(Object.keys(v.stepDeadlines!)).toEqual(['visacion_municipal', 'visacion_externa']);
    // Sent on 15-09-2026: 10 días hábiles; 18 and 19 September are holidays (Friday, Saturday).
    expect(v.stepDeadlines!.visacion_municipal!.dueDate).toBe('2026-09-30');
    const visada = CONVENIO_STEPS.visar(v);
    expect(Object.keys(visada.stepDeadlines!)).toEqual(['visacion_externa']);
    expect(visada.stepDeadlines!.visacion_externa).toEqual(v.stepDeadlines!.visacion_externa);
  });

  it('in sequential order only the next signer runs against a deadline, which starts when the previous signed', () => {
    const f = CONVENIO_BUILDERS.firma();
    expect(Object.keys(f.stepDeadlines!)).toEqual(['firma:f1']);
    const later = new Date('2026-09-22T14:00:00.000Z');
    const signed = ok<Convenio>(
      run(
        f,
        { type: 'firmar', signerId: 'f1', version: 1, sha256: f.documents.at(-1)!.sha256 },
        actor('alberto'),
        later,
      ),
    );
    expect(Object.keys(signed.next.stepDeadlines!)).toEqual(['firma:f2']);
    expect(signed.next.stepDeadlines!['firma:f2']!.startedAt).toBe(later.toISOString());
    expect(signed.next.stepDeadlines!['firma:f2']!.dueDate).toBe('2026-09-29');
    // The step timers move to the new signer's reminder and deadline.
    expect(schedules(signed.effects).map((e) => [e.timer, e.about])).toEqual([
      ['recordatorio_etapa', signed.next.stepDeadlines!['firma:f2']!.remindAt],
      ['vencimiento_etapa', signed.next.stepDeadlines!['firma:f2']!.dueAt],
    ]);
  });

  it('the decree step runs in aprobación and ends with the decree', () => {
    const a = CONVENIO_BUILDERS.aprobacion();
    expect(Object.keys(a.stepDeadlines!)).toEqual(['decreto']);
    expect(CONVENIO_STEPS.decreto(a).stepDeadlines).toEqual({});
  });

  it('a stale timer of an ended step is refused and changes nothing', () => {
    const v = CONVENIO_BUILDERS.visacion();
    const visada = CONVENIO_STEPS.visar(CONVENIO_STEPS.visarExterna(v));
    expect(visada.state).toBe('firma');
    const e = fail(
      run(visada, { type: 'etapa_vencida', about: v.stepDeadlines!.visacion_municipal!.dueAt }, 'sistema'),
    );
    expect(e.code).toBe('TEMPORIZADOR_OBSOLETO');
  });

  it('a convenio stored before rule 3 is read as having entered its step at its last change', () => {
    const { stepDeadlines: _none, ...old } = CONVENIO_BUILDERS.evaluacion();
    const legacy = { ...old, updatedAt: DEC21.toISOString() } as Convenio;
    const d = ok<Convenio>(run(legacy, { type: 'comentar', text: 'Sigue pendiente' }, 'ana'));
    expect(d.next.stepDeadlines!.evaluacion!.startedAt).toBe(DEC21.toISOString());
    expect(d.next.stepDeadlines!.evaluacion!.dueDate).toBe('2027-01-13');
    expect(schedules(d.effects).map((e) => e.timer)).toEqual(['recordatorio_etapa', 'vencimiento_etapa']);
  });
});

describe('rejecting at evaluación: the Administración Municipal on SECPLAN’s proposal (rule 9b)', () => {
  const c = CONVENIO_BUILDERS.evaluacion();

  it.each(['sergio', 'daniela'])('%s may not reject alone at evaluación', (who) => {
    const e = fail(run(c, { type: 'rechazar', reason: 'Sin necesidad' }, who));
    expect(e.code).toBe('NO_AUTORIZADO');
    expect(e.message).toBe(EVALUATION_REJECTION_RULE);
  });

  it('the Administración may not reject without a proposal, and is not offered the button', () => {
    const e = fail(run(c, { type: 'rechazar', reason: 'Sin necesidad' }, 'adriana'));
    expect(e.code).toBe('TRANSICION_INVALIDA');
    expect(e.message).toBe(`SECPLAN aún no propone el rechazo. ${EVALUATION_REJECTION_RULE}`);
    expect(allowedActions(c, actor('adriana')).map((a) => a.verb)).not.toContain('rechazar');
    expect(allowedActions(c, actor('sergio')).map((a) => a.verb)).toContain('proponer_rechazo');
  });

  const proposed = ok<Convenio>(run(c, { type: 'proponer_rechazo', reason: 'No se acredita la necesidad' }, 'sergio'));

  it('SECPLAN proposes, with its reason; the Administración is told', () => {
    expect(proposed.next.state).toBe('evaluacion');
    expect(proposed.next.rejectionProposal).toMatchObject({ reason: 'No se acredita la necesidad' });
    expect(proposed.audit).toMatchObject({ command: 'proponer_rechazo', from: 'evaluacion', to: 'evaluacion' });
    expect(notices(proposed.effects)[0]!.to).toEqual([{ kind: 'role', role: 'administrador_municipal' }]);
    expect(fail(run(proposed.next, { type: 'proponer_rechazo', reason: 'otra vez' }, 'sergio')).code).toBe(
      'TRANSICION_INVALIDA',
    );
    expect(fail(run(c, { type: 'proponer_rechazo', reason: 'Sin fundamento' }, 'adriana')).code).toBe('NO_AUTORIZADO');
  });

  it('with a proposal, the Administración is offered Rechazar and Desestimar; SECPLAN neither', () => {
    const verbs = (who: string) => allowedActions(proposed.next, actor(who)).map((a) => a.verb);
    expect(verbs('adriana')).toEqual(expect.arrayContaining(['rechazar', 'desestimar_rechazo']));
    expect(verbs('sergio')).not.toContain('rechazar');
    expect(verbs('sergio')).not.toContain('proponer_rechazo');
    expect(fail(run(proposed.next, { type: 'rechazar', reason: 'Sin fundamento' }, 'sergio')).message).toBe(
      EVALUATION_REJECTION_RULE,
    );
  });

  it('the Administración rejects on the proposal', () => {
    const r = ok<Convenio>(run(proposed.next, { type: 'rechazar', reason: 'Se acoge la propuesta' }, 'adriana'));
    expect(r.next.state).toBe('rechazado');
    expect(r.audit).toMatchObject({ command: 'rechazar', from: 'evaluacion', to: 'rechazado' });
    expect(r.next.stepDeadlines).toEqual({});
  });

  it('or dismisses it, after which a rejection needs a new proposal', () => {
    const r = ok<Convenio>(run(proposed.next, { type: 'desestimar_rechazo', note: 'Necesidad acreditada' }, 'adriana'));
    expect(r.next.rejectionProposal).toBeUndefined();
    expect(r.next.state).toBe('evaluacion');
    expect(fail(run(r.next, { type: 'rechazar', reason: 'Sin fundamento' }, 'adriana')).code).toBe(
      'TRANSICION_INVALIDA',
    );
    expect(fail(run(c, { type: 'desestimar_rechazo', note: 'Sin propuesta' }, 'adriana')).message).toBe(
      'No hay una propuesta de rechazo que desestimar.',
    );
  });

  it('whoever proposed may not decide, even while subrogating the Administrador(a) Municipal', () => {
    const sergio = actor('sergio');
    const subrogante = {
      ...sergio,
      grants: [...sergio.grants, ...actor('adriana').grants.map((g) => ({ ...g, delegated: true }))],
    };
    const mine = ok<Convenio>(run(c, { type: 'proponer_rechazo', reason: 'No se acredita la necesidad' }, subrogante));
    expect(allowedActions(mine.next, subrogante).map((a) => a.verb)).not.toContain('rechazar');
    const e = fail(run(mine.next, { type: 'rechazar', reason: 'Se acoge la propuesta' }, subrogante));
    expect(e.code).toBe('NO_AUTORIZADO');
    expect(e.message).toBe(`Quien propuso el rechazo no puede decidirlo. ${EVALUATION_REJECTION_RULE}`);
    expect(ok(run(mine.next, { type: 'rechazar', reason: 'Se acoge la propuesta' }, 'adriana')).next.state).toBe(
      'rechazado',
    );
  });

  it('after evaluación the rejection stays with SECPLAN, the Administración or the DAJ', () => {
    for (const who of ['sergio', 'adriana', 'daniela'])
      expect(
        ok(run(CONVENIO_BUILDERS.redaccion(), { type: 'rechazar', reason: 'Sin fundamento' }, who)).next.state,
      ).toBe('rechazado');
  });
});
