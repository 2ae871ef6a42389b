// Shared fixtures for the pure protocol tests: a small municipal directory, a Chile calendar, fixed instants and
// builders that reach every state of both life cycles by driving decide() from creation.
import { withSensitiveBasis } from './fixtures';
import { buildChileCalendar } from '../../bot/src/calendar/chile-holidays';
import {
  currentDraft,
  decide,
  DEFAULT_SETTINGS,
  directorySchema,
  formatReference,
  isDomainError,
  parseCommand,
  parseCreate,
  resolveActor,
  SYSTEM_ACTOR,
  silenceCloseAt,
  type Actor,
  type Convenio,
  type ConvenioState,
  type ConvenioVerb,
  type ConvenioWho,
  type DecideContext,
  type Decision,
  type DomainError,
  type Item,
  type ProtocolSettings,
  type Solicitud,
  type SolicitudState,
  type SolicitudVerb,
  type SolicitudWho,
} from '../../protocol';

/** Tuesday 15 September 2026, 10:00 in America/Santiago (-03 since the September DST change). */
export const NOW = new Date('2026-09-15T13:00:00.000Z');
export const TODAY = '2026-09-15';
/** Thursday 1 October 2026, 12:00 local: after the default answer deadline (30-09-2026) of a request made at NOW. */
export const AFTER_ANSWER_DUE = new Date('2026-10-01T15:00:00.000Z');

export const CAL = buildChileCalendar({}, [2025, 2026, 2027, 2028, 2029, 2030]);

export const HASH_V1 = 'a'.repeat(64);
export const HASH_V2 = 'b'.repeat(64);
export const HASH_FEA = 'c'.repeat(64);

