// Issue 12, rules 4 and 5: the end of a convenio's vigencia (expiry notices, automatic and express renewal,
// vencido and its termination deadline) and the transfers it covers, on real 2026–2027 dates.
// A convenio approved by decree on 15-01-2026 for 12 months is in force until 14-01-2027 (Código Civil art. 48).
import {
  DEFAULT_SETTINGS,
  expiryNoticeDates,
  protocolSettingsSchema,
  type Convenio,
  type Effect,
} from '../../../protocol';
import { CONVENIO_BUILDERS, fail, ok, run, step } from '../../support/protocol-fixtures';

const at = (iso: string) => new Date(iso);
/** 12:00 local (Chile summer time, -03) on a day. */
const noon = (d: string) => at(`${d}T15:00:00.000Z`);

function vigente(renewal: 'automatica' | 'expresa' | 'sin_renovacion' = 'expresa'): Convenio {
  const c = CONVENIO_BUILDERS.aprobacion({ durationMonths: 12, renewal });
  return step(c, { type: 'registrar_decreto', number: '120', date: '2026-01-15' }, 'marta');
}

const schedules = (effects: Effect[]) =>
  effects
    .filter((e): e is Extract<Effect, { type: 'schedule' }> => e.type === 'schedule')
    .map((e) => e.timer + ' ' + e.dueAt + ' ' + e.about);
const mailsTo = (effects: Effect[]) =>
  effects
    .filter((e): e is Extract<Effect, { type: 'mail' }> => e.type === 'mail')
    .flatMap((e) =>
      e.to.map((r) =>
        r.kind === 'contact' ? r.email : r.kind === 'person' ? r.personId : r.kind === 'role' ? r.role : r.unitId,
      ),
    );

describe('settings: expiry notices and the termination deadline', () => {
  it.each<[unknown, number[]]>([
    [undefined, [60, 15]],
    [60, [60]], // the former single-number setting
    [
      [90, 30, 7],
      [90, 30, 7],
    ],
  ])('expiryNoticeDays %j → %j', (given, expected) => {
    const s = protocolSettingsSchema.parse(given === undefined ? {} : { convenio: { expiryNoticeDays: given } });
    expect(s.convenio.expiryNoticeDays).toEqual(expected);
  });
  it('terminationDays defaults to 30 días hábiles', () => {
    expect(DEFAULT_SETTINGS.convenio.terminationDays).toBe(30);
  });
  it.each([[0], [[]], ['sesenta'], [[400]]])('expiryNoticeDays %j is refused', (v) => {
    expect(protocolSettingsSchema.safeParse({ convenio: { expiryNoticeDays: v } }).success).toBe(false);
  });
});

describe('expiry notices at 60 and 15 días corridos before 14-01-2027', () => {
  it('dates of the notices', () => {
    expect(expiryNoticeDates('2027-01-14', DEFAULT_SETTINGS)).toEqual(['2026-11-15', '2026-12-30']);
  });

  it('the decree arms the first notice (09:00 on 15-11-2026) and the end of the vigencia (00:00 on 15-01-2027)', () => {
    const d = ok<Convenio>(
      run(
        CONVENIO_BUILDERS.aprobacion({ durationMonths: 12 }),
        { type: 'registrar_decreto', number: '120', date: '2026-01-15' },
        'marta',
      ),
    );
    expect(d.next.validity).toEqual({ start: '2026-01-15', end: '2027-01-14' });
    expect(schedules(d.effects)).toEqual([
      'evaluacion_periodica 2026-07-15T13:00:00.000Z 2026-07-15',
      'aviso_termino 2026-11-15T12:00:00.000Z 2027-01-14',
      'fin_vigencia 2027-01-15T03:00:00.000Z 2027-01-14',
    ]);
  });

  it('each notice goes to SECPLAN, the proposer and both technical contacts, and arms the next one', () => {
    const c = vigente();
    const first = ok<Convenio>(
      run(c, { type: 'marcar_por_vencer', about: '2027-01-14' }, 'sistema', at('2026-11-15T12:00:00Z')),
    );
    expect(first.next.state).toBe('por_vencer');
    expect(schedules(first.effects)).toEqual(['aviso_termino 2026-12-30T12:00:00.000Z 2027-01-14']);
    expect(mailsTo(first.effects)).toEqual(['secplan', 'ana', 'diego', 'datos@uv.cl']);
    const mail = first.effects.find((e) => e.type === 'mail') as Extract<Effect, { type: 'mail' }>;
    expect(mail.summary).toMatch(/^Vence el 14-01-2027 \(en 60 días\): la renovación expresa debe aprobarse/);

    const second = ok<Convenio>(
      run(first.next, { type: 'marcar_por_vencer', about: '2027-01-14' }, 'sistema', at('2026-12-30T12:00:00Z')),
    );
    expect(second.next.state).toBe('por_vencer');
    expect((second.effects.find((e) => e.type === 'mail') as { summary: string }).summary).toMatch(
      /^Vence el 14-01-2027 \(en 15 días\)/,
    );
    expect(schedules(second.effects)).toEqual([]);
  });
});

