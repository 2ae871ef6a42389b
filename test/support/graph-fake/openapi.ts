import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../../bot/src/config';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

/**
 * The Graph v1.0 OpenAPI subset as a request/response checker. The YAML is data: operations, parameters and schemas
 * come from the file, nothing here restates them. What this module adds is how to READ an OpenAPI 3.0 document the
 * way Graph means it, in one place:
 *
 * - `additionalProperties: {type: object}` on every schema is the generator's way of writing "open type" (OData
 *   open types: any extra property, of any type). Read literally it would demand that every extra property be an
 *   object, and reject e.g. every string column of a fieldValueSet or `contentBytes` of an attachment. It becomes
 *   `true`. So no schema of this subset forbids unknown properties: only declared properties are type-checked.
 * - `$ref` siblings are ignored (OpenAPI 3.0); refs into `#/components/schemas` point at one shared ajv schema.
 * - `nullable: true` is ajv's own OpenAPI keyword (needs `type`); with an `enum`, `null` is added to the enum.
 * - `x-*` extensions, `example`, `externalDocs`, `xml`, `discriminator` are annotations and are dropped.
 * - `format` is not validated (int64, base64url, binary… are not JSON Schema formats); date-times are still
 *   checked, by the `pattern` the generator puts next to every `format: date-time`.
 */

export const DEFAULT_SUBSET_PATH = join(repoRoot(), 'vendor', 'esquemas', 'graph-v1.0-subset.openapi.yaml');

/** Base URI of the one ajv schema that holds every component schema (under `definitions`). */
const COMPONENTS_ID = 'https://graph-subset.invalid/components.json';

/**
 * Instance annotations the live API accepts as query options although the subset does not declare them. Graph's
 * simple upload takes `?@microsoft.graph.conflictBehavior=fail|replace|rename` (documented on "Upload small
 * files"); the generator does not emit instance annotations as parameters.
 */
const ACCEPTED_QUERY_ANNOTATIONS: Record<string, Record<string, string[]>> = {
  drive_SetItemsContent: { '@microsoft.graph.conflictBehavior': ['fail', 'replace', 'rename'] },
};

/**
 * Operations whose JSON body is compared case-insensitively: the subset writes sendMail's body as `Message` /
 * `SaveToSentItems` (its source's spelling), the live API and its docs use `message` / `saveToSentItems`, and
 * Graph accepts either (vendor/esquemas/README.md).
 */
const CASE_INSENSITIVE_BODIES = new Set(['user_sendMail']);

/**
 * Where the live API and the subset disagree and the fake follows the live API. Each entry is a documented
 * behaviour, not a convenience.
 * - PATCH /sites/{site-id}/lists/{list-id}/items/{listItem-id}/fields: the subset (Sites.yml, older generator)
 *   declares only 204; Microsoft Learn's "Update listItem" says "200 OK and a fieldValueSet in the response
 *   body", which is what the service sends. The fake answers 200 with the fields, checked against fieldValueSet.
 * - GET /drives/{drive-id}/items/{driveItem-id}/content: the subset declares the bytes (2XX octet-stream); Learn's
 *   "Download driveItem content" says it "returns a 302 Found response redirecting to a preauthenticated download
 *   URL", with no body. The fake answers that 302 (null: no content).
 */
