// The public register's projection (Ley 21.719): which convenios are published and what of them. Anything not in the
// projection cannot reach /transparencia, so these cases are the register's leak rules.
import {
  CONVENIO_STATES,
  isPublishedState,
  publishedConvenio,
  publishedStateLabel,
  type Convenio,
} from '../../../protocol';
import { CONVENIO_BUILDERS, DATASET, step } from '../../support/protocol-fixtures';

const personal = {
  ...DATASET,
  name: 'Nómina de beneficiarios del subsidio',
  fields: ['rut_beneficiario', 'nombre_completo', 'tramo_rsh'],
  classification: { access: 'uso_interno', privacy: 'personal' },
};
const sensible = {
  ...DATASET,
  name: 'Atenciones de salud mental',
  fields: ['diagnostico_cie10', 'edad'],
  classification: { access: 'uso_interno', privacy: 'sensible' },
};
const nna = {
  ...DATASET,
  name: 'Matrícula escolar',
  fields: ['curso', 'asistencia'],
  classification: { access: 'uso_interno', privacy: 'nna' },
};
const reserved = {
  ...DATASET,
  name: 'Víctimas de violencia intrafamiliar',
  fields: ['direccion_victima', 'causa_rit'],
  classification: { access: 'reservada', legalGround: 'art21_n2_derechos_personas', privacy: 'sensible' },
};
const anonymous = { ...DATASET, name: 'Conteos anonimizados', fields: ['sector', 'total'] };

const vigente = (datasets: unknown[]) => CONVENIO_BUILDERS.vigente({ datasets });
/** Every word a field, dataset or contact carries that must never be published. */
const SECRET_WORDS = [
  'rut_beneficiario',
  'nombre_completo',
  'diagnostico_cie10',
  'direccion_victima',
  'causa_rit',
  'Víctimas de violencia intrafamiliar',
  'Nómina de beneficiarios',
  'Atenciones de salud mental',
  'Osvaldo Corrales',
  'Lucía Herrera',
  'Rodrigo Paredes',
  'Diego Soto',
  'juridica@uv.cl',
  'datos@uv.cl',
  'Cifrado en tránsito',
];

describe('publishedConvenio: which convenios and which categories', () => {
  it.each([
    ['personal only', [personal], ['Datos personales']],
    [
      'sensitive and personal: categories only, in a fixed order',
      [sensible, personal],
      ['Datos personales', 'Datos sensibles'],
    ],
    ['children', [anonymous, nna], ['Datos de niños, niñas y adolescentes']],
    ['a reserved sensitive dataset adds nothing', [personal, reserved], ['Datos personales']],
    ['only a reserved dataset: the generic category', [reserved], ['Datos personales']],
  ])('%s', (_name, datasets, categories) => {
    const p = publishedConvenio(vigente(datasets))!;
    expect(p).toBeDefined();
    expect(p.dataCategories).toEqual(categories);
    const text = JSON.stringify(p);
    for (const w of SECRET_WORDS) expect(text).not.toContain(w);
  });

  it('a convenio with no personal data is not published', () => {
    expect(publishedConvenio(vigente([anonymous]))).toBeUndefined();
    expect(publishedConvenio(CONVENIO_BUILDERS.vigente())).toBeUndefined();
  });

  it.each(CONVENIO_STATES.map((s) => [s] as const))('state %s: published only once approved by decree', (state) => {
    const c = CONVENIO_BUILDERS[state]({ datasets: [personal] });
    const expected = ['vigente', 'por_vencer', 'terminado', 'vencido'].includes(state);
    expect(publishedConvenio(c) !== undefined).toBe(expected);
    if (expected) expect(publishedConvenio(c)!.stateLabel).toBe(publishedStateLabel(state));
  });

  it('a published state without a recorded decree is not published (the decree is what makes it public)', () => {
    const c = CONVENIO_BUILDERS.vigente({ datasets: [personal] });
    expect(publishedConvenio({ ...c, decree: undefined } as Convenio)).toBeUndefined();
  });

  it('vencido (a convenio past its end date) is a published state with a Spanish label', () => {
    expect(isPublishedState('vencido')).toBe(true);
    expect(publishedStateLabel('vencido')).toBe('Vencido');
    expect(isPublishedState('aprobacion')).toBe(false);
    expect(isPublishedState('desistido')).toBe(false);
  });
});

describe('publishedConvenio: the fields', () => {
  it('counterpart institution and RUT, purpose, one-line legal basis, decree, validity, state and month', () => {
    // A row written before rule 6: its free-text basis is kept and published flagged as under review.
    const built = CONVENIO_BUILDERS.vigente({ datasets: [sensible] });
    const c = { ...built, legalBasis: { legacyText: 'Ley 18.695 art. 4;\n  Ley 19.628 art. 20' } };
    expect(publishedConvenio(c)).toEqual({
      reference: c.reference,
      counterpart: { name: 'Universidad de Valparaíso', rut: '60.921.000-1' },
      title: 'Intercambio de datos de siniestralidad vial',
      purpose: 'Analizar la siniestralidad vial de la comuna',
      dataCategories: ['Datos sensibles'],
      legalBasis: 'Ley 18.695 art. 4; Ley 19.628 art. 20 (base legal por revisar)',
      decree: { number: '4567', date: '2026-09-15' },
      validity: c.validity,
      state: 'vigente',
      stateLabel: 'Vigente',
      month: '2026-09',
    });
    expect(c.validity!.start).toBe('2026-09-15');
  });

  it('a structured basis: the basis and its norm, the sensitive basis by name, never the categories it lists', () => {
    const c = CONVENIO_BUILDERS.vigente({
      datasets: [sensible],
      legalBasis: {
        basis: 'funciones_legales',
        norm: { law: 'Ley 18.695', article: 'art. 4 letra c' },
        note: 'Acuerdo del Comité de Datos con el nombre de una funcionaria',
        sensitive: { basis: 'ley_expresa', categories: ['salud', 'origen_etnico_racial'] },
      },
    });
    const text = publishedConvenio(c)!.legalBasis;
    expect(text).toBe(
      'Cumplimiento de funciones legales del órgano público — Ley 18.695, art. 4 letra c; datos sensibles: ' +
        'Una ley autoriza expresamente el tratamiento de estos datos',
    );
    expect(text).not.toMatch(/salud|étnico|funcionaria/i);
  });

  it.each([
    ['2026-12-30', '2026-12', new Date('2026-12-30T15:00:00Z')],
    ['2027-01-04', '2027-01', new Date('2027-01-04T15:00:00Z')],
  ])('a decree dated %s belongs to the monthly list %s', (date, month, now) => {
    const c = step(
      CONVENIO_BUILDERS.aprobacion({ datasets: [personal] }),
      { type: 'registrar_decreto', number: '77', date },
      'marta',
      now,
    );
    const p = publishedConvenio(c)!;
    expect([p.month, p.decree.date]).toEqual([month, date]);
  });
});
