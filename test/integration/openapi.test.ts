import Ajv2020 from 'ajv/dist/2020';
import { openApiDocument, OPENAPI_PATH } from '../../bot/src/api/openapi';
import { MUNICIPAL_SIGNER_PLACEHOLDER } from '../../bot/src/api/openapi-schemas';
import { startTestService, type TestService } from '../support/service';

/**
 * The OpenAPI reference against the routes express really has, both ways: every route of the running service is
 * documented (or listed here as outside the REST API, with why), and every documented operation exists.
 */

/** Routes of the service that are not the REST API. */
const NOT_REST: Record<string, string> = {
  'POST /api/messages': 'el canal del bot (Bot Framework), con su propia autenticación',
  'GET /tab/index.html': 'archivos de la pestaña',
  'GET /tab,/tab/*splat,/detalle/*splat': 'archivos de la pestaña',
  'GET /': 'redirige a la pestaña',
};

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(async () => {
  await svc?.close();
});

interface Layer {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: unknown;
}

/** Every route of the app as «METHOD path», with the mount paths of the routers it sits in. */
function expressRoutes(): { method: string; path: string | RegExp }[] {
  const out: { method: string; path: string | RegExp }[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const l of stack) {
      if (l.route) {
        const p = l.route.path;
        for (const m of Object.keys(l.route.methods))
          out.push({
            method: m.toUpperCase(),
            path: p instanceof RegExp ? p : `${prefix}${Array.isArray(p) ? p.join(',') : String(p)}`,
          });
      } else if (l.handle?.stack) {
        const mount = typeof l.rawPath === 'string' && l.rawPath !== '/' ? l.rawPath : '';
        walk(l.handle.stack, `${prefix}${mount}`);
      }
    }
  };
  walk((svc.app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return out;
}

/** Documented operations as «METHOD path» with express's parameter syntax. */
function documented(): string[] {
  return Object.entries(openApiDocument().paths ?? {}).flatMap(([path, item]) =>
    Object.keys(item as object)
      .filter((k) => ['get', 'post', 'put', 'patch', 'delete'].includes(k))
      .map((m) => `${m.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`),
  );
}

/** A concrete address for a documented path (the regex routes are matched with it). */
const sample = (path: string) => path.replace(/:reference/g, 'CONV-2026-0001').replace(/:[a-z]+/g, '1');

describe('the OpenAPI reference and the live routes', () => {
  it('every route of the service is documented, and every documented operation exists', () => {
    const routes = expressRoutes();
    const docs = documented();
    const literal = routes.filter((r) => typeof r.path === 'string').map((r) => `${r.method} ${r.path as string}`);
    const patterns = routes.filter((r) => r.path instanceof RegExp) as { method: string; path: RegExp }[];
    expect(patterns.length).toBeGreaterThan(0);

    const undocumented = literal.filter((r) => !docs.includes(r) && !(r in NOT_REST));
    for (const p of patterns)
      if (!docs.some((d) => d.startsWith(`${p.method} `) && p.path.test(sample(d.slice(p.method.length + 1)))))
        undocumented.push(`${p.method} ${String(p.path)}`);
    expect(undocumented).toEqual([]);

    const missing = docs.filter(
      (d) =>
        !literal.includes(d) &&
        !patterns.some((p) => d.startsWith(`${p.method} `) && p.path.test(sample(d.slice(p.method.length + 1)))),
    );
    expect(missing).toEqual([]);
    // The exclusions name real routes too.
    expect(Object.keys(NOT_REST).filter((r) => !literal.includes(r))).toEqual([]);
  });

  it('serves the document without sign-in, and the rest of the API still needs a caller', async () => {
    const res = await fetch(`${svc.url}${OPENAPI_PATH}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { openapi: string };
    expect(body.openapi).toBe('3.1.0');
    expect(body).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
    expect((await fetch(`${svc.url}/api/v1/yo`)).status).toBe(401);
  });

  it('the public operations of the document answer without sign-in; the others refuse an anonymous caller', async () => {
    const doc = openApiDocument();
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      const get = (item as { get?: { security?: unknown[] } }).get;
      if (!get || path.includes('{')) continue;
      const res = await fetch(`${svc.url}${path}${path.includes('exportaciones/convenios') ? '?mes=2026-09' : ''}`);
      if (get.security?.length === 0) expect([path, res.status]).toEqual([path, 200]);
      else expect([path, res.status]).toEqual([path, 401]);
    }
  });
});

interface DocOperation {
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: Record<string, { example?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}

describe('the OpenAPI reference describes what the service answers', () => {
  const doc = openApiDocument();
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  /** Validates a JSON answer against the documented schema of its status ($refs resolve against the document). */
  const conforms = (op: DocOperation, status: number, body: unknown) => {
    const schema = op.responses[String(status)]?.content?.['application/json']?.schema;
    if (!schema) return null;
    const validate = ajv.compile({ ...schema, components: doc.components });
    return validate(body) ? null : validate.errors;
  };
  const op = (path: string, method: 'get' | 'post') => (doc.paths![path] as Record<string, DocOperation>)[method]!;
  const QUERY: Record<string, string> = { desde: '2026-09-01', hasta: '2026-09-30', mes: '2026-09', tipo: 'solicitud' };
  const refs: Record<string, string> = {};

  it('the documented request examples create items through the real API, answered as documented', async () => {
    for (const segment of ['solicitudes', 'convenios']) {
      const path = `/api/v1/${segment}`;
      // The example names the municipal signer by a placeholder: here, the test directory's Alcalde.
      const example = JSON.parse(
        JSON.stringify(op(path, 'post').requestBody!.content['application/json']!.example).replace(
          MUNICIPAL_SIGNER_PLACEHOLDER,
          'nestor.wilke',
        ),
      ) as unknown;
      const res = await svc.as('megan.bowen').post(path, example);
      expect([path, res.status, res.status === 201 ? '' : res.text]).toEqual([path, 201, '']);
      expect([path, conforms(op(path, 'post'), res.status, res.body)]).toEqual([path, null]);
      refs[segment] = res.body.item.reference as string;
    }
  });

  it('the documented command examples act on those items, answered as documented', async () => {
    // Who may issue each example's verb: the owner unit's responsable (entregar), the proposer (comentar).
    const BY = { solicitudes: 'lynne.robbins', convenios: 'megan.bowen' };
    for (const [segment, persona] of Object.entries(BY)) {
      const path = `/api/v1/${segment}/{key}/comandos`;
      const example = op(path, 'post').requestBody!.content['application/json']!.example;
      const res = await svc.as(persona).post(path.replace('{key}', refs[segment]!), example);
      expect([path, res.status, res.status === 200 ? '' : res.text]).toEqual([path, 200, '']);
      expect([path, conforms(op(path, 'post'), res.status, res.body)]).toEqual([path, null]);
    }
  });

  it('every documented GET answers a documented status, and its JSON the documented shape', async () => {
    const checked: string[] = [];
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      const get = (item as Record<string, DocOperation>).get;
      if (!get) continue;
      const segment = /^\/api\/v1\/(solicitudes|convenios)\//.exec(path)?.[1];
      // Items created above; the document and outbox addresses need data this test does not make.
      if (/\{(kind|version|id|reference)\}/.test(path) || (path.includes('{key}') && !segment)) continue;
      const query = (get.parameters ?? [])
        .filter((p) => p.in === 'query' && p.required)
        .map((p) => `${p.name}=${encodeURIComponent(QUERY[p.name]!)}`)
        .join('&');
      const address = `${path.replace('{key}', segment ? refs[segment]! : '')}${query ? `?${query}` : ''}`;
      const res = await svc.as('megan.bowen').get(address);
      expect([address, Object.keys(get.responses).includes(String(res.status))]).toEqual([address, true]);
      expect([address, res.status < 300]).toEqual([address, true]);
      expect([address, conforms(get, res.status, res.body)]).toEqual([address, null]);
      checked.push(address);
    }
    expect(checked.length).toBeGreaterThan(20);
  });
});
