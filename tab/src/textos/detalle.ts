// How the detail page words what happened: each command in the past tense, the states by their labels and the key
// facts of a command's payload, and the words of the detail's parts (components/detail-*): its header, timeline,
// chat cards, next step and datasets. Spanish (Chile), addressed with «usted». Exhaustive tables: a new verb does not
// compile until it is worded.
import {
  CONVENIO_STATE_LABELS,
  SOLICITUD_STATE_LABELS,
  type ConvenioVerb,
  type Item,
  type ItemKind,
  type SolicitudVerb,
  type Unit,
} from '../../../protocol';
import {
  byGender,
  COMPLIANCE_LABELS,
  END_ACTION_LABELS,
  shortHash,
  SIGNER_SIDE_LABELS,
  sizeInWords,
} from '../../../protocol';
// Value words both surfaces show live in protocol/labels.ts; the tab's components keep importing them from here.
export { COMPLIANCE_LABELS, END_ACTION_LABELS, SIGNER_SIDE_LABELS };
import { diasHabiles, fechaLocal } from '../format';
import { FILE_TIMELINE } from './archivos';

/** «5 días hábiles», «1 día corrido»: a period always says which days it counts. */
export const periodWords = (amount: number, unit: 'habiles' | 'corridos'): string =>
  unit === 'habiles' ? diasHabiles(amount) : amount === 1 ? '1 día corrido' : `${amount} días corridos`;

const SOLICITUD_DONE: Record<SolicitudVerb | 'crear', string> = {
  crear: 'Envió la solicitud',
  acusar_recibo: 'Acusó recibo',
  indicar_plazo: 'Indicó un plazo de entrega',
  entregar: 'Entregó los datos',
  no_disponible: 'Informó que los datos no están disponibles',
  rechazar: 'Rechazó con fundamento',
  conforme: 'Dio conformidad a la entrega',
  observar: 'Observó la entrega',
  cancelar: 'Canceló la solicitud',
  comentar: 'Comentó',
  recordar: 'Recordó a la unidad dueña',
  reasignar: 'Reasignó la solicitud',
  prorrogar: 'Concedió una prórroga de oficio',
  cerrar: 'Cerró la solicitud',
  recordatorio_plazo: 'Recordatorio automático de plazo',
  marcar_vencida: 'Plazo vencido: aviso a la UGDT',
  solicitar_prorroga: 'Solicitó una prórroga (art. 26)',
  conceder_prorroga: 'Concedió la prórroga solicitada',
  denegar_prorroga: 'Denegó la prórroga solicitada',
  reiterar: 'Reiteró la solicitud (oficio reiterativo)',
  corregir_clasificacion: 'Corrigió la clasificación del dato',
  cerrar_por_silencio: 'Cerrada por silencio del solicitante',
  actualizar_base_legal: 'Registró la base legal',
};

const CONVENIO_DONE: Record<ConvenioVerb | 'crear' | 'renovacion_automatica', string> = {
  crear: 'Registró el convenio',
  registrar_evaluacion: 'Registró la evaluación de necesidad (§5)',
  aprobar_evaluacion: 'Aprobó la evaluación de necesidad',
  rechazar: 'Rechazó el convenio',
  registrar_borrador: 'Registró un borrador',
  enviar_a_visacion: 'Envió a visación jurídica',
  visar: 'Visó el borrador (DAJ)',
  registrar_visacion_externa: 'Registró la visación de la contraparte',
  observar: 'Observó el borrador',
  firmar: 'Firmó el convenio',
  subir_firmado_fea: 'Subió el PDF firmado con FEA',
  registrar_decreto: 'Registró el Decreto Alcaldicio',
  registrar_transferencia: 'Registró una transferencia de datos',
  registrar_evaluacion_periodica: 'Registró la evaluación periódica (§4b)',
  renovar: 'Renovó el convenio',
  terminar: 'Terminó el convenio',
  desistir: 'Desistió del convenio',
  comentar: 'Comentó',
  evaluacion_pendiente: 'Aviso automático: evaluación periódica pendiente',
  marcar_por_vencer: 'Aviso automático: convenio por vencer',
  registrar_documento: 'Guardó un documento en la biblioteca',
  cambiar_firmantes: 'Cambió los firmantes',
  vencer: 'Fin de la vigencia: convenio vencido',
  renovacion_automatica: 'Renovación automática por cláusula del convenio',
  plazo_termino: 'Aviso automático: plazo para eliminar o devolver los datos',
  proponer_rechazo: 'Propuso rechazar el convenio (SECPLAN)',
  desestimar_rechazo: 'Desestimó la propuesta de rechazo',
  recordatorio_etapa: 'Recordatorio automático de plazo de etapa',
  etapa_vencida: 'Plazo de etapa vencido: aviso a SECPLAN y a la Administración Municipal',
  actualizar_base_legal: 'Registró la base legal',
  registrar_eipd: 'Registró la evaluación de impacto (EIPD)',
  registrar_autorizacion_origen: 'Registró la autorización del organismo de origen',
};

