// Rules 2, 8 and 9a of issue 12 on real dates: a request made on Monday 14-12-2026 has 10 días hábiles to be answered,
// due Tuesday 29-12-2026 (25-12 is a holiday); half of that period (5) is the art. 26 allowance.
import {
  allowedActions,
  DEFAULT_SETTINGS,
  protocolSettingsSchema,
  redactFor,
  RESERVED,
  TIMER_COMMANDS,
  type Solicitud,
} from '../../../protocol';
import { as, createSolicitudDecision, fail, ok, run } from '../../support/protocol-fixtures';

/** Local time (UTC-3 in December) → instant. */
const at = (local: string) => new Date(`${local}-03:00`);
const CREATED = at('2026-12-14T10:00:00');
const DUE_AT = '2026-12-30T02:59:59.999Z'; // end of 29-12-2026, local

const created = (): Solicitud => createSolicitudDecision({}, 'ana', CREATED).next;
const go = (s: Solicitud, raw: Record<string, unknown>, who: string, when: string, settings = DEFAULT_SETTINGS) =>
  run(s, raw, who, at(when), settings);
const next = (s: Solicitud, raw: Record<string, unknown>, who: string, when: string) =>
  ok<Solicitud>(go(s, raw, who, when)).next;

const ASK = (amount: number) => ({ type: 'solicitar_prorroga', amount, reason: 'Cierre anual del sistema' });
const received = () => next(created(), { type: 'acusar_recibo' }, 'sofia', '2026-12-15T09:00:00');
const verbs = (s: Solicitud, who: string) => allowedActions(s, as(who)).map((a) => a.verb);
const lapse = (s: Solicitud) => go(s, TIMER_COMMANDS.vencimiento_respuesta(DUE_AT), 'sistema', '2026-12-30T00:00:00');

it('the answer deadline of a request of 14-12-2026 is 29-12-2026', () => {
  expect(created().deadlines.answer).toMatchObject({ dueDate: '2026-12-29', dueAt: DUE_AT, extended: 0 });
});

describe('solicitar_prorroga: by the owner unit, before expiry, at most half the period (art. 26)', () => {
  it.each<[string, number, string | null]>([
    ['2026-12-28T16:00:00', 5, null],
    ['2026-12-29T23:59:00', 1, null],
    [
      '2026-12-30T08:00:00',
      2,
      'El plazo de respuesta venció el 29-12-2026: un plazo vencido no se puede prorrogar (Ley 19.880 art. 26). La UGDT puede reiterar la solicitud.',
    ],
    ['2026-12-28T16:00:00', 6, 'La prórroga no puede exceder la mitad del plazo original: quedan 5 días hábiles.'],
  ])('asked %s for %i días: %s', (when, amount, refusal) => {
    const s = received();
    const r = go(s, ASK(amount), 'sofia', when);
    if (refusal === null) {
      const d = ok<Solicitud>(r);
      expect(d.next.extensionRequests).toEqual([
        expect.objectContaining({ amount, status: 'pendiente', reason: 'Cierre anual del sistema' }),
      ]);
      // Asking changes no deadline: only UGDT's decision does.
      expect(d.next.deadlines.answer).toEqual(s.deadlines.answer);
      expect(d.effects).toContainEqual(
        expect.objectContaining({
          type: 'notify',
          notice: 'solicitud.prorroga_solicitada',
          to: [{ kind: 'role', role: 'ugdt' }],
        }),
      );
      expect(d.audit).toMatchObject({ command: 'solicitar_prorroga', payload: { amount } });
    } else {
      expect(fail(r).message).toBe(refusal);
      expect(s.extensionRequests).toBeUndefined();
    }
  });

  it('one pending request at a time; only the owner unit asks', () => {
    const s = next(received(), ASK(3), 'sofia', '2026-12-21T10:00:00');
    expect(fail(go(s, ASK(2), 'sofia', '2026-12-22T10:00:00')).message).toBe(
      'Ya hay una solicitud de prórroga pendiente (3 días, del 21-12-2026); espere la decisión de la UGDT.',
    );
    expect(fail(go(received(), ASK(2), 'ana', '2026-12-22T10:00:00')).code).toBe('NO_AUTORIZADO');
    expect(fail(go(received(), ASK(2), 'ursula', '2026-12-22T10:00:00')).code).toBe('NO_AUTORIZADO');
  });

  it('the cards offer it to the owner before expiry only, and UGDT decides only while one is pending', () => {
    const s = received();
    expect(verbs(s, 'sofia')).toContain('solicitar_prorroga');
    expect(verbs(s, 'ursula')).not.toContain('conceder_prorroga');
    const pending = next(s, ASK(3), 'sofia', '2026-12-21T10:00:00');
    expect(verbs(pending, 'sofia')).not.toContain('solicitar_prorroga');
    expect(verbs(pending, 'ursula')).toEqual(expect.arrayContaining(['conceder_prorroga', 'denegar_prorroga']));
    expect(verbs(pending, 'ursula')).not.toContain('prorrogar');
    const late = ok<Solicitud>(lapse(s)).next;
    expect(verbs(late, 'sofia')).not.toContain('solicitar_prorroga');
    expect(verbs(late, 'ursula')).toContain('reiterar');
    expect(verbs(late, 'ursula')).not.toContain('prorrogar');
    expect(verbs(s, 'ursula')).not.toContain('reiterar');
  });
});

