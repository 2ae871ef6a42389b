import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The repository root: the nearest folder above this file whose package.json is ours. Works from the TypeScript
 * source (bot/src/package) as from the build (dist/bot/src/package).
 */
export function repoRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    try {
      if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'intercambio-de-datos') return dir;
    } catch {
      // An unreadable package.json is not ours: keep looking.
    }
    if (dirname(dir) === dir) return process.cwd();
  }
}

/** manifest/: the template, the English strings and the icons. */
export const manifestDir = (root = repoRoot()): string => join(root, 'manifest');

/**
 * The Teams manifest v1.30 JSON Schema, vendored in manifest/esquema/ so a package validates offline on any
 * checkout (a deployment machine, the Agents Toolkit); MANIFEST_SCHEMA points to another copy.
 */
export function manifestSchemaPath(env: NodeJS.ProcessEnv = process.env, root = repoRoot()): string {
  const override = env.MANIFEST_SCHEMA?.trim();
  if (override) return resolve(override);
  return join(manifestDir(root), 'esquema', 'teams-manifest-1.30.schema.json');
}

/** The app's version: the one of package.json, so a release bumps both at once. */
export function packageVersion(root = repoRoot()): string {
  return String(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
}

/** Where `npm run package` writes the zip. */
export const defaultZipPath = (root = repoRoot()): string => join(root, 'dist', 'paquete', 'intercambio-de-datos.zip');
