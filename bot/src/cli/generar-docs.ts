import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESTADOS_FILE, estadosMarkdown } from '../docs/estados';

/**
 * `npm run docs:generar` (from the checkout's root): rewrites the documentation generated from the code. The unit
 * test test/unit/docs-generated.test.ts fails while a committed copy differs from what this writes.
 */
function main() {
  const files: [string, string][] = [[ESTADOS_FILE, estadosMarkdown()]];
  for (const [path, text] of files) {
    writeFileSync(join(process.cwd(), path), text);
    process.stdout.write(`Generado: ${path}\n`);
  }
}

main();
