// Words of the convenio cards in the chat, from the intake form to the término (issue 14 §5). A convenio is masculine
// («Firmado», «visado», «vencido»); the legal steps are named as the protocol and the laws name them: evaluación de
// necesidad, redacción, visación (DAJ and the contraparte's legal area), firma, aprobación por Decreto Alcaldicio,
// vigencia, renovación, término. Dates come already formatted (dd-mm-aaaa). Words every card shares (the intake's
// title, «Formulario completo», periods) are comun.ts's.
import { COMPLIANCE_LABELS, END_ACTION_LABELS, SIGNER_SIDE_LABELS } from '../../../../protocol';
import { PERIOD } from './comun';

/** Words several convenio steps share. */
export const CONVENIO = {
  /** A fact's value while a review or a signature is still to come. */
  pending: 'pendiente',
  reason: 'Motivo',
  reasonRequired: 'Indique el motivo.',
  rejectionReasonRequired: 'Indique el motivo del rechazo.',
  evidence: 'Evidencia',
  dateRequired: 'Indique la fecha.',
  /** The exact version a review or a signature binds to (§6). */
  boundVersion: (version: number, hash: string) => `la versión ${version} (huella ${hash}…)`,
  boundCurrent: 'el borrador vigente',
} as const;

/** «nuevo convenio»: the intake card (§3, §5). */
export const INTAKE = {
  intro: 'SECPLAN y la Administración Municipal evaluarán la necesidad (§3a, §5) antes de redactar el convenio.',
  convenio: 'Convenio',
  object: 'Objeto del convenio',
  objectRequired: 'Indique el objeto (al menos 3 caracteres).',
  purpose: 'Propósito',
  purposeRequired: 'Indique el propósito.',
  municipalBenefit: 'Beneficio para el municipio (§5b)',
  municipalBenefitRequired: 'Indique el beneficio para el municipio.',
  counterpartBenefit: 'Beneficio para la contraparte (§5b)',
  counterpartBenefitRequired: 'Indique el beneficio para la contraparte.',
  counterpart: 'Contraparte',
  entityName: 'Nombre de la entidad',
  entityNameRequired: 'Indique el nombre de la entidad.',
  entityRut: 'RUT de la entidad',
  entityRutRequired: 'Indique un RUT válido, con dígito verificador.',
  representative: 'Representante legal',
  representativeRequired: 'Indique el nombre del representante.',
  representativePosition: 'Cargo del representante (opcional)',
  legalContact: 'Contacto jurídico',
  legalContactRequired: 'Indique el contacto jurídico.',
  legalContactEmail: 'Correo del contacto jurídico (opcional)',
  technicalContact: 'Contraparte técnica',
  technicalContactRequired: 'Indique la contraparte técnica.',
  technicalContactEmail: 'Correo de la contraparte técnica (opcional)',
  municipality: 'Municipalidad',
  municipalContact: 'Contraparte técnica municipal',
  municipalContactRequired: 'Elija la contraparte técnica municipal.',
  municipalContactPlaceholder: 'Elija una persona',
  /** A person in the directory: name and unit. */
  person: (name: string, unit: string) => `${name} (${unit})`,
  safeguards: 'Resguardos',
  security: 'Medidas de protección y seguridad',
  securityRequired: 'Indique las medidas de seguridad.',
  transferMethod: 'Método de transferencia',
  transferMethodRequired: 'Indique el método de transferencia.',
  endAction: 'Al término del convenio',
  endActionRequired: 'Elija si los datos se eliminan o se devuelven.',
  endActions: END_ACTION_LABELS,
  retentionDetail: 'Detalle de la eliminación o devolución',
  retentionDetailRequired: 'Indique cómo se eliminan o devuelven.',
  validity: 'Vigencia',
  duration: 'Duración (meses)',
  durationRequired: 'Indique la duración, entre 1 y 120 meses.',
  renewal: 'Renovación',
  renewalRequired: 'Elija la forma de renovación.',
  renewals: { expresa: 'Expresa', automatica: 'Automática', sin_renovacion: 'Sin renovación' },
  signatures: 'Firmas',
  mayorSigns: (name: string, position: string) => `Por la Municipalidad firma ${name}, ${position}.`,
  noMayor: 'El directorio no tiene Alcalde(sa): el convenio no podrá registrarse.',
  externalSigner: 'Firmante de la contraparte',
  externalSignerRequired: 'Indique quién firma por la contraparte.',
  externalSignerPosition: 'Cargo del firmante de la contraparte',
  externalSignerPositionRequired: 'Indique el cargo del firmante.',
  submit: 'Registrar convenio',
} as const;