describe('the end of the vigencia (timer fin_vigencia at 00:00 on 15-01-2027)', () => {
  const END = at('2027-01-15T03:00:00.000Z');

  it('automatic renewal: a system event with the new end (14-01-2028), notices to SECPLAN and the counterpart', () => {
    const d = ok<Convenio>(run(vigente('automatica'), { type: 'vencer', about: '2027-01-14' }, 'sistema', END));
    expect(d.next.state).toBe('vigente');
    expect(d.next.validity).toEqual({ start: '2026-01-15', end: '2028-01-14' });
    expect(d.next.renewals).toEqual([
      expect.objectContaining({ previousEnd: '2027-01-14', newEnd: '2028-01-14', automatic: true }),
    ]);
    expect(d.audit).toMatchObject({
      command: 'renovacion_automatica',
      from: 'vigente',
      to: 'vigente',
      actor: { personId: 'sistema' },
      payload: { about: '2027-01-14', previousEnd: '2027-01-14', newEnd: '2028-01-14' },
    });
    expect(schedules(d.effects)).toEqual([
      'aviso_termino 2027-11-15T12:00:00.000Z 2028-01-14',
      'fin_vigencia 2028-01-15T03:00:00.000Z 2028-01-14',
    ]);
    const mail = d.effects.find((e) => e.type === 'mail') as Extract<Effect, { type: 'mail' }>;
    expect(mail.notice).toBe('convenio.renovado_automaticamente');
    expect(mailsTo(d.effects)).toEqual(['secplan', 'ana', 'diego', 'datos@uv.cl']);
    expect(mail.summary).toContain('sigue vigente hasta el 14-01-2028');
  });

  it.each<['expresa' | 'sin_renovacion']>([['expresa'], ['sin_renovacion']])(
    '%s without a renewal act: vencido, with 30 días hábiles to delete or return the data (26-02-2027)',
    (renewal) => {
      const d = ok<Convenio>(run(vigente(renewal), { type: 'vencer', about: '2027-01-14' }, 'sistema', END));
      expect(d.next.state).toBe('vencido');
      expect(d.next.validity!.end).toBe('2027-01-14');
      expect(d.next.terminationDeadline?.dueDate).toBe('2027-02-26');
      expect(d.audit).toMatchObject({ command: 'vencer', from: 'vigente', to: 'vencido' });
      expect(d.effects).toContainEqual({
        type: 'cancel_timers',
        timers: ['evaluacion_periodica', 'aviso_termino', 'fin_vigencia'],
      });
      expect(schedules(d.effects)).toEqual([
        'recordatorio_termino 2027-02-25T12:00:00.000Z 2027-02-27T02:59:59.999Z',
        'vencimiento_termino 2027-02-27T02:59:59.999Z 2027-02-27T02:59:59.999Z',
      ]);
      const mail = d.effects.find((e) => e.type === 'mail') as Extract<Effect, { type: 'mail' }>;
      expect(mail.summary).toContain('terminó el 14-01-2027');
      expect(mail.summary).toContain('a más tardar el 26-02-2027');
    },
  );

  it('a timer armed on an end that moved is obsolete', () => {
    const renewed = step(
      vigente(),
      { type: 'renovar', months: 12, decree: '77', decreeDate: '2027-01-10' },
      'sergio',
      noon('2027-01-10'),
    );
    const e = fail(run(renewed, { type: 'vencer', about: '2027-01-14' }, 'sistema', END));
    expect(e.code).toBe('TEMPORIZADOR_OBSOLETO');
  });

  it('vencido → terminado with the evidence; the termination deadline timers then find nothing to do', () => {
    const vencido = step(vigente(), { type: 'vencer', about: '2027-01-14' }, 'sistema', END);
    const done = ok<Convenio>(
      run(
        vencido,
        { type: 'terminar', reason: 'Fin de la vigencia', dataDisposition: 'eliminados', evidence: 'Acta N° 3' },
        'sergio',
        noon('2027-02-01'),
      ),
    );
    expect(done.next.state).toBe('terminado');
    expect(done.effects).toContainEqual({ type: 'cancel_timers', timers: 'all' });
    const due = vencido.terminationDeadline!.dueAt;
    expect(fail(run(done.next, { type: 'plazo_termino', stage: 'vencimiento', about: due }, 'sistema')).code).toBe(
      'TRANSICION_INVALIDA',
    );
  });

  it('termination deadline: reminder to SECPLAN, then escalation to SECPLAN and the Administración', () => {
    const vencido = step(vigente(), { type: 'vencer', about: '2027-01-14' }, 'sistema', END);
    const due = vencido.terminationDeadline!.dueAt;
    const reminder = ok<Convenio>(
      run(vencido, { type: 'plazo_termino', stage: 'recordatorio', about: due }, 'sistema', at('2027-02-25T12:00:00Z')),
    );
    expect(mailsTo(reminder.effects)).toEqual(['secplan']);
    const late = ok<Convenio>(
      run(vencido, { type: 'plazo_termino', stage: 'vencimiento', about: due }, 'sistema', at(due)),
    );
    expect(late.next.state).toBe('vencido');
    expect(mailsTo(late.effects)).toEqual(['secplan', 'administrador_municipal']);
  });
});

