// The chat's common words (issue 14 §5): what every item card shares (header, summary, deadlines, comments, forms),
// the lists, the help and welcome cards, and the error and refusal cards. Spanish (Chile), addressed with «usted».
import { byGender, type ItemKind } from '../../../../protocol';

/** Periods, always with their unit (format.ts). */
export const PERIOD = {
  workingDays: (n: number) => (n === 1 ? '1 día hábil' : `${n} días hábiles`),
  calendarDays: (n: number) => (n === 1 ? '1 día corrido' : `${n} días corridos`),
  months: (n: number) => (n === 1 ? '1 mes' : `${n} meses`),
} as const;

/** The running deadline in words: «vence el 30-09-2026 · quedan 3 días hábiles» (running-deadline.ts). */
export const DEADLINE = {
  /** «vencida» for a request or an evaluation, «vencido» for a convenio or a «plazo». */
  overdueFeminine: 'vencida',
  overdueMasculine: 'vencido',
  overdue: (word: string, days: string, date: string) => `${word} hace ${days} (venció el ${date})`,
  today: (date: string) => `vence hoy, ${date}`,
  left: (n: number) => (n === 1 ? 'queda 1 día hábil' : `quedan ${PERIOD.workingDays(n)}`),
  due: (date: string, left: string) => `vence el ${date} · ${left}`,
  periodicEvaluation: 'Evaluación periódica (§4b)',
  acknowledge: 'Plazo de acuse de recibo',
  answer: 'Plazo de respuesta',
} as const;

/** The top of every item card (header.ts). */
export const HEADER = {
  largeScale: 'Gran escala',
  impactAssessment: 'Requiere EIPD',
  openDetail: 'Ver detalle',
  state: 'Estado',
  /** Next to «Cerrada el …» or «Terminado el …»: agrees with the item. */
  concluded: (kind: ItemKind) => byGender(kind, 'Concluida', 'Concluido'),
  yourTurn: 'Le toca a usted',
  mustAct: 'Debe actuar',
  deadline: (label: string) => `${label}:`,
} as const;

/** What the item is about and what happened so far (item-summary.ts). */
export const SUMMARY = {
  neutralHint: (kind: ItemKind) =>
    kind === 'solicitud'
      ? 'Abra el detalle para ver los datos pedidos, su propósito y el historial.'
      : 'Abra el detalle para ver los datos que se intercambian, su propósito y el historial.',
  assignedTo: (name: string) => ` · asignada a ${name}`,
  requester: 'Solicita',
  ownerUnit: 'Unidad dueña del dato',
  fields: 'Campos',
  period: 'Período',
  format: 'Formato',
  purpose: 'Propósito',
  legalBasis: 'Base legal',
  warning: 'Aviso',
  neededBy: 'Se necesita para',
  sentOn: 'Enviada el',
  promisedDelivery: 'Entrega comprometida',
  promisedDeliveryValue: (date: string, note: string) => `${date}: ${note}`,
  deliveredOn: 'Entregada el',
  deliveryNote: 'Nota de entrega',
  file: 'Archivo',
  deliveredLinkAsText: 'Enlace entregado (no se abre desde la tarjeta)',
  lastObservation: 'Última observación',
  reassigned: 'Reasignada',
  reassignedFrom: (unit: string, date: string) => `desde ${unit} el ${date}`,
  openDelivered: 'Abrir los datos entregados',
  history: 'Historial',
  closing: 'Cierre',
  closedByUgdt: 'Cerrada por la UGDT',
  requesterSatisfied: 'Conforme del solicitante',
  reason: 'Motivo',
  ground: 'Fundamento',
  norm: 'Norma',
  cancellationReason: 'Motivo de la cancelación',
  counterpart: 'Contraparte',
  counterpartWithRut: (name: string, rut: string) => `${name} (RUT ${rut})`,
  proposer: 'Propone',
  data: 'Datos',
  transfer: 'Transferencia',
  duration: 'Duración',
  durationValue: (months: string, renewal: string) => `${months}, ${renewal}`,
  validity: 'Vigencia',
  validityValue: (start: string, end: string) => `${start} al ${end}`,
  decree: 'Decreto',
  decreeValue: (number: string, date: string) => `N° ${number} del ${date}`,
  renewals: 'Renovaciones',
  termination: 'Término',
  dataAtTermination: 'Datos al término',
  dataDisposition: (deleted: boolean, evidence: string) => `${deleted ? 'Eliminados' : 'Devueltos'}: ${evidence}`,
  /** The last observation of the convenio's draft, by the DAJ or by the counterpart. */
  observation: (byDaj: boolean, entity: string, version: number, comments: string) =>
    `Observación ${byDaj ? 'de la DAJ' : `de ${entity}`} (versión ${version}): ${comments}`,
} as const;