/**
 * What the service records of a delivered file besides the commands (issue 15: file_events, named as
 * bot/src/store/timeline.ts FILE_TIMELINE_COMMANDS), as the timeline lists them to the UGDT, the owner unit and the
 * person concerned.
 */
const FILE_EVENTS: Record<string, string> = {
  descargar_archivo: FILE_TIMELINE.downloaded,
  vencer_acceso_archivo: FILE_TIMELINE.accessEnded,
};

export function commandWords(kind: ItemKind, command: string): string {
  const table: Record<string, string> = kind === 'solicitud' ? SOLICITUD_DONE : CONVENIO_DONE;
  return table[command] ?? FILE_EVENTS[command] ?? command.replace(/_/g, ' ');
}

export function stateWords(kind: ItemKind, state: string): string {
  const labels: Record<string, string> = kind === 'solicitud' ? SOLICITUD_STATE_LABELS : CONVENIO_STATE_LABELS;
  return labels[state] ?? state;
}

export const METHOD_LABELS = {
  fes: 'Firma electrónica simple (FES)',
  fea: 'Firma electrónica avanzada (FEA)',
} as const;

export const SIDE_LABELS = { municipal: 'Municipalidad (DAJ)', externa: 'Contraparte' } as const;
export const DISPOSITION_LABELS = { eliminados: 'Datos eliminados', devueltos: 'Datos devueltos' } as const;
export const DEADLINE_LABELS = { acknowledge: 'Acuse de recibo', answer: 'Respuesta' } as const;

export const unitLabel = (units: Unit[] | undefined, id: string): string => units?.find((u) => u.id === id)?.name ?? id;

const pick = <T extends Record<string, string>>(table: T, v: unknown): string | undefined =>
  typeof v === 'string' ? (table[v] ?? v) : undefined;

const asText = (v: unknown): string | undefined =>
  typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined;

/** «datos.csv (1,5 MB, SHA-256 0a1b2c3d4e5f)»: the files an audit entry names, one per line. */
function fileList(v: unknown): string | undefined {
  if (!Array.isArray(v) || v.length === 0) return undefined;
  const lines = v.flatMap((f): string[] => {
    if (!f || typeof f !== 'object') return [];
    const r = f as Record<string, unknown>;
    const name = asText(r.name);
    if (!name) return [];
    const size = r.size;
    const hash = r.sha256;
    return [
      FILE_TIMELINE.fileLine(
        name,
        typeof size === 'number' ? sizeInWords(size) : undefined,
        typeof hash === 'string' ? shortHash(hash) : undefined,
      ),
    ];
  });
  return lines.length ? lines.join('\n') : undefined;
}

/**
 * The facts of an audit entry's payload worth reading (reasons, notes, dates, documents), in a stable order.
 * Keys that only matter to the machine (timer ids, storage ids) are left out.
 */
