import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from '../config';

export { repoRoot };

/** manifest/: the template, the English strings and the icons. */
export const manifestDir = (root = repoRoot()): string => join(root, 'manifest');

/**
 * The Teams manifest v1.30 JSON Schema, vendored in vendor/esquemas/ so a package validates offline on any
 * checkout (a deployment machine, the Agents Toolkit); MANIFEST_SCHEMA points to another copy.
 */
export function manifestSchemaPath(env: NodeJS.ProcessEnv = process.env, root = repoRoot()): string {
  const override = env.MANIFEST_SCHEMA?.trim();
  if (override) return resolve(override);
  return join(root, 'vendor', 'esquemas', 'teams-manifest-1.30.schema.json');
}

/** The app's version: the one of package.json, so a release bumps both at once. */
export function packageVersion(root = repoRoot()): string {
  return String(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
}

/** Where `npm run package` writes the zip. */
export const defaultZipPath = (root = repoRoot()): string => join(root, 'dist', 'paquete', 'intercambio-de-datos.zip');
