// parseCommand / parseCreate (protocol/decide.ts) and RUT validation (protocol/rut.ts).
import {
  decide,
  formatRut,
  isDomainError,
  isValidRut,
  normalizeRut,
  parseCommand,
  parseCreate,
  rutCheckDigit,
  type DomainError,
  type ItemKind,
} from '../../../protocol';
import { CONVENIO_RAW, ctx, DATASET, fail, SOLICITUD_RAW } from '../../support/protocol-fixtures';

function caught(f: () => unknown): DomainError {
  try {
    f();
  } catch (e) {
    if (isDomainError(e)) return e;
    throw e;
  }
  throw new Error('se esperaba un DomainError');
}
const command = (kind: ItemKind, raw: unknown) => caught(() => parseCommand(kind, raw));
const create = (kind: ItemKind, raw: unknown) => caught(() => parseCreate(kind, raw));
const long = (n: number) => 'x'.repeat(n);

describe('parseCommand', () => {
  it.each<[string, unknown]>([
    ['an empty object', {}],
    ['null', null],
    ['a string', 'acusar_recibo'],
    ['a numeric type', { type: 5 }],
  ])('without a verb (%s) → DATOS_INVALIDOS on type', (_label, raw) => {
    const e = command('solicitud', raw);
    expect([e.code, e.message, e.fields]).toEqual([
      'DATOS_INVALIDOS',
      'Falta la acción (type).',
      { type: 'requerido' },
    ]);
    expect(e.status).toBe(400);
  });

  it.each<[ItemKind, string]>([
    ['solicitud', 'volar'],
    ['solicitud', 'firmar'], // a convenio verb
    ['convenio', 'acusar_recibo'], // a solicitud verb
  ])('an unknown verb for a %s (%s)', (kind, verb) => {
    const e = command(kind, { type: verb });
    expect([e.code, e.message, e.fields]).toEqual([
      'DATOS_INVALIDOS',
      `Acción desconocida: «${verb}».`,
      { type: 'acción desconocida' },
    ]);
  });

  it.each<[ItemKind, Record<string, unknown>, Record<string, string>]>([
    // missing fields
    ['solicitud', { type: 'rechazar' }, { reason: 'falta el fundamento', legalGround: 'falta la norma' }],
    ['solicitud', { type: 'indicar_plazo' }, { until: 'falta la fecha de entrega', note: 'falta la nota' }],
    ['solicitud', { type: 'cancelar' }, { reason: 'falta el motivo' }],
    ['convenio', { type: 'observar', side: 'municipal' }, { comments: 'faltan las observaciones' }],
    // wrong formats and values
    [
      'solicitud',
      { type: 'indicar_plazo', until: '30-09-2026', note: 'Cruce' },
      { until: 'la fecha de entrega: no es una fecha válida' },
    ],
    ['solicitud', { type: 'prorrogar', amount: '5', reason: 'Cierre' }, { amount: 'los días deben ser un número' }],
    ['solicitud', { type: 'prorrogar', amount: 0, reason: 'Cierre' }, { amount: 'al menos 1 día' }],
    ['solicitud', { type: 'prorrogar', amount: 2.5, reason: 'Cierre' }, { amount: 'días enteros' }],
    [
      'solicitud',
      { type: 'entregar', link: 'no es un enlace', note: 'Planilla' },
      { link: 'El enlace debe comenzar con https://' },
    ],
    ['convenio', { type: 'visar', version: 1, sha256: 'ABC' }, { sha256: 'huella SHA-256 inválida' }],
    [
      'convenio',
      { type: 'terminar', reason: 'Fin', evidence: 'Acta' },
      { dataDisposition: 'confirme si los datos fueron eliminados o devueltos' },
    ],
    // text too short after trimming, or longer than its maximum
    ['solicitud', { type: 'comentar', text: '  ab  ' }, { text: 'el comentario: escriba al menos 3 caracteres' }],
    ['solicitud', { type: 'comentar', text: long(2001) }, { text: 'el comentario: máximo 2000 caracteres' }],
    [
      'solicitud',
      { type: 'rechazar', reason: 'Sensibles', legalGround: long(501) },
      { legalGround: 'la norma: máximo 500 caracteres' },
    ],
    [
      'convenio',
      { type: 'observar', side: 'externa', comments: long(4001) },
      { comments: 'las observaciones: máximo 4000 caracteres' },
    ],
    // extra keys
    ['solicitud', { type: 'acusar_recibo', foo: 1, bar: 2 }, { foo: 'campo no permitido', bar: 'campo no permitido' }],
    ['convenio', { type: 'desistir', reason: 'Ya no', state: 'vigente' }, { state: 'campo no permitido' }],
  ])('%s %j → fields %j', (kind, raw, fields) => {
    const e = command(kind, raw);
    expect(e.code).toBe('DATOS_INVALIDOS');
    expect(e.fields).toEqual(fields);
    const list = Object.entries(fields).map(([k, v]) => `${k}: ${v}`);
    expect(e.message).toBe(`Acción inválida: ${list.join('; ')}.`);
  });

  it('names every offending path at once', () => {
    const e = command('solicitud', { type: 'entregar', note: 'ab', link: 'no es url', extra: 1 });
    expect(e.fields).toEqual({
      link: 'El enlace debe comenzar con https://',
      note: 'la nota: escriba al menos 3 caracteres',
      extra: 'campo no permitido',
    });
    expect(e.message).toBe(
      'Acción inválida: link: El enlace debe comenzar con https://; note: la nota: escriba al menos 3 caracteres; extra: campo no permitido.',
    );
  });

  it('accepts text at its maximum, trims it and applies defaults', () => {
    expect(parseCommand('solicitud', { type: 'comentar', text: `  ${long(2000)}  ` })).toEqual({
      type: 'comentar',
      text: long(2000),
    });
    const sha256 = 'a'.repeat(64);
    expect(parseCommand('convenio', { type: 'firmar', signerId: 'f1', version: 1, sha256 })).toEqual({
      type: 'firmar',
      signerId: 'f1',
      version: 1,
      sha256,
      method: 'fes',
    });
  });

  it.each<[ItemKind, 'command' | 'create', Record<string, unknown>]>([
    ['solicitud', 'create', { ...SOLICITUD_RAW, dataset: undefined }],
    ['solicitud', 'create', { ...SOLICITUD_RAW, dataset: { ...DATASET, fields: 'sector' } }],
    ['solicitud', 'create', { ...SOLICITUD_RAW, attachments: [{ name: '', url: 'https://a.cl/x' }] }],
    ['solicitud', 'command', { type: 'reasignar', reason: 'Otro registro' }],
    ['solicitud', 'command', { type: 'entregar', fileName: '', note: 'Planilla' }],
    ['convenio', 'command', { type: 'visar', sha256: 'a'.repeat(64) }],
    ['convenio', 'command', { type: 'terminar', reason: 'Fin', evidence: 'Acta', dataDisposition: 'archivados' }],
  ])('every field message is Spanish: %s %s %j', (kind, what, raw) => {
    const e = what === 'create' ? create(kind, raw) : command(kind, raw);
    expect(e.code).toBe('DATOS_INVALIDOS');
    const english = /^(Required|Expected |Invalid |String must|Number must|Array must)/;
    expect(Object.values(e.fields).filter((m) => english.test(m))).toEqual([]);
  });
});

