import { mkdtempSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestService, type TestService } from '../support/service';

/**
 * Every answer carries the hardening headers (the tab, its deep links, the API, health); the tab is served from the
 * build folder with an SPA fallback. The build here is a fake one in a temporary TAB_DIR.
 */
const INDEX = `<!doctype html><html lang="es-CL"><head><meta charset="utf-8" /><title>Intercambio de Datos</title>
<script type="module" crossorigin src="/tab/assets/index-abc123.js"></script></head>
<body><div id="root"></div><!-- índice de prueba --></body></html>`;
const SCRIPT = 'console.log("pestaña");';

let dir: string;
let web: TestService;
let plain: TestService;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'idd-tab-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), SCRIPT);
  writeFileSync(join(dir, 'robots.txt'), 'User-agent: *\nDisallow: /\n');
  web = await startTestService('2026-09-15T13:00:00Z', {
    config: { publicUrl: 'https://intercambio.quillota.cl', tab: { dir } },
  });
  plain = await startTestService('2026-09-15T13:00:00Z', { config: { tab: { dir: join(dir, 'no-existe') } } });
});
afterAll(async () => {
  await web?.close();
  await plain?.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (svc: TestService, path: string, init: RequestInit = {}) =>
  fetch(`${svc.url}${path}`, { redirect: 'manual', ...init });

/** The CSP as a map directive → sources. */
function csp(res: Response): Map<string, string[]> {
  const header = res.headers.get('content-security-policy');
  expect(header).toBeTruthy();
  return new Map(
    header!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

const TEAMS_HOSTS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
];

const PATHS: [string, number][] = [
  ['/tab', 200],
  ['/tab/', 200],
  ['/tab/lista?estado=enviada', 200],
  ['/detalle/solicitudes/SOL-2026-0001', 200],
  ['/tab/assets/index-abc123.js', 200],
  ['/tab/assets/no-existe.js', 404],
  ['/', 302],
  ['/healthz', 200],
  ['/api/v1/feriados', 200],
  ['/api/v1/sesion', 200],
  ['/api/v1/yo', 401],
  ['/api/v1/no-existe', 404],
];

describe('security headers', () => {
  it.each(PATHS)('%s (%i) carries the CSP, the hardening headers and no X-Frame-Options', async (path, status) => {
    const res = await get(web, path, { headers: { 'x-persona': 'nadie' } });
    expect(res.status).toBe(status);
    const policy = csp(res);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    // No inline script, no eval, no remote script.
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'", 'https://res.cdn.office.net']);
    // Framing: only this origin and the Teams / Microsoft 365 hosts; no wildcard, no plain http, no localhost.
    const ancestors = policy.get('frame-ancestors')!;
    expect(ancestors).toEqual(expect.arrayContaining(["'self'", ...TEAMS_HOSTS]));
    for (const a of ancestors) expect(a === "'self'" || /^https:\/\/(\*\.)?[a-z0-9.-]+$/.test(a)).toBe(true);
    expect(ancestors.join(' ')).not.toMatch(/localhost|http:|^\*$| \* /);
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const permissions = res.headers.get('permissions-policy')!;
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb'])
      expect(permissions).toContain(`${feature}=()`);
    expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin-allow-popups');
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('Strict-Transport-Security only when PUBLIC_URL is https', async () => {
    const res = await get(plain, '/healthz');
    expect(res.status).toBe(200);
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect(res.headers.get('content-security-policy')).toContain('frame-ancestors');
  });
});

describe('the tab from its build folder', () => {
  it.each([
    '/tab',
    '/tab/',
    '/tab/panel',
    '/tab/detalle/x',
    '/detalle/solicitudes/SOL-2026-0001',
    '/detalle/convenios/conv-2026-0003',
  ])('GET %s answers index.html, revalidated on every load', async (path) => {
    const res = await get(web, path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toBe(INDEX);
  });

  it('hashed assets are immutable for a year; a missing one is a 404, never index.html', async () => {
    const res = await get(web, '/tab/assets/index-abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await res.text()).toBe(SCRIPT);
    const missing = await get(web, '/tab/assets/index-zzz999.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await missing.text()).not.toContain('<html');
  });

  it('other files of the build are served as they are, not cached for long', async () => {
    const res = await get(web, '/tab/robots.txt');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain('Disallow');
  });

  it('nothing outside the build folder is reachable', async () => {
    for (const path of [
      '/tab/assets/..%2f..%2fpackage.json',
      '/tab/..%2f..%2fpackage.json',
      '/tab/%2e%2e/%2e%2e/package.json',
    ]) {
      const res = await get(web, path);
      expect(await res.text()).not.toContain('intercambio-de-datos');
    }
  });

  it('/ redirects to the tab; unknown API paths stay JSON 404', async () => {
    const root = await get(web, '/');
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/tab');
    const api = await get(web, '/api/v1/tablero-inexistente', { headers: { 'x-persona': 'megan.bowen' } });
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('NO_ENCONTRADO');
  });

  it('without a build: 503 with a short Spanish page saying to run npm run build; a build made later is served', async () => {
    for (const path of ['/tab', '/detalle/solicitudes/SOL-2026-0001']) {
      const res = await get(plain, path);
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = await res.text();
      expect(html).toContain('lang="es-CL"');
      expect(html).toContain('La pestaña no está compilada');
      expect(html).toContain('npm run build');
    }
    // The check is made on each request: removing and restoring the build is seen without a restart.
    renameSync(join(dir, 'index.html'), join(dir, 'index.html.bak'));
    try {
      expect((await get(web, '/tab')).status).toBe(503);
    } finally {
      renameSync(join(dir, 'index.html.bak'), join(dir, 'index.html'));
    }
    expect((await get(web, '/tab')).status).toBe(200);
  });
});
