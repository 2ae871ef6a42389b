// Rule 1 (issue 12): who signs a convenio. Ley 18.695 art. 63 letra a (the Alcalde represents the municipality) and
// letra j (delegation of signature "por orden del alcalde" by decree); the counterpart signs through its representative.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  allowedActions,
  counterpartSignerProblem,
  decide,
  municipalSignerProblem,
  parseCommand,
  parseCreate,
  protocolCitation,
  protocolSettingsSchema,
  resolveActor,
  signersProblems,
  type Convenio,
} from '../../../protocol';
import {
  CAL,
  CONVENIO_BUILDERS,
  CONVENIO_RAW,
  CONVENIO_REFERENCE,
  CONVENIO_STEPS,
  ctx,
  DIRECTORY,
  draftOf,
  fail,
  ok,
} from '../../support/protocol-fixtures';
import { DEFAULT_SETTINGS } from '../../../protocol';

const REFUSAL =
  'Solo el Alcalde o un funcionario con delegación de firma por decreto puede firmar por la Municipalidad.';
const KEY = { id: 'conv-12', reference: CONVENIO_REFERENCE };
const OTHER = { id: 'conv-13', reference: 'CONV-2026-0013' };

describe('municipalSignerProblem: Alcalde, subrogante or delegate by decree', () => {
  const cases: [string, string | undefined, typeof KEY, string, 'designar' | 'firmar', string | undefined][] = [
    ['the Alcalde', 'alberto', KEY, '2027-01-04', 'firmar', undefined],
    ['the Alcalde, any convenio', 'alberto', OTHER, '2026-03-02', 'designar', undefined],
    ['the subrogante of the Alcalde during the subrogancia', 'carmen', KEY, '2026-09-15', 'firmar', undefined],
    ['the same official after the subrogancia', 'carmen', KEY, '2026-10-01', 'firmar', REFUSAL],
    ['an ordinary official', 'ana', KEY, '2026-09-15', 'firmar', REFUSAL],
    ['an ordinary official, naming herself', 'ana', KEY, '2026-09-15', 'designar', REFUSAL],
    [
      'the Administradora outside her named convenio',
      'adriana',
      OTHER,
      '2026-09-15',
      'firmar',
      'La delegación de firma (Decreto N° 3.001/2026) no comprende el convenio CONV-2026-0013.',
    ],
    ['the Administradora on her named convenio (no end date)', 'adriana', KEY, '2027-06-30', 'firmar', undefined],
    ['a delegate for every convenio, in force', 'teresa', OTHER, '2026-12-31', 'firmar', undefined],
    [
      'a delegate whose delegation expired (signing 04-01-2027)',
      'teresa',
      KEY,
      '2027-01-04',
      'firmar',
      'La delegación de firma (Decreto N° 1.250/2026) venció el 31-12-2026.',
    ],
    [
      'a delegate whose delegation expired, when naming signers',
      'teresa',
      KEY,
      '2027-01-04',
      'designar',
      'La delegación de firma (Decreto N° 1.250/2026) venció el 31-12-2026.',
    ],
    [
      'a delegate before the delegation starts, signing',
      'teresa',
      KEY,
      '2026-02-27',
      'firmar',
      'La delegación de firma (Decreto N° 1.250/2026) rige desde el 01-03-2026.',
    ],
    ['a delegate before the delegation starts, named for later', 'teresa', KEY, '2026-02-27', 'designar', undefined],
    ['nobody named', undefined, KEY, '2026-09-15', 'designar', REFUSAL],
    ['someone not in the directory', 'nadie', KEY, '2026-09-15', 'designar', REFUSAL],
  ];
  it.each(cases)('%s', (_what, who, key, at, mode, expected) => {
    expect(municipalSignerProblem(who, key, at, DIRECTORY, mode)).toBe(expected);
  });

  it('checks the acting person, not only the named one: the subrogante acts as Alcalde on the day', () => {
    const carmen = resolveActor(DIRECTORY, 'carmen', '2026-09-15')!;
    expect(municipalSignerProblem(carmen, KEY, '2026-09-15', DIRECTORY)).toBeUndefined();
  });
});

describe('counterpart signer: the representative recorded for the entity', () => {
  const entity = { name: 'Universidad de Valparaíso', representative: { name: 'Osvaldo Corrales' } };
  it.each([
    ['Osvaldo Corrales', undefined],
    ['  osvaldo   CORRALES ', undefined],
    ['Ósvaldo Corrales', undefined],
    ['Lucía Herrera', 'Por la contraparte firma su representante registrado (Osvaldo Corrales)'],
  ])('%s', (name, expected) => {
    const p = counterpartSignerProblem({ name }, entity);
    if (expected === undefined) expect(p).toBeUndefined();
    else expect(p).toContain(expected);
  });

  it('names every offending signer by its path', () => {
    const problems = signersProblems(
      [
        { side: 'municipalidad', name: 'Ana Rojas', personId: 'ana' },
        { side: 'contraparte', name: 'Lucía Herrera' },
      ],
      { ...KEY, entity: CONVENIO_RAW.entity as Convenio['entity'] },
      '2026-09-15',
      DIRECTORY,
    );
    expect(Object.keys(problems)).toEqual(['signers.0', 'signers.1']);
  });
});