describe('conceder_prorroga / denegar_prorroga: by UGDT, while pending and before expiry', () => {
  const pending = () => next(received(), ASK(5), 'sofia', '2026-12-28T09:00:00');

  it.each<[number, string]>([
    [5, '2027-01-06'],
    [3, '2027-01-04'],
  ])('granting %i días hábiles moves 29-12-2026 to %s (1-1 is a holiday)', (amount, due) => {
    const s = next(received(), ASK(amount), 'sofia', '2026-12-28T09:00:00');
    const d = ok<Solicitud>(go(s, { type: 'conceder_prorroga' }, 'ursula', '2026-12-29T12:00:00'));
    expect(d.next.deadlines.answer).toMatchObject({ dueDate: due, extended: amount });
    expect(d.next.extensionRequests?.[0]).toMatchObject({
      status: 'concedida',
      decided: { by: { personId: 'ursula' } },
    });
    expect(d.next.extensions.map((e) => [e.amount, e.newDueDate])).toEqual([[amount, due]]);
    expect(d.effects).toContainEqual(expect.objectContaining({ type: 'schedule', timer: 'vencimiento_respuesta' }));
  });

  it('after expiry the pending request can no longer be granted', () => {
    const e = fail(go(pending(), { type: 'conceder_prorroga' }, 'ursula', '2026-12-30T09:00:00'));
    expect(e.message).toMatch(/^El plazo de respuesta venció el 29-12-2026: un plazo vencido no se puede prorrogar/);
  });

  it('without a pending request there is nothing to grant', () => {
    expect(fail(go(received(), { type: 'conceder_prorroga' }, 'ursula', '2026-12-22T09:00:00')).message).toBe(
      'No hay una solicitud de prórroga pendiente (SOL-2026-0001).',
    );
  });

  it('denegar keeps the deadline and tells the owner unit', () => {
    const s = pending();
    const d = ok<Solicitud>(
      go(s, { type: 'denegar_prorroga', reason: 'El informe vence el 31-12' }, 'ursula', '2026-12-28T15:00:00'),
    );
    expect(d.next.deadlines.answer).toEqual(s.deadlines.answer);
    expect(d.next.extensionRequests?.[0]).toMatchObject({
      status: 'denegada',
      decided: { reason: 'El informe vence el 31-12' },
    });
    expect(d.effects).toContainEqual(expect.objectContaining({ notice: 'solicitud.prorroga_denegada' }));
    // A new request may follow a refusal.
    expect(ok(go(d.next, ASK(2), 'sofia', '2026-12-29T09:00:00'))).toBeTruthy();
  });

  it('the owner unit cannot grant its own request', () => {
    expect(fail(go(pending(), { type: 'conceder_prorroga' }, 'sofia', '2026-12-28T10:00:00')).code).toBe(
      'NO_AUTORIZADO',
    );
  });

  it('UGDT may not extend de oficio over a pending request, nor after expiry', () => {
    const raw = { type: 'prorrogar', amount: 2, reason: 'Cierre anual' };
    expect(fail(go(pending(), raw, 'ursula', '2026-12-28T10:00:00')).message).toBe(
      'La unidad pidió una prórroga de 5 días el 28-12-2026: concédala o deniéguela.',
    );
    expect(fail(go(received(), raw, 'ursula', '2026-12-30T10:00:00')).code).toBe('TRANSICION_INVALIDA');
    expect(ok<Solicitud>(go(received(), raw, 'ursula', '2026-12-29T10:00:00')).next.deadlines.answer.dueDate).toBe(
      '2026-12-31',
    );
  });
});

