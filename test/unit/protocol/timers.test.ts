// The scheduler's side: each armed timer becomes a system command (TIMER_COMMANDS) that decide() accepts only while
// it still concerns the current deadline (`about`) and the instant is right.
import { TIMER_COMMANDS, type Convenio, type Effect, type Solicitud, type TimerKind } from '../../../protocol';
import {
  CONVENIO_BUILDERS,
  createSolicitudDecision,
  fail,
  ok,
  run,
  SOLICITUD_BUILDERS,
  step,
} from '../../support/protocol-fixtures';

const ACK_DUE_AT = '2026-09-18T02:59:59.999Z';
const ANSWER_DUE_AT = '2026-10-01T02:59:59.999Z';
const ms = (iso: string, delta = 0) => new Date(new Date(iso).getTime() + delta);

type Schedule = Extract<Effect, { type: 'schedule' }>;
const schedules = (effects: Effect[]) => effects.filter((e): e is Schedule => e.type === 'schedule');

/** Fire a timer as the scheduler does: the system issues TIMER_COMMANDS[timer](about) at `now`. */
const fire = <S extends Solicitud | Convenio>(item: S, timer: TimerKind, about: string, now: Date) =>
  run(item, TIMER_COMMANDS[timer](about) as unknown as Record<string, unknown>, 'sistema', now);

describe('TIMER_COMMANDS', () => {
  it.each<[TimerKind, object]>([
    ['recordatorio_acuse', { type: 'recordatorio_plazo', deadline: 'acknowledge', about: 'X' }],
    ['vencimiento_acuse', { type: 'marcar_vencida', deadline: 'acknowledge', about: 'X' }],
    ['recordatorio_respuesta', { type: 'recordatorio_plazo', deadline: 'answer', about: 'X' }],
    ['vencimiento_respuesta', { type: 'marcar_vencida', deadline: 'answer', about: 'X' }],
    ['evaluacion_periodica', { type: 'evaluacion_pendiente', about: 'X' }],
    ['aviso_termino', { type: 'marcar_por_vencer', about: 'X' }],
    ['fin_vigencia', { type: 'vencer', about: 'X' }],
    ['recordatorio_termino', { type: 'plazo_termino', stage: 'recordatorio', about: 'X' }],
    ['vencimiento_termino', { type: 'plazo_termino', stage: 'vencimiento', about: 'X' }],
  ])('%s → %j', (timer, command) => {
    expect(TIMER_COMMANDS[timer]('X')).toEqual(command);
  });

  it('covers every timer kind the protocol arms', () => {
    expect(Object.keys(TIMER_COMMANDS).sort()).toEqual([
      'aviso_termino',
      'cierre_por_silencio',
      'evaluacion_periodica',
      'fin_vigencia',
      'recordatorio_acuse',
      'recordatorio_etapa',
      'recordatorio_respuesta',
      'recordatorio_termino',
      'vencimiento_acuse',
      'vencimiento_etapa',
      'vencimiento_respuesta',
      'vencimiento_termino',
    ]);
  });
});

describe('every timer armed on creation is accepted at its instant', () => {
  const created = createSolicitudDecision();
  it.each(schedules(created.effects).map((e) => [e.timer, e]))('%s', (_timer, e) => {
    const d = ok<Solicitud>(fire(created.next, e.timer, e.about, new Date(e.dueAt)));
    expect(d.next.state).toBe('enviada');
    expect(d.audit.actor).toEqual({ personId: 'sistema', name: 'Sistema' });
  });
});