export function payloadFacts(item: Item, payload: Record<string, unknown>, units?: Unit[]): [string, string][] {
  const signer = (id: unknown) =>
    item.kind === 'convenio' ? (item.signers.find((s) => s.id === id)?.name ?? asText(id)) : asText(id);
  const checklist = (v: unknown): string | undefined => {
    if (!v || typeof v !== 'object') return undefined;
    const list = Object.values(v as Record<string, { ok?: boolean }>);
    return `${list.filter((x) => x?.ok).length} de ${list.length} puntos cumplidos`;
  };
  const rows: [string, (v: unknown) => string | undefined][] = [
    ['dataset', asText],
    ['title', asText],
    ['entity', asText],
    ['ownerUnitId', (v) => (typeof v === 'string' ? unitLabel(units, v) : undefined)],
    ['unitId', (v) => (typeof v === 'string' ? unitLabel(units, v) : undefined)],
    ['until', (v) => (typeof v === 'string' ? fechaLocal(v) : undefined)],
    // An extension counts the days the answer's period counts (hábiles or corridos).
    [
      'amount',
      (v) =>
        typeof v !== 'number'
          ? undefined
          : item.kind === 'solicitud'
            ? periodWords(v, item.deadlines.answer.period.unit)
            : String(v),
    ],
    ['deadline', (v) => pick(DEADLINE_LABELS, v)],
    ['signerId', signer],
    ['method', (v) => pick(METHOD_LABELS, v)],
    ['side', (v) => pick(SIDE_LABELS, v)],
    ['version', asText],
    // A delivery's files (issue 15): each by name, size and short hash.
    ['files', fileList],
    // The file first, then its hash (a document's, a downloaded file's).
    ['fileName', asText],
    ['sha256', (v) => (typeof v === 'string' ? shortHash(v) : undefined)],
    ['link', asText],
    ['url', asText],
    ['number', asText],
    ['date', (v) => (typeof v === 'string' ? fechaLocal(v) : undefined)],
    ['externalAct', asText],
    ['datasets', (v) => (Array.isArray(v) ? v.join(', ') : undefined)],
    ['municipalResponsible', asText],
    ['externalResponsible', asText],
    ['compliance', (v) => pick(COMPLIANCE_LABELS, v)],
    ['effectiveness', asText],
    ['findings', asText],
    ['months', asText],
    ['decree', asText],
    ['dataDisposition', (v) => pick(DISPOSITION_LABELS, v)],
    ['checklist', checklist],
    ['committeeSession', asText],
    ['reviewer', asText],
    ['evidence', asText],
    ['legalGround', asText],
    ['reason', asText],
    ['comments', asText],
    ['note', asText],
    ['text', asText],
  ];
  const out: [string, string][] = [];
  for (const [key, show] of rows) {
    if (!(key in payload)) continue;
    const value = show(payload[key]);
    if (value) out.push([PAYLOAD_LABELS[key] ?? key, value]);
  }
  return out;
}

const PAYLOAD_LABELS: Record<string, string> = {
  dataset: 'Datos',
  title: 'Objeto',
  entity: 'Entidad',
  ownerUnitId: 'Unidad dueña',
  unitId: 'Nueva unidad',
  until: 'Entrega comprometida',
  amount: 'Prórroga',
  deadline: 'Plazo',
  signerId: 'Firmante',
  method: 'Tipo de firma',
  side: 'Parte',
  version: 'Versión del documento',
  sha256: 'SHA-256',
  fileName: 'Archivo',
  files: 'Archivos',
  link: 'Enlace',
  url: 'Enlace',
  number: 'Decreto N°',
  date: 'Fecha',
  externalAct: 'Acto aprobatorio de la contraparte',
  datasets: 'Datos transferidos',
  municipalResponsible: 'Responsable municipal',
  externalResponsible: 'Responsable de la contraparte',
  compliance: 'Cumplimiento',
  effectiveness: 'Efectividad',
  findings: 'Hallazgos',
  months: 'Meses',
  decree: 'Decreto',
  dataDisposition: 'Datos al término',
  checklist: 'Evaluación',
  committeeSession: 'Sesión del comité',
  reviewer: 'Visó',
  evidence: 'Evidencia',
  legalGround: 'Norma',
  reason: 'Motivo',
  comments: 'Observaciones',
  note: 'Nota',
  text: 'Comentario',
};