describe('decide: creation refuses an ineligible municipal signer', () => {
  const create = (signers: unknown[], now = new Date('2026-09-15T13:00:00.000Z')) =>
    decide(null, parseCreate('convenio', { ...CONVENIO_RAW, signers }), ctx('ana', now), KEY);
  const CONTRAPARTE = { side: 'contraparte', name: 'Osvaldo Corrales', position: 'Rector' };

  it('an ordinary official naming herself signer is refused (the reported case)', () => {
    const e = fail(
      create([{ side: 'municipalidad', name: 'Ana Rojas', position: 'Analista', personId: 'ana' }, CONTRAPARTE]),
    );
    expect(e.code).toBe('DATOS_INVALIDOS');
    expect(e.message).toBe(REFUSAL);
    expect(e.fields).toEqual({ 'signers.0': REFUSAL });
  });

  it('a municipal signer without a person of the directory is refused', () => {
    const e = fail(create([{ side: 'municipalidad', name: 'Alberto Ruiz', position: 'Alcalde' }, CONTRAPARTE]));
    expect(e.message).toBe(REFUSAL);
  });

  it('a counterpart signer who is not its representative is refused', () => {
    const e = fail(
      create([
        { side: 'municipalidad', name: 'Alberto Ruiz', position: 'Alcalde', personId: 'alberto' },
        { side: 'contraparte', name: 'Lucía Herrera', position: 'Abogada' },
      ]),
    );
    expect(e.fields['signers.1']).toContain('Osvaldo Corrales');
  });

  it.each([
    ['the Alcalde', 'alberto'],
    ['a delegate for every convenio', 'teresa'],
    ['a delegate for this convenio', 'adriana'],
  ])('%s may be named', (_what, personId) => {
    const r = ok<Convenio>(create([{ side: 'municipalidad', name: 'X Y', position: 'Cargo', personId }, CONTRAPARTE]));
    expect(r.next.signers[0]!.personId).toBe(personId);
  });

  it('a delegation expired on the day of creation is refused with its decree and date', () => {
    const e = fail(
      create(
        [{ side: 'municipalidad', name: 'Teresa Lagos', position: 'Delegada', personId: 'teresa' }, CONTRAPARTE],
        new Date('2027-01-04T13:00:00.000Z'),
      ),
    );
    expect(e.message).toBe('La delegación de firma (Decreto N° 1.250/2026) venció el 31-12-2026.');
  });
});

describe('decide: firmar re-checks the delegation at the moment of signing', () => {
  const TERESA = {
    side: 'municipalidad',
    name: 'Teresa Lagos',
    position: 'Directora (por orden del Alcalde)',
    personId: 'teresa',
  };
  const inFirma = () =>
    CONVENIO_BUILDERS.firma({
      signers: [TERESA, { side: 'contraparte', name: 'Osvaldo Corrales', position: 'Rector' }],
    });
  const sign = (c: Convenio, at: string) => {
    const now = new Date(`${at}T13:00:00.000Z`);
    const actor = resolveActor(DIRECTORY, 'teresa', at)!;
    return decide(
      c,
      parseCommand('convenio', {
        type: 'firmar',
        signerId: 'f1',
        version: draftOf(c).version,
        sha256: draftOf(c).sha256,
      }),
      {
        ...ctx(actor, now),
        calendar: CAL,
        settings: DEFAULT_SETTINGS,
      },
    );
  };

  it('a delegate in force signs, and the signature records the decree used', () => {
    const c = inFirma();
    const r = ok<Convenio>(sign(c, '2026-12-30'));
    expect(r.next.signatures[0]!.delegation).toEqual({
      id: 'firma-teresa',
      decree: { number: '1.250/2026', date: '2026-02-27' },
    });
    expect(r.audit.command).toBe('firmar');
  });

  it('the same delegate on 04-01-2027, after the delegation ended, is refused and nothing changes', () => {
    const c = inFirma();
    const before = JSON.stringify(c);
    const e = fail(sign(c, '2027-01-04'));
    expect(e.code).toBe('NO_AUTORIZADO');
    expect(e.message).toBe('La delegación de firma (Decreto N° 1.250/2026) venció el 31-12-2026.');
    expect(JSON.stringify(c)).toBe(before);
    expect(c.signatures).toEqual([]);
  });

  it('firmar is offered to the delegate while the delegation is in force, and not after', () => {
    const c = inFirma();
    const verbs = (at: string) => allowedActions(c, resolveActor(DIRECTORY, 'teresa', at)!).map((a) => a.verb);
    expect(verbs('2026-12-30')).toContain('firmar');
    expect(verbs('2027-01-04')).not.toContain('firmar');
  });

  it('an ordinary official named signer in data stored before this rule cannot sign, nor is offered to', () => {
    // Stored before the rule: Ana named herself municipal signer at creation and her signature was accepted.
    const c = CONVENIO_BUILDERS.firma();
    const legacy: Convenio = {
      ...c,
      signers: c.signers.map((s) => (s.side === 'municipalidad' ? { ...s, name: 'Ana Rojas', personId: 'ana' } : s)),
    };
    expect(allowedActions(legacy, resolveActor(DIRECTORY, 'ana', '2026-09-15')!).map((a) => a.verb)).not.toContain(
      'firmar',
    );
    const e = fail(
      decide(
        legacy,
        parseCommand('convenio', {
          type: 'firmar',
          signerId: 'f1',
          version: draftOf(legacy).version,
          sha256: draftOf(legacy).sha256,
        }),
        ctx('ana'),
      ),
    );
    expect(e.code).toBe('NO_AUTORIZADO');
    expect(e.message).toBe(REFUSAL);
  });

  it('the Alcalde signs without a delegation recorded', () => {
    const c = CONVENIO_STEPS.firmarAlcalde(CONVENIO_BUILDERS.firma());
    expect(c.signatures[0]!.delegation).toBeUndefined();
  });
});

