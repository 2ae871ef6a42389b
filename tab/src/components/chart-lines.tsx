// Lines over months: one per series (a unit), with a legend. Series differ in colour, dash and marker shape, so
// they stay apart in the high-contrast theme (one colour for all) and for people who do not tell colours apart.
import { makeStyles, tokens } from '@fluentui/react-components';
import { LINES } from '../textos/graficos';
import { monthLabel, type Series } from './chart-data';
import { ChartSvg, SERIES_COLOURS, useChartStyles, useSeriesStyles, useWidth, type DataTable } from './chart-figure';
import {
  MARKER_SHAPES,
  labelEvery,
  linePath,
  linearScale,
  markerPath,
  niceTicks,
  pointScale,
  type MarkerShape,
} from './chart-scale';

const DASHES = [undefined, '7 4', '2 3'] as const;
const CHAR = 6.6;
const MONTH_LABEL = 62;

export interface Look {
  colour: number;
  dash: string | undefined;
  shape: MarkerShape;
}

/** The look of the n-th series: colour, marker and dash cycle at different rates, so no two of 24 look alike. */
export function seriesLook(n: number): Look {
  return {
    colour: n % SERIES_COLOURS,
    shape: MARKER_SHAPES[n % MARKER_SHAPES.length]!,
    dash: DASHES[Math.floor(n / MARKER_SHAPES.length) % DASHES.length],
  };
}

const useStyles = makeStyles({
  line: { fill: 'none', stroke: 'currentColor', strokeWidth: '2px', strokeLinejoin: 'round', strokeLinecap: 'round' },
  marker: { fill: 'currentColor', stroke: tokens.colorNeutralBackground1, strokeWidth: '1px' },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: '4px 16px',
    listStyleType: 'none',
    margin: '8px 0 0',
    padding: 0,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground1,
  },
  legendItem: { display: 'inline-flex', alignItems: 'center', gap: '6px' },
});

function Swatch({ look }: { look: Look }) {
  const s = useStyles();
  const colours = useSeriesStyles();
  return (
    <svg width={28} height={12} aria-hidden="true" className={colours[`s${look.colour}` as keyof typeof colours]}>
      <path className={s.line} d="M1 6 L27 6" strokeDasharray={look.dash} />
      <path className={s.marker} d={markerPath(look.shape, 14, 6, 3.5)} />
    </svg>
  );
}

export interface LineSeries extends Series {
  look: Look;
}

/** The largest value drawn, and whose and when it is, for the summary. */
function highest(series: LineSeries[], months: string[]) {
  let peak: { label: string; month: string; v: number } | undefined;
  for (const ser of series)
    for (const [i, v] of ser.values.entries())
      if (v !== null && (!peak || v > peak.v)) peak = { label: ser.label, month: months[i]!, v };
  return peak;
}

export function LineChart({
  months,
  series,
  caption,
  format,
  unitWord,
  yTicks,
  valueLabels = false,
  table,
  height = 220,
}: {
  months: string[];
  series: LineSeries[];
  /** What is drawn, for the summary and the table ("Mediana de días hábiles para acusar recibo"). */
  caption: string;
  format: (v: number) => string;
  /** Appended to values in the summary ("días hábiles"); empty when `format` already says it. */
  unitWord: string;
  /** Fixed ticks (a percentage runs 0–100 %); otherwise round ticks up to the largest value. */
  yTicks?: number[];
  /** Writes each value above its point (one series only, where there is room). */
  valueLabels?: boolean;
  /** Replaces the default table (series × months). */
  table?: DataTable;
  height?: number;
}) {
  const s = useStyles();
  const c = useChartStyles();
  const colours = useSeriesStyles();
  const [ref, width] = useWidth<HTMLDivElement>();
  const values = series.flatMap((x) => x.values.filter((v): v is number => v !== null));
  const ticks = yTicks ?? niceTicks(Math.max(0, ...values), 4);
  const top = ticks[ticks.length - 1]!;
  const tickText = ticks.map(format);
  const left = Math.ceil(Math.max(...tickText.map((t) => t.length)) * CHAR) + 10;
  const margin = { top: valueLabels ? 22 : 12, right: 8, bottom: 26, left };
  const plotW = Math.max(40, width - margin.left - margin.right);
  const x = pointScale(months.length, margin.left, margin.left + plotW);
  const y = linearScale(0, top, height - margin.bottom, margin.top);
  const every = labelEvery(months.length, MONTH_LABEL, plotW);
  const unit = unitWord ? ` ${unitWord}` : '';

  const peak = highest(series, months);
  const span = months.length
    ? LINES.span(monthLabel(months[0]!), monthLabel(months[months.length - 1]!))
    : LINES.noMonths;
  const known = series.length === 1 ? months.flatMap((_m, i) => (series[0]!.values[i] == null ? [] : [i])) : [];
  const summary =
    series.length === 1
      ? LINES.oneSeries(
          caption,
          span,
          known.map((i) => `${monthLabel(months[i]!)} ${valueText(series[0]!.values[i]!)}`),
          known.length > 0 && known.length < months.length,
        )
      : LINES.manySeries(
          caption,
          span,
          series.length,
          peak && { label: peak.label, value: `${format(peak.v)}${unit}`, month: monthLabel(peak.month) },
        );
  function valueText(v: number | null) {
    return v === null ? LINES.noData : `${format(v)}${unit}`;
  }

  const defaultTable: DataTable = {
    caption,
    columns: [LINES.unit, ...months.map((m) => monthLabel(m))],
    rows: series.map((x) => ({
      header: x.label,
      cells: x.values.map((v) => (v === null ? LINES.noData : format(v))),
    })),
  };

  const legend =
    series.length > 1 ? (
      <ul className={s.legend} aria-label={LINES.legend}>
        {series.map((x) => (
          <li key={x.key} className={s.legendItem}>
            <Swatch look={x.look} />
            {x.label}
          </li>
        ))}
      </ul>
    ) : null;

  return (
    <div ref={ref}>
      <ChartSvg summary={summary} width={width} height={height} table={table ?? defaultTable} after={legend}>
        {ticks.map((t, i) => (
          <g key={t}>
            <line
              className={t === 0 ? c.axis : c.grid}
              x1={margin.left}
              x2={margin.left + plotW}
              y1={y(t)}
              y2={y(t)}
              strokeDasharray={t === 0 ? undefined : '2 3'}
            />
            <text className={c.text} x={margin.left - 6} y={y(t)} textAnchor="end" dominantBaseline="central">
              {tickText[i]}
            </text>
          </g>
        ))}
        {months.map((m, i) =>
          i % every === 0 ? (
            <text key={m} className={c.text} x={x(i)} y={height - 8} textAnchor="middle">
              {monthLabel(m, 'short')}
            </text>
          ) : null,
        )}
        {series.map((ser) => (
          <g key={ser.key} className={colours[`s${ser.look.colour}` as keyof typeof colours]}>
            <path className={s.line} d={linePath(ser.values, x, y)} strokeDasharray={ser.look.dash} />
            {ser.values.map((v, i) =>
              v === null ? null : (
                <g key={months[i]}>
                  <path className={s.marker} d={markerPath(ser.look.shape, x(i), y(v), 4)}>
                    <title>{`${ser.label}, ${monthLabel(months[i]!)}: ${valueText(v)}`}</title>
                  </path>
                  {valueLabels ? (
                    <text className={c.strongText} x={x(i)} y={y(v) - 10} textAnchor="middle">
                      {format(v)}
                    </text>
                  ) : null}
                </g>
              ),
            )}
          </g>
        ))}
      </ChartSvg>
    </div>
  );
}