/** The top of the detail (detail-header.tsx). */
export const HEADER = {
  /** A command sent and not yet confirmed. */
  sending: (label: string) => `${label}: enviando…`,
  mustAct: 'Debe actuar:',
  /** As the card's fact, agreeing with the item: «Concluida: Cerrada el 07-12-2026», «Concluido: Terminado el …». */
  concluded: (kind: ItemKind) => byGender(kind, 'Concluida:', 'Concluido:'),
  deadline: 'Plazo:',
  /** After the deadline's date, when it passed. */
  overdue: ' (vencido)',
  chatWith: (name: string) => `Abrir chat con ${name}`,
  chat: 'Abrir chat',
  chatWithAll: 'Con todas estas personas',
  copyLink: 'Copiar enlace',
} as const;

/** Sections and facts (detail-facts.tsx). */
export const FACTS = {
  /** In place of a value the reader is not entitled to. */
  reserved: 'Reservado: datos sensibles',
} as const;

/** The item's history (detail-timeline.tsx). */
export const TIMELINE = {
  title: 'Línea de tiempo',
  /** After the actor's name, during a subrogancia. */
  onBehalfOf: (name: string) => `, subrogando a ${name}`,
} as const;

/** An Adaptive Card drawn in the tab (detail-adaptive-card.tsx). */
export const CARD_VIEW = {
  drawing: 'Dibujando la tarjeta…',
  drawFailed: 'No se pudo dibujar la tarjeta',
  reload: 'Recargue la página.',
} as const;

/** The item's card as each role sees it in chat (detail-cards.tsx). */
export const CARDS = {
  loadFailed: 'No se pudieron cargar las tarjetas',
  loading: 'Cargando las tarjetas…',
  ownTitle: 'Su tarjeta en el chat',
  ownNote: (label: string) => `Así la ve usted en Teams (${label}). Sus botones actúan igual que en el chat.`,
  ownLabel: (label: string) => `Su tarjeta: ${label}`,
  sending: 'Enviando…',
  noCard: 'Usted no recibe una tarjeta de este registro en el chat.',
  othersTitle: 'Cómo la ven los demás',
  chooser: 'Elegir de quién es la tarjeta',
  /** The card (la tarjeta) as another role sees it. */
  seenBy: (label: string) => `Así la ve: ${label}`,
  readOnly: 'Vista de solo lectura.',
  cardOf: (label: string) => `Tarjeta de ${label}`,
} as const;

/** «Su próximo paso» (detail-next-step.tsx, issue 14 §6). */
export const NEXT_STEP = {
  title: 'Su próximo paso',
  more: 'Más acciones',
  openDocument: 'Abrir documento',
  close: 'Cerrar',
  form: (title: string) => `Formulario: ${title}`,
} as const;

/** One dataset and its classification (detail-dataset.tsx, §1a). */
export const DATASET = {
  access: (label: string) => `Acceso: ${label}`,
  largeScale: 'Gran escala',
  facts: {
    name: 'Nombre',
    description: 'Descripción',
    fields: 'Campos',
    format: 'Formato',
    period: 'Período',
    source: 'Fuente',
    updateFrequency: 'Frecuencia de actualización',
    access: 'Acceso',
    legalGround: 'Fundamento de la reserva',
    privacy: 'Privacidad',
    largeScale: 'Tratamiento a gran escala',
  },
  yes: 'Sí',
  no: 'No',
  eipdNote:
    'Datos sensibles, de niños, niñas y adolescentes o a gran escala: la Ley 21.719 exige una evaluación de impacto ' +
    '(EIPD).',
} as const;
