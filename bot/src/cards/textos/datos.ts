// Words of the dataset, its classification, its origin and the legal basis, as the chat's intake forms (solicitud and
// convenio) and the legal-basis step ask for them (issue 14 §5). Laws are cited as the protocol cites them.

/** The dataset and its classification (§1a). */
export const DATASET = {
  heading: 'Datos',
  name: 'Nombre del conjunto de datos',
  nameRequired: 'Indique el nombre del conjunto de datos (al menos 3 caracteres).',
  fields: 'Campos (separados por coma)',
  fieldsRequired: 'Indique al menos un campo.',
  fieldsExample: 'Ej.: sector, mes, atenciones',
  period: 'Período (opcional)',
  periodExample: 'Ej.: 2025 o enero–junio 2026',
  format: 'Formato',
  formatRequired: 'Elija el formato.',
  classification: 'Clasificación (§1a)',
  access: 'Acceso',
  accessRequired: 'Elija el nivel de acceso.',
  legalGround: 'Fundamento legal de la reserva (solo si es reservada o secreta)',
  legalGroundNone: 'Sin reserva',
  legalGroundDetail: 'Ley de quórum calificado (solo si eligió esa causal)',
  privacy: 'Privacidad',
  privacyRequired: 'Elija el nivel de privacidad.',
  scale: 'Escala',
  largeScale: 'Tratamiento a gran escala (muchas personas titulares de los datos)',
} as const;

/** The structured legal basis (rule 6). */
export const LEGAL_BASIS = {
  heading: 'Base legal',
  basis: 'Base de licitud',
  basisRequired: 'Elija la base de licitud.',
  basisPlaceholder: 'Elija una base',
  law: 'Ley que otorga la competencia',
  lawRequired: 'Indique la ley (por ejemplo, Ley 18.695).',
  lawExample: 'Ej.: Ley 18.695',
  article: 'Artículo',
  articleRequired: 'Indique el artículo (por ejemplo, art. 4 letra c).',
  articleExample: 'Ej.: art. 4 letra c',
  sensitiveNote: 'Solo si hay datos sensibles o de niños, niñas y adolescentes (Ley 19.628 art. 16):',
  sensitiveBasis: 'Base legal para datos sensibles',
  sensitiveNone: 'Sin datos sensibles',
  sensitiveCategories: 'Categorías de datos sensibles',
} as const;

/** A dataset's origin (rule 7). */
export const ORIGIN = {
  kind: 'Origen del dato',
  body: 'Organismo de origen (solo si proviene de otro organismo)',
  agreement: 'Convenio con ese organismo',
} as const;

/** The legal-basis step on a card: the basis on record, the EIPD and the origin authorizations (rules 6, 7). */
export const LEGAL_STEP = {
  current: (basis: string) => `Base legal actual: ${basis}`,
  submit: 'Registrar base legal',
  structuredNeeded: 'Registre la base legal estructurada (ley y artículo).',
  heading: 'Base legal y resguardos',
  eipdIntro: 'Evaluación de impacto en protección de datos (Ley 21.719).',
  eipdDate: 'Fecha de la evaluación de impacto',
  dateRequired: 'Indique la fecha.',
  eipdAuthor: 'Autor',
  eipdAuthorRequired: 'Indique quién la realizó.',
  eipdDocument: 'Documento',
  eipdDocumentRequired: 'Indique el nombre del documento.',
  link: 'Enlace (opcional)',
  eipdSubmit: 'Registrar EIPD',
  originDataset: 'Conjunto de datos',
  originDatasetRequired: 'Indique el conjunto de datos.',
  originBody: 'Organismo que autoriza',
  originBodyRequired: 'Indique el organismo.',
  originEvidence: 'Documento que acredita la autorización',
  originEvidenceRequired: 'Indique el documento.',
  originDate: 'Fecha de la autorización',
  originSubmit: 'Registrar autorización',
} as const;