export const DIRECTORY = directorySchema.parse({
  units: [
    { id: 'dideco', name: 'Dirección de Desarrollo Comunitario', shortName: 'DIDECO' },
    { id: 'salud', name: 'Departamento de Salud Municipal', shortName: 'Salud' },
    { id: 'transito', name: 'Dirección de Tránsito', shortName: 'Tránsito' },
    { id: 'ugdt', name: 'Unidad de Gestión de Datos Territoriales', shortName: 'UGDT' },
    { id: 'secplan', name: 'Secretaría Comunal de Planificación', shortName: 'SECPLAN' },
    { id: 'daj', name: 'Dirección de Asesoría Jurídica', shortName: 'DAJ' },
    { id: 'alcaldia', name: 'Alcaldía', shortName: 'Alcaldía' },
    { id: 'secretaria_municipal', name: 'Secretaría Municipal', shortName: 'Secretaría Municipal' },
    { id: 'control', name: 'Dirección de Control', shortName: 'Control' },
  ],
  people: [
    // Requester (a plain official) and the head of her unit, who is also the convenio's municipal technical contact.
    { id: 'ana', name: 'Ana Rojas', email: 'ana.rojas@quillota.cl', unitId: 'dideco' },
    {
      id: 'diego',
      name: 'Diego Soto',
      email: 'diego.soto@quillota.cl',
      unitId: 'dideco',
      roles: [{ role: 'responsable_unidad', unitId: 'dideco' }],
    },
    // Owner unit of the requests: its responsable, a plain official and the responsable's subrogante.
    {
      id: 'sofia',
      name: 'Sofía Muñoz',
      email: 'sofia.munoz@quillota.cl',
      unitId: 'salud',
      roles: [{ role: 'responsable_unidad', unitId: 'salud' }],
    },
    { id: 'paula', name: 'Paula Castro', email: 'paula.castro@quillota.cl', unitId: 'salud' },
    { id: 'pablo', name: 'Pablo Díaz', email: 'pablo.diaz@quillota.cl', unitId: 'salud' },
    // A third unit, uninvolved in the requests (target of reassignments).
    {
      id: 'tomas',
      name: 'Tomás Vera',
      email: 'tomas.vera@quillota.cl',
      unitId: 'transito',
      roles: [{ role: 'responsable_unidad', unitId: 'transito' }],
    },
    { id: 'teresa', name: 'Teresa Lagos', email: 'teresa.lagos@quillota.cl', unitId: 'transito' },
    {
      id: 'ursula',
      name: 'Úrsula Pinto',
      email: 'ursula.pinto@quillota.cl',
      unitId: 'ugdt',
      roles: [{ role: 'ugdt' }],
    },
    {
      id: 'sergio',
      name: 'Sergio Fuentes',
      email: 'sergio.fuentes@quillota.cl',
      unitId: 'secplan',
      roles: [{ role: 'secplan' }],
    },
    {
      id: 'adriana',
      name: 'Adriana Campos',
      email: 'adriana.campos@quillota.cl',
      unitId: 'alcaldia',
      roles: [{ role: 'administrador_municipal' }],
    },
    {
      id: 'daniela',
      name: 'Daniela Reyes',
      email: 'daniela.reyes@quillota.cl',
      unitId: 'daj',
      roles: [{ role: 'daj' }],
    },
    { id: 'julia', name: 'Julia Ortiz', email: 'julia.ortiz@quillota.cl', unitId: 'daj' },
    { id: 'javier', name: 'Javier Mora', email: 'javier.mora@quillota.cl', unitId: 'daj' },
    {
      id: 'alberto',
      name: 'Alberto Ruiz',
      email: 'alberto.ruiz@quillota.cl',
      unitId: 'alcaldia',
      roles: [{ role: 'alcalde' }],
    },
    { id: 'carmen', name: 'Carmen Silva', email: 'carmen.silva@quillota.cl', unitId: 'alcaldia' },
    {
      id: 'marta',
      name: 'Marta Núñez',
      email: 'marta.nunez@quillota.cl',
      unitId: 'secretaria_municipal',
      roles: [{ role: 'secretaria_municipal' }],
    },
    {
      id: 'claudio',
      name: 'Claudio Pérez',
      email: 'claudio.perez@quillota.cl',
      unitId: 'control',
      roles: [{ role: 'control' }],
    },
  ],
  delegations: [
    // Subrogancias for one week around NOW (inclusive bounds).
    { principalId: 'sofia', delegateId: 'pablo', from: '2026-09-14', to: '2026-09-18', act: 'Decreto 2101/2026' },
    { principalId: 'daniela', delegateId: 'javier', from: '2026-09-14', to: '2026-09-18', roles: ['daj'] },
    { principalId: 'alberto', delegateId: 'carmen', from: '2026-09-14', to: '2026-09-18', roles: ['alcalde'] },
  ],
  // Delegations of the power to sign convenios (rule 1): Teresa for every convenio during 2026, Adriana only for
  // CONV-2026-0012 (the fixture convenio) with no end date.
  signingDelegations: [
    {
      id: 'firma-teresa',
      delegateId: 'teresa',
      decree: { number: '1.250/2026', date: '2026-02-27' },
      scope: 'todos',
      from: '2026-03-01',
      to: '2026-12-31',
    },
    {
      id: 'firma-adriana',
      delegateId: 'adriana',
      decree: { number: '3.001/2026', date: '2026-08-31' },
      scope: { convenios: ['CONV-2026-0012'] },
      from: '2026-09-01',
    },
  ],
});

export const ref = (personId: string) => ({ personId, name: DIRECTORY.people.find((p) => p.id === personId)!.name });

export function actor(personId: string, today = TODAY): Actor {
  const a = resolveActor(DIRECTORY, personId, today);
  if (!a) throw new Error(`persona desconocida en el directorio de prueba: ${personId}`);
  return a;
}

/** 'sistema' stands for the scheduler. */
export const as = (who: string | Actor): Actor =>
  typeof who !== 'string' ? who : who === 'sistema' ? SYSTEM_ACTOR : actor(who);

export function ctx(who: string | Actor, now = NOW, settings: ProtocolSettings = DEFAULT_SETTINGS): DecideContext {
  return { actor: as(who), now, calendar: CAL, settings, directory: DIRECTORY };
}

export function ok<S extends Item>(r: Decision<Item> | DomainError): Decision<S> {
  if (isDomainError(r)) throw new Error(`decide rechazó: ${r.code} ${r.message} ${JSON.stringify(r.fields)}`);
  return r as Decision<S>;
}