describe('a request still pending at expiry lapses (marcar_vencida)', () => {
  it('is marked caducada, the owner is told and the request is late', () => {
    const s = next(received(), ASK(5), 'sofia', '2026-12-29T17:00:00');
    const d = ok<Solicitud>(lapse(s));
    expect(d.next.extensionRequests?.[0]).toMatchObject({
      status: 'caducada',
      decided: { by: { personId: 'sistema' } },
    });
    expect(d.next.overdue).toEqual({ since: DUE_AT, deadline: 'answer' });
    expect(d.next.deadlines.answer.dueDate).toBe('2026-12-29');
    expect(d.audit.payload).toMatchObject({ prorrogaCaducada: true });
    expect(d.effects).toContainEqual(
      expect.objectContaining({
        type: 'notify',
        notice: 'solicitud.prorroga_caducada',
        to: [{ kind: 'unit', unitId: 'salud' }],
      }),
    );
  });

  it('without a pending request nothing lapses', () => {
    const d = ok<Solicitud>(lapse(received()));
    expect(d.audit.payload).not.toHaveProperty('prorrogaCaducada');
  });
});

describe('indicar_plazo stays within the legal period', () => {
  it.each<[string, string, string | null]>([
    ['2026-12-21T10:00:00', '2026-12-29', null],
    [
      '2026-12-21T10:00:00',
      '2026-12-30',
      'Elija una fecha entre hoy (21-12-2026) y el 29-12-2026 (plazo legal); para más tiempo, solicite una prórroga antes del vencimiento.',
    ],
    [
      '2026-12-21T10:00:00',
      '2027-01-06',
      'Elija una fecha entre hoy (21-12-2026) y el 29-12-2026 (plazo legal); para más tiempo, solicite una prórroga antes del vencimiento.',
    ],
  ])('on %s, until %s', (when, until, refusal) => {
    const s = received();
    const r = go(s, { type: 'indicar_plazo', until, note: 'Cruce de bases' }, 'sofia', when);
    if (refusal === null) expect(ok<Solicitud>(r).next.deadlines.answer).toEqual(s.deadlines.answer);
    else {
      expect(fail(r).message).toBe(refusal);
      expect(s.deadlines.answer.extended).toBe(0);
    }
  });
});

