// Local mode keeps everything it writes under DATA_DIR (issue 14 §12): the Playground configs too.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { playgroundDir, ROOT, writeConfigs } from '../../scripts/playground/lib';

test('las configuraciones del Playground van a <DATA_DIR>/playground', () => {
  expect(playgroundDir({ DATA_DIR: '/srv/intercambio' })).toBe('/srv/intercambio/playground');
  expect(playgroundDir({ DATA_DIR: 'otra-carpeta' })).toBe(path.resolve('otra-carpeta', 'playground'));
  expect(playgroundDir({})).toBe(path.join(ROOT, 'data', 'playground'));
});

test('writeConfigs escribe allí por omisión, no en data/ del repositorio', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'idd-datos-'));
  const before = process.env.DATA_DIR;
  process.env.DATA_DIR = dir;
  try {
    const files = writeConfigs(['alex.wilber']);
    expect(files['alex.wilber']).toBe(path.join(dir, 'playground', 'alex.wilber.yml'));
    expect(readdirSync(path.join(dir, 'playground'))).toEqual(['alex.wilber.yml']);
  } finally {
    if (before === undefined) delete process.env.DATA_DIR;
    else process.env.DATA_DIR = before;
    rmSync(dir, { recursive: true, force: true });
  }
});
