import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The README stays a front page: under 10 KB, one committed picture, and links that lead somewhere.
const ROOT = join(__dirname, '..', '..', '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README.md', () => {
  it('is at most 10 KB', () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(10 * 1024);
  });

  it('shows one picture, committed under docs/imagenes/', () => {
    const pictures = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1] ?? '');
    expect(pictures).toHaveLength(1);
    expect(pictures[0]).toMatch(/^docs\/imagenes\/[\w.-]+\.png$/);
    expect(existsSync(join(ROOT, pictures[0] ?? ''))).toBe(true);
  });

  it('every link into the repository names a file that exists', () => {
    const targets = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map((m) => m[1] ?? '')
      .filter((t) => !/^[a-z]+:/i.test(t));
    expect(targets.length).toBeGreaterThan(5);
    expect(targets.filter((t) => !existsSync(join(ROOT, t)))).toEqual([]);
  });
});
