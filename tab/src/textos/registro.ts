// The register in words: which register (solicitudes internas or convenios), its filters, the Lista's table, the
// Tablero's and Mis pendientes' cards, and the UGDT's batch work (components/register-*, board-card, bulk-*).
// Spanish (Chile), addressed with «usted»; a word that describes the item agrees with it (byGender).
import { byGender, type ItemKind } from '../../../protocol';

export const KIND_LABELS: Record<ItemKind, string> = { solicitud: 'Solicitudes internas', convenio: 'Convenios' };

/** The switch between the two registers (register-kind.tsx). */
export const KIND_SWITCH = { label: 'Tipo de trámite' } as const;

/**
 * Column headers of the two units of a row: a solicitud goes from one unit to another; a convenio is proposed by a
 * unit and handled by SECPLAN.
 */
export const UNIT_LABELS: Record<ItemKind, { requesting: string; owner: string }> = {
  solicitud: { requesting: 'Unidad solicitante', owner: 'Unidad dueña' },
  convenio: { requesting: 'Unidad proponente', owner: 'Unidad a cargo' },
};

/** A request is «creada», a convenio «propuesto»: the date's label agrees with what is listed. */
export const createdWord = (kind: ItemKind): string => byGender(kind, 'Creada', 'Propuesto');

/** The filter bar (register-filters.tsx). */
export const FILTERS = {
  label: 'Filtros del registro',
  search: 'Buscar',
  searchPlaceholder: 'Referencia, datos, propósito…',
  /** The button that unfolds the filters on a phone, with how many are set. */
  toggle: (active: number) => (active ? `Filtros (${active})` : 'Filtros'),
  state: 'Estado',
  unit: 'Unidad',
  access: 'Acceso',
  privacy: 'Privacidad',
  /** «Todos» the states and access levels, «Todas» the units and privacy levels. */
  allMasculine: 'Todos',
  allFeminine: 'Todas',
  createdFrom: (kind: ItemKind) => `${createdWord(kind)} desde`,
  createdTo: (kind: ItemKind) => `${createdWord(kind)} hasta`,
  overdueOnly: (kind: ItemKind) => byGender(kind, 'Solo vencidas', 'Solo vencidos'),
  clear: 'Limpiar filtros',
} as const;

/** The Lista's table (register-table.tsx). */
export const TABLE = {
  region: (kindLabel: string) => `${kindLabel}: resultados`,
  name: (kindLabel: string) => `Registro de ${kindLabel.toLowerCase()}`,
  /** The checkboxes' column, for screen readers only. */
  selection: 'Selección',
  select: (reference: string) => `Seleccionar ${reference}`,
  reference: 'Referencia',
  title: 'Título',
  state: 'Estado',
  mustAct: 'Debe actuar',
  due: 'Vence',
  dueSortTitle: 'Ordenar por vencimiento, el más próximo primero',
  created: createdWord,
  loadingMore: 'Cargando más…',
  empty: 'No hay registros con estos filtros.',
} as const;

/** One item as a card (board-card.tsx: Tablero, Mis pendientes). */
export const BOARD_CARD = {
  /** A convenio's counterpart. */
  with: 'Con:',
  /** A convenio is proposed by a unit (a solicitud shows «DOM → DIDECO»). */
  proposedBy: (unit: string) => `Propone ${unit}`,
  fromTo: (from: string, to: string) => `De ${from} a ${to}`,
  yourTurn: 'Le toca a usted:',
  mustAct: 'Debe actuar:',
  createdOn: (kind: ItemKind, date: string) => `${createdWord(kind)} el ${date}`,
} as const;

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The UGDT's batch work on solicitudes (bulk-bar.tsx, issue 14 §8). */
export const BULK = {
  bar: 'Acciones en lote',
  selected: (n: number) => `${count(n, 'seleccionada', 'seleccionadas')}:`,
  hint: 'Marque solicitudes para actuar sobre varias a la vez.',
  /** A verb's button, which opens its dialog. */
  verb: (label: string) => `${label}…`,
  selectOverdue: (n: number) => `Seleccionar vencidas (${n})`,
  clear: 'Quitar selección',
  /** The dialog's title and its confirm button: «Recordar 3 solicitudes». */
  action: (label: string, n: number) => `${label} ${count(n, 'solicitud', 'solicitudes')}`,
  appliesTo: (n: number) =>
    n === 1
      ? 'Se aplicará a 1 solicitud: si no corresponde, queda como está y se dirá por qué.'
      : `Se aplicará a ${n} solicitudes, a cada una por separado: la que no corresponda queda como está y se dirá por qué.`,
  cancel: 'Cancelar',
  sendFailed: 'No se pudo enviar. Intente de nuevo.',
  /** The toast once every request was done: «Recordar: 3 hechas». */
  doneToast: (label: string, done: number) => `${label}: ${count(done, 'hecha', 'hechas')}`,
  /** The result's title: «Recordar: 4 hechas, 1 no se pudo:». */
  result: (label: string, done: number, failed: number) =>
    failed
      ? `${label}: ${count(done, 'hecha', 'hechas')}, ${failed} no se ${failed === 1 ? 'pudo' : 'pudieron'}:`
      : `${label}: ${count(done, 'hecha', 'hechas')}.`,
  /** The list's accessible name. */
  failures: 'Solicitudes que quedaron como estaban',
  closeResult: 'Cerrar aviso',
} as const;

/** A batch's parameters in its dialog (bulk-form.tsx). */
export const BULK_FORM = {
  remindHint: 'Cada unidad dueña del dato recibe un recordatorio de la UGDT con la fecha en que vence su respuesta.',
  reiterateHint:
    'Un oficio reiterativo por solicitud, con una nueva fecha de respuesta; siguen contando como fuera de plazo ' +
    '(un plazo vencido no se prorroga, Ley 19.880 art. 26).',
  newDate: 'Nueva fecha de respuesta',
  /** Under the date: the earliest one the protocol accepts (`date` already dd-mm-aaaa), or the rule. */
  newDateFrom: (date: string) => `Desde el ${date} (próximo día hábil).`,
  newDateRule: 'Desde el próximo día hábil.',
  /** The check under the date, as the schemas word theirs (lower case; the form capitalises it). */
  tooEarly: (date: string) => `elija una fecha desde el ${date}`,
  reiterateReason: 'Motivo del oficio reiterativo',
  reassignHint:
    'Los plazos se cuentan de nuevo desde hoy para la unidad elegida. Una solicitud que ya es de esa unidad, o ' +
    'que la pidió esa unidad, no se reasigna.',
  newUnit: 'Nueva unidad dueña del dato',
  chooseUnit: 'Elija una unidad',
  unitMissing: 'Elija la unidad.',
  reassignReason: 'Motivo de la reasignación',
  closeReason: 'Motivo del cierre (el mismo para todas)',
} as const;