export function fail(r: Decision<Item> | DomainError): DomainError {
  if (!isDomainError(r)) throw new Error(`se esperaba un DomainError; quedó en «${r.next.state}»`);
  return r;
}

/** Parses the raw command like the API does, then decides it. */
export function run(
  item: Item,
  raw: Record<string, unknown>,
  who: string | Actor,
  now = NOW,
  settings = DEFAULT_SETTINGS,
): Decision<Item> | DomainError {
  return decide(item, parseCommand(item.kind, raw), ctx(who, now, settings));
}

export const step = <S extends Item>(item: S, raw: Record<string, unknown>, who: string | Actor, now = NOW): S =>
  ok<S>(run(item, raw, who, now)).next;

// ---------------------------------------------------------------------------------------------------------------
// Internal request (solicitud)

export const DATASET = {
  name: 'Atenciones de salud por sector',
  fields: ['sector', 'mes', 'atenciones'],
  period: '2025',
  format: 'xlsx',
  classification: { access: 'uso_interno', privacy: 'no_personal' },
};

/** A structured legal basis (rule 6) that passes. */
export const LEGAL_BASIS_OK = {
  basis: 'funciones_legales',
  norm: { law: 'Ley 18.695', article: 'art. 4 letra c' },
};

export const SOLICITUD_RAW = {
  ownerUnitId: 'salud',
  dataset: DATASET,
  purpose: 'Focalizar el programa de apoyo familiar',
  justification: 'El programa necesita priorizar sectores con más demanda',
  expectedBenefits: 'Mejor asignación de cupos del programa',
  legalBasis: {
    basis: 'funciones_legales',
    norm: { law: 'Ley 18.695', article: 'art. 4 letra b' },
  },
};

export function createSolicitudDecision(
  raw: Record<string, unknown> = {},
  who: string | Actor = 'ana',
  now = NOW,
  settings = DEFAULT_SETTINGS,
  seq = 1,
): Decision<Solicitud> {
  const ids = { id: `sol-${seq}`, reference: formatReference('solicitud', 2026, seq) };
  return ok<Solicitud>(
    decide(
      null,
      parseCreate('solicitud', withSensitiveBasis({ ...SOLICITUD_RAW, ...raw })),
      ctx(who, now, settings),
      ids,
    ),
  );
}

export const createSolicitud = (raw: Record<string, unknown> = {}, now = NOW): Solicitud =>
  createSolicitudDecision(raw, 'ana', now).next;

export const SOLICITUD_BUILDERS: Record<SolicitudState, () => Solicitud> = {
  enviada: () => createSolicitud(),
  recibida: () => step(createSolicitud(), { type: 'acusar_recibo' }, 'sofia'),
  en_plazo: () =>
    step(
      SOLICITUD_BUILDERS.recibida(),
      { type: 'indicar_plazo', until: '2026-09-25', note: 'Se extrae del RAYEN' },
      'sofia',
    ),
  entregada: () =>
    step(
      SOLICITUD_BUILDERS.en_plazo(),
      { type: 'entregar', link: 'https://quillota.sharepoint.com/datos/atenciones.xlsx', note: 'Planilla adjunta' },
      'sofia',
    ),
  cerrada: () => step(SOLICITUD_BUILDERS.entregada(), { type: 'conforme' }, 'ana'),
  no_disponible: () =>
    step(SOLICITUD_BUILDERS.recibida(), { type: 'no_disponible', reason: 'No se registra por sector' }, 'sofia'),
  rechazada: () =>
    step(
      SOLICITUD_BUILDERS.recibida(),
      { type: 'rechazar', reason: 'Datos sensibles sin base legal', legalGround: 'Ley 19.628 art. 10' },
      'sofia',
    ),
  cancelada: () => step(createSolicitud(), { type: 'cancelar', reason: 'Ya no se necesita' }, 'ana'),
};

