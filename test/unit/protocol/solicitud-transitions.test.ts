// Every verb × every state of the internal request, generated from SOLICITUD_TRANSITIONS: a new verb or state is
// covered as soon as the fixtures know how to build and issue it (the Record types force that).
import {
  isDomainError,
  SOLICITUD_STATE_LABELS,
  SOLICITUD_STATES,
  SOLICITUD_TRANSITIONS,
  SOLICITUD_VERBS,
  type Solicitud,
  type SolicitudState,
  type SolicitudVerb,
} from '../../../protocol';
import {
  fail,
  NOW,
  ok,
  run,
  SOLICITUD_ACTOR,
  SOLICITUD_BUILDERS,
  SOLICITUD_COMMANDS,
  SOLICITUD_PREPARE,
  SOLICITUD_WHEN,
} from '../../support/protocol-fixtures';

const built = Object.fromEntries(SOLICITUD_STATES.map((s) => [s, SOLICITUD_BUILDERS[s]()])) as Record<
  SolicitudState,
  Solicitud
>;

const pairs = SOLICITUD_VERBS.flatMap((verb) => SOLICITUD_STATES.map((state) => [verb, state] as const));
const allowed = pairs.filter(([v, s]) => SOLICITUD_TRANSITIONS[v].from.includes(s));
const refused = pairs.filter(([v, s]) => !SOLICITUD_TRANSITIONS[v].from.includes(s));

const issue = (verb: SolicitudVerb, state: SolicitudState) => {
  const t = SOLICITUD_TRANSITIONS[verb];
  const prepare = t.from.includes(state) ? SOLICITUD_PREPARE[verb] : undefined;
  const s = prepare ? prepare(built[state]) : built[state];
  return run(s, SOLICITUD_COMMANDS[verb](s), SOLICITUD_ACTOR[t.who], SOLICITUD_WHEN[verb] ?? NOW);
};

describe('builders reach every state through decide()', () => {
  it.each(SOLICITUD_STATES.map((s) => [s]))('%s', (state) => {
    expect(built[state].state).toBe(state);
    expect(built[state].reference).toBe('SOL-2026-0001');
  });
});

describe('the table covers every verb and names only known states', () => {
  it('has one entry per command of the schema', () => {
    expect([...SOLICITUD_VERBS].sort()).toEqual(Object.keys(SOLICITUD_COMMANDS).sort());
  });
  it.each(SOLICITUD_VERBS.map((v) => [v]))('%s', (verb) => {
    const t = SOLICITUD_TRANSITIONS[verb];
    expect(t.from.length).toBeGreaterThan(0);
    for (const s of t.from) expect(SOLICITUD_STATES).toContain(s);
    if (t.to !== 'igual') expect(SOLICITUD_STATES).toContain(t.to);
  });
});

describe('allowed transitions succeed with the target of the table', () => {
  it.each(allowed)('%s from %s', (verb, state) => {
    const t = SOLICITUD_TRANSITIONS[verb];
    const d = ok(issue(verb, state));
    const expected = t.to === 'igual' ? state : t.to;
    expect(d.next.state).toBe(expected);
    expect(d.audit.command).toBe(verb);
    expect(d.audit.from).toBe(state);
    expect(d.audit.to).toBe(expected);
    expect(d.next.updatedAt).toBe((SOLICITUD_WHEN[verb] ?? NOW).toISOString());
    expect(d.effects.at(-1)).toEqual({ type: 'update_cards' });
  });
});

describe('every other state is refused with TRANSICION_INVALIDA', () => {
  it.each(refused)('%s from %s', (verb, state) => {
    const e = fail(issue(verb, state));
    expect(isDomainError(e)).toBe(true);
    expect(e.code).toBe('TRANSICION_INVALIDA');
    expect(e.status).toBe(409);
    expect(e.message).toBe(
      verb === 'cerrar' && state === 'entregada'
        ? // Rule 9a: UGDT does not close a delivery over the requester's head.
          'La entrega espera la conformidad del solicitante; se cerrará por silencio el 30-09-2026 si no responde (SOL-2026-0001).'
        : `No se puede «${SOLICITUD_TRANSITIONS[verb].label}» una solicitud en estado «${SOLICITUD_STATE_LABELS[state]}» (SOL-2026-0001).`,
    );
  });
});

describe('the life cycle of the domain model', () => {
  it.each<[SolicitudState, SolicitudVerb[]]>([
    [
      'enviada',
      ['acusar_recibo', 'indicar_plazo', 'entregar', 'no_disponible', 'rechazar', 'cancelar', 'reasignar', 'cerrar'],
    ],
    ['recibida', ['indicar_plazo', 'entregar', 'no_disponible', 'rechazar', 'cancelar', 'reasignar', 'cerrar']],
    ['en_plazo', ['indicar_plazo', 'entregar', 'no_disponible', 'rechazar', 'cancelar', 'reasignar', 'cerrar']],
    ['entregada', ['conforme', 'observar', 'cerrar_por_silencio']],
    ['cerrada', []],
    ['no_disponible', []],
    ['rechazada', []],
    ['cancelada', []],
  ])('from %s the state-changing verbs are %j', (state, verbs) => {
    const moving = SOLICITUD_VERBS.filter(
      (v) => SOLICITUD_TRANSITIONS[v].to !== 'igual' && SOLICITUD_TRANSITIONS[v].from.includes(state),
    );
    expect(moving.sort()).toEqual([...verbs].sort());
  });

  it('closed states accept no command at all', () => {
    for (const state of ['cerrada', 'no_disponible', 'rechazada', 'cancelada'] as const)
      expect(SOLICITUD_VERBS.filter((v) => SOLICITUD_TRANSITIONS[v].from.includes(state))).toEqual([]);
  });
});