describe('marcar_vencida', () => {
  const s = SOLICITUD_BUILDERS.enviada();

  it('at the due instant flags the request overdue for the UGDT, state unchanged', () => {
    const d = ok<Solicitud>(fire(s, 'vencimiento_acuse', ACK_DUE_AT, new Date(ACK_DUE_AT)));
    expect(d.next.state).toBe('enviada');
    expect(d.next.overdue).toEqual({ since: ACK_DUE_AT, deadline: 'acknowledge' });
    expect(d.effects[0]).toEqual({
      type: 'notify',
      to: [{ kind: 'role', role: 'ugdt' }],
      notice: 'solicitud.vencida',
      summary:
        'Venció el acuse de recibo (17-09-2026) de Salud. La UGDT puede recordar, reasignar, prorrogar o cerrar.',
    });
  });

  it('one millisecond before the due instant it is refused', () => {
    const e = fail(fire(s, 'vencimiento_acuse', ACK_DUE_AT, ms(ACK_DUE_AT, -1)));
    expect([e.code, e.message]).toEqual(['TEMPORIZADOR_OBSOLETO', 'El plazo aún no vence.']);
    expect(e.status).toBe(409);
  });

  it('the answer deadline is flagged in any state awaiting the owner', () => {
    for (const state of ['enviada', 'recibida', 'en_plazo'] as const) {
      const d = ok<Solicitud>(
        fire(SOLICITUD_BUILDERS[state](), 'vencimiento_respuesta', ANSWER_DUE_AT, ms(ANSWER_DUE_AT)),
      );
      expect(d.next.overdue).toEqual({ since: ANSWER_DUE_AT, deadline: 'answer' });
    }
  });

  it.each<[string, () => Solicitud, TimerKind, string]>([
    ['an about that is not the deadline', () => s, 'vencimiento_respuesta', ACK_DUE_AT],
    ['the acknowledgement once acknowledged', () => SOLICITUD_BUILDERS.recibida(), 'vencimiento_acuse', ACK_DUE_AT],
    [
      'the answer deadline replaced by a prórroga',
      () => step(s, { type: 'prorrogar', amount: 2, reason: 'Cierre mensual' }, 'ursula'),
      'vencimiento_respuesta',
      ANSWER_DUE_AT,
    ],
    [
      'the acknowledgement of the unit before a reassignment',
      // a day later: the new acknowledgement is due 21-09
      () =>
        step(
          s,
          { type: 'reasignar', unitId: 'transito', reason: 'Otro registro' },
          'ursula',
          ms('2026-09-16T13:00:00Z'),
        ),
      'vencimiento_acuse',
      ACK_DUE_AT,
    ],
  ])('a stale timer (%s) gives TEMPORIZADOR_OBSOLETO', (_label, build, timer, about) => {
    const e = fail(fire(build(), timer, about, ms('2026-10-20T12:00:00.000Z')));
    expect(e.code).toBe('TEMPORIZADOR_OBSOLETO');
    expect(e.message).toBe('El plazo cambió desde que se programó este aviso.');
  });

  it('a request no longer awaiting the owner refuses the timer by state', () => {
    const e = fail(fire(SOLICITUD_BUILDERS.entregada(), 'vencimiento_respuesta', ANSWER_DUE_AT, ms(ANSWER_DUE_AT)));
    expect(e.code).toBe('TRANSICION_INVALIDA');
  });

  const lateAnswer = () =>
    step(
      SOLICITUD_BUILDERS.recibida(),
      TIMER_COMMANDS.vencimiento_respuesta(ANSWER_DUE_AT) as never,
      'sistema',
      ms(ANSWER_DUE_AT, 3600_000),
    );

  it('reasignar clears the overdue flag (a new unit, new deadlines)', () => {
    const overdue = lateAnswer();
    expect(overdue.overdue).toEqual({ since: ANSWER_DUE_AT, deadline: 'answer' });
    const raw = { type: 'reasignar', unitId: 'transito', reason: 'Otro registro' };
    expect(ok<Solicitud>(run(overdue, raw, 'ursula', ms(ANSWER_DUE_AT, 3600_000))).next.overdue).toBeUndefined();
  });

  // Ley 19.880 art. 26 inc. 3: an expired deadline is never extended, so nothing clears the late flag.
  it.each<[string, Record<string, unknown>, string, string]>([
    [
      'indicar_plazo',
      { type: 'indicar_plazo', until: '2026-10-02', note: 'Cruce de bases' },
      'sofia',
      'El plazo legal venció el 30-09-2026: un plazo vencido no se puede ampliar (Ley 19.880 art. 26). Entregue los datos o informe que no están disponibles.',
    ],
    [
      'prorrogar',
      { type: 'prorrogar', amount: 2, reason: 'Cierre mensual' },
      'ursula',
      'El plazo de respuesta venció el 30-09-2026: un plazo vencido no se puede prorrogar (Ley 19.880 art. 26). La UGDT puede reiterar la solicitud.',
    ],
  ])('%s after expiry is refused and the request stays late', (_verb, raw, who, message) => {
    const overdue = lateAnswer();
    const e = fail(run(overdue, raw, who, ms(ANSWER_DUE_AT, 3600_000)));
    expect(e.message).toBe(message);
  });
});