/** Who holds the capacity each `who` of the table names, on a request built by SOLICITUD_BUILDERS. */
export const SOLICITUD_ACTOR: Record<SolicitudWho, string> = {
  solicitante: 'ana',
  unidad_duena: 'sofia',
  ugdt: 'ursula',
  participantes: 'ana',
  sistema: 'sistema',
  solicitante_o_ugdt: 'ana',
};

/** A valid command for each verb; system commands name the current answer deadline. */
export const SOLICITUD_COMMANDS: Record<SolicitudVerb, (s: Solicitud) => Record<string, unknown>> = {
  acusar_recibo: () => ({ type: 'acusar_recibo' }),
  indicar_plazo: () => ({ type: 'indicar_plazo', until: '2026-09-25', note: 'Se extrae del RAYEN' }),
  entregar: () => ({ type: 'entregar', link: 'https://quillota.sharepoint.com/datos/a.xlsx', note: 'Planilla' }),
  no_disponible: () => ({ type: 'no_disponible', reason: 'No se registra por sector' }),
  rechazar: () => ({ type: 'rechazar', reason: 'Datos sensibles', legalGround: 'Ley 19.628 art. 10' }),
  conforme: () => ({ type: 'conforme' }),
  observar: () => ({ type: 'observar', reason: 'Falta el mes de diciembre' }),
  cancelar: () => ({ type: 'cancelar', reason: 'Ya no se necesita' }),
  comentar: () => ({ type: 'comentar', text: '¿Pueden incluir el sector rural?' }),
  recordar: () => ({ type: 'recordar' }),
  reasignar: () => ({ type: 'reasignar', unitId: 'transito', reason: 'Tránsito administra ese registro' }),
  prorrogar: () => ({ type: 'prorrogar', amount: 5, reason: 'Cierre mensual del sistema' }),
  cerrar: () => ({ type: 'cerrar', reason: 'Resuelto por otra vía' }),
  recordatorio_plazo: (s) => ({ type: 'recordatorio_plazo', deadline: 'answer', about: s.deadlines.answer.dueAt }),
  marcar_vencida: (s) => ({ type: 'marcar_vencida', deadline: 'answer', about: s.deadlines.answer.dueAt }),
  solicitar_prorroga: () => ({ type: 'solicitar_prorroga', amount: 3, reason: 'Cierre mensual del sistema' }),
  conceder_prorroga: () => ({ type: 'conceder_prorroga' }),
  denegar_prorroga: () => ({ type: 'denegar_prorroga', reason: 'La fecha es necesaria para el informe' }),
  reiterar: () => ({ type: 'reiterar', until: '2026-10-06', reason: 'Se reitera la solicitud vencida' }),
  corregir_clasificacion: () => ({
    type: 'corregir_clasificacion',
    classification: { access: 'uso_interno', privacy: 'sensible' },
    reason: 'Incluye diagnósticos de salud',
  }),
  cerrar_por_silencio: (s) => ({
    type: 'cerrar_por_silencio',
    about: silenceCloseAt(CAL, s, DEFAULT_SETTINGS) ?? 'sin entrega',
  }),
  actualizar_base_legal: () => ({ type: 'actualizar_base_legal', legalBasis: LEGAL_BASIS_OK }),
};

/**
 * The instant each verb is issued at: marcar_vencida and reiterar only make sense once the answer deadline passed,
 * cerrar_por_silencio once the requester's 10 días hábiles after a delivery at NOW did (30-09-2026).
 */
export const SOLICITUD_WHEN: Partial<Record<SolicitudVerb, Date>> = {
  marcar_vencida: AFTER_ANSWER_DUE,
  reiterar: AFTER_ANSWER_DUE,
  cerrar_por_silencio: AFTER_ANSWER_DUE,
};

/** What a verb needs besides the state (applied to a request in one of the verb's source states). */
export const SOLICITUD_PREPARE: Partial<Record<SolicitudVerb, (s: Solicitud) => Solicitud>> = {
  conceder_prorroga: (s) => step(s, { type: 'solicitar_prorroga', amount: 3, reason: 'Cierre mensual' }, 'sofia'),
  denegar_prorroga: (s) => step(s, { type: 'solicitar_prorroga', amount: 3, reason: 'Cierre mensual' }, 'sofia'),
};

