import { PNG } from 'pngjs';

/**
 * The app's two icons, drawn from geometry so they can be remade byte for byte: two arrows going opposite ways (data
 * going out, data coming back), on the municipal colour for the colour icon and in white on transparency for the
 * outline icon Teams shows in its app bar.
 */

/** The accent colour of the manifest and the background of the colour icon. */
export const ACCENT_COLOR = '#005A9C';
/** The second arrow of the colour icon. */
const SECOND_COLOR = '#F2C12E';

type Rgb = readonly [number, number, number];
/** A shape in unit coordinates (0..1 from the top-left corner). */
type Shape = (x: number, y: number) => boolean;

const hex = (h: string): Rgb => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];

const rect =
  (x0: number, y0: number, x1: number, y1: number): Shape =>
  (x, y) =>
    x >= x0 && x <= x1 && y >= y0 && y <= y1;

/** A triangle pointing sideways: its base is the vertical segment at baseX, its tip at (tipX, midY). */
const head =
  (baseX: number, tipX: number, midY: number, halfHeight: number): Shape =>
  (x, y) => {
    const along = (x - baseX) / (tipX - baseX); // 0 at the base, 1 at the tip
    return along >= 0 && along <= 1 && Math.abs(y - midY) <= halfHeight * (1 - along);
  };

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));

/** Upper arrow pointing right, lower arrow pointing left; thick enough to survive 32×32. */
const ARROW_OUT = union(rect(0.16, 0.27, 0.6, 0.41), head(0.56, 0.86, 0.34, 0.17));
const ARROW_BACK = union(rect(0.4, 0.59, 0.84, 0.73), head(0.44, 0.14, 0.66, 0.17));

/** Share of a pixel a shape covers, from an n×n grid of samples (anti-aliasing). */
function coverage(shape: Shape, px: number, py: number, size: number, n = 4): number {
  let hits = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) if (shape((px + (i + 0.5) / n) / size, (py + (j + 0.5) / n) / size)) hits++;
  return hits / (n * n);
}

function paint(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) png.data.set(pixel(x, y), (y * size + x) * 4);
  return PNG.sync.write(png, { colorType: 6 });
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb =>
  [0, 1, 2].map((i) => Math.round(a[i]! * (1 - t) + b[i]! * t)) as unknown as Rgb;

/** 192×192, opaque: the accent colour with a white and a yellow arrow. */
export function drawColorIcon(size = 192): Buffer {
  const bg = hex(ACCENT_COLOR);
  const white: Rgb = [255, 255, 255];
  const second = hex(SECOND_COLOR);
  return paint(size, (x, y) => {
    let c = mix(bg, white, coverage(ARROW_OUT, x, y, size));
    c = mix(c, second, coverage(ARROW_BACK, x, y, size));
    return [c[0], c[1], c[2], 255];
  });
}

/** 32×32: white where the arrows are (edges as partial alpha), fully transparent elsewhere. */
export function drawOutlineIcon(size = 32): Buffer {
  const both = union(ARROW_OUT, ARROW_BACK);
  return paint(size, (x, y) => {
    const a = Math.round(255 * coverage(both, x, y, size));
    return [255, 255, 255, a];
  });
}
