// Deadlines through decide(): días hábiles with the real Chile calendar, prórrogas (Ley 19.880 art. 26) and the
// timers each command arms or disarms.
import { protocolSettingsSchema, type Effect, type Solicitud } from '../../../protocol';
import {
  createSolicitudDecision,
  fail,
  NOW,
  ok,
  ref,
  run,
  SOLICITUD_BUILDERS,
  step,
} from '../../support/protocol-fixtures';

const timerEffects = (effects: Effect[]) => effects.filter((e) => e.type === 'schedule' || e.type === 'cancel_timers');
const sched = (timer: string, dueAt: string, about: string) => ({ type: 'schedule', timer, dueAt, about });
const CANCEL_ACK = { type: 'cancel_timers', timers: ['recordatorio_acuse', 'vencimiento_acuse'] };

const ACK_DUE_AT = '2026-09-18T02:59:59.999Z'; // end of Thursday 17-09-2026, -03
const ANSWER_DUE_AT = '2026-10-01T02:59:59.999Z'; // end of Wednesday 30-09-2026, -03
const settingsWith = (raw: object) => protocolSettingsSchema.parse(raw);

describe('a request made on Tuesday 15 September 2026 at 10:00 (Santiago)', () => {
  const d = createSolicitudDecision();
  const s = d.next;

  it('NOW is that local instant', () => {
    expect(NOW.toLocaleString('sv-SE', { timeZone: 'America/Santiago' })).toBe('2026-09-15 10:00:00');
  });

  it('acknowledge is due Thursday 17 (2 días hábiles)', () => {
    expect(s.deadlines.acknowledge).toEqual({
      dueDate: '2026-09-17',
      dueAt: ACK_DUE_AT,
      period: { amount: 2, unit: 'habiles' },
      startedAt: NOW.toISOString(),
      extended: 0,
    });
  });

  it('the answer is due Wednesday 30 (10 días hábiles, skipping 18 and 19 September and the weekends)', () => {
    expect(s.deadlines.answer).toEqual({
      dueDate: '2026-09-30',
      dueAt: ANSWER_DUE_AT,
      period: { amount: 10, unit: 'habiles' },
      startedAt: NOW.toISOString(),
      extended: 0,
    });
  });

  it('notifies the owner unit with the UGDT and the requester in copy, naming both dates', () => {
    const summary =
      'Ana Rojas (DIDECO) solicita «Atenciones de salud por sector». Acuse de recibo hasta el 17-09-2026, respuesta hasta el 30-09-2026.';
    const to = [{ kind: 'unit', unitId: 'salud' }];
    const cc = [
      { kind: 'role', role: 'ugdt' },
      { kind: 'person', personId: 'ana' },
    ];
    expect(d.effects.slice(0, 2)).toEqual([
      { type: 'notify', to, notice: 'solicitud.nueva', summary },
      {
        type: 'mail',
        to,
        cc,
        notice: 'solicitud.nueva',
        subject: 'SOL-2026-0001: solicitud de datos de DIDECO',
        summary,
      },
    ]);
  });

  it('arms a reminder at 09:00 the working day before each deadline and the due instant', () => {
    expect(timerEffects(d.effects)).toEqual([
      sched('recordatorio_acuse', '2026-09-16T12:00:00.000Z', ACK_DUE_AT),
      sched('vencimiento_acuse', ACK_DUE_AT, ACK_DUE_AT),
      sched('recordatorio_respuesta', '2026-09-29T12:00:00.000Z', ANSWER_DUE_AT),
      sched('vencimiento_respuesta', ANSWER_DUE_AT, ANSWER_DUE_AT),
    ]);
    expect(d.effects).toHaveLength(6);
  });
});