// ---------------------------------------------------------------------------------------------------------------
// Convenio

export const CHECKLIST_OK = {
  necesidad: { ok: true, note: 'Plan comunal de seguridad vial' },
  beneficioMutuo: { ok: true, note: '' },
  cumplimientoNormativo: { ok: true, note: '' },
  privacidadSeguridad: { ok: true, note: 'Datos anonimizados' },
};

export const CONVENIO_RAW = {
  title: 'Intercambio de datos de siniestralidad vial',
  purpose: 'Analizar la siniestralidad vial de la comuna',
  legalBasis: {
    basis: 'funciones_legales',
    norm: { law: 'Ley 18.695', article: 'art. 4 letra c' },
  },
  benefits: { municipality: 'Informes de puntos críticos', counterpart: 'Datos para investigación aplicada' },
  entity: {
    name: 'Universidad de Valparaíso',
    rut: '60.921.000-1',
    representative: { name: 'Osvaldo Corrales', position: 'Rector' },
    legalContact: { name: 'Lucía Herrera', email: 'juridica@uv.cl' },
    technicalContact: { name: 'Rodrigo Paredes', email: 'datos@uv.cl' },
  },
  municipalTechnicalContact: { name: 'Diego Soto', email: 'diego.soto@quillota.cl', personId: 'diego' },
  datasets: [{ ...DATASET, name: 'Siniestros viales georreferenciados' }],
  securityMeasures: 'Cifrado en tránsito y en reposo; acceso nominativo',
  transferMethod: 'Carpeta SharePoint con enlace restringido',
  retention: { endAction: 'eliminacion', detail: 'Eliminación con acta al término' },
  durationMonths: 24,
  renewal: 'expresa',
  signers: [
    { side: 'municipalidad', name: 'Alberto Ruiz', position: 'Alcalde', personId: 'alberto' },
    { side: 'contraparte', name: 'Osvaldo Corrales', position: 'Rector' },
  ],
};

export const CONVENIO_REFERENCE = formatReference('convenio', 2026, 12);

export function createConvenio(raw: Record<string, unknown> = {}, who: string | Actor = 'ana', now = NOW): Convenio {
  const ids = { id: 'conv-12', reference: CONVENIO_REFERENCE };
  return ok<Convenio>(
    decide(null, parseCreate('convenio', withSensitiveBasis({ ...CONVENIO_RAW, ...raw })), ctx(who, now), ids),
  ).next;
}

/** The draft a visación or a signature must name: the current one. */
export const draftOf = (c: Convenio) => currentDraft(c) ?? { version: 1, sha256: HASH_V1 };

/** Each step of the convenio life cycle, from a convenio in the previous state. */
export const CONVENIO_STEPS = {
  evaluar: (c: Convenio) => step(c, { type: 'registrar_evaluacion', checklist: CHECKLIST_OK }, 'sergio'),
  aprobar: (c: Convenio) => step(c, { type: 'aprobar_evaluacion', note: 'Aprobado en sesión del Comité' }, 'adriana'),
  borrador: (c: Convenio, sha256 = HASH_V1) =>
    step(c, { type: 'registrar_borrador', fileName: 'convenio.docx', sha256 }, 'sergio'),
  enviar: (c: Convenio) => step(c, { type: 'enviar_a_visacion' }, 'sergio'),
  visar: (c: Convenio) => step(c, { type: 'visar', ...pick(draftOf(c)) }, 'daniela'),
  visarExterna: (c: Convenio) =>
    step(
      c,
      { type: 'registrar_visacion_externa', ...pick(draftOf(c)), reviewer: 'Lucía Herrera', evidence: 'Correo 15-09' },
      'sergio',
    ),
  firmarAlcalde: (c: Convenio) => step(c, { type: 'firmar', signerId: 'f1', ...pick(draftOf(c)) }, 'alberto'),
  firmarContraparte: (c: Convenio) =>
    step(c, { type: 'firmar', signerId: 'f2', ...pick(draftOf(c)), evidence: 'PDF firmado por el Rector' }, 'sergio'),
  // Rule 6: a convenio that needs an EIPD gets it recorded before its decree.
  decreto: (c: Convenio) =>
    step(
      c.impactAssessmentRequired && !c.eipd ? step(c, CONVENIO_COMMANDS.registrar_eipd(c), 'sergio') : c,
      { type: 'registrar_decreto', number: '4567', date: TODAY },
      'marta',
    ),
};