/** Comments both sides see (comment.ts). */
export const COMMENT = {
  heading: 'Comentarios',
  more: (n: number) => `y ${n} más en el detalle`,
  label: 'Comentario',
  required: 'Escriba el comentario.',
  submit: 'Publicar comentario',
  intro: 'Todas las partes del trámite verán el comentario.',
} as const;

/** A step's form and a form the server refused (step.ts, item-card.ts, form-errors.ts, intake-again.ts). */
export const FORM = {
  confirm: 'Confirmar',
  refused: (title: string) => `No se pudo completar «${title}»`,
  kept: 'Lo que escribió sigue en el formulario.',
  review: 'Revise los datos del formulario.',
  /** The intake cards' button that opens the tab's form in a Teams dialog. */
  fullForm: 'Formulario completo',
} as const;

/** The intake forms: their title on the chat card and on the Teams dialog (contract.ts DIALOG_FORMS). */
export const INTAKE = {
  solicitudTitle: 'Nueva solicitud de datos',
  convenioTitle: 'Nuevo convenio de uso compartido de datos',
  /** On top of an intake form the server refused (intake-again.ts). */
  solicitudRefused: 'No se pudo enviar la solicitud',
  convenioRefused: 'No se pudo registrar el convenio',
  /** The municipal technical contact chosen on the convenio's form is not in the directory (inputs.ts). */
  unknownContact: 'La contraparte técnica municipal no figura en el directorio.',
  unknownContactField: 'Elija una persona del directorio.',
} as const;

/** «mis solicitudes», «pendientes» and search results (list-card.ts). */
export const LIST = {
  noDeadline: 'sin plazo en curso',
  open: (reference: string) => `Abrir ${reference}`,
  empty: 'No hay solicitudes ni convenios que mostrar.',
  tapHint: 'Toque una fila para abrirla.',
  truncated: (shown: number, total: number) =>
    `Se muestran ${shown} de ${total}. Vea el registro completo en la pestaña.`,
} as const;

/** The buttons of the main commands, on the help and welcome cards (help-card.ts, welcome-card.ts). */
export const MENU = {
  newSolicitud: 'Nueva solicitud',
  newConvenio: 'Nuevo convenio',
  mine: 'Mis solicitudes',
  pending: 'Pendientes',
  help: 'Ayuda',
} as const;

/** «ayuda» (help-card.ts). The commands are what the person types (text-commands.ts reads them). */
export const HELP = {
  commands: [
    ['nueva solicitud', 'Pedir datos a otra unidad municipal (con copia a la UGDT).'],
    ['nuevo convenio', 'Proponer un convenio de uso compartido de datos con una entidad externa.'],
    ['mis solicitudes', 'Ver las solicitudes y convenios en que usted participa.'],
    ['pendientes', 'Ver lo que espera una acción suya.'],
    ['buscar <referencia>', 'Abrir una solicitud o un convenio, por ejemplo «buscar SOL-2026-0001».'],
    ['ayuda', 'Mostrar esta ayuda.'],
  ] as [string, string][],
  title: 'Intercambio de Datos: comandos',
  intro: 'Escriba uno de estos comandos en el chat o use los botones.',
  openTab: 'Abrir la pestaña: Tablero, Lista, Mis pendientes, Panel y formularios completos',
} as const;

/** Sent once when the app is installed (welcome-card.ts). */
export const WELCOME = {
  title: 'Bienvenido(a) a Intercambio de Datos',
  about:
    'Aquí se aplica el Protocolo para Intercambio de Datos de la Municipalidad de Quillota: las solicitudes ' +
    'de datos entre unidades, con copia a la UGDT, y los convenios de intercambio con entidades externas, ' +
    'que coordina SECPLAN.',
  notices:
    'Le avisaremos aquí cuando algo espere una acción suya, con los plazos en días hábiles. ' +
    'Escriba «ayuda» para ver los comandos.',
} as const;

/** An error as the person reads it (error-card.ts). */
export const ERROR_CARD = {
  title: 'No se pudo completar la acción',
  code: (code: string) => `Código: ${code}`,
} as const;

/** The protocol's refusal (refusal-card.ts). */
export const REFUSAL = {
  title: 'Acción no permitida',
  titleIn: (reference: string) => `Acción no permitida en ${reference}`,
  nothingChanged: 'No se realizó ningún cambio.',
} as const;

/** Names of the app's tab pages on a Teams deep link (card-context.ts). */
export const TAB_PAGES = {
  list: 'Lista',
  board: 'Tablero',
} as const;
