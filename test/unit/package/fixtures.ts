import { PNG } from 'pngjs';
import { buildPackage, readSources, type PackageSources } from '../../../bot/src/package/build-package';
import type { PackageConfig } from '../../../bot/src/package/package-config';
import { packageVersion } from '../../../bot/src/package/paths';

/** A production-like configuration (ids of no real registration). */
export const CONFIG: PackageConfig = {
  teamsAppId: 'c5f1a2b3-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  botAppId: '3f1c2a9e-8d7b-4c6a-9e5f-1a2b3c4d5e6f',
  tabAppIdUri: 'api://datos.quillota.cl/3f1c2a9e-8d7b-4c6a-9e5f-1a2b3c4d5e6f',
  publicUrl: 'https://datos.quillota.cl',
  version: packageVersion(),
};

/** The real manifest/ contents, read once; every test gets its own copy to break. */
const real = readSources();
if (!real.sources || real.problems.length) throw new Error(`manifest/ ilegible: ${real.problems.join('; ')}`);
const SOURCES = real.sources;

export function sources(): PackageSources {
  return {
    template: structuredClone(SOURCES.template),
    files: Object.fromEntries(Object.entries(SOURCES.files).map(([k, v]) => [k, Buffer.from(v)])),
  };
}

export const enJson = (s: PackageSources): Record<string, unknown> => JSON.parse(s.files['en.json']!.toString('utf8'));
export const setEnJson = (s: PackageSources, en: Record<string, unknown>): void => {
  s.files['en.json'] = Buffer.from(JSON.stringify(en));
};

/** Builds from (possibly broken) sources with the production-like configuration. */
export const build = (s: PackageSources = sources(), config: PackageConfig = CONFIG) =>
  buildPackage({ config, sources: s });

/** A PNG of the given size, every pixel the given RGBA, then `edit` to change some. */
export function png(width: number, height: number, rgba: number[], edit?: (p: PNG) => void): Buffer {
  const p = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) p.data.set(rgba, i * 4);
  edit?.(p);
  return PNG.sync.write(p);
}

/** The value at a JSON pointer («/bots/0/botId»). */
export function getAt(doc: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((node, k) => (node as Record<string, unknown> | undefined)?.[k], doc);
}

/** Sets (or, with `undefined`, deletes) the value at a JSON pointer. */
export function setAt(doc: unknown, pointer: string, value: unknown): void {
  const keys = pointer.split('/').slice(1);
  const last = keys.pop()!;
  const parent = getAt(doc, `/${keys.join('/')}`.replace(/^\/$/, '')) as Record<string, unknown>;
  if (value === undefined) delete parent[last];
  else parent[last] = value;
}