describe('reminders and periods follow the settings', () => {
  it('the reminder before a deadline across Fiestas Patrias falls on the last working day before it', () => {
    // Wednesday 16 at 10:00: acknowledge is due Monday 21 (17, then 18–20 do not count, 21).
    const d = createSolicitudDecision({}, 'ana', new Date('2026-09-16T13:00:00.000Z'));
    expect(d.next.deadlines.acknowledge.dueDate).toBe('2026-09-21');
    expect(timerEffects(d.effects).slice(0, 2)).toEqual([
      sched('recordatorio_acuse', '2026-09-17T12:00:00.000Z', '2026-09-22T02:59:59.999Z'),
      sched('vencimiento_acuse', '2026-09-22T02:59:59.999Z', '2026-09-22T02:59:59.999Z'),
    ]);
  });

  it('a reminder already in the past is not armed', () => {
    const settings = settingsWith({ perUnit: { salud: { acknowledge: { amount: 1, unit: 'habiles' } } } });
    const d = createSolicitudDecision({}, 'ana', NOW, settings);
    expect(d.next.deadlines.acknowledge.dueDate).toBe('2026-09-16');
    // 09:00 of 15-09 is before NOW (10:00): only the due instant remains for the acknowledgement.
    expect(timerEffects(d.effects).slice(0, 2)).toEqual([
      sched('vencimiento_acuse', '2026-09-17T02:59:59.999Z', '2026-09-17T02:59:59.999Z'),
      sched('recordatorio_respuesta', '2026-09-29T12:00:00.000Z', ANSWER_DUE_AT),
    ]);
  });

  it('reminderDaysBefore 0 arms no reminder', () => {
    const d = createSolicitudDecision({}, 'ana', NOW, settingsWith({ reminderDaysBefore: 0 }));
    expect(timerEffects(d.effects).map((e) => e.type === 'schedule' && e.timer)).toEqual([
      'vencimiento_acuse',
      'vencimiento_respuesta',
    ]);
  });

  it('a period in días corridos ends on the calendar day (moved to a working day)', () => {
    const settings = settingsWith({ perUnit: { salud: { answer: { amount: 10, unit: 'corridos' } } } });
    expect(createSolicitudDecision({}, 'ana', NOW, settings).next.deadlines.answer.dueDate).toBe('2026-09-25');
    const s = createSolicitudDecision(
      {},
      'ana',
      NOW,
      settingsWith({ perUnit: { salud: { answer: { amount: 4, unit: 'corridos' } } } }),
    );
    // 15 + 4 = Saturday 19 (a holiday too) → Monday 21.
    expect(s.next.deadlines.answer.dueDate).toBe('2026-09-21');
  });
});

describe('commands arm and disarm timers', () => {
  it('acusar_recibo disarms only the acknowledgement timers', () => {
    const d = ok(run(SOLICITUD_BUILDERS.enviada(), { type: 'acusar_recibo' }, 'sofia'));
    expect(timerEffects(d.effects)).toEqual([CANCEL_ACK]);
  });

  it('entregar disarms every timer', () => {
    const d = ok(
      run(
        SOLICITUD_BUILDERS.recibida(),
        { type: 'entregar', link: 'https://quillota.sharepoint.com/datos/a.xlsx', note: 'Adjunto' },
        'sofia',
      ),
    );
    // …and arms the close by silence: 10 días hábiles after the delivery on 15-09 (18 and 19-09 are holidays).
    expect(timerEffects(d.effects)).toEqual([
      { type: 'cancel_timers', timers: 'all' },
      sched('cierre_por_silencio', '2026-10-01T02:59:59.999Z', '2026-10-01T02:59:59.999Z'),
    ]);
  });

  it('reasignar restarts both deadlines with the new unit’s periods from the day of reassignment', () => {
    const settings = settingsWith({ perUnit: { transito: { answer: { amount: 5, unit: 'habiles' } } } });
    const at = new Date('2026-09-22T13:00:00.000Z'); // Tuesday 22, 10:00
    const raw = { type: 'reasignar', unitId: 'transito', reason: 'Tránsito lleva ese registro' };
    const d = ok<Solicitud>(run(SOLICITUD_BUILDERS.recibida(), raw, 'ursula', at, settings));
    expect(d.next.state).toBe('enviada');
    expect(d.next.ownerUnitId).toBe('transito');
    expect(d.next.acknowledged).toBeUndefined();
    expect(d.next.deadlines.acknowledge.dueDate).toBe('2026-09-24');
    expect(d.next.deadlines.answer.dueDate).toBe('2026-09-29');
    expect(timerEffects(d.effects)).toEqual([
      { type: 'cancel_timers', timers: 'all' },
      sched('recordatorio_acuse', '2026-09-23T12:00:00.000Z', '2026-09-25T02:59:59.999Z'),
      sched('vencimiento_acuse', '2026-09-25T02:59:59.999Z', '2026-09-25T02:59:59.999Z'),
      sched('recordatorio_respuesta', '2026-09-28T12:00:00.000Z', '2026-09-30T02:59:59.999Z'),
      sched('vencimiento_respuesta', '2026-09-30T02:59:59.999Z', '2026-09-30T02:59:59.999Z'),
    ]);
    expect(d.next.reassignments).toEqual([
      { at: at.toISOString(), by: ref('ursula'), fromUnitId: 'salud', toUnitId: 'transito', reason: raw.reason },
    ]);
  });

  it('observar gives the owner a full new answer period (over the 12 October holiday)', () => {
    const at = new Date('2026-09-28T13:00:00.000Z');
    const d = ok<Solicitud>(
      run(SOLICITUD_BUILDERS.entregada(), { type: 'observar', reason: 'Falta diciembre' }, 'ana', at),
    );
    expect(d.next.deadlines.answer).toMatchObject({ dueDate: '2026-10-13', extended: 0, startedAt: at.toISOString() });
    expect(timerEffects(d.effects)).toEqual([
      { type: 'cancel_timers', timers: ['cierre_por_silencio'] },
      sched('recordatorio_respuesta', '2026-10-09T12:00:00.000Z', '2026-10-14T02:59:59.999Z'),
      sched('vencimiento_respuesta', '2026-10-14T02:59:59.999Z', '2026-10-14T02:59:59.999Z'),
    ]);
  });

  it('reasignar refuses the owner’s own unit, unknown units and a person of another unit', () => {
    const s = SOLICITUD_BUILDERS.recibida();
    const same = fail(run(s, { type: 'reasignar', unitId: 'salud', reason: 'Otra vez' }, 'ursula'));
    expect([same.code, same.fields]).toEqual(['DATOS_INVALIDOS', { unitId: 'misma unidad' }]);
    const unknown = fail(run(s, { type: 'reasignar', unitId: 'obras', reason: 'Otra vez' }, 'ursula'));
    expect([unknown.code, unknown.fields]).toEqual(['DATOS_INVALIDOS', { unitId: 'unidad desconocida' }]);
    const stranger = fail(
      run(s, { type: 'reasignar', unitId: 'transito', assigneeId: 'ana', reason: 'Otra' }, 'ursula'),
    );
    expect([stranger.code, stranger.fields]).toEqual(['DATOS_INVALIDOS', { assigneeId: 'no pertenece a la unidad' }]);
  });

  it('reasignar refuses the requester’s own unit', () => {
    const e = fail(
      run(SOLICITUD_BUILDERS.recibida(), { type: 'reasignar', unitId: 'dideco', reason: 'x y z' }, 'ursula'),
    );
    expect(e.code).toBe('DATOS_INVALIDOS');
    expect(Object.keys(e.fields)).toEqual(['unitId']);
  });
});

