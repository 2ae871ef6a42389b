// The Panel (pages/panel.tsx): each chart's title, note, caption and data table, the convenios due, the range of
// months and the line saying what the figures cover. Deadlines are in días hábiles, as the protocol counts them.
import { PAGE_NAMES } from './app';

export const PANEL = {
  title: PAGE_NAMES.panel,
  rangeLabel: 'Período del panel',
  from: 'Desde',
  to: 'Hasta',
  updating: 'Actualizando…',
  scopeAll: 'Todas las solicitudes y convenios del municipio',
  scopeMine: 'Solo lo que usted puede ver: las solicitudes y convenios en que participan usted o su unidad',
  /** After the scope: «. Datos al 02-03-2026 09:15». */
  asOf: (dateTime: string) => `. Datos al ${dateTime}`,
  loadFailed: 'No se pudo cargar el panel',
  loading: 'Cargando el panel…',
} as const;

/** «Respondidas dentro del plazo»: the share of requests answered in time, month by month. */
export const WITHIN_DEADLINE = {
  title: 'Respondidas dentro del plazo',
  /** «Solicitudes respondidas de enero 2026 a marzo 2026.», or «en marzo 2026.» for one month. */
  note: (first: string, last: string) =>
    first === last ? `Solicitudes respondidas en ${first}.` : `Solicitudes respondidas de ${first} a ${last}.`,
  noneAnswered: 'Ninguna solicitud respondida en el período.',
  inTime: (inTime: string, answered: string) =>
    `${inTime} de ${answered} solicitudes respondidas dentro del plazo legal.`,
  allUnits: 'Todas las unidades',
  caption: 'Porcentaje de solicitudes respondidas dentro del plazo por mes',
  tableCaption: 'Solicitudes respondidas dentro del plazo por mes',
  columns: ['Mes', 'Respondidas', 'Dentro del plazo', 'Porcentaje'],
  noData: 'sin datos',
} as const;

/** The bar charts: their titles, notes, captions, the row header and the noun of the count. */
export const BAR_CARDS = {
  stateHeader: 'Estado',
  unitHeader: 'Unidad',
  solicitudesByState: { title: 'Solicitudes por estado', noun: 'Solicitudes' },
  overdueByUnit: {
    title: 'Solicitudes vencidas por unidad',
    note: 'Abiertas con el plazo vencido, por unidad dueña del dato.',
    empty: 'No hay solicitudes vencidas.',
    noun: 'Vencidas',
  },
  conveniosByState: { title: 'Convenios por estado', noun: 'Convenios' },
  conveniosOverdue: {
    title: 'Convenios con plazo de etapa vencido',
    note: 'Abiertos cuya etapa en curso (evaluación, visación, firma, decreto o evaluación periódica) superó su plazo.',
    empty: 'No hay convenios con plazos vencidos.',
    caption: 'Convenios con plazo de etapa vencido por estado',
    noun: 'Vencidos',
  },
} as const;

/** The medians of working days, per unit and month. */
export const MEDIANS = {
  unitWord: 'días hábiles',
  acknowledge: {
    title: 'Días hábiles para acusar recibo',
    note: 'Mediana de días hábiles desde el envío hasta el acuse de recibo, por mes y unidad dueña del dato.',
    caption: 'Mediana de días hábiles para acusar recibo por unidad',
    empty: 'Sin acuses de recibo en el período.',
  },
  deliver: {
    title: 'Días hábiles para entregar',
    note: 'Mediana de días hábiles desde el envío hasta la entrega de los datos, por mes y unidad dueña del dato.',
    caption: 'Mediana de días hábiles para entregar por unidad',
    empty: 'Sin entregas en el período.',
  },
} as const;

/** «Convenios por evaluar o por vencer» (§4b and the end of vigencia). */
export const CONVENIOS_DUE = {
  title: 'Convenios por evaluar o por vencer',
  note: 'Evaluaciones periódicas (§4b) que vencen y convenios cerca del fin de su vigencia.',
  empty: 'No hay convenios por evaluar ni por vencer.',
  tableLabel: 'Convenios por evaluar o por vencer',
  columns: {
    convenio: 'Convenio',
    subject: 'Objeto',
    entity: 'Entidad',
    reason: 'Motivo',
    date: 'Fecha',
    deadline: 'Plazo',
  },
  reasons: { evaluacion: 'Evaluación periódica', vencimiento: 'Fin de vigencia' },
} as const;
