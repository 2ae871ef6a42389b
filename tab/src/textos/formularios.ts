// The forms' words (components/form-*, date-input, persona-picker): labels, hints, placeholders and the messages the
// tab adds to the protocol's own (a field's length, a RUT, a refused submit). Spanish (Chile), addressed with «usted»;
// labels without a final period, sentences with one. The schemas' messages live in protocol/.
import { APP_NAME, SESSION } from './app';
import { SIGNER_SIDE_LABELS } from './detalle';

/** The form kit (form-kit.tsx). */
export const FORM_KIT = {
  chooseOption: 'Elija una opción',
  /** A list of short texts (a dataset's fields). */
  listPlaceholder: 'Escriba y presione Enter (varios separados por coma)',
  add: (itemName: string) => `Agregar ${itemName}`,
  added: (n: number) => `Ya agregados: ${n}`,
  remove: (itemName: string, item: string) => `Quitar ${itemName} ${item}`,
  /** A limited field nearing its maximum (issue 14 §9). */
  length: (length: number, max: number) => `${length} de ${max} caracteres`,
  /** …and past it: the field does not cut what is typed, the submit refuses it. */
  tooLong: (length: number, max: number) => {
    const extra = length - max;
    return `${length} de ${max} caracteres: sobra${extra === 1 ? '' : 'n'} ${extra}. Acórtelo; no se cortará solo.`;
  },
} as const;

/** On top of a refused form (form-summary.tsx). */
export const SUMMARY = {
  title: 'No se pudo enviar',
  fix: (count: number) => `Revise ${count === 1 ? 'el campo marcado' : `los ${count} campos marcados`}. `,
} as const;

/** A date as Chilean users write it (date-input.tsx). */
export const DATE_INPUT = { placeholder: 'dd-mm-aaaa' } as const;

/** A person: a convenio's representative and contacts (form-contact.tsx). */
export const CONTACT = {
  name: 'Nombre',
  position: 'Cargo',
  email: 'Correo electrónico',
  phone: 'Teléfono',
  rut: 'RUT',
  rutHint: 'Con dígito verificador, por ejemplo 76.123.456-0',
  rutShape: 'RUT inválido: use el formato 12.345.678-5',
  rutCheckDigit: 'RUT inválido: el dígito verificador no coincide',
} as const;

/** One dataset and its classification (form-dataset.tsx, §1a). */
export const DATASET_FORM = {
  name: 'Nombre del conjunto de datos',
  format: 'Formato',
  formatMissing: 'Elija el formato de entrega',
  description: 'Descripción',
  fields: 'Campos',
  /** The list's item, in «Agregar campo». */
  field: 'campo',
  fieldsHint: 'Las columnas o atributos que se piden, por ejemplo: sector, tramo_rsh.',
  period: 'Período',
  periodPlaceholder: 'Ej.: 2025 o enero-junio 2026',
  source: 'Fuente',
  updateFrequency: 'Frecuencia de actualización',
  updateFrequencyPlaceholder: 'Ej.: mensual',
  access: 'Clasificación de acceso',
  privacy: 'Clasificación de privacidad',
  legalGround: 'Fundamento legal de la reserva',
  qualifiedLaw: 'Ley de quórum calificado',
  qualifiedLawPlaceholder: 'Ej.: Ley 19.628 art. 10',
  largeScale: 'Tratamiento a gran escala: los datos involucran a muchas personas (por ejemplo, toda la comuna)',
  /** Under the EIPD warning's title (the title is EIPD.required in comun.ts). */
  eipdBody:
    'Datos sensibles, de niños, niñas y adolescentes o a gran escala: la Ley 21.719 exige evaluar el impacto en la ' +
    'protección de datos antes de tratarlos.',
} as const;

/** The structured legal basis and a dataset's origin (form-legal-basis.tsx, rules 6 and 7). */
export const LEGAL_BASIS_FORM = {
  basis: 'Base de licitud',
  /** The protocol's own message for a missing basis (legalBasisSchema). */
  basisMissing: 'Indique una base legal real (ley y artículo que otorgan la competencia)',
  law: 'Ley que otorga la competencia',
  lawPlaceholder: 'Ej.: Ley 18.695',
  article: 'Artículo',
  articlePlaceholder: 'Ej.: art. 4 letra c',
  note: 'Nota (opcional)',
  sensitiveBasis: 'Base legal para datos sensibles (Ley 19.628 art. 16)',
  categories: 'Categorías de datos sensibles',
  origin: 'Origen del dato',
  originBody: 'Organismo de origen',
  originAgreement: 'Convenio con ese organismo',
} as const;

/** Who signs the convenio (form-signers.tsx, §6). */
export const SIGNERS_FORM = {
  /** The parties, in the detail's words (SIGNER_SIDE_LABELS). */
  sides: [
    ['municipalidad', SIGNER_SIDE_LABELS.municipalidad],
    ['contraparte', SIGNER_SIDE_LABELS.contraparte],
  ],
  signer: (n: number) => `Firmante ${n}`,
  remove: (n: number) => `Quitar firmante ${n}`,
  side: 'Parte',
  forMunicipality: 'Quién firma por la Municipalidad',
  forMunicipalityHint: 'Solo el Alcalde o un funcionario con delegación de firma por decreto.',
  chooseSigner: 'Elija a quién firma',
  person: 'Persona del directorio (opcional)',
  personHint: 'Si firma desde Teams.',
  nobody: 'Nadie del directorio (se registra con evidencia)',
  name: 'Nombre',
  position: 'Cargo',
  add: 'Agregar firmante',
} as const;

/** Local mode only: whom to act as (persona-picker.tsx). */
export const PERSONA_PICKER = {
  title: APP_NAME,
  intro:
    'Modo local (sin inquilino de Microsoft 365): elija la persona del directorio con la que desea actuar. En Teams ' +
    'la identidad viene del inicio de sesión único y esta pantalla no existe.',
  signInFailed: SESSION.signInFailed,
  person: 'Persona',
  enter: 'Entrar',
  actingAs: 'Actuando como',
} as const;
