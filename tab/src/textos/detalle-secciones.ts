// The detail's sections in words: every field of a solicitud (components/detail-solicitud.tsx, §2) and of a convenio
// (components/detail-convenio.tsx, §3–§6). Values arrive ready-made: dates as dd-mm-aaaa (format.ts), periods with
// their unit (periodWords), people stamped with `stamp`. Spanish (Chile); labels without a final period.
import { COMPLIANCE_LABELS } from './detalle';

/** Who did it and when: «Ana Pérez (subrogando a Juan Soto), 05-09-2026 10:30». */
export const stamp = (name: string, onBehalfOf: string | undefined, when: string): string =>
  `${name}${onBehalfOf ? ` (subrogando a ${onBehalfOf})` : ''}, ${when}`;

/** «del 01-10-2026 al 30-09-2028». */
const fromTo = (start: string, end: string) => `del ${start} al ${end}`;

/** Where an extension the owner unit asked for stands (Ley 19.880 art. 26). */
export const EXTENSION_STATUS = {
  pendiente: 'Pendiente de la decisión de la UGDT',
  concedida: 'Concedida',
  denegada: 'Denegada',
  caducada: 'Caducó al vencer el plazo sin decisión',
} as const;

/** A solicitud's sections. */
export const SOLICITUD_SECTIONS = {
  outcome: {
    closedBySilence: 'Cerrada por silencio del solicitante',
    closedByUgdt: 'Cerrada por la UGDT',
    result: 'Resultado',
    reason: 'Motivo',
    legalGround: 'Norma',
  },
  request: {
    title: 'Solicitud',
    requestingUnit: 'Unidad solicitante',
    requester: 'Funcionario(a) solicitante',
    ownerUnit: 'Unidad dueña del dato',
    assignee: 'Asignada a',
    sentOn: 'Enviada el',
    neededBy: 'Se necesita para',
    updatedAt: 'Última actualización',
  },
  data: {
    title: 'Datos solicitados',
    corrections: 'Correcciones de clasificación (unidad dueña)',
    /** One axis pair: «Pública / Sin datos personales». */
    classification: (access: string, privacy: string) => `${access} / ${privacy}`,
    correction: (from: string, to: string, reason: string, by: string) => `De ${from} a ${to}: ${reason} — ${by}`,
  },
  purpose: {
    title: 'Propósito y fundamento',
    purpose: 'Propósito',
    justification: 'Justificación',
    benefits: 'Beneficios esperados',
    legalBasis: 'Base legal',
    notice: 'Aviso',
    attachments: 'Adjuntos',
  },
  deadlines: {
    title: 'Plazos',
    acknowledge: 'Acuse de recibo',
    answer: 'Respuesta',
    /** «10 días hábiles, hasta el 18-09-2026». */
    period: (period: string, dueDate: string) => `${period}, hasta el ${dueDate}`,
    acknowledgedBy: (by: string) => ` · registrado por ${by}`,
    extended: (period: string) => ` (incluye ${period} de prórroga)`,
    wait: 'Espera indicada',
    waitValue: (until: string, note: string, by: string) => `hasta el ${until}: ${note} — ${by}`,
    overdue: 'Plazo vencido',
    overdueValue: (deadline: string, since: string) => `${deadline}: venció el ${since}; la UGDT puede intervenir`,
    extensions: 'Prórrogas (art. 26)',
    extension: (period: string, newDueDate: string, reason: string, by: string) =>
      `${period}, nuevo plazo ${newDueDate}: ${reason} — ${by}`,
    extensionRequests: 'Solicitudes de prórroga de la unidad (art. 26)',
    /** «5 días hábiles: motivo — Ana, fecha. Concedida por Lee, fecha: nota». */
    extensionRequest: (
      period: string,
      reason: string,
      by: string,
      status: string,
      decidedBy: string | undefined,
      decision: string | undefined,
    ) =>
      `${period}: ${reason} — ${by}. ${status}${decidedBy ? ` por ${decidedBy}` : ''}${decision ? `: ${decision}` : ''}`,
    reiterations: 'Oficios reiterativos de la UGDT (la solicitud sigue fuera de plazo)',
    reiteration: (until: string, reason: string, by: string) => `Responder a más tardar el ${until}: ${reason} — ${by}`,
    reassignments: 'Reasignaciones',
    reassignment: (from: string, to: string, reason: string, by: string) => `De ${from} a ${to}: ${reason} — ${by}`,
    reminders: 'Recordatorios',
    reminderAutomatic: 'Automático',
    reminderUgdt: 'De la UGDT',
  },
  delivery: {
    title: 'Entrega y cierre',
    delivered: 'Entregada',
    /** After an observation, the owner unit's corrected delivery (issue 15). */
    deliveredVersion: (version: number) => `Entregada (entrega ${version}, corrige la anterior)`,
    link: 'Enlace a los datos',
    file: 'Archivo',
    files: 'Archivos entregados',
    note: 'Nota de entrega',
    observations: 'Observaciones del solicitante',
  },
  comments: 'Comentarios',
} as const;

const months = (n: number) => (n === 1 ? '1 mes' : `${n} meses`);

