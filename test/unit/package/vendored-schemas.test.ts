import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// vendor/esquemas/README.md lists every vendored file with its SHA-256: the files are upstream's bytes (or, for the
// Graph subset, the committed selection), never edited by hand.
const DIR = join(__dirname, '..', '..', '..', 'vendor', 'esquemas');

function listed(): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of readFileSync(join(DIR, 'README.md'), 'utf8').split('\n')) {
    const m = /^\|\s*`([^`]+)`\s*\|\s*`([0-9a-f]{64})`\s*\|/.exec(line);
    if (m?.[1] && m[2]) rows.set(m[1], m[2]);
  }
  return rows;
}

const sha256 = (file: string) =>
  createHash('sha256')
    .update(readFileSync(join(DIR, file)))
    .digest('hex');

describe('the vendored schemas (vendor/esquemas)', () => {
  it('every file in the folder is listed in its README, and every listed file is there', () => {
    const files = readdirSync(DIR)
      .filter((f) => f !== 'README.md')
      .sort();
    expect([...listed().keys()].sort()).toEqual(files);
    expect(files).toEqual(
      expect.arrayContaining([
        'adaptive-card-1.5.schema.json',
        'graph-v1.0-subset.openapi.yaml',
        'teams-manifest-1.30.schema.json',
      ]),
    );
  });

  it.each([...listed()])('%s has the SHA-256 its README lists', (file, expected) => {
    expect(sha256(file)).toBe(expected);
  });
});