describe('reiterar: UGDT after expiry, the request stays late', () => {
  const late = () => ok<Solicitud>(lapse(received())).next;
  const REIT = (until: string) => ({ type: 'reiterar', until, reason: 'Se requiere para el informe anual' });

  it('before expiry it is refused', () => {
    expect(fail(go(received(), REIT('2027-01-05'), 'ursula', '2026-12-29T10:00:00')).message).toBe(
      'La respuesta vence el 29-12-2026: antes del vencimiento use «Recordar» o una prórroga; «Reiterar» es para un plazo vencido.',
    );
  });

  it.each<[string, string, string | null]>([
    ['2026-12-30T10:00:00', '2026-12-31', null],
    [
      '2026-12-30T10:00:00',
      '2026-12-30',
      'La nueva fecha de respuesta debe ser desde el 31-12-2026 (próximo día hábil).',
    ],
    ['2026-12-30T10:00:00', '2027-01-01', null], // a holiday: runs to Monday 04-01-2027
    [
      '2026-12-31T10:00:00',
      '2026-12-31',
      'La nueva fecha de respuesta debe ser desde el 04-01-2027 (próximo día hábil).',
    ],
  ])('on %s with the date %s', (when, until, refusal) => {
    const s = late();
    const r = go(s, REIT(until), 'ursula', when);
    if (refusal !== null) {
      expect(fail(r).message).toBe(refusal);
      expect(s.reiterations).toBeUndefined();
      return;
    }
    const d = ok<Solicitud>(r);
    expect(d.next.reiterations?.at(-1)?.until).toBe(until === '2027-01-01' ? '2027-01-04' : until);
    expect(d.next.overdue).toEqual(s.overdue);
    expect(d.next.deadlines.answer).toEqual(s.deadlines.answer);
    expect(d.effects).toContainEqual(
      expect.objectContaining({
        type: 'notify',
        notice: 'solicitud.reiterada',
        to: [{ kind: 'unit', unitId: 'salud' }],
      }),
    );
  });

  it('after a reiteration the owner may commit to a date up to it, still late', () => {
    const s = next(late(), REIT('2027-01-05'), 'ursula', '2026-12-30T10:00:00');
    const d = ok<Solicitud>(
      go(
        s,
        { type: 'indicar_plazo', until: '2027-01-05', note: 'Se entrega el martes' },
        'sofia',
        '2026-12-30T11:00:00',
      ),
    );
    expect(d.next.overdue).toEqual({ since: DUE_AT, deadline: 'answer' });
    expect(
      fail(go(s, { type: 'indicar_plazo', until: '2027-01-06', note: 'Más' }, 'sofia', '2026-12-30T11:00:00')).fields,
    ).toEqual({
      until: 'fuera del plazo legal',
    });
  });
});

describe('corregir_clasificacion (rule 8)', () => {
  const SENSIBLE = { access: 'uso_interno', privacy: 'sensible' };
  const fix = (classification: object, reason = 'Incluye diagnósticos de salud por persona') => ({
    type: 'corregir_clasificacion',
    classification,
    reason,
  });

  it('the owner unit corrects it; from then on the fields are hidden from Control', () => {
    const s = received();
    expect(redactFor(as('claudio'), s).hidden).toEqual([]);
    const d = ok<Solicitud>(go(s, fix(SENSIBLE), 'sofia', '2026-12-16T10:00:00'));
    expect(d.next.classification).toMatchObject(SENSIBLE);
    expect(d.next.impactAssessmentRequired).toBe(true);
    expect(d.next.classificationChanges).toEqual([
      expect.objectContaining({
        from: s.classification,
        to: d.next.classification,
        by: expect.objectContaining({ personId: 'sofia' }),
      }),
    ]);
    expect(d.audit).toMatchObject({ command: 'corregir_clasificacion' });
    const seen = redactFor(as('claudio'), d.next);
    expect(seen.hidden).toContain('dataset.fields');
    expect((seen.item as Solicitud).dataset.fields).toEqual([RESERVED]);
    // The parties still see everything.
    expect(redactFor(as('ana'), d.next).hidden).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['the same class', fix({ access: 'uso_interno', privacy: 'no_personal' }), 'sofia', 'DATOS_INVALIDOS'],
    ['a reason too short', fix(SENSIBLE, 'Salud'), 'sofia', 'DATOS_INVALIDOS'],
    ['the requester', fix(SENSIBLE), 'ana', 'NO_AUTORIZADO'],
    ['UGDT', fix(SENSIBLE), 'ursula', 'NO_AUTORIZADO'],
  ])('refused for %s', (_label, raw, who, code) => {
    const s = received();
    let e;
    try {
      e = fail(go(s, raw, who, '2026-12-16T10:00:00'));
    } catch (thrown) {
      e = thrown as { code: string };
    }
    expect(e.code).toBe(code);
    expect(s.classification.privacy).toBe('no_personal');
  });
});