function pick(d: { version: number; sha256: string }) {
  return { version: d.version, sha256: d.sha256 };
}

const S = CONVENIO_STEPS;
export const CONVENIO_BUILDERS: Record<ConvenioState, (raw?: Record<string, unknown>) => Convenio> = {
  evaluacion: (raw) => S.evaluar(createConvenio(raw)),
  redaccion: (raw) => S.borrador(S.aprobar(CONVENIO_BUILDERS.evaluacion(raw))),
  visacion: (raw) => S.enviar(CONVENIO_BUILDERS.redaccion(raw)),
  firma: (raw) => S.visarExterna(S.visar(CONVENIO_BUILDERS.visacion(raw))),
  aprobacion: (raw) => S.firmarContraparte(S.firmarAlcalde(CONVENIO_BUILDERS.firma(raw))),
  vigente: (raw) => S.decreto(CONVENIO_BUILDERS.aprobacion(raw)),
  por_vencer: (raw) => {
    const c = CONVENIO_BUILDERS.vigente(raw);
    return step(c, { type: 'marcar_por_vencer', about: c.validity!.end }, 'sistema');
  },
  terminado: (raw) =>
    step(
      CONVENIO_BUILDERS.vigente(raw),
      { type: 'terminar', reason: 'Fin del estudio', dataDisposition: 'eliminados', evidence: 'Acta N° 12' },
      'sergio',
    ),
  desistido: (raw) => step(CONVENIO_BUILDERS.evaluacion(raw), { type: 'desistir', reason: 'Ya no se requiere' }, 'ana'),
  vencido: (raw) => {
    const c = CONVENIO_BUILDERS.vigente({ renewal: 'expresa', ...raw });
    return step(c, { type: 'vencer', about: c.validity!.end }, 'sistema');
  },
  // Rule 9b: at evaluación the Administración rejects on SECPLAN's proposal.
  rechazado: (raw) =>
    step(
      step(CONVENIO_BUILDERS.evaluacion(raw), { type: 'proponer_rechazo', reason: 'Sin necesidad' }, 'sergio'),
      { type: 'rechazar', reason: 'Sin necesidad' },
      'adriana',
    ),
};

export const CONVENIO_ACTOR: Record<ConvenioWho, string> = {
  secplan: 'sergio',
  administrador: 'adriana',
  evaluadores: 'daniela',
  daj: 'daniela',
  visacion: 'daniela',
  firmante: 'alberto',
  decreto: 'marta',
  secplan_o_contraparte_tecnica: 'diego',
  secplan_o_proponente: 'ana',
  participantes: 'daniela',
  redaccion: 'sergio',
  sistema: 'sistema',
};

