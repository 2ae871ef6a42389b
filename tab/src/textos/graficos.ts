// The Panel's charts in words (components/chart-*): the sentence that names each drawing for a screen reader, the
// hidden data table's headers, the bars' links and the months on an axis. Spanish (Chile).

/** Months on a chart's axis, January first (the long names are protocol's MONTH_NAMES). */
export const MONTH_SHORT: readonly string[] = [
  'ene',
  'feb',
  'mar',
  'abr',
  'may',
  'jun',
  'jul',
  'ago',
  'sept',
  'oct',
  'nov',
  'dic',
];

/** What ends a label cut to fit (the full text stays in the data table and the tooltip). */
export const ELLIPSIS = '…';

/** Horizontal bars (chart-bars.tsx). */
export const BARS = {
  /** «Solicitudes por estado: Enviada, 3; Recibida, 1. Total 4.» — `parts` are «label, count». */
  summary: (caption: string, parts: string[], total: string) => `${caption}: ${parts.join('; ')}. Total ${total}.`,
  /** A bar that opens the Lista filtered to what it counts. */
  linkLabel: (label: string, count: string) => `${label}: ${count}. Ver en la Lista`,
  linkTitle: (label: string) => `Ver en la Lista: ${label}`,
} as const;

/** Lines over months (chart-lines.tsx). */
export const LINES = {
  span: (from: string, to: string) => `de ${from} a ${to}`,
  noMonths: 'sin meses',
  noData: 'sin datos',
  /** One series: every month with its value; `gaps` when some months have none. */
  oneSeries: (caption: string, span: string, values: string[], gaps: boolean) =>
    `${caption}, ${span}: ${values.join('; ') || 'sin datos'}${gaps ? '; sin datos en los demás meses.' : '.'}`,
  /** Several series (one per unit): how many, the highest value and where the rest is. */
  manySeries: (caption: string, span: string, units: number, peak?: { label: string; value: string; month: string }) =>
    `${caption}, ${span}, ${units} ${units === 1 ? 'unidad' : 'unidades'}.` +
    (peak ? ` El valor más alto es ${peak.label} con ${peak.value} en ${peak.month}.` : '') +
    ' El detalle está en la tabla de datos.',
  /** The data table's first header (one row per unit). */
  unit: 'Unidad',
  legend: 'Leyenda',
} as const;
