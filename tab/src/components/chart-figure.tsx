// What every chart of the Panel shares: its measured width (charts are drawn in real pixels, so text never scales),
// the colours, and the accessible frame: an SVG named by a one-sentence summary (role="img") and, for screen
// readers, the same data as a visually hidden table.
//
// Colours come from Fluent tokens through the CSS `color` property and SVG paint `currentColor`: they follow the
// Teams light, dark and contrast themes, and under the system's forced colours they become CanvasText.
import { makeStyles, tokens } from '@fluentui/react-components';
import { useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { VISUALLY_HIDDEN } from './visually-hidden';

export const useChartStyles = makeStyles({
  figure: { margin: 0, minWidth: 0 },
  svg: { display: 'block', overflow: 'visible' },
  text: {
    color: tokens.colorNeutralForeground2,
    fill: 'currentColor',
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
  },
  strongText: {
    color: tokens.colorNeutralForeground1,
    fill: 'currentColor',
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
  },
  grid: { color: tokens.colorNeutralStroke2, stroke: 'currentColor' },
  axis: { color: tokens.colorNeutralStroke1, stroke: 'currentColor' },
  hidden: VISUALLY_HIDDEN,
});

/** Bar colours by meaning; every one has at least 3:1 against the card in the light and dark themes. */
export const useToneStyles = makeStyles({
  brand: { color: tokens.colorCompoundBrandBackground },
  teal: { color: tokens.colorPaletteTealBorderActive },
  danger: { color: tokens.colorPaletteRedBorderActive },
});
export type Tone = 'brand' | 'teal' | 'danger';

/**
 * Line colours, one per series in turn (3:1 or more against the card in light and dark). The high-contrast theme
 * gives them all one colour, which is why series also differ in dash and marker (see seriesLook).
 */
export const useSeriesStyles = makeStyles({
  s0: { color: tokens.colorPaletteBlueBorderActive },
  s1: { color: tokens.colorPaletteDarkOrangeBorderActive },
  s2: { color: tokens.colorPaletteTealBorderActive },
  s3: { color: tokens.colorPaletteBerryBorderActive },
  s4: { color: tokens.colorPaletteForestBorderActive },
  s5: { color: tokens.colorPaletteBrownBorderActive },
  s6: { color: tokens.colorPaletteLavenderBorderActive },
  s7: { color: tokens.colorPaletteSteelBorderActive },
});
export const SERIES_COLOURS = 8;

/** The width of the element `ref` points at, kept current as the window or the layout changes. */
export function useWidth<T extends HTMLElement>(fallback = 560): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = (w: number) => setWidth((prev) => (Math.abs(prev - w) >= 1 ? Math.floor(w) : prev));
    measure(el.getBoundingClientRect().width);
    const ro = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w) measure(w);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

export interface DataTable {
  caption: string;
  /** Header of the first column (the row labels), then one per value column. */
  columns: string[];
  rows: { header: string; cells: string[] }[];
}

/**
 * The chart's data for screen readers: a real table, out of sight. The clipping sits on a wrapper because a table
 * never shrinks below its content, and a wide one would widen the page.
 */
export function HiddenTable({ table }: { table: DataTable }) {
  const s = useChartStyles();
  return (
    <div className={s.hidden}>
      <table>
        <caption>{table.caption}</caption>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr key={r.header}>
              <th scope="row">{r.header}</th>
              {r.cells.map((c, i) => (
                <td key={i}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A chart: the drawing, named by `summary` (role="img" makes the SVG one image for assistive technology), and
 * its data table. `children` draws into an SVG of the given size.
 */
export function ChartSvg({
  summary,
  width,
  height,
  table,
  children,
  after,
}: {
  summary: string;
  width: number;
  height: number;
  table: DataTable;
  children: ReactNode;
  /** Shown under the drawing (a legend). */
  after?: ReactNode;
}) {
  const s = useChartStyles();
  return (
    <figure className={s.figure}>
      <svg
        className={s.svg}
        role="img"
        aria-label={summary}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
      >
        {children}
      </svg>
      {after}
      <HiddenTable table={table} />
    </figure>
  );
}

export const numberFormat = new Intl.NumberFormat('es-CL', { maximumFractionDigits: 1 });
export const percentFormat = new Intl.NumberFormat('es-CL', { style: 'percent', maximumFractionDigits: 0 });