export const CONVENIO_COMMANDS: Record<ConvenioVerb, (c: Convenio) => Record<string, unknown>> = {
  registrar_evaluacion: () => ({ type: 'registrar_evaluacion', checklist: CHECKLIST_OK, committeeSession: 'Sesión 3' }),
  aprobar_evaluacion: () => ({ type: 'aprobar_evaluacion', note: 'Necesidad acreditada' }),
  rechazar: () => ({ type: 'rechazar', reason: 'No se acreditó la necesidad' }),
  registrar_borrador: () => ({ type: 'registrar_borrador', fileName: 'convenio-v2.docx', sha256: HASH_V2 }),
  enviar_a_visacion: () => ({ type: 'enviar_a_visacion' }),
  visar: (c) => ({ type: 'visar', ...pick(draftOf(c)) }),
  registrar_visacion_externa: (c) => ({
    type: 'registrar_visacion_externa',
    ...pick(draftOf(c)),
    reviewer: 'Lucía Herrera',
    evidence: 'Correo del área jurídica',
  }),
  observar: () => ({ type: 'observar', side: 'municipal', comments: 'Falta la cláusula de eliminación' }),
  firmar: (c) => ({ type: 'firmar', signerId: 'f1', ...pick(draftOf(c)) }),
  subir_firmado_fea: () => ({ type: 'subir_firmado_fea', fileName: 'convenio-fea.pdf', sha256: HASH_FEA }),
  registrar_decreto: () => ({ type: 'registrar_decreto', number: '4567', date: TODAY }),
  registrar_transferencia: () => ({
    type: 'registrar_transferencia',
    date: TODAY,
    datasets: ['Siniestros viales georreferenciados'],
    method: 'SharePoint',
    municipalResponsible: 'Diego Soto',
    externalResponsible: 'Rodrigo Paredes',
  }),
  registrar_evaluacion_periodica: () => ({
    type: 'registrar_evaluacion_periodica',
    compliance: 'cumple',
    effectiveness: 'Se usaron en dos informes',
    findings: 'Sin hallazgos',
  }),
  renovar: () => ({ type: 'renovar', months: 12, decree: '5120', decreeDate: TODAY }),
  terminar: () => ({ type: 'terminar', reason: 'Fin del estudio', dataDisposition: 'eliminados', evidence: 'Acta 12' }),
  desistir: () => ({ type: 'desistir', reason: 'La universidad desistió' }),
  comentar: () => ({ type: 'comentar', text: 'Revisar la cláusula de publicación' }),
  evaluacion_pendiente: (c) => ({ type: 'evaluacion_pendiente', about: c.nextEvaluationDue ?? '2027-03-15' }),
  marcar_por_vencer: (c) => ({ type: 'marcar_por_vencer', about: c.validity?.end ?? '2028-09-14' }),
  registrar_documento: (c) => ({
    type: 'registrar_documento',
    document: 'certificado',
    version: c.documents.filter((d) => d.kind === 'certificado').length + 1,
    fileName: 'certificado.pdf',
    sha256: HASH_FEA,
    url: 'https://quillota.sharepoint.com/sites/intercambio-datos/certificado.pdf',
    storageVersionId: '1.0',
  }),
  cambiar_firmantes: () => ({
    type: 'cambiar_firmantes',
    signers: [
      { side: 'municipalidad', name: 'Teresa Lagos', position: 'Directora de Tránsito', personId: 'teresa' },
      { side: 'contraparte', name: 'Osvaldo Corrales', position: 'Rector' },
    ],
    reason: 'El Alcalde delegó la firma de convenios',
  }),
  vencer: (c) => ({ type: 'vencer', about: c.validity?.end ?? '2028-09-14' }),
  plazo_termino: (c) => ({
    type: 'plazo_termino',
    stage: 'vencimiento',
    about: c.terminationDeadline?.dueAt ?? '2028-10-27T02:59:59.999Z',
  }),
  proponer_rechazo: () => ({ type: 'proponer_rechazo', reason: 'No se acredita la necesidad' }),
  desestimar_rechazo: () => ({ type: 'desestimar_rechazo', note: 'La necesidad quedó acreditada en el Comité' }),
  recordatorio_etapa: (c) => ({
    type: 'recordatorio_etapa',
    about: Object.values(c.stepDeadlines ?? {})[0]?.remindAt ?? '',
  }),
  etapa_vencida: (c) => ({ type: 'etapa_vencida', about: Object.values(c.stepDeadlines ?? {})[0]?.dueAt ?? '' }),
  actualizar_base_legal: () => ({ type: 'actualizar_base_legal', legalBasis: LEGAL_BASIS_OK }),
  registrar_eipd: () => ({
    type: 'registrar_eipd',
    date: TODAY,
    author: 'Sergio Pérez (SECPLAN)',
    documentName: 'EIPD-2026-12.pdf',
  }),
  registrar_autorizacion_origen: (c) => ({
    type: 'registrar_autorizacion_origen',
    dataset: c.datasets[0]!.name,
    body: 'CONASET',
    evidence: 'Oficio N° 345 de CONASET',
    date: TODAY,
  }),
};
