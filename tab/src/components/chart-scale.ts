// The geometry of the Panel's charts, kept free of React and the DOM so it can be tested on its own: scales from
// data to pixels, round axis ticks, line paths that break where a month has no data, and label thinning.
import { ELLIPSIS } from '../textos/graficos';

/** A linear map from [d0, d1] to [r0, r1]; a degenerate domain maps everything to r0. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const span = d1 - d0;
  if (span === 0) return () => r0;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

/**
 * Evenly spaced positions for `n` categories (months) across [r0, r1], with half a step of padding at each end so
 * the first and last points do not sit on the axes. One category sits in the middle.
 */
export function pointScale(n: number, r0: number, r1: number): (i: number) => number {
  if (n <= 1) return () => (r0 + r1) / 2;
  const step = (r1 - r0) / n;
  return (i) => r0 + step * (i + 0.5);
}

/** The round step (1, 2 or 5 × 10^k, or 2.5 × 10^k when allowed) nearest above `raw`. */
function niceStep(raw: number, integer: boolean): number {
  const exp = Math.floor(Math.log10(raw));
  const base = 10 ** exp;
  const f = raw / base;
  const m = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 && !integer ? 2.5 : f <= 5 ? 5 : 10;
  const step = m * base;
  return integer ? Math.max(1, Math.round(step)) : step;
}

/**
 * Ticks from 0 up to a round value at or above `max`, about `count` intervals. `integer` keeps steps whole
 * (counts of requests); a maximum of 0 still gives an axis [0, 1] so an empty chart has a scale.
 */
export function niceTicks(max: number, count = 4, integer = false): number[] {
  if (!Number.isFinite(max) || max <= 0) return [0, 1];
  const step = niceStep(max / Math.max(1, count), integer);
  const top = Math.ceil(max / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let i = 0; i * step <= top + step / 1e6; i++) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

/**
 * SVG path data for a series over the categories: "M" starts a run, "L" continues it, and a null (a month
 * without data) ends the run, so the line never bridges a gap as if the data were known.
 */
export function linePath(values: readonly (number | null)[], x: (i: number) => number, y: (v: number) => number) {
  let d = '';
  let open = false;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      open = false;
      return;
    }
    d += `${d ? ' ' : ''}${open ? 'L' : 'M'}${round(x(i))} ${round(y(v))}`;
    open = true;
  });
  return d;
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Every how many categories an axis label fits when each needs `labelWidth` pixels out of `available`: 1 labels
 * every month, 2 every other one, and so on.
 */
export function labelEvery(count: number, labelWidth: number, available: number): number {
  if (count <= 1 || available <= 0) return 1;
  return Math.max(1, Math.ceil((count * labelWidth) / available));
}

/** Cuts a label to `max` characters with an ellipsis (the full text stays in the data table and the tooltip). */
export function truncate(label: string, max: number): string {
  if (max < 2) return label.slice(0, Math.max(0, max));
  return label.length <= max ? label : `${label.slice(0, max - 1).trimEnd()}${ELLIPSIS}`;
}

/** Points of a small marker shape centred on (x, y): the series are told apart by shape as well as by colour. */
export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond';
export const MARKER_SHAPES: readonly MarkerShape[] = ['circle', 'square', 'triangle', 'diamond'];

/** Path data of a marker (a circle is drawn as two arcs, so every marker is one <path>). */
export function markerPath(shape: MarkerShape, x: number, y: number, r: number): string {
  const p = (a: number, b: number) => `${round(a)} ${round(b)}`;
  switch (shape) {
    case 'circle':
      return `M${p(x - r, y)} a${r} ${r} 0 1 0 ${2 * r} 0 a${r} ${r} 0 1 0 ${-2 * r} 0Z`;
    case 'square':
      return `M${p(x - r, y - r)} h${2 * r} v${2 * r} h${-2 * r}Z`;
    case 'triangle':
      return `M${p(x, y - r * 1.2)} L${p(x + r * 1.1, y + r * 0.9)} L${p(x - r * 1.1, y + r * 0.9)}Z`;
    case 'diamond':
      return `M${p(x, y - r * 1.3)} L${p(x + r * 1.3, y)} L${p(x, y + r * 1.3)} L${p(x - r * 1.3, y)}Z`;
  }
}
