import { openApiDocument, OPENAPI_PATH } from '../../bot/src/api/openapi';
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
