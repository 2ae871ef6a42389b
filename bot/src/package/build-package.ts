import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { checkConsistency } from './consistency-check';
import { fillTemplate, templateValues } from './fill-manifest';
import { ICON_RULES, checkIcon } from './icon-check';
import { checkLocalization } from './localization-check';
import type { PackageConfig } from './package-config';
import { manifestDir, manifestSchemaPath } from './paths';
import { loadManifestValidator, type SchemaValidator } from './schema-check';

/**
 * The Teams app package: manifest.json filled from the configuration, plus the files it names (icons, localization),
 * all at the root of one zip. Everything is checked offline before the zip is written; problems come back together,
 * in Spanish, so one run tells everything to fix.
 */

export const TEMPLATE_FILE = 'manifest.template.json';
export const MANIFEST_FILE = 'manifest.json';

/** The package's contents before filling: the template and the files it names, by their name in the zip. */
export interface PackageSources {
  template: unknown;
  files: Record<string, Buffer>;
}

/** Zip entries by path (a path with a folder is a problem the validation reports). */
export type PackageEntries = Record<string, Buffer>;

export interface BuiltPackage {
  /** Null when any problem was found. */
  zip: Buffer | null;
  manifest: unknown;
  problems: string[];
}

export interface BuildPackageOptions {
  config: PackageConfig;
  /** Default: read from manifest/. */
  sources?: PackageSources;
  manifestDir?: string;
  /** Default: MANIFEST_SCHEMA, else the vendored vendor/esquemas/teams-manifest-1.30.schema.json. */
  schemaPath?: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** The files a manifest names, with the field that names them and how to check them. */
export function referencedFiles(manifest: unknown): { at: string; file: string; kind: 'icon' | 'localization' }[] {
  if (!isObject(manifest)) return [];
  const out: { at: string; file: string; kind: 'icon' | 'localization' }[] = [];
  const icons = isObject(manifest.icons) ? manifest.icons : {};
  for (const k of Object.keys(ICON_RULES))
    if (typeof icons[k] === 'string') out.push({ at: `/icons/${k}`, file: icons[k], kind: 'icon' });
  const loc = isObject(manifest.localizationInfo) ? manifest.localizationInfo : {};
  if (typeof loc.defaultLanguageFile === 'string')
    out.push({ at: '/localizationInfo/defaultLanguageFile', file: loc.defaultLanguageFile, kind: 'localization' });
  (Array.isArray(loc.additionalLanguages) ? loc.additionalLanguages : []).forEach((l, i) => {
    if (isObject(l) && typeof l.file === 'string')
      out.push({ at: `/localizationInfo/additionalLanguages/${i}/file`, file: l.file, kind: 'localization' });
  });
  return out;
}

/** manifest/manifest.template.json and the files it names, read from `dir`. */
export function readSources(dir = manifestDir()): { sources?: PackageSources; problems: string[] } {
  const problems: string[] = [];
  const templatePath = join(dir, TEMPLATE_FILE);
  let template: unknown;
  try {
    template = JSON.parse(readFileSync(templatePath, 'utf8'));
  } catch (e) {
    return { problems: [`No se pudo leer ${templatePath}: ${(e as Error).message}`] };
  }
  const files: Record<string, Buffer> = {};
  for (const ref of referencedFiles(template)) {
    const path = join(dir, ref.file);
    if (existsSync(path)) files[ref.file] = readFileSync(path);
    else problems.push(`${TEMPLATE_FILE}: ${ref.at} nombra «${ref.file}», que no existe en ${dir}.`);
  }
  return { sources: { template, files }, problems };
}

/** Every check on the contents of a package (as they would sit in the zip). */
export function validatePackage(entries: PackageEntries, validate: SchemaValidator): string[] {
  const problems: string[] = [];
  for (const name of Object.keys(entries))
    if (/[/\\]/.test(name))
      problems.push(`El paquete tiene «${name}» dentro de una carpeta: Teams solo lee archivos en la raíz del zip.`);

  const raw = entries[MANIFEST_FILE];
  if (!raw) return [...problems, `El paquete no tiene ${MANIFEST_FILE} en la raíz.`];
  let manifest: unknown;
  try {
    manifest = JSON.parse(raw.toString('utf8'));
  } catch (e) {
    return [...problems, `${MANIFEST_FILE} no es JSON válido: ${(e as Error).message}`];
  }

  problems.push(...validate(manifest));

  const named = new Set<string>([MANIFEST_FILE]);
  for (const ref of referencedFiles(manifest)) {
    named.add(ref.file);
    if (/[/\\]/.test(ref.file)) {
      problems.push(`${MANIFEST_FILE}: ${ref.at} es «${ref.file}»; los archivos deben estar en la raíz del paquete.`);
      continue;
    }
    const bytes = entries[ref.file];
    if (!bytes) {
      problems.push(`${MANIFEST_FILE}: ${ref.at} nombra «${ref.file}», que no está en el paquete.`);
      continue;
    }
    if (ref.kind === 'icon') {
      const rule = ICON_RULES[ref.at.slice('/icons/'.length) as keyof typeof ICON_RULES];
      problems.push(...checkIcon(ref.file, bytes, rule));
    } else problems.push(...checkLocalization(ref.file, bytes, manifest));
  }
  for (const name of Object.keys(entries))
    if (!named.has(name) && !/[/\\]/.test(name))
      problems.push(`El paquete tiene «${name}», que el manifiesto no nombra.`);

  problems.push(...checkConsistency(manifest));
  return [...new Set(problems)];
}

/** Files in a stable order with a fixed date, so the same sources always make the same zip. */
const ZIP_DATE = new Date(Date.UTC(2026, 0, 1));

export async function zipEntries(entries: PackageEntries): Promise<Buffer> {
  const zip = new JSZip();
  const names = Object.keys(entries).sort((a, b) =>
    a === MANIFEST_FILE ? -1 : b === MANIFEST_FILE ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  for (const name of names) zip.file(name, entries[name]!, { date: ZIP_DATE, createFolders: false });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** A zip's entries (folders included, as names ending in «/», so they are reported). */
export async function unzipEntries(zip: Buffer): Promise<PackageEntries> {
  const z = await JSZip.loadAsync(zip);
  const out: PackageEntries = {};
  for (const f of Object.values(z.files)) out[f.name] = f.dir ? Buffer.alloc(0) : await f.async('nodebuffer');
  return out;
}

export async function validateZip(zip: Buffer, schemaPath = manifestSchemaPath()): Promise<string[]> {
  const { validate, problem } = loadManifestValidator(schemaPath);
  if (!validate) return [problem!];
  let entries: PackageEntries;
  try {
    entries = await unzipEntries(zip);
  } catch (e) {
    return [`El paquete no es un zip legible: ${(e as Error).message}`];
  }
  return validatePackage(entries, validate);
}

export async function buildPackage(o: BuildPackageOptions): Promise<BuiltPackage> {
  const read = o.sources ? { sources: o.sources, problems: [] } : readSources(o.manifestDir);
  const { validate, problem } = loadManifestValidator(o.schemaPath ?? manifestSchemaPath());
  const problems = [...read.problems, ...(problem ? [problem] : [])];
  if (!read.sources) return { zip: null, manifest: undefined, problems };

  const filled = fillTemplate(read.sources.template, templateValues(o.config));
  problems.push(...filled.problems);
  const entries: PackageEntries = {
    [MANIFEST_FILE]: Buffer.from(`${JSON.stringify(filled.manifest, null, 2)}\n`, 'utf8'),
    ...read.sources.files,
  };
  if (validate) problems.push(...validatePackage(entries, validate));
  if (problems.length) return { zip: null, manifest: filled.manifest, problems };

  const zip = await zipEntries(entries);
  // What Teams will read is the zip: check it as written (names, folders, bytes).
  const again = validate ? validatePackage(await unzipEntries(zip), validate) : [];
  return { zip: again.length ? null : zip, manifest: filled.manifest, problems: again };
}
