import { existsSync, readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';
import type { ErrorObject, ValidateFunction } from 'ajv';

/**
 * The manifest against Microsoft's JSON Schema (draft-04, kept offline), every error at once, each said in Spanish
 * with the JSON path it is about: «manifest.json: /bots/0/botId debe ser un GUID».
 */

export type SchemaValidator = (manifest: unknown) => string[];

const compiled = new Map<string, ValidateFunction>();

/** The validator for the schema at `path` (compiled once per path), or the problem that prevents it. */
export function loadManifestValidator(path: string): { validate?: SchemaValidator; problem?: string } {
  let fn = compiled.get(path);
  if (!fn) {
    if (!existsSync(path))
      return {
        problem:
          `No se encuentra el esquema del manifiesto en ${path}. Restaure vendor/esquemas/` +
          `teams-manifest-1.30.schema.json o indique su ruta en MANIFEST_SCHEMA.`,
      };
    try {
      // Microsoft's schema is not written for Ajv's strict mode (draft-06+ keywords such as if/then inside a
      // draft-04 document, keywords without their type); it is third-party data, so it is read leniently.
      const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
      ajv.addFormat('uri', /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/);
      fn = ajv.compile(JSON.parse(readFileSync(path, 'utf8')));
    } catch (e) {
      return { problem: `El esquema del manifiesto en ${path} no se pudo leer: ${(e as Error).message}` };
    }
    compiled.set(path, fn);
  }
  const validate = fn;
  return {
    validate: (manifest) =>
      validate(manifest) ? [] : unique((validate.errors ?? []).map((e) => `manifest.json: ${explain(e)}`)),
  };
}

const unique = (xs: string[]): string[] => [...new Set(xs)];

const TYPES: Record<string, string> = {
  string: 'un texto',
  boolean: 'true o false',
  object: 'un objeto',
  array: 'una lista',
  number: 'un número',
  integer: 'un número entero',
  null: 'null',
};

/** What a named definition of the schema means, for pattern errors that come through a $ref. */
const DEFINITIONS: Record<string, string> = {
  guid: 'debe ser un GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)',
  hexColor: 'debe ser un color #RRGGBB',
  anyHttpUrl: 'debe ser una URL que comience con http:// o https://',
  secureHttpUrl: 'debe ser una URL que comience con https://',
  semver: 'debe ser una versión x.y.z',
  languageTag: 'debe ser una etiqueta de idioma (p. ej. es-cl)',
};

const kindOf = (v: unknown): string =>
  Array.isArray(v) ? 'una lista' : v === null ? 'null' : (TYPES[typeof v] ?? typeof v);

function explain(e: ErrorObject): string {
  const at = e.instancePath || '/';
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `${e.instancePath}/${String(p.missingProperty)} falta y es obligatorio`;
    case 'additionalProperties':
      return `${e.instancePath}/${String(p.additionalProperty)} no es un campo del manifiesto 1.30`;
    case 'type':
      return `${at} debe ser ${String(p.type)
        .split(',')
        .map((t) => TYPES[t] ?? t)
        .join(' o ')} (es ${kindOf(e.data)})`;
    case 'pattern': {
      const def = /#\/definitions\/([^/]+)\/pattern$/.exec(e.schemaPath)?.[1];
      return `${at} ${(def && DEFINITIONS[def]) ?? `no tiene la forma esperada (${String(p.pattern)})`}${shown(e.data)}`;
    }
    case 'format':
      return `${at} debe ser un ${String(p.format).toUpperCase()}${shown(e.data)}`;
    case 'maxLength':
      return `${at} admite a lo más ${String(p.limit)} caracteres (tiene ${String((e.data as string).length)})`;
    case 'minLength':
      return `${at} debe tener al menos ${String(p.limit)} caracteres`;
    case 'maxItems':
      return `${at} admite a lo más ${String(p.limit)} elementos (tiene ${String((e.data as unknown[]).length)})`;
    case 'minItems':
      return `${at} debe tener al menos ${String(p.limit)} elementos`;
    case 'enum':
      return `${at} debe ser uno de: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}${shown(e.data)}`;
    case 'const':
      return `${at} debe ser ${JSON.stringify(p.allowedValue)}${shown(e.data)}`;
    case 'uniqueItems':
      return `${at} tiene elementos repetidos (posiciones ${String(p.j)} y ${String(p.i)})`;
    case 'maximum':
    case 'minimum':
      return `${at} debe ser ${e.keyword === 'maximum' ? 'a lo más' : 'al menos'} ${String(p.limit)}`;
    case 'oneOf':
    case 'anyOf':
      return `${at} no corresponde a ninguna de las formas que admite el esquema`;
    default:
      return `${at} no cumple la regla «${e.keyword}» del esquema (${e.message ?? ''})`;
  }
}

function shown(v: unknown): string {
  if (typeof v === 'string') return ` (es «${v.length > 60 ? `${v.slice(0, 57)}…` : v}»)`;
  if (v === undefined) return '';
  return ` (es ${JSON.stringify(v)})`;
}
