import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENV_VARIABLES, loadConfig } from '../../../bot/src/config';

// .env.example is the one list of the service's environment variables: each variable bot/src/config.ts reads
// (ENV_VARIABLES) appears there once, set to its local-mode value or commented out with an example, under a comment
// that says what it is; and nothing else is listed. docs/configuracion.md's table explains the same set.
const ROOT = join(__dirname, '..', '..', '..');
const lines = readFileSync(join(ROOT, '.env.example'), 'utf8').split('\n');
const ASSIGNMENT = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/;

const entries = lines.flatMap((line, i) => {
  const m = ASSIGNMENT.exec(line);
  return m?.[2] ? [{ name: m[2], value: m[3] ?? '', active: !m[1], line: i }] : [];
});

describe('.env.example', () => {
  it('lists every variable the service reads', () => {
    const listed = new Set(entries.map((e) => e.name));
    expect(ENV_VARIABLES.filter((v) => !listed.has(v))).toEqual([]);
  });

  it('lists no variable the service does not read, and none twice', () => {
    const names = entries.map((e) => e.name);
    expect(names.filter((n) => !ENV_VARIABLES.includes(n))).toEqual([]);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it('says what each variable is: a comment line above it or above its group', () => {
    const undocumented = entries.filter((e) => {
      for (let i = e.line - 1; i >= 0; i--) {
        const above = lines[i] ?? '';
        if (ASSIGNMENT.test(above)) continue;
        return !/^#\s*\S/.test(above);
      }
      return true;
    });
    expect(undocumented.map((e) => e.name)).toEqual([]);
  });

  it('its active values are a configuration the service accepts', () => {
    const env = Object.fromEntries(entries.filter((e) => e.active).map((e) => [e.name, e.value]));
    expect(() => loadConfig(env)).not.toThrow();
    expect(() => loadConfig({ ...env, PORT: 'ochenta' })).toThrow();
  });

  it('docs/configuracion.md explains exactly the variables it lists', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'configuracion.md'), 'utf8');
    const explained = doc
      .split('\n')
      .filter((line) => /^\| `[A-Z]/.test(line))
      .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1] ?? ''));
    expect([...explained].sort()).toEqual([...ENV_VARIABLES].sort());
  });
});