/** Evaluación de necesidad (§3a, §5 a–d): SECPLAN records, the Administración Municipal approves. */
export const ASSESSMENT = {
  heading: 'Evaluación de necesidad (§5)',
  notRecorded: 'SECPLAN aún no registra la evaluación de necesidad (§5).',
  recorded: (name: string, date: string, session?: string) =>
    `Registrada por ${name} el ${date}` + (session ? ` · ${session}` : ''),
  criterion: (ok: boolean, label: string) => `${ok ? 'Cumple' : 'No cumple'}: ${label}`,
  criteria: 'Criterios del §5',
  observation: 'Observación (opcional)',
  session: 'Sesión del Comité de Datos (opcional)',
  sessionExample: 'Ej.: Sesión ordinaria N° 3',
  intro: 'Marque cada criterio que el convenio cumple.',
  submit: 'Registrar evaluación',
  approve: 'Aprobar',
  approvalNote: 'Nota de aprobación',
  approvalNoteRequired: 'Escriba la nota de aprobación.',
  approveIntro: 'Solo se aprueba si los cuatro criterios del §5 se cumplen; luego SECPLAN redacta el convenio.',
  approveSubmit: 'Aprobar evaluación',
} as const;

/** Rule 9b: SECPLAN proposes the rejection at evaluación, the Administración Municipal decides. */
export const REJECTION = {
  heading: 'Propuesta de rechazo de SECPLAN',
  proposal: (name: string, date: string, reason: string) => `${name}, ${date}: ${reason}`,
  decides: 'Decide la Administración Municipal: rechazar el convenio o desestimar la propuesta.',
  proposeIntro: 'El rechazo en evaluación lo decide la Administración Municipal a propuesta de SECPLAN.',
  proposeSubmit: 'Proponer rechazo',
  dismiss: 'Desestimar',
  grounds: 'Fundamento',
  groundsRequired: 'Indique el fundamento.',
  dismissSubmit: 'Desestimar propuesta',
} as const;

/** Rechazo by an evaluator, or desistimiento by SECPLAN or the proposer, before the vigencia. */
export const WITHDRAWAL = {
  rejectSubmit: 'Rechazar convenio',
  withdrawSubmit: 'Desistir del convenio',
} as const;

/** The draft a step works on (§6): version, file, SHA-256 and a link to that very version. */
export const DOCUMENT = {
  noDraft: 'El borrador aún no se genera; llegará un aviso cuando esté disponible.',
  document: 'Documento',
  version: (version: number, fileName: string) => `versión ${version} · ${fileName}`,
  hash: 'Huella SHA-256',
  hashValue: (hash: string) => `${hash}…`,
  recordedOn: 'Registrado el',
  open: (version: number) => `Abrir la versión ${version} del documento`,
} as const;

/** Redacción (§3b). */
export const DRAFTING = {
  heading: (round: number) => `Redacción (ronda ${round})`,
  waitingVersion: 'Falta la nueva versión que recoge las observaciones; se registra al guardar el documento.',
} as const;

/** Visación jurídica (§3b, §5e): the DAJ and the contraparte's legal area visan the same version. */
export const LEGAL_REVIEW = {
  heading: 'Visación jurídica',
  daj: 'DAJ',
  dajDone: (name: string, date: string, version: number) => `visado por ${name} el ${date} (versión ${version})`,
  externalDone: (reviewer: string, date: string) => `visado por ${reviewer}, registrado el ${date}`,
  note: 'Nota (opcional)',
  visaIntro: (what: string) => `Visa ${what}.`,
  visaSubmit: 'Visar',
  externalIntro: (entity: string, what: string) => `Registra que ${entity} visó ${what}.`,
  reviewer: 'Quién visó por la contraparte',
  reviewerRequired: 'Indique quién visó.',
  evidenceRequired: 'Indique la evidencia (correo, oficio, enlace).',
  externalSubmit: 'Registrar visación',
  side: 'Quién observa',
  sideRequired: 'Elija quién observa.',
  sideMunicipal: 'DAJ (municipal)',
  sideExternal: (entity: string) => `Área jurídica de ${entity}`,
  observeExternal: 'Registrar observación externa',
  observations: 'Observaciones',
  observationsRequired: 'Escriba las observaciones.',
  observeIntro: 'El convenio vuelve a redacción y se requiere una nueva versión del documento.',
  observeSubmit: 'Devolver a redacción',
} as const;

