import { PNG } from 'pngjs';

/**
 * Teams' rules for the two icons: PNG, the colour one 192×192, the outline one 32×32 in white on a transparent
 * background (each pixel fully transparent, or white with any opacity).
 */

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface IconRule {
  /** Which manifest field names the file, for the message (icons.color, icons.outline…). */
  field: string;
  size: number;
  outline?: boolean;
}

export const ICON_RULES: Record<'color' | 'outline' | 'color32x32', IconRule> = {
  color: { field: 'icons.color', size: 192 },
  outline: { field: 'icons.outline', size: 32, outline: true },
  color32x32: { field: 'icons.color32x32', size: 32 },
};

export function checkIcon(name: string, bytes: Buffer, rule: IconRule): string[] {
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(SIGNATURE))
    return [`${name} (${rule.field}) no es un PNG: Teams solo acepta íconos PNG.`];
  let png: PNG;
  try {
    png = PNG.sync.read(bytes);
  } catch (e) {
    return [`${name} (${rule.field}) es un PNG dañado: ${(e as Error).message}.`];
  }
  const problems: string[] = [];
  if (png.width !== rule.size || png.height !== rule.size)
    problems.push(
      `${name} (${rule.field}) mide ${png.width}×${png.height} píxeles; debe medir ${rule.size}×${rule.size}.`,
    );
  if (rule.outline) problems.push(...outlineProblems(name, png));
  return problems;
}

/** The first pixel that is neither transparent nor white, and how many more there are. */
function outlineProblems(name: string, png: PNG): string[] {
  let first: string | undefined;
  let bad = 0;
  let visible = 0;
  for (let i = 0; i < png.width * png.height; i++) {
    const [r, g, b, a] = png.data.subarray(i * 4, i * 4 + 4);
    if (a === 0) continue;
    visible++;
    if (r === 255 && g === 255 && b === 255) continue;
    bad++;
    if (!first) {
      const x = i % png.width;
      const y = Math.floor(i / png.width);
      first = `el píxel (${x}, ${y}) es rgba(${r}, ${g}, ${b}, ${a})`;
    }
  }
  if (first)
    return [
      `${name} (icons.outline) solo admite blanco (#FFFFFF) sobre fondo transparente: ${first}` +
        `${bad > 1 ? ` y hay ${bad - 1} píxeles más con color` : ''}.`,
    ];
  if (visible === 0) return [`${name} (icons.outline) es completamente transparente: no se vería nada.`];
  return [];
}
