import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, resolve, sep } from 'node:path';

// A clone anywhere must work on its own: no file of the project may read outside the repository's root. Three rules,
// each a plain text scan of every committed-looking file (build output, dependencies and local data skipped):
// - no path into the sibling folder `shared` beside the checkout;
// - no absolute path into a home or work folder;
// - in code, every run of quoted relative segments ('../x', '..', '..') resolves to a place inside the root, from the
//   file's own folder or, for a file the build compiles (tsconfig.build.json), from its twin under dist/ where it runs
//   (imports, __dirname joins and fixture paths alike).
// App Service's own folders (/home/site/...) are the deployment target's paths, not the developer's: allowed.
const ROOT = resolve(__dirname, '..', '..', '..');
const SKIP_DIRS = new Set(['node_modules', 'dist', 'data', 'artifacts', '.git', '.cache', 'coverage', 'build']);
const BINARY = new Set(['.png', '.jpg', '.jpeg', '.gif', '.ico', '.zip', '.tgz', '.wasm', '.docx', '.pdf']);
const CODE = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.cjs', '.mjs', '.sh', '']);

function files(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.name === '.git') continue;
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) files(path, out);
    } else if (entry.isFile() && !BINARY.has(extname(entry.name)) && entry.name !== 'package-lock.json') {
      out.push(path);
    }
  }
  return out;
}

const SHARED = new RegExp(String.raw`\.\.[/\\]shared\b`);
const ABSOLUTE = /(?<![\w.:/-])(?:\/work\/|\/home\/(?!site\/)\w|\/Users\/\w|\/root\/|[A-Za-z]:\\Users\\)/;
// One quoted literal starting with '..', then any quoted literals after it joined by commas.
// A step up from the repository root itself: joining a parent segment onto REPO_ROOT, ROOT or repoRoot().
const ROOT_UP = /\b(?:ROOT|REPO_ROOT|repoRoot(?:\(\))?)\s*,\s*(['"`])\.\.(?:[/\\]|\1)/g;
const QUOTED = String.raw`(['"\`])([^'"\`\n]*)\1`;
const RUN = new RegExp(String.raw`(['"\`])(\.\.(?:[/\\][^'"\`\n]*)?)\1(?:\s*,\s*${QUOTED})*`, 'g');

const BUILT: string[] = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')).include;
const isBuilt = (file: string) => BUILT.some((dir) => relative(join(ROOT, dir), file).split(sep)[0] !== '..');
const outside = (target: string) => {
  const rel = relative(ROOT, target);
  return rel === '..' || rel.startsWith(`..${sep}`);
};

/** Every escape above the root a code file's relative literals make, as `line: text`. */
function escapes(file: string, text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(RUN)) {
    const parts = [...m[0].matchAll(new RegExp(QUOTED, 'g'))].map((p) => p[2] ?? '');
    const segments = parts.map((p) => p.replace(/\\/g, '/'));
    const bases = [join(file, '..')];
    if (isBuilt(file)) bases.push(join(ROOT, 'dist', relative(ROOT, file), '..'));
    if (SHARED.test(segments.join('/')) || bases.every((base) => outside(resolve(base, ...segments)))) {
      const line = text.slice(0, m.index).split('\n').length;
      found.push(`${relative(ROOT, file)}:${line}: ${m[0]}`);
    }
  }
  for (const m of text.matchAll(ROOT_UP)) {
    const line = text.slice(0, m.index).split('\n').length;
    found.push(`${relative(ROOT, file)}:${line}: ${m[0]}`);
  }
  return found;
}

describe('the project reads nothing outside its own root', () => {
  const all = files(ROOT);

  it('finds the files it scans', () => {
    const names = all.map((f) => relative(ROOT, f).split(sep).join('/'));
    expect(names).toEqual(expect.arrayContaining(['package.json', 'bot/src/main.ts', '.ci/run']));
    expect(names.some((n) => n.startsWith('node_modules/') || n.startsWith('dist/'))).toBe(false);
  });

  it('no file names the shared folder beside the checkout, nor an absolute home or work path', () => {
    const bad = all.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          SHARED.test(line) || ABSOLUTE.test(line) ? [`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : [],
        ),
    );
    expect(bad).toEqual([]);
  });

  it('no relative path in code climbs above the root', () => {
    const bad = all.filter((f) => CODE.has(extname(f))).flatMap((file) => escapes(file, readFileSync(file, 'utf8')));
    expect(bad).toEqual([]);
  });

  it('the scan catches the escapes it is meant to', () => {
    const file = join(ROOT, 'test', 'unit', 'x.ts');
    expect(escapes(file, `join(__dirname, '..', '..', '..', 'y')`)).toHaveLength(1);
    expect(escapes(file, `readFileSync('../../../y.json')`)).toHaveLength(1);
    expect(escapes(file, `join(__dirname, '..', '..', 'vendor')`)).toEqual([]);
    expect(escapes(file, `import { a } from '../../bot/src/config';`)).toEqual([]);
    // test/support is compiled into dist/test/support and runs there: one level more to climb, no more.
    const built = join(ROOT, 'test', 'support', 'x.ts');
    expect(escapes(built, `join(__dirname, '..', '..', '..', 'pglite-template.tgz')`)).toEqual([]);
    expect(escapes(built, `join(__dirname, ${"'..', ".repeat(4)}'y')`)).toHaveLength(1);
    expect(escapes(join(ROOT, 'scripts', 'x.js'), `join(__dirname, '..', '..', 'y')`)).toHaveLength(1);
    expect(SHARED.test(['..', 'sha' + 'red', 'schemas'].join('/'))).toBe(true);
    expect(escapes(file, `resolve(REPO_ROOT, '${'..'}/sha${'red'}/schemas/x.json')`)).not.toHaveLength(0);
    expect(escapes(file, `join(REPO_ROOT, '${'..'}', 'sha${'red'}', 'schemas')`)).not.toHaveLength(0);
    expect(escapes(file, `join(repoRoot(), '${'..'}', 'x')`)).not.toHaveLength(0);
    expect(ABSOLUTE.test(`const p = '${'/wo'}rk/main/x';`)).toBe(true);
    expect(ABSOLUTE.test(`'https://example.cl/work/x'`)).toBe(false);
    expect(ABSOLUTE.test(`DIRECTORY_FILE=/home/site/config/directorio.json`)).toBe(false);
  });
});