/** A convenio's sections. */
export const CONVENIO_SECTIONS = {
  convenio: {
    title: 'Convenio',
    object: 'Objeto',
    proposer: 'Propone',
    proposerValue: (name: string, unit: string) => `${name} (${unit})`,
    registeredOn: 'Registrado el',
    purpose: 'Propósito',
    legalBasis: 'Base legal',
    notice: 'Aviso',
    benefitMunicipality: 'Beneficio para el municipio',
    benefitCounterpart: 'Beneficio para la contraparte',
  },
  entity: {
    title: 'Entidad externa',
    name: 'Entidad',
    rut: 'RUT',
    representative: 'Representante legal',
    legalContact: 'Contacto jurídico',
    technicalContact: 'Contraparte técnica',
    municipalTechnicalContact: 'Contraparte técnica municipal',
    /** In a contact's line: «RUT 12.345.678-5». */
    contactRut: (rut: string) => `RUT ${rut}`,
  },
  data: {
    title: 'Conjuntos de datos',
    /** One dataset's sub-heading: «1. Beneficiarios RSH». */
    dataset: (n: number, name: string) => `${n}. ${name}`,
    origin: 'Origen de los datos',
    eipd: 'EIPD',
    eipdValue: (date: string, author: string, document: string) => `${date}, ${author}: ${document}`,
    originAuthorizations: 'Autorizaciones de origen',
    originAuthorization: (dataset: string, body: string, date: string, evidence: string) =>
      `${dataset} (${body}, ${date}): ${evidence}`,
  },
  security: {
    title: 'Seguridad, transferencia y retención',
    measures: 'Medidas de protección y seguridad',
    transferMethod: 'Método de transferencia',
    atEnd: 'Al término',
  },
  duration: {
    title: 'Duración, renovación y evaluación',
    duration: 'Duración',
    months,
    renewal: 'Renovación',
    evaluation: 'Evaluación periódica',
    evaluationEvery: (n: number) => (n === 1 ? 'cada mes (§4b)' : `cada ${n} meses (§4b)`),
    nextEvaluation: 'Próxima evaluación',
    evaluationPending: 'Evaluación pendiente',
    yes: 'Sí',
    validity: 'Vigencia',
    validityValue: fromTo,
    renewals: 'Renovaciones',
    renewalValue: (previousEnd: string, newEnd: string, decree: string | undefined, by: string) =>
      `Del ${previousEnd} al ${newEnd}${decree ? `, decreto ${decree}` : ''} — ${by}`,
  },
  assessment: {
    title: 'Evaluación de necesidad (§5)',
    ok: COMPLIANCE_LABELS.cumple,
    notOk: COMPLIANCE_LABELS.no_cumple,
    registered: 'Registrada',
    committeeSession: 'Sesión del comité',
    approved: 'Aprobada',
    approvedValue: (by: string, note: string) => `${by}: ${note}`,
    none: 'Aún no se registra la evaluación.',
  },
  legal: {
    title: 'Visación jurídica',
    round: 'Ronda de redacción',
    municipal: 'DAJ (municipal)',
    municipalDone: (version: number, hash: string, by: string, note: string | undefined) =>
      `Visó la versión ${version} (SHA-256 ${hash}) — ${by}${note ? `; nota: ${note}` : ''}`,
    external: (entity: string) => `Área jurídica de ${entity}`,
    externalDone: (reviewer: string, version: number, hash: string, evidence: string, by: string) =>
      `${reviewer} visó la versión ${version} (SHA-256 ${hash}); evidencia: ${evidence} — registró ${by}`,
    pending: 'Pendiente',
    observations: 'Observaciones',
    observation: (side: string, version: number, round: number, comments: string, by: string) =>
      `${side}, versión ${version} (ronda ${round}): ${comments} — ${by}`,
  },
  signatures: {
    title: 'Firmantes y firmas',
    order: (sequential: boolean) =>
      `Orden de firma: ${sequential ? 'secuencial (en el orden indicado)' : 'en paralelo'}`,
    signed: (version: number, hash: string, method: string, by: string, evidence: string | undefined) =>
      `firmó la versión ${version} (SHA-256 ${hash}) con ${method} — ${by}${evidence ? `; evidencia: ${evidence}` : ''}`,
    pending: 'pendiente',
  },
  decree: {
    title: 'Decreto y vigencia',
    decree: 'Decreto Alcaldicio',
    decreeValue: (number: string, date: string) => `N° ${number} del ${date}`,
    externalAct: 'Acto aprobatorio de la contraparte',
    registered: 'Registrado',
    validity: 'Vigencia',
    validityValue: fromTo,
  },
  transfers: {
    title: 'Transferencias de datos',
    transfer: (date: string, datasets: string, method: string, municipal: string, external: string, by: string) =>
      `${date}: ${datasets} por ${method}. Responsables: ${municipal} (municipio) y ${external} (contraparte) — registró ${by}`,
  },
  evaluations: {
    title: 'Evaluaciones periódicas (§4b)',
    heading: (compliance: string, by: string) => `${compliance} — ${by}`,
    effectiveness: 'Efectividad',
    findings: 'Hallazgos',
  },
  termination: {
    title: 'Término',
    terminated: 'Terminado',
    terminatedValue: (by: string, reason: string) => `${by}: ${reason}`,
    dataAtEnd: 'Datos al término',
    dataAtEndValue: (disposition: string, evidence: string) => `${disposition}; evidencia: ${evidence}`,
    reason: 'Motivo',
    reasonValue: (reason: string, by: string) => `${reason} — ${by}`,
  },
} as const;
