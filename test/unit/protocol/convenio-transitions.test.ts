// Every verb × every state of the convenio, generated from CONVENIO_TRANSITIONS.
import {
  CONVENIO_STATE_LABELS,
  CONVENIO_STATES,
  CONVENIO_TRANSITIONS,
  CONVENIO_VERBS,
  type Convenio,
  type ConvenioState,
  type ConvenioVerb,
} from '../../../protocol';
import {
  CONVENIO_ACTOR,
  CONVENIO_BUILDERS,
  CONVENIO_COMMANDS,
  CONVENIO_REFERENCE,
  fail,
  NOW,
  ok,
  run,
} from '../../support/protocol-fixtures';

const built = Object.fromEntries(CONVENIO_STATES.map((s) => [s, CONVENIO_BUILDERS[s]()])) as Record<
  ConvenioState,
  Convenio
>;

const pairs = CONVENIO_VERBS.flatMap((verb) => CONVENIO_STATES.map((state) => [verb, state] as const));
const allowed = pairs.filter(([v, s]) => CONVENIO_TRANSITIONS[v].from.includes(s));
const refused = pairs.filter(([v, s]) => !CONVENIO_TRANSITIONS[v].from.includes(s));

/** Verbs that only apply to some convenios (rules 6–7): the EIPD to one that needs it, the origin to borrowed data. */
const PREPARE: Partial<Record<ConvenioVerb, (c: Convenio) => Convenio>> = {
  registrar_eipd: (c) => ({ ...c, impactAssessmentRequired: true }),
  registrar_autorizacion_origen: (c) => ({
    ...c,
    datasets: c.datasets.map((d) => ({
      ...d,
      origin: { kind: 'convenio', body: 'CONASET', agreement: 'Convenio 2025' },
    })),
  }),
};

// Rule 9b: at evaluación the Administración rejects or dismisses only on SECPLAN's recorded proposal.
const proposed = run(built.evaluacion, CONVENIO_COMMANDS.proponer_rechazo(built.evaluacion), 'sergio', NOW);
const withProposal = (ok(proposed) as { next: Convenio }).next;

const issue = (verb: ConvenioVerb, state: ConvenioState) => {
  const onProposal = state === 'evaluacion' && (verb === 'rechazar' || verb === 'desestimar_rechazo');
  const base = onProposal ? withProposal : built[state];
  const c = PREPARE[verb]?.(base) ?? base;
  const cmd = CONVENIO_COMMANDS[verb](c);
  const who = onProposal ? 'adriana' : CONVENIO_ACTOR[CONVENIO_TRANSITIONS[verb].who];
  // A step's escalation fires once its deadline has passed (rule 3).
  const at = verb === 'etapa_vencida' && typeof cmd.about === 'string' && cmd.about ? new Date(cmd.about) : NOW;
  return run(c, cmd, who, at);
};

describe('builders reach every state through decide()', () => {
  it.each(CONVENIO_STATES.map((s) => [s]))('%s', (state) => {
    expect(built[state].state).toBe(state);
    expect(built[state].reference).toBe('CONV-2026-0012');
  });
});

describe('the table is well formed', () => {
  it('has one entry per command of the schema', () => {
    expect([...CONVENIO_VERBS].sort()).toEqual(Object.keys(CONVENIO_COMMANDS).sort());
  });
  it.each(CONVENIO_VERBS.map((v) => [v]))('%s names known states, and targets exactly when "segun"', (verb) => {
    const t = CONVENIO_TRANSITIONS[verb];
    expect(t.from.length).toBeGreaterThan(0);
    for (const s of [...t.from, ...(t.targets ?? [])]) expect(CONVENIO_STATES).toContain(s);
    if (t.to !== 'igual' && t.to !== 'segun') expect(CONVENIO_STATES).toContain(t.to);
    expect(t.targets !== undefined).toBe(t.to === 'segun');
  });
});

describe('allowed transitions succeed with the target of the table', () => {
  it.each(allowed)('%s from %s', (verb, state) => {
    const t = CONVENIO_TRANSITIONS[verb];
    const d = ok<Convenio>(issue(verb, state));
    if (t.to === 'segun') expect(t.targets).toContain(d.next.state);
    else expect(d.next.state).toBe(t.to === 'igual' ? state : t.to);
    expect(d.audit.command).toBe(verb);
    expect(d.audit.from).toBe(state);
    expect(d.audit.to).toBe(d.next.state);
    // (an escalation is decided at its deadline, not at NOW)
    if (verb !== 'etapa_vencida') expect(d.next.updatedAt).toBe(NOW.toISOString());
    expect(d.effects.at(-1)).toEqual({ type: 'update_cards' });
  });

  // The 'segun' verbs from the states the builders produce: the first review or signature does not yet move on.
  it.each<[ConvenioVerb, ConvenioState]>([
    ['visar', 'visacion'],
    ['registrar_visacion_externa', 'visacion'],
    ['firmar', 'firma'],
  ])('%s from a fresh %s stays there', (verb, state) => {
    expect(ok<Convenio>(issue(verb, state)).next.state).toBe(state);
  });
});

// Past the vigencia (rule 4) a transfer or a renewal is refused naming the end date instead.
const AFTER_END: Partial<Record<`${ConvenioVerb} ${ConvenioState}`, string>> = {
  'registrar_transferencia terminado':
    'No se pueden registrar transferencias después del término de la vigencia (14-09-2028).',
  'registrar_transferencia vencido':
    'No se pueden registrar transferencias después del término de la vigencia (14-09-2028).',
  'renovar vencido': 'El convenio venció el 14-09-2028; una renovación expresa debía aprobarse antes de esa fecha.',
};

describe('every other state is refused with TRANSICION_INVALIDA', () => {
  it.each(refused)('%s from %s', (verb, state) => {
    const e = fail(issue(verb, state));
    expect(e.code).toBe('TRANSICION_INVALIDA');
    expect(e.status).toBe(409);
    expect(e.message).toBe(
      AFTER_END[`${verb} ${state}`] ??
        `No se puede «${CONVENIO_TRANSITIONS[verb].label}» un convenio en estado «${CONVENIO_STATE_LABELS[state]}» (${CONVENIO_REFERENCE}).`,
    );
  });
});

describe('the life cycle of the domain model', () => {
  it.each<[ConvenioState, ConvenioState[]]>([
    ['evaluacion', ['redaccion', 'rechazado', 'desistido']],
    ['redaccion', ['visacion', 'redaccion', 'rechazado', 'desistido']],
    ['visacion', ['redaccion', 'firma', 'rechazado', 'desistido']],
    ['firma', ['aprobacion', 'redaccion', 'rechazado', 'desistido']],
    ['aprobacion', ['vigente', 'rechazado', 'desistido']],
    ['vigente', ['por_vencer', 'vigente', 'terminado', 'vencido']],
    // Each later expiry notice (settings.convenio.expiryNoticeDays) finds it por_vencer already.
    ['por_vencer', ['por_vencer', 'vigente', 'terminado', 'vencido']],
    ['terminado', []],
    ['desistido', []],
    ['rechazado', []],
    ['vencido', ['terminado']],
  ])('from %s the table leads to %j', (state, targets) => {
    const reachable = CONVENIO_VERBS.filter((v) => CONVENIO_TRANSITIONS[v].from.includes(state)).flatMap((v) => {
      const t = CONVENIO_TRANSITIONS[v];
      return t.to === 'igual' ? [] : t.to === 'segun' ? t.targets!.filter((x) => x !== state) : [t.to];
    });
    expect([...new Set(reachable)].sort()).toEqual([...targets].sort());
  });
});
