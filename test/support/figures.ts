// The figures some tests report (seeds, counts, sizes the issues' closing notes quote) go to a file, not into the
// test output: artifacts/cifras-de-pruebas.txt (kept by CI), one line per figure with the test file's name.
// TEST_FIGURES=1 also prints them.
import { appendFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';

const FILE = join(__dirname, '..', '..', 'artifacts', 'cifras-de-pruebas.txt');

export function figure(line: string): void {
  const from = basename(expect.getState().testPath ?? 'prueba');
  mkdirSync(join(FILE, '..'), { recursive: true });
  appendFileSync(FILE, `${new Date().toISOString()} ${from}: ${line}\n`);
  if (process.env.TEST_FIGURES === '1') process.stdout.write(`${from}: ${line}\n`);
}
