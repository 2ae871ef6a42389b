// Horizontal bars: one per category (a state, a unit), its label on the left and its count at the end of the
// bar. Horizontal because the labels are long Spanish names that would not fit under columns. With `hrefOf`, each
// row is also a link (the Panel's bars open the Lista filtered to what they count, issue 14 §10): an HTML anchor
// laid over the row, so the drawing stays one image for screen readers and the links are ordinary, focusable links.
import { makeStyles, tokens } from '@fluentui/react-components';
import type { CountByKey } from '../../../protocol';
import { Link } from '../router';
import { BARS } from '../textos/graficos';
import { ChartSvg, numberFormat, useChartStyles, useToneStyles, useWidth, type Tone } from './chart-figure';
import { linearScale, truncate } from './chart-scale';

const ROW = 28;
const BAR = 18;
const CHAR = 6.3; // average width of a character at the base-200 size, for sizing the label column
const VALUE_ROOM = 44;

const useLinkStyles = makeStyles({
  box: { position: 'relative' },
  row: {
    position: 'absolute',
    left: 0,
    right: 0,
    borderRadius: tokens.borderRadiusSmall,
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
});

export function BarChart({
  data,
  tone,
  caption,
  rowHeader,
  noun,
  hrefOf,
}: {
  data: CountByKey[];
  tone: Tone;
  /** What the bars count, for the accessible summary and the table ("Solicitudes por estado"). */
  caption: string;
  /** What the categories are, for the table's first header ("Estado", "Unidad"). */
  rowHeader: string;
  /** Plural noun of the counted thing, for the table's header ("Solicitudes"). */
  noun: string;
  /** Where a bar leads (the Lista filtered to it), if anywhere. */
  hrefOf?: (d: CountByKey) => string | undefined;
}) {
  const s = useChartStyles();
  const l = useLinkStyles();
  const tones = useToneStyles();
  const [ref, width] = useWidth<HTMLDivElement>();
  const longest = Math.max(...data.map((d) => d.label.length), 4);
  const labelWidth = Math.min(Math.round(width * 0.55), Math.ceil(longest * CHAR) + 12);
  const maxChars = Math.floor((labelWidth - 12) / CHAR);
  const max = Math.max(...data.map((d) => d.count), 1);
  const x = linearScale(0, max, 0, Math.max(20, width - labelWidth - VALUE_ROOM));
  const height = data.length * ROW + 4;
  const total = data.reduce((n, d) => n + d.count, 0);
  const summary = BARS.summary(
    caption,
    data.map((d) => `${d.label}, ${numberFormat.format(d.count)}`),
    numberFormat.format(total),
  );

  return (
    <div ref={ref} className={l.box}>
      <ChartSvg
        summary={summary}
        width={width}
        height={height}
        table={{
          caption,
          columns: [rowHeader, noun],
          rows: data.map((d) => ({ header: d.label, cells: [numberFormat.format(d.count)] })),
        }}
      >
        <line className={s.axis} x1={labelWidth} x2={labelWidth} y1={0} y2={height} />
        {data.map((d, i) => {
          const top = i * ROW + (ROW - BAR) / 2 + 2;
          const w = d.count > 0 ? Math.max(2, x(d.count)) : 0;
          const mid = top + BAR / 2;
          return (
            <g key={d.key}>
              <title>{`${d.label}: ${numberFormat.format(d.count)}`}</title>
              <text className={s.text} x={labelWidth - 8} y={mid} textAnchor="end" dominantBaseline="central">
                {truncate(d.label, maxChars)}
              </text>
              <rect className={tones[tone]} fill="currentColor" x={labelWidth} y={top} width={w} height={BAR} rx={2} />
              <text className={s.strongText} x={labelWidth + w + 6} y={mid} dominantBaseline="central">
                {numberFormat.format(d.count)}
              </text>
            </g>
          );
        })}
      </ChartSvg>
      {hrefOf
        ? data.map((d, i) => {
            const to = d.count > 0 ? hrefOf(d) : undefined; // an empty bar leads to an empty list
            return to ? (
              <Link
                key={d.key}
                to={to}
                className={l.row}
                style={{ top: i * ROW + 2, height: ROW }}
                aria-label={BARS.linkLabel(d.label, numberFormat.format(d.count))}
                title={BARS.linkTitle(d.label)}
              />
            ) : null;
          })
        : null}
    </div>
  );
}
