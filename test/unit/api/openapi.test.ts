import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse as parseYaml } from 'yaml';
import { openApiDocument, OPENAPI_PATH } from '../../../bot/src/api/openapi';
import { errorEnvelope } from '../../../bot/src/api/openapi-schemas';
import { commandEnvelope } from '../../../bot/src/api/routes';
import { actionBody } from '../../../bot/src/api/tab-routes';
import { declarationSchema } from '../../../bot/src/files/file-service';
import { bulkRequestSchema, parseCommand, parseCreate, type ItemKind } from '../../../protocol';
import { solicitudBody, convenioBody } from '../../support/fixtures';

const doc = openApiDocument();
const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace'] as const;

interface Operation {
  summary?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema?: unknown; example?: unknown }> };
  responses: Record<string, unknown>;
}

const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
  METHODS.filter((m) => (item as Record<string, unknown>)[m]).map(
    (m) => [path, m, (item as Record<string, Operation>)[m]!] as const,
  ),
);

/** Every `$ref` in the document, with where it was found. */
function refs(node: unknown, at = '#'): [string, string][] {
  if (Array.isArray(node)) return node.flatMap((x, i) => refs(x, `${at}/${i}`));
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([k, v]) =>
    k === '$ref' && typeof v === 'string' ? [[v, at] as [string, string]] : refs(v, `${at}/${k}`),
  );
}

const resolve = (ref: string) =>
  ref
    .slice(2)
    .split('/')
    .reduce<unknown>((n, k) => (n as Record<string, unknown> | undefined)?.[k], doc);

/** How each route with a JSON body reads it: the very parsing the route does (throws the route's DomainError). */
const PARSE: Record<string, (body: unknown) => void> = Object.fromEntries(
  (['solicitud', 'convenio'] as ItemKind[]).flatMap((kind) => {
    const base = `/api/v1/${kind === 'solicitud' ? 'solicitudes' : 'convenios'}`;
    return [
      [`post ${base}`, (b: unknown) => void parseCreate(kind, b)],
      [
        `post ${base}/{key}/comandos`,
        (b: unknown) => {
          const { expectedVersion: _v, ...raw } = commandEnvelope.parse(b);
          parseCommand(kind, raw);
        },
      ],
      [`post ${base}/{key}/acciones`, (b: unknown) => void actionBody.parse(b)],
    ];
  }),
);
PARSE['post /api/v1/solicitudes/lote'] = (b: unknown) => void bulkRequestSchema.parse(b);
// Issue 15: the declaration of a delivered file (its name, size and type are then checked by protocol uploadProblem).
PARSE['post /api/v1/solicitudes/{key}/archivos'] = (b: unknown) => void declarationSchema.parse(b);

/** The OpenAPI Initiative's schema of a 3.1 document (vendor/esquemas/README.md), ready for Ajv. */
function oas31Schema(): object {
  const schema = parseYaml(
    readFileSync(join(__dirname, '../../../vendor/esquemas/openapi-3.1.schema.yaml'), 'utf8'),
  ) as object;
  // Ajv resolves $dynamicAnchor only at a resource's root: the schema's one dynamic anchor («meta», the Schema
  // Object: any object or boolean) becomes a plain reference to its definition, which is what it resolves to here.
  const plain = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(plain);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.$dynamicRef === '#meta') {
        delete o.$dynamicRef;
        o.$ref = '#/$defs/schema';
      }
      delete o.$dynamicAnchor;
      Object.values(o).forEach(plain);
    }
  };
  plain(schema);
  return schema;
}