/** Firma (§6): each signer signs the exact version both visaciones saw. */
export const SIGNATURE = {
  heading: 'Firmas',
  order: 'Orden',
  sequential: 'en el orden indicado',
  anyOrder: 'en cualquier orden',
  sides: SIGNER_SIDE_LABELS,
  signer: (name: string, position: string, side: string) => `${name} (${position}, ${side})`,
  signed: (date: string, version: number, delegation?: string) =>
    `firmó el ${date} (versión ${version})` + (delegation ? `. ${delegation}` : ''),
  recordIntro: (name: string, what: string) => `Registra la firma de ${name} sobre ${what}, con su evidencia.`,
  signIntro: (what: string) => `Firma ${what} con firma electrónica simple. Lea el documento antes de firmar.`,
  evidence: 'Evidencia de la firma',
  evidenceRequired: 'Indique la evidencia (PDF firmado, oficio, enlace).',
  openDocument: 'Abrir documento',
  submit: 'Firmar',
} as const;

/** Aprobación por Decreto Alcaldicio (§6): the vigencia runs from the decree's date. */
export const DECREE = {
  heading: 'Aprobación por Decreto Alcaldicio',
  signed: (durationMonths: number) =>
    `Firmado por todas las partes. La vigencia de ${PERIOD.months(durationMonths)} corre desde la fecha del decreto.`,
  number: 'Número del Decreto Alcaldicio',
  numberRequired: 'Indique el número del decreto.',
  numberExample: 'Ej.: 4.567',
  date: 'Fecha del decreto',
  dateRequired: 'Indique la fecha del decreto.',
  externalAct: 'Acto aprobatorio de la contraparte (opcional)',
  submit: 'Registrar decreto',
} as const;

/** Transferencias de datos during the vigencia (§4a). */
export const TRANSFER = {
  latest: (count: number) => (count === 1 ? 'Última transferencia' : 'Últimas transferencias'),
  line: (date: string, datasets: string, method: string) => `${date}: ${datasets} por ${method}`,
  date: 'Fecha de la transferencia',
  datasets: 'Datos transferidos (separados por coma; solo los que cubre el convenio)',
  datasetsRequired: 'Indique los datos transferidos.',
  method: 'Método',
  methodRequired: 'Indique el método.',
  municipalResponsible: 'Responsable municipal',
  municipalResponsibleRequired: 'Indique el responsable municipal.',
  externalResponsible: (entity: string) => `Responsable de ${entity}`,
  externalResponsibleRequired: 'Indique el responsable de la contraparte.',
  submit: 'Registrar transferencia',
} as const;

/** Evaluación periódica (§4b). */
export const EVALUATION = {
  heading: 'Evaluación periódica (§4b)',
  pending: 'La evaluación periódica está pendiente.',
  every: 'Cada',
  next: 'Próxima',
  last: 'Última',
  lastValue: (date: string, compliance: string) => `${date}: ${compliance}`,
  compliance: COMPLIANCE_LABELS,
  complianceLabel: 'Cumplimiento de los términos',
  complianceRequired: 'Elija el nivel de cumplimiento.',
  effectiveness: 'Efectividad',
  effectivenessRequired: 'Describa la efectividad del convenio.',
  findings: 'Hallazgos',
  findingsRequired: 'Indique los hallazgos (o «sin hallazgos»).',
  submit: 'Registrar evaluación',
} as const;

/** Vigencia and renovación expresa (approved by decree no later than the vigencia's last day). */
export const RENEWAL = {
  heading: 'Vigencia',
  endsOn: 'Vence el',
  /** Only a convenio whose clause provides for renewal is renewed: the value is «expresa» or «automática». */
  renewal: 'Renovación',
  months: 'Meses de renovación',
  monthsRequired: 'Indique los meses, entre 1 y 120.',
  decree: 'Número del decreto que aprueba la renovación',
  decreeRequired: 'Indique el número del decreto de renovación.',
  decreeDate: 'Fecha del decreto de renovación',
  decreeDateRequired: 'Indique la fecha del decreto de renovación.',
  intro: (end: string | undefined) =>
    `La renovación expresa se aprueba por decreto a más tardar el ${end ? `${end}, ` : ''}último día de la vigencia. ` +
    'La nueva vigencia corre desde el día siguiente al término.',
  submit: 'Renovar',
} as const;

/** Término: once in force, the convenio ends with the data deleted or returned, and evidence (§4). */
export const TERMINATION = {
  title: 'Terminar convenio',
  reason: 'Motivo del término',
  dataDisposition: 'Los datos fueron',
  dataDispositionRequired: 'Confirme si los datos fueron eliminados o devueltos.',
  dispositions: { eliminados: 'Eliminados', devueltos: 'Devueltos' },
  evidenceRequired: 'Indique la evidencia (acta, certificado).',
  submit: 'Terminar convenio',
} as const;