const LIVE_API_RESPONSES: Record<string, Record<string, string | null>> = {
  'sites.lists.items_UpdateFields': { '200': 'microsoft.graph.fieldValueSet' },
  drive_GetItemsContent: { '302': null },
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Schema = any;

export interface ParamSpec {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: Schema;
  explode: boolean;
  validate: ValidateFunction;
}

export interface MediaSpec {
  /** `type: string, format: binary`: raw bytes, nothing to validate. */
  binary: boolean;
  schema?: Schema;
  validate?: ValidateFunction;
}

export interface ResponseSpec {
  /** '200', '2XX', 'default'… */
  key: string;
  /** application/json schema, if the response has content. */
  schema?: Schema;
  validate?: ValidateFunction;
  hasContent: boolean;
}

export interface SubsetOperation {
  operationId: string;
  method: string;
  template: string;
  segments: Array<{ literal: string } | { param: string }>;
  pathParams: ParamSpec[];
  queryParams: Map<string, ParamSpec>;
  requestBody?: { required: boolean; media: Map<string, MediaSpec> };
  responses: ResponseSpec[];
}

export type MatchResult =
  { ok: true; op: SubsetOperation; params: Record<string, string> } | { ok: false; status: 400 | 405; reason: string };

export interface RequestCheck {
  problems: string[];
  /** Parsed JSON body (property names aligned for case-insensitive operations). */
  json?: unknown;
}

export class GraphSubset {
  readonly operations: SubsetOperation[] = [];
  private readonly ajv: Ajv;
  private readonly definitions: Record<string, Schema> = {};
  private readonly doc: JsonObject;

  constructor(yamlText: string) {
    this.doc = parse(yamlText) as JsonObject;
    this.ajv = new Ajv({
      allErrors: true,
      strict: true,
      strictTypes: false,
      strictTuples: false,
      validateFormats: false,
    });
    const components = (this.doc.components as JsonObject | undefined) ?? {};
    for (const [name, schema] of Object.entries((components.schemas as JsonObject | undefined) ?? {})) {
      this.definitions[name] = toJsonSchema(schema);
    }
    this.ajv.addSchema({ $id: COMPONENTS_ID, definitions: this.definitions });
    this.loadOperations();
  }

  static load(path = DEFAULT_SUBSET_PATH): GraphSubset {
    return new GraphSubset(readFileSync(path, 'utf8'));
  }

  /** Follows a `$ref` to a non-schema component (parameter, requestBody, response). */
  private deref(node: Json | undefined): JsonObject | undefined {
    let current = node as JsonObject | undefined;
    for (let hops = 0; current && typeof current.$ref === 'string' && hops < 10; hops++) {
      const ref = current.$ref as string;
      if (!ref.startsWith('#/')) throw new Error(`Only local refs are supported: ${ref}`);
      current = ref
        .slice(2)
        .split('/')
        .reduce<Json | undefined>((n, key) => (n as JsonObject | undefined)?.[decodePointer(key)], this.doc) as
        JsonObject | undefined;
    }
    return current;
  }

  private compile(schema: Schema): ValidateFunction {
    return this.ajv.compile(schema);
  }

  private loadOperations(): void {
    const paths = (this.doc.paths as JsonObject | undefined) ?? {};
    for (const [template, pathItem] of Object.entries(paths)) {
      const item = pathItem as JsonObject;
      for (const method of ['get', 'put', 'post', 'patch', 'delete']) {
        const raw = item[method] as JsonObject | undefined;
        if (!raw) continue;
        const params = [
          ...(((item.parameters as Json[]) ?? []) as Json[]),
          ...(((raw.parameters as Json[]) ?? []) as Json[]),
        ].map((p) => this.deref(p)!);
        const specs: ParamSpec[] = params.map((p) => {
          const schema = toJsonSchema((p.schema as Json) ?? {});
          return {
            name: p.name as string,
            in: p.in as ParamSpec['in'],
            required: p.required === true || p.in === 'path',
            schema,
            // OpenAPI's default for `form` style is explode: true; every array parameter here says explode: false.
            explode: p.explode === undefined ? (p.style ?? 'form') === 'form' : p.explode === true,
            validate: this.compile(schema),
          };
        });
        let requestBody: SubsetOperation['requestBody'];
        const body = this.deref(raw.requestBody as Json | undefined);
        if (body) {
          const media = new Map<string, MediaSpec>();
          for (const [type, m] of Object.entries((body.content as JsonObject) ?? {})) {
            const rawSchema = (m as JsonObject).schema as JsonObject | undefined;
            const binary = rawSchema?.type === 'string' && rawSchema?.format === 'binary';
            const schema = rawSchema && !binary ? toJsonSchema(rawSchema) : undefined;
            media.set(type.toLowerCase(), { binary, schema, validate: schema ? this.compile(schema) : undefined });
          }
          requestBody = { required: body.required === true, media };
        }
        const responses: ResponseSpec[] = [];
        for (const [key, r] of Object.entries((raw.responses as JsonObject) ?? {})) {
          const resolved = this.deref(r)!;
          const json = (resolved.content as JsonObject | undefined)?.['application/json'] as JsonObject | undefined;
          const schema = json?.schema ? toJsonSchema(json.schema) : undefined;
          responses.push({
            key,
            schema,
            validate: schema ? this.compile(schema) : undefined,
            hasContent: !!resolved.content,
          });
        }
        for (const [status, name] of Object.entries(LIVE_API_RESPONSES[raw.operationId as string] ?? {})) {
          if (name === null) {
            responses.push({ key: status, hasContent: false });
            continue;
          }
          const schema = { $ref: `${COMPONENTS_ID}#/definitions/${name}` };
          responses.push({ key: status, schema, validate: this.compile(schema), hasContent: true });
        }
        this.operations.push({
          operationId: raw.operationId as string,
          method: method.toUpperCase(),
          template,
          segments: template
            .split('/')
            .filter(Boolean)
            .map((s) => (/^\{.+\}$/.test(s) ? { param: s.slice(1, -1) } : { literal: s })),
          pathParams: specs.filter((p) => p.in === 'path'),
          queryParams: new Map(specs.filter((p) => p.in === 'query').map((p) => [p.name, p])),
          requestBody,
          responses,
        });
      }
    }
  }

  /**
   * Finds the operation for a method and a (decoded) segment list relative to /v1.0. A literal action segment
   * `microsoft.graph.createLink` also matches the un-prefixed `createLink` the live API and the SDK use.
   */
  match(method: string, segments: string[]): MatchResult {
    const candidates: Array<{ op: SubsetOperation; params: Record<string, string>; literals: number }> = [];
    for (const op of this.operations) {
      if (op.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      let literals = 0;
      const fits = op.segments.every((s, i) => {
        const actual = segments[i]!;
        if ('param' in s) {
          params[s.param] = actual;
          return actual.length > 0;
        }
        literals++;
        return actual === s.literal || (s.literal.startsWith('microsoft.graph.') && actual === s.literal.slice(16));
      });
      if (fits) candidates.push({ op, params, literals });
    }
    if (candidates.length === 0) {
      return { ok: false, status: 400, reason: `no operation of the Graph subset has the path /${segments.join('/')}` };
    }
    const sameMethod = candidates.filter((c) => c.op.method === method.toUpperCase());
    if (sameMethod.length === 0) {
      const allowed = [...new Set(candidates.map((c) => c.op.method))].join(', ');
      return {
        ok: false,
        status: 405,
        reason: `method ${method} is not in the subset for this path (only ${allowed})`,
      };
    }
    sameMethod.sort((a, b) => b.literals - a.literals);
    const best = sameMethod[0]!;
    return { ok: true, op: best.op, params: best.params };
  }

  /** Checks path parameters, query options, content type and body of one request against its operation. */
  checkRequest(
    op: SubsetOperation,
    req: { params: Record<string, string>; query: URLSearchParams; contentType?: string; body: Buffer },
  ): RequestCheck {
    const problems: string[] = [];
    for (const p of op.pathParams) {
      const value = req.params[p.name];
      if (value === undefined || value === '') problems.push(`path parameter '${p.name}' is missing`);
      else if (!p.validate(value)) problems.push(`path parameter '${p.name}': ${errorsText(p.validate.errors)}`);
    }

    const seen = new Set<string>();
    for (const [name, value] of req.query) {
      if (seen.has(name)) problems.push(`query option '${name}' is repeated`);
      seen.add(name);
      const annotation = ACCEPTED_QUERY_ANNOTATIONS[op.operationId]?.[name];
      if (annotation) {
        if (!annotation.includes(value)) problems.push(`'${name}' must be one of ${annotation.join(', ')}`);
        continue;
      }
      const spec = op.queryParams.get(name);
      if (!spec) {
        problems.push(`query option '${name}' is not declared by ${op.operationId}`);
        continue;
      }
      const coerced = coerceQueryValue(value, spec);
      if (!spec.validate(coerced)) problems.push(`query option '${name}': ${errorsText(spec.validate.errors)}`);
    }
    for (const spec of op.queryParams.values()) {
      if (spec.required && !seen.has(spec.name)) problems.push(`required query option '${spec.name}' is missing`);
    }

    const result: RequestCheck = { problems };
    if (!op.requestBody) {
      if (req.body.length > 0) problems.push(`${op.operationId} takes no request body`);
      return result;
    }
    if (req.body.length === 0) {
      if (op.requestBody.required) problems.push('a request body is required');
      return result;
    }
    const media = [...op.requestBody.media.entries()];
    // The content stream (PUT …/content) declares application/octet-stream, but the live API stores the bytes
    // whatever the Content-Type says (Learn's examples send text/plain; the Graph JS client even defaults a Buffer
    // body to application/json). So a binary-only operation accepts any content type.
    if (media.every(([, m]) => m.binary)) return result;
    const type = req.contentType?.split(';')[0]?.trim().toLowerCase();
    const chosen = media.find(([t]) => t === type)?.[1];
    if (!chosen) {
      problems.push(`Content-Type '${req.contentType ?? '(none)'}' is not one of ${media.map(([t]) => t).join(', ')}`);
      return result;
    }
    if (chosen.binary || !chosen.validate) return result;
    let json: unknown;
    try {
      json = JSON.parse(req.body.toString('utf8'));
    } catch (e) {
      problems.push(`the body is not valid JSON (${(e as Error).message})`);
      return result;
    }
    if (CASE_INSENSITIVE_BODIES.has(op.operationId)) json = this.alignPropertyNames(json, chosen.schema);
    if (!chosen.validate(json)) problems.push(`request body: ${errorsText(chosen.validate.errors)}`);
    result.json = json;
    return result;
  }

  /**
   * Checks an answer against the operation's responses: exact status, then `2XX`-style, then `default`. An
   * operation whose response has no content must answer with an empty body.
   */
  checkResponse(op: SubsetOperation, status: number, body: unknown): string[] {
    const key = String(status);
    const spec =
      op.responses.find((r) => r.key === key) ??
      op.responses.find((r) => r.key.toUpperCase() === `${key[0]}XX`) ??
      op.responses.find((r) => r.key === 'default');
    if (!spec) return [`${op.operationId} declares no response for status ${status}`];
    if (status < 400 && spec.key === 'default') {
      return [`${op.operationId} declares no success response for status ${status}`];
    }
    if (!spec.hasContent) return body === undefined ? [] : [`${op.operationId} ${status} must have no body`];
    if (body === undefined) return [`${op.operationId} ${status} must have a body`];
    if (spec.validate && !spec.validate(body)) return [`response ${status}: ${errorsText(spec.validate.errors)}`];
    return [];
  }

  /** The operation with this operationId (for tests that validate raw answers). */
  operation(operationId: string): SubsetOperation {
    const op = this.operations.find((o) => o.operationId === operationId);
    if (!op) throw new Error(`No operation ${operationId} in the subset`);
    return op;
  }

  /**
   * Renames properties of `data` to the declared spelling when they differ only in case (recursively, following
   * $ref, allOf and array items), so that `message` validates as `Message`.
   */
  alignPropertyNames(data: unknown, schema: Schema): unknown {
    if (Array.isArray(data)) {
      const items = this.resolve(schema)?.items;
      return items ? data.map((d) => this.alignPropertyNames(d, items)) : data;
    }
    if (!data || typeof data !== 'object') return data;
    const props = this.collectProperties(schema);
    const byLower = new Map(Object.keys(props).map((k) => [k.toLowerCase(), k]));
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
      const declared = key in props ? key : byLower.get(key.toLowerCase());
      const name = declared && !(declared in (data as object) && declared !== key) ? declared : key;
      out[name] = declared ? this.alignPropertyNames(value, props[declared]) : value;
    }
    return out;
  }

  /**
   * Properties of `data` that its schema does not declare (JSON pointers), not counting OData annotations
   * (`@odata.type`, `x@odata.type`) and not looking inside objects that announce a derived type with `@odata.type`
   * (fileAttachment's contentBytes is not in the subset). Graph's entity and complex types are closed: the live API
   * answers 400 RequestBodyRead for an undeclared property, whatever the generator's `additionalProperties` says.
   * Callers use this where the subset's schema is complete (the message closure of sendMail).
   */
  undeclaredProperties(data: unknown, schema: Schema | string, at = ''): string[] {
    const s = typeof schema === 'string' ? { $ref: `${COMPONENTS_ID}#/definitions/${schema}` } : schema;
    if (Array.isArray(data)) {
      const items = this.resolve(s)?.items;
      return items ? data.flatMap((d, i) => this.undeclaredProperties(d, items, `${at}/${i}`)) : [];
    }
    if (!data || typeof data !== 'object' || '@odata.type' in data) return [];
    const props = this.collectProperties(s);
    if (Object.keys(props).length === 0) return [];
    return Object.entries(data as Record<string, unknown>).flatMap(([key, value]) => {
      if (key.includes('@')) return [];
      if (!(key in props)) return [`${at}/${key}`];
      return this.undeclaredProperties(value, props[key], `${at}/${key}`);
    });
  }

  /** Validates a value against one component schema (e.g. 'microsoft.graph.uploadSession'). */
  checkSchema(name: string, value: unknown): string[] {
    const validate = this.ajv.getSchema(`${COMPONENTS_ID}#/definitions/${name}`);
    if (!validate) return [`no component schema ${name}`];
    return validate(value) ? [] : [errorsText(validate.errors)];
  }

  private resolve(schema: Schema): Schema {
    let s = schema;
    for (let hops = 0; s && typeof s.$ref === 'string' && hops < 10; hops++) {
      s = this.definitions[decodePointer(s.$ref.split('#/definitions/')[1] ?? '')];
    }
    return s;
  }

  private collectProperties(schema: Schema, depth = 0): Record<string, Schema> {
    const s = this.resolve(schema);
    if (!s || depth > 20) return {};
    const props: Record<string, Schema> = { ...(s.properties ?? {}) };
    for (const part of [...(s.allOf ?? []), ...(s.anyOf ?? []), ...(s.oneOf ?? [])]) {
      Object.assign(props, this.collectProperties(part, depth + 1));
    }
    return props;
  }
}

/** OpenAPI 3.0 schema object → JSON Schema (draft-07) as ajv reads it; see the module comment for the rules. */
export function toJsonSchema(node: unknown): Schema {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return node;
  const schema = node as Record<string, unknown>;
  if (typeof schema.$ref === 'string') {
    const ref = schema.$ref;
    const prefix = '#/components/schemas/';
    if (!ref.startsWith(prefix)) throw new Error(`Unsupported schema $ref ${ref}`);
    return { $ref: `${COMPONENTS_ID}#/definitions/${ref.slice(prefix.length)}` };
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-') || ['example', 'externalDocs', 'xml', 'discriminator'].includes(key)) continue;
    switch (key) {
      case 'properties':
      case 'patternProperties':
        out[key] = Object.fromEntries(
          Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toJsonSchema(v)]),
        );
        break;
      case 'items':
      case 'not':
        out[key] = toJsonSchema(value);
        break;
      case 'allOf':
      case 'anyOf':
      case 'oneOf':
        out[key] = (value as unknown[]).map(toJsonSchema);
        break;
      case 'additionalProperties':
        out[key] = isOpenTypeMarker(value) ? true : typeof value === 'object' ? toJsonSchema(value) : value;
        break;
      default:
        out[key] = value;
    }
  }
  if (out.nullable === true) {
    if (out.type === undefined) delete out.nullable;
    else if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  return out;
}