describe('parseCreate', () => {
  const classified = (classification: object) => ({ ...SOLICITUD_RAW, dataset: { ...DATASET, classification } });

  it.each<[string, Record<string, unknown>, Record<string, string>]>([
    ['a missing purpose', { ...SOLICITUD_RAW, purpose: undefined }, { purpose: 'falta el propósito' }],
    [
      'missing expected benefits (a plural label)',
      { ...SOLICITUD_RAW, expectedBenefits: undefined },
      { expectedBenefits: 'faltan los beneficios esperados' },
    ],
    [
      'an impossible needed-by date',
      { ...SOLICITUD_RAW, neededBy: '2026-02-30' },
      { neededBy: 'la fecha requerida: no es una fecha válida' },
    ],
    [
      'an oversized purpose',
      { ...SOLICITUD_RAW, purpose: long(2001) },
      { purpose: 'el propósito: máximo 2000 caracteres' },
    ],
    [
      'a legal basis as free text (rule 6: structured)',
      { ...SOLICITUD_RAW, legalBasis: 'Ley 18.695 art. 4' },
      { legalBasis: 'Indique una base legal real (ley y artículo que otorgan la competencia)' },
    ],
    [
      'a legal basis naming «N/A» as the law',
      { ...SOLICITUD_RAW, legalBasis: { basis: 'funciones_legales', norm: { law: 'N/A', article: 'art. 4' } } },
      { 'legalBasis.norm.law': 'Indique una base legal real (ley y artículo que otorgan la competencia)' },
    ],
    [
      'no dataset fields',
      { ...SOLICITUD_RAW, dataset: { ...DATASET, fields: [] } },
      { 'dataset.fields': 'indique al menos un campo' },
    ],
    [
      'an unknown format',
      { ...SOLICITUD_RAW, dataset: { ...DATASET, format: 'docx' } },
      { 'dataset.format': 'formato no reconocido' },
    ],
    [
      'an unknown access level',
      classified({ access: 'abierta', privacy: 'personal' }),
      { 'dataset.classification.access': 'elija el nivel de acceso' },
    ],
    [
      'reservada without legal ground',
      classified({ access: 'reservada', privacy: 'personal' }),
      { 'dataset.classification.legalGround': 'un dato reservado o secreto requiere su fundamento legal' },
    ],
    [
      'a quorum law without its name',
      classified({ access: 'secreta', privacy: 'sensible', legalGround: 'ley_quorum_calificado' }),
      {
        'dataset.classification.legalGroundDetail': 'indique la ley de quórum calificado',
        'legalBasis.sensitive.basis':
          'hay datos sensibles o de niños, niñas y adolescentes: indique su base legal propia (Ley 19.628 art. 16)',
      },
    ],
    [
      'a malformed needed-by date',
      { ...SOLICITUD_RAW, neededBy: '01/10/2026' },
      { neededBy: 'la fecha requerida: no es una fecha válida' },
    ],
    ['an extra key', { ...SOLICITUD_RAW, state: 'cerrada' }, { state: 'campo no permitido' }],
  ])('solicitud with %s', (_label, raw, fields) => {
    const e = create('solicitud', raw);
    expect(e.code).toBe('DATOS_INVALIDOS');
    expect(e.fields).toEqual(fields);
    expect(e.message.startsWith('Solicitud inválida: ')).toBe(true);
  });

  it.each<[string, Record<string, unknown>, Record<string, string>]>([
    [
      'a wrong check digit in the entity RUT',
      { ...CONVENIO_RAW, entity: { ...CONVENIO_RAW.entity, rut: '60.921.000-2' } },
      { 'entity.rut': 'RUT inválido (revise el dígito verificador)' },
    ],
    [
      'a wrong representative RUT',
      { ...CONVENIO_RAW, entity: { ...CONVENIO_RAW.entity, representative: { name: 'Osvaldo', rut: '12.345.678-9' } } },
      { 'entity.representative.rut': 'RUT inválido' },
    ],
    [
      'one signer',
      { ...CONVENIO_RAW, signers: [CONVENIO_RAW.signers[0]] },
      { signers: 'se requieren al menos dos firmantes (uno por parte)' },
    ],
    [
      'signers of one side only',
      { ...CONVENIO_RAW, signers: [CONVENIO_RAW.signers[0], CONVENIO_RAW.signers[0]] },
      { signers: 'debe firmar al menos un representante de cada parte' },
    ],
    ['no dataset', { ...CONVENIO_RAW, datasets: [] }, { datasets: 'indique al menos un conjunto de datos' }],
    ['121 months', { ...CONVENIO_RAW, durationMonths: 121 }, { durationMonths: 'máximo 120 meses' }],
    [
      'a textual duration',
      { ...CONVENIO_RAW, durationMonths: '24' },
      { durationMonths: 'la duración debe ser un número' },
    ],
    [
      'an extra key in a strict sub-object',
      { ...CONVENIO_RAW, benefits: { ...CONVENIO_RAW.benefits, extra: 1 } },
      { 'benefits.extra': 'campo no permitido' },
    ],
  ])('convenio with %s', (_label, raw, fields) => {
    const e = create('convenio', raw);
    expect(e.code).toBe('DATOS_INVALIDOS');
    expect(e.fields).toEqual(fields);
    expect(e.message.startsWith('Convenio inválido: ')).toBe(true);
  });

  it.each<[string, Record<string, unknown>, string, Record<string, string>]>([
    [
      'an unknown owner unit',
      { ownerUnitId: 'obras' },
      'La unidad dueña del dato no existe.',
      { ownerUnitId: 'unidad desconocida' },
    ],
    [
      'the requester’s own unit',
      { ownerUnitId: 'dideco' },
      'La solicitud debe dirigirse a otra unidad.',
      { ownerUnitId: 'es su propia unidad' },
    ],
    [
      'a needed-by date already past',
      { neededBy: '2026-09-14' },
      'La fecha requerida ya pasó.',
      { neededBy: 'fecha pasada' },
    ],
  ])('decide refuses a request to %s', (_label, raw, message, fields) => {
    const input = parseCreate('solicitud', { ...SOLICITUD_RAW, ...raw });
    const e = fail(decide(null, input, ctx('ana'), { id: 'sol-9', reference: 'SOL-2026-0009' }));
    expect([e.code, e.message, e.fields]).toEqual(['DATOS_INVALIDOS', message, fields]);
  });
});