describe('express renewal: its act must come before the end (14-01-2027)', () => {
  const renew = (decreeDate: string | undefined, now: Date, c = vigente()) =>
    run(c, { type: 'renovar', months: 12, decree: '77', ...(decreeDate ? { decreeDate } : {}) }, 'sergio', now);
  const EXPIRED = 'El convenio venció el 14-01-2027; una renovación expresa debía aprobarse antes de esa fecha.';

  it.each<[string, string, string]>([
    ['2027-01-10', '2027-01-10', '2028-01-14'],
    ['2027-01-14', '2027-01-14', '2028-01-14'], // the last day in force still counts
    ['2026-12-20', '2027-01-05', '2028-01-14'],
  ])('act of %s recorded on %s: new end %s, timers re-armed', (decreeDate, on, newEnd) => {
    const d = ok<Convenio>(renew(decreeDate, noon(on)));
    expect(d.next.validity!.end).toBe(newEnd);
    expect(d.next.renewals.at(-1)).toMatchObject({ decree: '77', decreeDate, previousEnd: '2027-01-14', newEnd });
    expect(schedules(d.effects)).toContain(`fin_vigencia 2028-01-15T03:00:00.000Z ${newEnd}`);
  });

  it.each<[string, string]>([
    ['2027-01-20', '2027-01-20'], // the act itself came after the end
    ['2027-01-10', '2027-01-20'], // an act in time, but recorded after the end (the timer had not run yet)
  ])('act of %s recorded on %s is refused', (decreeDate, on) => {
    const e = fail(renew(decreeDate, noon(on)));
    expect([e.code, e.message]).toEqual(['TRANSICION_INVALIDA', EXPIRED]);
  });

  it('once vencido, renovar is refused with the same message', () => {
    const vencido = step(vigente(), { type: 'vencer', about: '2027-01-14' }, 'sistema', at('2027-01-15T03:00:00Z'));
    const e = fail(renew('2027-01-10', noon('2027-01-20'), vencido));
    expect([e.code, e.message]).toEqual(['TRANSICION_INVALIDA', EXPIRED]);
  });

  it('without the act (number and date) it is refused', () => {
    const e = fail(run(vigente(), { type: 'renovar', months: 12 }, 'sergio', noon('2027-01-10')));
    expect([e.code, e.fields]).toEqual(['DATOS_INVALIDOS', { decree: 'requerido', decreeDate: 'requerida' }]);
  });

  it('an act dated in the future is refused', () => {
    const e = fail(renew('2027-01-12', noon('2027-01-10')));
    expect([e.code, e.fields]).toEqual(['DATOS_INVALIDOS', { decreeDate: 'fecha futura' }]);
  });
});

