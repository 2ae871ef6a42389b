// The layers of the service, enforced on the imports themselves: a lower layer never reaches up. Every relative
// import (static, re-export or dynamic) of every source file is resolved to the folder it lands in.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;

/** The repository-relative targets of a file's relative imports, with '/' separators. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(IMPORT)]
    .map((m) => m[1]!)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) =>
      relative(ROOT, resolve(ROOT, dirname(file), spec))
        .split(sep)
        .join('/'),
    );
}

const within = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);

/** [layer, folders it must never import]. */
const RULES: [string, string[]][] = [
  ['protocol', ['bot', 'tab', 'test']],
  ['bot/src/store', ['bot/src/cards', 'bot/src/teams', 'bot/src/api', 'bot/src/jobs']],
  ['bot/src/api', ['bot/src/teams']],
  ['bot/src/m365', ['bot/src/jobs', 'bot/src/teams', 'bot/src/api']],
  ['bot/src/cards', ['bot/src/teams', 'bot/src/api', 'bot/src/store']],
];

describe('layering', () => {
  it.each(RULES)('%s never imports %j', (layer, forbidden) => {
    const files = sourceFiles(layer);
    expect(files.length).toBeGreaterThan(0);
    const leaks = files.flatMap((file) =>
      importsOf(file)
        .filter((target) => forbidden.some((f) => within(target, f)))
        .map((target) => `${file} → ${target}`),
    );
    expect(leaks).toEqual([]);
  });

  it('protocol imports only protocol', () => {
    const leaks = sourceFiles('protocol').flatMap((file) =>
      importsOf(file)
        .filter((target) => !within(target, 'protocol'))
        .map((target) => `${file} → ${target}`),
    );
    expect(leaks).toEqual([]);
  });

  it('sees the imports it checks', () => {
    // A guard against a regular expression that silently matches nothing.
    expect(importsOf('bot/src/store/card-command.ts')).toContain('bot/src/store/items-repo');
  });
});
