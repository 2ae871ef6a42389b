// Reference numbers (SOL-2026-0001, CONV-2026-0012) and who sees what (participantKeys / visibilityOf / canRead).
import {
  canRead,
  currentDueAt,
  formatReference,
  parseReference,
  participantKeys,
  visibilityOf,
  type Item,
  type ItemKind,
} from '../../../protocol';
import {
  actor,
  CONVENIO_BUILDERS,
  createConvenio,
  createSolicitud,
  SOLICITUD_BUILDERS,
  step,
} from '../../support/protocol-fixtures';

describe('reference numbers', () => {
  it.each<[ItemKind, number, number, string]>([
    ['solicitud', 2026, 1, 'SOL-2026-0001'],
    ['convenio', 2026, 12, 'CONV-2026-0012'],
    ['solicitud', 2027, 9999, 'SOL-2027-9999'],
    ['convenio', 2026, 12345, 'CONV-2026-12345'],
  ])('formatReference(%s, %i, %i) = %s and parses back', (kind, year, seq, text) => {
    expect(formatReference(kind, year, seq)).toBe(text);
    expect(parseReference(text)).toEqual({ kind, year, seq });
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses the sequence number %d', (seq) => {
    expect(() => formatReference('solicitud', 2026, seq)).toThrow(RangeError);
  });

  it('parseReference accepts lower case and surrounding spaces', () => {
    expect(parseReference('  sol-2026-0007 ')).toEqual({ kind: 'solicitud', year: 2026, seq: 7 });
    expect(parseReference('conv-2026-0012')).toEqual({ kind: 'convenio', year: 2026, seq: 12 });
  });

  it.each(['SOL-26-0001', 'SOL-2026-001', 'SOL-2026-1', 'XYZ-2026-0001', 'SOL-2026-0001x', 'SOL 2026 0001', ''])(
    'parseReference(%j) is undefined',
    (text) => {
      expect(parseReference(text)).toBeUndefined();
    },
  );

  it('items carry the reference the store reserved', () => {
    expect(createSolicitud().reference).toBe('SOL-2026-0001');
    expect(createConvenio().reference).toBe('CONV-2026-0012');
  });
});

describe('participantKeys', () => {
  it('a request involves its requester, her unit and the owner unit', () => {
    expect(participantKeys(createSolicitud())).toEqual(['p:ana', 'u:dideco', 'u:salud']);
  });

  it('after a reassignment: the new unit and the named assignee', () => {
    const s = step(
      SOLICITUD_BUILDERS.recibida(),
      { type: 'reasignar', unitId: 'transito', assigneeId: 'teresa', reason: 'Tránsito lleva ese registro' },
      'ursula',
    );
    expect(participantKeys(s)).toEqual(['p:ana', 'u:dideco', 'u:transito', 'p:teresa']);
  });

  it('a convenio involves its proposer, her unit, the municipal technical contact and signers in the directory', () => {
    // Rule 1: the municipal signer is always a person of the directory (the Alcalde or a delegate by decree).
    expect(participantKeys(createConvenio())).toEqual(['p:ana', 'u:dideco', 'p:diego', 'p:alberto']);
    const withDelegate = createConvenio({
      signers: [
        { side: 'municipalidad', name: 'Teresa Lagos', position: 'Directora de Tránsito', personId: 'teresa' },
        { side: 'contraparte', name: 'Osvaldo Corrales', position: 'Rector' },
      ],
    });
    expect(participantKeys(withDelegate)).toEqual(['p:ana', 'u:dideco', 'p:diego', 'p:teresa']);
  });
});

describe('visibilityOf', () => {
  it.each<[string, ItemKind, 'all' | string[]]>([
    ['ursula', 'solicitud', 'all'],
    ['claudio', 'solicitud', 'all'],
    ['claudio', 'convenio', 'all'],
    ['sergio', 'convenio', 'all'],
    ['daniela', 'convenio', 'all'],
    ['sergio', 'solicitud', ['p:sergio', 'u:secplan']],
    ['teresa', 'solicitud', ['p:teresa', 'u:transito']],
    ['julia', 'convenio', ['p:julia', 'u:daj']],
    // a subrogante also sees what the holder sees
    ['pablo', 'solicitud', ['p:pablo', 'u:salud', 'p:sofia']],
  ])('%s on %s → %j', (who, kind, expected) => {
    expect(visibilityOf(actor(who), kind)).toEqual(expected);
  });
});

describe('canRead', () => {
  const solicitud = createSolicitud();
  const convenio = CONVENIO_BUILDERS.vigente();

  it.each<[string, boolean]>([
    ['ursula', true], // UGDT sees every request
    ['claudio', true], // Control too
    ['ana', true], // the requester
    ['diego', true], // her unit
    ['sofia', true], // the owner unit's responsable
    ['paula', true], // an official of the owner unit
    ['teresa', false], // a third unit's official
    ['tomas', false], // a third unit's responsable
    ['sergio', false], // SECPLAN has no part in internal requests
    ['julia', false],
  ])('request from DIDECO to Salud: %s → %s', (who, expected) => {
    expect(canRead(actor(who), solicitud)).toBe(expected);
  });

  it.each<[string, boolean]>([
    ['sergio', true],
    ['adriana', true],
    ['daniela', true],
    ['alberto', true],
    ['marta', true],
    ['ursula', true],
    ['claudio', true],
    ['ana', true], // proposer
    ['diego', true], // technical contact
    ['julia', false], // a DAJ official without the role
    ['teresa', false],
    ['sofia', false],
  ])('convenio proposed by DIDECO: %s → %s', (who, expected) => {
    expect(canRead(actor(who), convenio)).toBe(expected);
  });

  it('the third unit sees the request once the UGDT reassigns it there', () => {
    const s = step(solicitud, { type: 'reasignar', unitId: 'transito', reason: 'Otro registro' }, 'ursula');
    expect(canRead(actor('teresa'), s)).toBe(true);
  });
});

describe('currentDueAt (the board’s “vence”)', () => {
  it.each<[string, () => Item, string | undefined]>([
    ['enviada: the acknowledgement', () => SOLICITUD_BUILDERS.enviada(), '2026-09-18T02:59:59.999Z'],
    ['recibida: the answer', () => SOLICITUD_BUILDERS.recibida(), '2026-10-01T02:59:59.999Z'],
    ['en_plazo: the answer', () => SOLICITUD_BUILDERS.en_plazo(), '2026-10-01T02:59:59.999Z'],
    ['entregada: none', () => SOLICITUD_BUILDERS.entregada(), undefined],
    ['cerrada: none', () => SOLICITUD_BUILDERS.cerrada(), undefined],
    ['convenio in redaccion: none', () => CONVENIO_BUILDERS.redaccion(), undefined],
    [
      'convenio vigente: the end of the day of the next evaluation',
      () => CONVENIO_BUILDERS.vigente(),
      '2027-03-16T02:59:59.999Z',
    ],
  ])('%s', (_label, build, expected) => {
    expect(currentDueAt(build(), 'America/Santiago')).toBe(expected);
  });
});