describe('closing a delivered request (rule 9a)', () => {
  const delivered = () =>
    next(
      received(),
      { type: 'entregar', link: 'https://quillota.sharepoint.com/datos/a.xlsx', note: 'Planilla' },
      'sofia',
      '2026-12-22T10:00:00',
    );
  const CLOSE_AT = '2027-01-08T02:59:59.999Z'; // end of 07-01-2027: 10 días hábiles after 22-12-2026

  it('entregar arms the close by silence 10 días hábiles later', () => {
    const d = ok<Solicitud>(
      go(
        received(),
        { type: 'entregar', link: 'https://quillota.sharepoint.com/datos/a.xlsx', note: 'Planilla' },
        'sofia',
        '2026-12-22T10:00:00',
      ),
    );
    expect(d.effects).toContainEqual({
      type: 'schedule',
      timer: 'cierre_por_silencio',
      dueAt: CLOSE_AT,
      about: CLOSE_AT,
    });
  });

  it('UGDT may not close it over the requester', () => {
    const e = fail(
      go(delivered(), { type: 'cerrar', reason: 'Cierre administrativo' }, 'ursula', '2026-12-23T10:00:00'),
    );
    expect([e.code, e.message]).toEqual([
      'TRANSICION_INVALIDA',
      'La entrega espera la conformidad del solicitante; se cerrará por silencio el 07-01-2027 si no responde (SOL-2026-0001).',
    ]);
    expect(verbs(delivered(), 'ursula')).not.toContain('cerrar');
  });

  it.each<[string, string | null]>([
    ['2027-01-07T23:59:59', 'El plazo del solicitante aún no vence.'],
    ['2027-01-08T00:00:00', null],
  ])('the timer at %s', (when, refusal) => {
    const r = go(delivered(), TIMER_COMMANDS.cierre_por_silencio(CLOSE_AT), 'sistema', when);
    if (refusal) {
      expect(fail(r).message).toBe(refusal);
      return;
    }
    const d = ok<Solicitud>(r);
    expect(d.next).toMatchObject({
      state: 'cerrada',
      closedBySilence: true,
      outcome: { reason: 'Cerrada por silencio del solicitante el 08-01-2027' },
    });
    expect(d.audit).toMatchObject({ command: 'cerrar_por_silencio', from: 'entregada', to: 'cerrada' });
  });

  it('a timer of an earlier delivery is stale', () => {
    const e = fail(
      go(delivered(), TIMER_COMMANDS.cierre_por_silencio('2027-01-01T02:59:59.999Z'), 'sistema', '2027-01-09T10:00:00'),
    );
    expect(e.code).toBe('TEMPORIZADOR_OBSOLETO');
  });

  it('the period is a setting (solicitud.silenceCloseDays)', () => {
    const settings = protocolSettingsSchema.parse({ solicitud: { silenceCloseDays: 5 } });
    const d = ok<Solicitud>(
      go(
        received(),
        { type: 'entregar', link: 'https://quillota.sharepoint.com/datos/a.xlsx', note: 'Planilla' },
        'sofia',
        '2026-12-22T10:00:00',
        settings,
      ),
    );
    // 23, 24, 28, 29, 30-12 (25-12 is a holiday).
    expect(d.effects).toContainEqual(
      expect.objectContaining({ timer: 'cierre_por_silencio', dueAt: '2026-12-31T02:59:59.999Z' }),
    );
    expect(DEFAULT_SETTINGS.solicitud.silenceCloseDays).toBe(10);
  });
});