describe('prórroga: at most half the original period (art. 26)', () => {
  const prorrogar = (s: Solicitud, amount: number) =>
    run(s, { type: 'prorrogar', amount, reason: 'Cierre mensual' }, 'ursula');

  it('5 días hábiles on a 10-day period moves the answer from 30-09 to 07-10', () => {
    const d = ok<Solicitud>(prorrogar(SOLICITUD_BUILDERS.recibida(), 5));
    expect(d.next.state).toBe('recibida');
    expect(d.next.deadlines.answer).toEqual({
      dueDate: '2026-10-07',
      dueAt: '2026-10-08T02:59:59.999Z',
      period: { amount: 10, unit: 'habiles' },
      startedAt: NOW.toISOString(),
      extended: 5,
    });
    expect(d.next.extensions).toEqual([
      { at: NOW.toISOString(), by: ref('ursula'), amount: 5, reason: 'Cierre mensual', newDueDate: '2026-10-07' },
    ]);
    // The acknowledgment was already given: its timers were disarmed then, nothing to cancel now.
    expect(timerEffects(d.effects)).toEqual([
      sched('recordatorio_respuesta', '2026-10-06T12:00:00.000Z', '2026-10-08T02:59:59.999Z'),
      sched('vencimiento_respuesta', '2026-10-08T02:59:59.999Z', '2026-10-08T02:59:59.999Z'),
    ]);
  });

  it('6 is refused on field amount', () => {
    const e = fail(prorrogar(SOLICITUD_BUILDERS.recibida(), 6));
    expect(e.code).toBe('DATOS_INVALIDOS');
    expect(e.message).toBe('La prórroga no puede exceder la mitad del plazo original: quedan 5 días hábiles.');
    expect(e.fields).toEqual({ amount: 'máximo 5' });
  });

  it('a second prórroga only up to what is left', () => {
    const first = ok<Solicitud>(prorrogar(SOLICITUD_BUILDERS.recibida(), 3)).next;
    expect(first.deadlines.answer).toMatchObject({ dueDate: '2026-10-05', extended: 3 });
    expect(fail(prorrogar(first, 3)).fields).toEqual({ amount: 'máximo 2' });
    const second = ok<Solicitud>(prorrogar(first, 2)).next;
    expect(second.deadlines.answer).toMatchObject({ dueDate: '2026-10-07', extended: 5 });
    expect(second.extensions.map((x) => [x.amount, x.newDueDate])).toEqual([
      [3, '2026-10-05'],
      [2, '2026-10-07'],
    ]);
    const none = fail(prorrogar(second, 1));
    expect(none.message).toBe('La prórroga no puede exceder la mitad del plazo original: quedan 0 días hábiles.');
  });

  it('in días corridos the unit is named', () => {
    const settings = settingsWith({ perUnit: { salud: { answer: { amount: 10, unit: 'corridos' } } } });
    const s = createSolicitudDecision({}, 'ana', NOW, settings).next;
    expect(ok<Solicitud>(prorrogar(s, 5)).next.deadlines.answer.dueDate).toBe('2026-09-30');
    expect(fail(prorrogar(s, 6)).message).toBe(
      'La prórroga no puede exceder la mitad del plazo original: quedan 5 días corridos.',
    );
  });

  it('on an enviada request the acknowledgement timers stay armed', () => {
    const d = ok<Solicitud>(prorrogar(SOLICITUD_BUILDERS.enviada(), 5));
    expect(timerEffects(d.effects)).toEqual([
      sched('recordatorio_respuesta', '2026-10-06T12:00:00.000Z', '2026-10-08T02:59:59.999Z'),
      sched('vencimiento_respuesta', '2026-10-08T02:59:59.999Z', '2026-10-08T02:59:59.999Z'),
    ]);
  });

  it('an overdue acknowledgement stays flagged after a prórroga of the answer', () => {
    const late = new Date('2026-09-18T12:00:00.000Z');
    const s = step(
      SOLICITUD_BUILDERS.enviada(),
      { type: 'marcar_vencida', deadline: 'acknowledge', about: ACK_DUE_AT },
      'sistema',
      late,
    );
    expect(s.overdue).toEqual({ since: ACK_DUE_AT, deadline: 'acknowledge' });
    const d = ok<Solicitud>(run(s, { type: 'prorrogar', amount: 2, reason: 'Cierre mensual' }, 'ursula', late));
    expect(d.next.overdue).toEqual({ since: ACK_DUE_AT, deadline: 'acknowledge' });
  });
});