/** `additionalProperties: {type: object}` with nothing else: the generator's "open type" marker. */
function isOpenTypeMarker(value: unknown): boolean {
  return (
    !!value &&
    typeof value === 'object' &&
    Object.keys(value).length === 1 &&
    (value as Record<string, unknown>).type === 'object'
  );
}

/** A query string value → the JSON value its schema describes (form style: comma-separated arrays). */
function coerceQueryValue(value: string, spec: ParamSpec): unknown {
  const type = spec.schema?.type;
  const scalar = (v: string, t: unknown): unknown => {
    if (t === 'integer' || t === 'number') return v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : v;
    if (t === 'boolean') return v === 'true' ? true : v === 'false' ? false : v;
    return v;
  };
  if (type === 'array') {
    const parts = spec.explode ? [value] : value.split(',');
    return parts.map((p) => scalar(p.trim(), spec.schema.items?.type));
  }
  return scalar(value, type);
}

function decodePointer(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function shortList(values: unknown[]): string {
  return values.length > 8 ? `${values.slice(0, 8).join(', ')}, …` : values.join(', ');
}

function errorsText(errors: ErrorObject[] | null | undefined): string {
  if (!errors?.length) return 'invalid';
  return errors
    .slice(0, 5)
    .map((e) => {
      const where = e.instancePath || '(root)';
      const extra =
        e.keyword === 'enum'
          ? ` (${shortList((e.params as { allowedValues: unknown[] }).allowedValues)})`
          : e.keyword === 'additionalProperties'
            ? ` ('${(e.params as { additionalProperty: string }).additionalProperty}')`
            : '';
      return `${where} ${e.message}${extra}`;
    })
    .join('; ');
}