describe('transfers follow the convenio (rule 5)', () => {
  const transfer = (over: Record<string, unknown>, who: string, now: Date, c = vigente()) =>
    run(
      c,
      {
        type: 'registrar_transferencia',
        date: '2026-06-01',
        datasets: ['Siniestros viales georreferenciados'],
        method: 'SharePoint',
        municipalResponsible: 'Diego Soto',
        externalResponsible: 'Rodrigo Paredes',
        ...over,
      },
      who,
      now,
    );

  it.each<[string, Record<string, unknown>, string]>([
    ['the municipal technical contact', {}, 'diego'],
    ['SECPLAN', {}, 'sergio'],
    ['names in other case and without accents', { datasets: ['SINIESTROS VIALES GEORREFERENCIADOS'] }, 'diego'],
    ['on the first day of the vigencia', { date: '2026-01-15' }, 'diego'],
    ['on its last day', { date: '2027-01-14' }, 'diego'],
  ])('%s: accepted, both technical contacts notified', (_what, over, who) => {
    const now = over.date === '2027-01-14' ? noon('2027-01-14') : noon('2026-06-02');
    const d = ok<Convenio>(transfer(over, who, now));
    expect(d.next.transfers).toHaveLength(1);
    expect(mailsTo(d.effects)).toEqual(['diego', 'datos@uv.cl']);
    const teams = d.effects.find((e) => e.type === 'notify') as Extract<Effect, { type: 'notify' }>;
    expect(teams.to).toEqual([{ kind: 'person', personId: 'diego' }]);
  });

  it.each<[string, Record<string, unknown>, string, Date, string, string]>([
    [
      'a dataset the convenio does not cover',
      { datasets: ['Siniestros viales georreferenciados', 'Licencias de conducir'] },
      'diego',
      noon('2026-06-02'),
      'DATOS_INVALIDOS',
      'El convenio no cubre el conjunto de datos «Licencias de conducir»; solo puede transferir: «Siniestros viales georreferenciados».',
    ],
    [
      'before the vigencia',
      { date: '2026-01-14' },
      'diego',
      noon('2026-06-02'),
      'DATOS_INVALIDOS',
      'La transferencia es anterior al inicio de la vigencia (15-01-2026).',
    ],
    [
      'dated in the future',
      { date: '2026-06-03' },
      'diego',
      noon('2026-06-02'),
      'DATOS_INVALIDOS',
      'La fecha de la transferencia no puede ser futura.',
    ],
    [
      'after the end (vigente still: the timer has not run)',
      { date: '2027-01-20' },
      'diego',
      noon('2027-01-20'),
      'TRANSICION_INVALIDA',
      'No se pueden registrar transferencias después del término de la vigencia (14-01-2027).',
    ],
    [
      'dated in the vigencia but recorded after its end',
      { date: '2027-01-10' },
      'diego',
      noon('2027-01-20'),
      'TRANSICION_INVALIDA',
      'No se pueden registrar transferencias después del término de la vigencia (14-01-2027).',
    ],
    [
      'by someone else',
      {},
      'ana',
      noon('2026-06-02'),
      'NO_AUTORIZADO',
      'Solo SECPLAN o la contraparte técnica municipal puede realizar esta acción.',
    ],
  ])('%s: refused, nothing recorded', (_what, over, who, now, code, message) => {
    const c = vigente();
    const e = fail(transfer(over, who, now, c));
    expect([e.code, e.message]).toEqual([code, message]);
    expect(c.transfers).toEqual([]);
  });

  it('a vencido convenio refuses transfers naming its end', () => {
    const vencido = step(vigente(), { type: 'vencer', about: '2027-01-14' }, 'sistema', at('2027-01-15T03:00:00Z'));
    const e = fail(transfer({ date: '2027-01-10' }, 'diego', noon('2027-01-20'), vencido));
    expect([e.code, e.message]).toEqual([
      'TRANSICION_INVALIDA',
      'No se pueden registrar transferencias después del término de la vigencia (14-01-2027).',
    ]);
  });
});