describe('indicar_plazo: a wait time stays within the legal period (art. 26)', () => {
  const indicar = (until: string, s = SOLICITUD_BUILDERS.recibida()) =>
    run(s, { type: 'indicar_plazo', until, note: 'Requiere cruce de bases' }, 'sofia');

  it('within the deadline the answer deadline is unchanged and no timer is armed', () => {
    const d = ok<Solicitud>(indicar('2026-09-30'));
    expect(d.next.deadlines.answer).toMatchObject({ dueDate: '2026-09-30', extended: 0 });
    expect(d.next.wait).toEqual({
      at: NOW.toISOString(),
      by: ref('sofia'),
      until: '2026-09-30',
      note: 'Requiere cruce de bases',
    });
    expect(timerEffects(d.effects)).toEqual([CANCEL_ACK]);
  });

  it.each([['2026-10-01'], ['2026-10-07'], ['2026-10-08']])(
    '%s (past 30-09) is refused and never consumes the extension',
    (until) => {
      const s = SOLICITUD_BUILDERS.recibida();
      const e = fail(indicar(until, s));
      expect(e.code).toBe('DATOS_INVALIDOS');
      expect(e.message).toBe(
        'Elija una fecha entre hoy (15-09-2026) y el 30-09-2026 (plazo legal); para más tiempo, solicite una prórroga antes del vencimiento.',
      );
      expect(e.fields).toEqual({ until: 'fuera del plazo legal' });
      // Nothing changed: the whole allowance is still there for a prórroga.
      expect(s.deadlines.answer).toMatchObject({ dueDate: '2026-09-30', extended: 0 });
      expect(s.extensions).toEqual([]);
    },
  );

  it('after a granted 3-day prórroga the limit is the new deadline 05-10', () => {
    const s = step(SOLICITUD_BUILDERS.recibida(), { type: 'prorrogar', amount: 3, reason: 'Cierre' }, 'ursula');
    expect(ok<Solicitud>(indicar('2026-10-05', s)).next.deadlines.answer.extended).toBe(3);
    expect(fail(indicar('2026-10-06', s)).fields).toEqual({ until: 'fuera del plazo legal' });
  });

  it('a date already past is refused', () => {
    const e = fail(indicar('2026-09-14'));
    expect([e.code, e.message, e.fields]).toEqual([
      'DATOS_INVALIDOS',
      'La fecha de entrega ya pasó.',
      { until: 'fecha pasada' },
    ]);
  });

  it('straight from enviada it also acknowledges receipt', () => {
    const d = ok<Solicitud>(indicar('2026-09-25', SOLICITUD_BUILDERS.enviada()));
    expect(d.next.state).toBe('en_plazo');
    expect(d.next.acknowledged).toEqual({ at: NOW.toISOString(), by: ref('sofia') });
  });
});