describe('OpenAPI document (structure)', () => {
  it('is a valid OpenAPI 3.1 document (the OpenAPI Initiative schema), and the check is not vacuous', () => {
    const validate = new Ajv2020({ strict: false, allErrors: true, validateFormats: false }).compile(oas31Schema());
    expect([validate(doc), validate.errors ?? null]).toEqual([true, null]);
    const broken = JSON.parse(JSON.stringify(doc)) as typeof doc;
    (broken.paths!['/healthz']!.get!.responses as Record<string, unknown>)['200'] = {};
    expect(validate(broken)).toBe(false);
  });

  it('is OpenAPI 3.1 with a title, a version and operations', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBe('v1');
    expect(operations.length).toBeGreaterThan(30);
    expect(doc.paths?.[OPENAPI_PATH]?.get).toBeDefined();
  });

  it('every operation has a Spanish summary, a declared tag and numeric responses', () => {
    const tags = new Set((doc.tags ?? []).map((t) => t.name));
    for (const [path, method, op] of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      expect([where, typeof op.summary]).toEqual([where, 'string']);
      expect([where, op.tags?.every((t) => tags.has(t))]).toEqual([where, true]);
      expect([where, Object.keys(op.responses).every((s) => /^[1-5]\d\d$/.test(s))]).toEqual([where, true]);
      expect([where, Object.keys(op.responses).some((s) => s.startsWith('2'))]).toEqual([where, true]);
    }
  });

  it('every path parameter of a template is declared, required, and nothing else is declared in the path', () => {
    for (const [path, method, op] of operations) {
      const inTemplate = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const declared = (op.parameters ?? []).filter((p) => p.in === 'path');
      expect([method, path, declared.map((p) => p.name).sort()]).toEqual([method, path, inTemplate]);
      expect(declared.every((p) => p.required)).toBe(true);
    }
  });

  it('every $ref resolves and every security requirement names a declared scheme', () => {
    for (const [ref, at] of refs(doc)) expect([ref, at, resolve(ref) !== undefined]).toEqual([ref, at, true]);
    const schemes = new Set(Object.keys(doc.components?.securitySchemes ?? {}));
    expect([...schemes].sort()).toEqual(['personaLocal', 'teamsSso']);
    const requirements = [...(doc.security ?? []), ...operations.flatMap(([, , op]) => op.security ?? [])];
    for (const req of requirements) for (const name of Object.keys(req)) expect(schemes.has(name)).toBe(true);
  });

  it('only the routes meant to be public are readable without sign-in', () => {
    const open = operations.filter(([, , op]) => op.security?.length === 0).map(([p, m]) => `${m} ${p}`);
    expect(open.sort()).toEqual(
      [
        'get /healthz',
        `get ${OPENAPI_PATH}`,
        'get /api/v1/sesion',
        'get /api/v1/feriados',
        'get /transparencia',
        'get /transparencia.csv',
        'get /transparencia.json',
      ].sort(),
    );
  });
});

describe('OpenAPI document (examples)', () => {
  it('every JSON request body has an example, and the route accepts it', () => {
    const withBody = operations.filter(([, , op]) => op.requestBody?.content['application/json']);
    expect(withBody.map(([p, m]) => `${m} ${p}`).sort()).toEqual(Object.keys(PARSE).sort());
    for (const [path, method, op] of withBody) {
      const example = op.requestBody!.content['application/json']!.example;
      expect([method, path, example !== undefined]).toEqual([method, path, true]);
      expect(() => PARSE[`${method} ${path}`]!(example)).not.toThrow();
    }
  });

  it('the body schemas are the routes’ own: what the route refuses is refused, and the fixtures pass', () => {
    expect(() => PARSE['post /api/v1/solicitudes']!(solicitudBody())).not.toThrow();
    expect(() => PARSE['post /api/v1/convenios']!(convenioBody())).not.toThrow();
    expect(() => PARSE['post /api/v1/solicitudes']!({ ...solicitudBody(), extra: 1 })).toThrow(/campo no permitido/);
    expect(() => PARSE['post /api/v1/solicitudes/{key}/comandos']!({ type: 'volar' })).toThrow(/Acción desconocida/);
  });

  it('the error example is an error envelope', () => {
    const error = (doc.components?.schemas?.Error as { example?: unknown }).example;
    expect(errorEnvelope.safeParse(error).success).toBe(true);
  });

  it('examples carry no personal data: no e-mail of the municipality, no person id of the directory', () => {
    const text = JSON.stringify(doc);
    expect(text).not.toMatch(/@quillota\.cl/i);
    expect(text).not.toMatch(/personId":"[a-z]+\.[a-z]+"/);
  });
});

describe('extendZodWithOpenApi', () => {
  it('changes no validation: the schemas parse alike with and without the extension', () => {
    // A fresh module registry: its zod was never extended (the document above extended this file's zod).
    let fresh!: typeof import('../../../protocol');
    jest.isolateModules(() => {
      fresh = jest.requireActual('../../../protocol');
      expect((jest.requireActual('zod') as typeof import('zod')).z.ZodType.prototype).not.toHaveProperty('openapi');
    });
    const here = jest.requireActual('../../../protocol') as typeof import('../../../protocol');
    const samples: [ItemKind, unknown][] = [
      ['solicitud', solicitudBody()],
      ['solicitud', { ...solicitudBody(), purpose: '' }],
      ['solicitud', { ...solicitudBody(), neededBy: '2026-02-30' }],
      ['convenio', convenioBody()],
      ['convenio', { ...convenioBody(), signers: [] }],
      ['convenio', { ...convenioBody(), entity: { name: 'x' } }],
    ];
    const outcome = (p: typeof here, kind: ItemKind, body: unknown) => {
      try {
        return { ok: p.parseCreate(kind, body) };
      } catch (e) {
        return { error: (e as Error).message, fields: (e as { fields?: unknown }).fields };
      }
    };
    for (const [kind, body] of samples) expect(outcome(here, kind, body)).toEqual(outcome(fresh, kind, body));
  });
});