describe('cambiar_firmantes: every later edit of signers is checked the same way', () => {
  const change = (c: Convenio, signers: unknown[], who = 'sergio', now?: Date) =>
    decide(
      c,
      parseCommand('convenio', { type: 'cambiar_firmantes', signers, reason: 'Delegación de firma vigente' }),
      ctx(who, now),
    );
  const CONTRAPARTE = { side: 'contraparte', name: 'Osvaldo Corrales', position: 'Rector' };
  const TERESA = { side: 'municipalidad', name: 'Teresa Lagos', position: 'Directora de Tránsito', personId: 'teresa' };

  it('SECPLAN may not name an ordinary official; nothing changes', () => {
    const c = CONVENIO_BUILDERS.redaccion();
    const before = JSON.stringify(c);
    const e = fail(change(c, [{ ...TERESA, name: 'Ana Rojas', personId: 'ana' }, CONTRAPARTE]));
    expect(e.code).toBe('DATOS_INVALIDOS');
    expect(e.message).toBe(REFUSAL);
    expect(JSON.stringify(c)).toBe(before);
  });

  it('in redacción the signers change and the draft is generated again', () => {
    const r = ok<Convenio>(change(CONVENIO_BUILDERS.redaccion(), [TERESA, CONTRAPARTE]));
    expect(r.next.state).toBe('redaccion');
    expect(r.next.signers.map((s) => [s.id, s.personId])).toEqual([
      ['f1', 'teresa'],
      ['f2', undefined],
    ]);
    expect(r.audit).toMatchObject({ command: 'cambiar_firmantes', from: 'redaccion', to: 'redaccion' });
    expect(r.effects).toContainEqual({ type: 'store_document', document: 'borrador', version: 2 });
  });

  it('in firma, before any signature, it goes back to redacción with a new draft version and no visaciones', () => {
    const c = CONVENIO_BUILDERS.firma();
    const r = ok<Convenio>(change(c, [TERESA, CONTRAPARTE]));
    expect(r.next.state).toBe('redaccion');
    expect(r.next.legalReviews).toEqual({});
    expect(r.effects).toContainEqual({ type: 'store_document', document: 'borrador', version: 2 });
  });

  it('once a signature is registered the signers no longer change, and the verb is not offered', () => {
    const c = CONVENIO_STEPS.firmarAlcalde(CONVENIO_BUILDERS.firma());
    const e = fail(change(c, [TERESA, CONTRAPARTE]));
    expect(e.message).toBe('La firma ya comenzó: los firmantes no se pueden cambiar una vez registrada una firma.');
    expect(allowedActions(c, resolveActor(DIRECTORY, 'sergio', '2026-09-15')!).map((a) => a.verb)).not.toContain(
      'cambiar_firmantes',
    );
  });

  it('only SECPLAN changes signers', () => {
    const e = fail(change(CONVENIO_BUILDERS.redaccion(), [TERESA, CONTRAPARTE], 'ana'));
    expect(e.code).toBe('NO_AUTORIZADO');
  });
});

describe('protocolDecree (§6, rule 10)', () => {
  it('the example settings file parses and cites the protocol by its decree', () => {
    const raw = JSON.parse(
      readFileSync(join(__dirname, '../../../config/protocol-settings.example.json'), 'utf8'),
    ) as unknown;
    const settings = protocolSettingsSchema.parse(raw);
    expect(protocolCitation(settings)).toBe(
      'Protocolo para Intercambio de Datos, aprobado por Decreto Alcaldicio N° 812/2026 de 20-01-2026',
    );
  });

  it.each([
    [{ number: '', date: '2026-01-20' }, 'number'],
    [{ number: '812/2026', date: '2026-02-30' }, 'date'],
  ])('refuses an incomplete or impossible decree %j', (protocolDecree, field) => {
    const r = protocolSettingsSchema.safeParse({ protocolDecree });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['protocolDecree', field]);
  });

  it('unset: the documents say the number is still to be recorded', () => {
    expect(protocolCitation(DEFAULT_SETTINGS)).toBe(
      'Protocolo para Intercambio de Datos, aprobado por Decreto Alcaldicio (número por registrar)',
    );
  });
});