describe('recordatorio_plazo', () => {
  const s = SOLICITUD_BUILDERS.enviada();

  it('before the due instant records an automatic reminder to the owner unit', () => {
    const at = new Date('2026-09-16T12:00:00.000Z');
    const d = ok<Solicitud>(fire(s, 'recordatorio_acuse', ACK_DUE_AT, at));
    expect(d.next.reminders).toEqual([
      { at: at.toISOString(), by: { personId: 'sistema', name: 'Sistema' }, automatic: true },
    ]);
    expect(d.effects[0]).toEqual({
      type: 'notify',
      to: [{ kind: 'unit', unitId: 'salud' }],
      notice: 'solicitud.recordatorio',
      summary: 'Recuerde: el acuse de recibo vence el 17-09-2026.',
    });
  });

  it('at or after the due instant it is obsolete', () => {
    const e = fail(fire(s, 'recordatorio_respuesta', ANSWER_DUE_AT, new Date(ANSWER_DUE_AT)));
    expect([e.code, e.message]).toEqual(['TEMPORIZADOR_OBSOLETO', 'El plazo ya venció.']);
  });

  it('a stale about is obsolete', () => {
    expect(fail(fire(s, 'recordatorio_respuesta', ACK_DUE_AT, new Date('2026-09-16T12:00:00.000Z'))).code).toBe(
      'TEMPORIZADOR_OBSOLETO',
    );
  });
});

describe('convenio timers', () => {
  const vigente = CONVENIO_BUILDERS.vigente();

  it('evaluacion_periodica marks the evaluation pending when it concerns the next due date', () => {
    expect(vigente.nextEvaluationDue).toBe('2027-03-15');
    const d = ok<Convenio>(fire(vigente, 'evaluacion_periodica', '2027-03-15', new Date('2027-03-15T12:00:00.000Z')));
    expect([d.next.state, d.next.evaluationPending]).toEqual(['vigente', true]);
  });

  it('after the evaluation was registered the old timer is obsolete', () => {
    const raw = {
      type: 'registrar_evaluacion_periodica',
      compliance: 'cumple',
      effectiveness: 'Útil',
      findings: 'Ninguno',
    };
    const evaluated = step(vigente, raw, 'sergio', new Date('2027-03-10T13:00:00.000Z'));
    expect(evaluated.nextEvaluationDue).toBe('2027-09-10');
    const e = fail(fire(evaluated, 'evaluacion_periodica', '2027-03-15', new Date('2027-03-15T12:00:00.000Z')));
    expect([e.code, e.message]).toEqual(['TEMPORIZADOR_OBSOLETO', 'La evaluación ya fue registrada o reprogramada.']);
  });

  it('aviso_termino moves a vigente convenio to por_vencer; after a renewal the old one is obsolete', () => {
    expect(vigente.validity).toEqual({ start: '2026-09-15', end: '2028-09-14' });
    const d = ok<Convenio>(fire(vigente, 'aviso_termino', '2028-09-14', new Date('2028-07-16T13:00:00.000Z')));
    expect(d.next.state).toBe('por_vencer');
    const renewed = step(d.next, { type: 'renovar', months: 12, decree: '5120', decreeDate: '2026-09-15' }, 'sergio');
    const e = fail(fire(renewed, 'aviso_termino', '2028-09-14', new Date('2028-07-16T13:00:00.000Z')));
    expect([e.code, e.message]).toEqual([
      'TEMPORIZADOR_OBSOLETO',
      'La vigencia cambió desde que se programó este aviso.',
    ]);
    expect(
      ok<Convenio>(fire(renewed, 'aviso_termino', '2029-09-14', new Date('2029-07-16T13:00:00.000Z'))).next.state,
    ).toBe('por_vencer');
  });
});
