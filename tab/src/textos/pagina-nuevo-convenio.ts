// Nuevo convenio (pages/nuevo-convenio.tsx): an external data-sharing agreement (§3–§6). The fields shared with the
// solicitud (contacts, datasets, legal basis, signers) have their texts in formularios.ts; these are the page's own.

export const NUEVO_CONVENIO = {
  title: 'Nuevo convenio de uso compartido de datos',
  intro:
    'Registre un intercambio con una entidad externa (§3). Comienza en la evaluación de necesidad de SECPLAN y el Comité de Datos (§5); luego redacción, visación jurídica, firmas y decreto. Los campos con * son obligatorios.',
  convenioSection: 'El convenio',
  subject: 'Objeto del convenio',
  purpose: 'Propósito',
  benefitMunicipality: 'Beneficio para el municipio (§5b)',
  benefitCounterpart: 'Beneficio para la contraparte (§5b)',
  legalBasisSection: 'Base legal',
  legalBasisHint:
    'La base de licitud y la norma (ley y artículo) que otorga la competencia; no se aceptan «N/A» ni «sin base legal».',
  entitySection: 'Entidad externa',
  entityName: 'Nombre de la entidad',
  entityRut: 'RUT de la entidad',
  representative: 'Representante legal',
  legalContact: 'Contacto jurídico',
  technicalContact: 'Contraparte técnica (responsable de los datos)',
  municipalContactSection: 'Contraparte técnica municipal',
  municipalContactHint:
    'Quien coordina las transferencias por el municipio; si está en el directorio, podrá registrarlas desde Teams.',
  directoryPerson: 'Persona del directorio (opcional)',
  /** An option of the directory list: «Megan Bowen — UGDT». */
  personOption: (name: string, unitName: string) => `${name} — ${unitName}`,
  nobody: 'Nadie del directorio',
  datasetsSection: 'Conjuntos de datos',
  datasetsHint: 'Cada conjunto con sus campos y su clasificación (§1a); hasta 30.',
  dataset: (n: number) => `Conjunto de datos ${n}`,
  removeDataset: (n: number) => `Quitar conjunto ${n}`,
  addDataset: 'Agregar conjunto de datos',
  protectionSection: 'Protección, transferencia y retención',
  securityMeasures: 'Medidas de protección y seguridad',
  transferMethod: 'Método de transferencia',
  endAction: 'Al término del convenio',
  endActions: { eliminacion: 'Eliminación de los datos', devolucion: 'Devolución de los datos' },
  retentionDetail: 'Detalle de la eliminación o devolución',
  durationSection: 'Duración, renovación y evaluación',
  durationMonths: 'Duración (meses)',
  durationHint: 'Entre 1 y 120 meses.',
  renewal: 'Renovación',
  chooseRenewal: 'Elija cómo se renueva',
  evaluationEveryMonths: 'Evaluación periódica cada (meses)',
  evaluationHint: 'Opcional; 6 meses si se deja en blanco (§4b).',
  signatureOrder: 'Orden de firma',
  signatureOrders: { secuencial: 'Secuencial (en el orden indicado)', paralelo: 'En paralelo' },
  signersSection: 'Firmantes',
  signersHint: 'Al menos un representante por cada parte, en el orden en que firman.',
  register: 'Registrar convenio',
} as const;

/** Toasts after registering. */
export const NUEVO_CONVENIO_AVISOS = {
  registered: (reference: string) => `Convenio ${reference} registrado`,
  registeredBody: 'SECPLAN inicia la evaluación de necesidad (§5).',
  failed: 'No se pudo registrar el convenio',
} as const;
