import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { drawColorIcon, drawOutlineIcon } from '../package/draw-icons';
import { manifestDir } from '../package/paths';

/**
 * Writes manifest/color.png (192×192) and manifest/outline.png (32×32) from bot/src/package/draw-icons.ts. Run after
 * changing the drawing (`npx tsc -p tsconfig.build.json && node dist/bot/src/cli/make-icons.js`) and commit both.
 */
function main(): void {
  const dir = manifestDir();
  for (const [name, bytes] of [
    ['color.png', drawColorIcon()],
    ['outline.png', drawOutlineIcon()],
  ] as const) {
    writeFileSync(join(dir, name), bytes);
    process.stdout.write(`${join(dir, name)} (${bytes.length} bytes)\n`);
  }
}

if (require.main === module) main();