describe('RUT (módulo 11)', () => {
  it.each<[number, string]>([
    [11111111, '1'],
    [12345678, '5'],
    [76086428, '5'],
    [60921000, '1'],
    [76354771, 'K'],
    [10000013, 'K'],
    [69060400, '0'],
    [10000004, '0'],
  ])('check digit of %i is %s', (body, dv) => {
    expect(rutCheckDigit(body)).toBe(dv);
  });

  it.each<[string, boolean]>([
    ['76.086.428-5', true],
    ['76086428-5', true],
    ['760864285', true],
    [' 76.086.428-5 ', true],
    ['76.354.771-k', true],
    ['76.354.771-K', true],
    ['69.060.400-0', true],
    ['76.086.428-4', false],
    ['76.354.771-0', false],
    ['69.060.400-K', false],
    ['0-0', false],
    ['', false],
    ['76.086.428-X', false],
    ['1234567890-1', false],
    ['76-086-428-5', false],
  ])('isValidRut(%j) = %s', (text, valid) => {
    expect(isValidRut(text)).toBe(valid);
  });

  it.each<[string, string | undefined, string | undefined]>([
    ['076.086.428-5', '76086428-5', '76.086.428-5'],
    ['10000013k', '10000013-K', '10.000.013-K'],
    ['1-9', '1-9', '1-9'],
    ['abc', undefined, undefined],
  ])('normalizeRut / formatRut of %j', (text, normal, formatted) => {
    expect(normalizeRut(text)).toBe(normal);
    expect(formatRut(text)).toBe(formatted);
  });
});
