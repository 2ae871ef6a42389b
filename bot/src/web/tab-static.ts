import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router, type RequestHandler } from 'express';

/**
 * Hosts allowed to frame the tab, as Microsoft Learn lists them for Teams, Outlook and the Microsoft 365 app
 * ("Tab requirements", frame-ancestor permission; *.cloud.microsoft is where those clients are moving). The
 * Agents Playground is not listed: it renders bots only and never frames a tab.
 */
export const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office.com',
  'https://outlook-sdf.office365.com',
] as const;

/**
 * No inline or remote script (script-src 'self'); inline styles stay allowed because Fluent UI (Griffel) and the
 * Adaptive Cards renderer write style attributes and <style> elements at run time.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  // teams-js fetches the list of Microsoft hosts it may talk to from Microsoft's CDN (it has a built-in copy too).
  "connect-src 'self' https://res.cdn.office.net",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`,
].join('; ');

/** Powerful features the tab never uses: denied to it and to anything it might embed. */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'autoplay',
  'bluetooth',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'publickey-credentials-get',
  'serial',
  'usb',
]
  .map((f) => `${f}=()`)
  .join(', ');

/**
 * Hardening headers on every answer (API, health, the tab). Deliberately no X-Frame-Options: any value of it would
 * stop Teams from framing the tab, and every browser Teams supports obeys CSP frame-ancestors instead.
 */
export function securityHeaders(o: { https: boolean }): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    // Popups (sign-in, consent) must keep their opener; a framed document ignores COOP anyway.
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin-allow-popups');
    // Over plain http (local mode) HSTS would be ignored at best and pin localhost at worst.
    if (o.https) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  };
}

const MISSING_BUILD = `<!doctype html>
<html lang="es-CL">
  <head>
    <meta charset="utf-8" />
    <title>Intercambio de Datos — pestaña no disponible</title>
  </head>
  <body>
    <h1>La pestaña no está compilada</h1>
    <p>El servicio no encuentra la compilación de la pestaña. Ejecute <code>npm run build</code> y vuelva a cargar esta página.</p>
  </body>
</html>
`;

/**
 * The tab as Vite builds it (base /tab/): hashed files under /tab/assets are cached for a year; every page of the
 * single-page app (/tab…, and /detalle/… the deep links of cards and mails) answers index.html, revalidated on each
 * load so a new release is picked up at once. Without a build: 503 saying how to make one.
 */
/**
 * The theme the page is asked for, as the tab names it: Teams fills `?tema={theme}` in the tab's URL with default,
 * dark or contrast (manifest contentUrl); the browser links use claro, oscuro or contraste. Anything else: none.
 */
const THEME_OF: Record<string, string> = {
  default: 'claro',
  claro: 'claro',
  dark: 'oscuro',
  oscuro: 'oscuro',
  contrast: 'contraste',
  contraste: 'contraste',
};

/**
 * index.html with `<html data-tema>` set from the query, so its first paint (a shell and a spinner, before any
 * script) already has the host's colours: no white flash in dark Teams (issue 14 §11). Only the fixed values
 * above are ever written into the page.
 */
export function withTheme(html: string, asked: unknown): string {
  const tema = typeof asked === 'string' ? THEME_OF[asked] : undefined;
  return tema ? html.replace('<html lang="es-CL">', `<html lang="es-CL" data-tema="${tema}">`) : html;
}

/** index.html, read again only when the build replaced it. */
let cached: { path: string; mtimeMs: number; html: string } | undefined;
function readIndex(path: string): string {
  const { mtimeMs } = statSync(path);
  if (cached?.path !== path || cached.mtimeMs !== mtimeMs) cached = { path, mtimeMs, html: readFileSync(path, 'utf8') };
  return cached.html;
}

export function tabStatic(dir: string): Router {
  const r = Router();
  const index = join(dir, 'index.html');
  const built = () => existsSync(index);

  r.use(
    '/tab/assets',
    express.static(join(dir, 'assets'), { index: false, immutable: true, maxAge: '365d', redirect: false }),
    // A missing asset is a 404, never index.html: a stale page must not run HTML as a script.
    (_req, res) => {
      res.status(404).type('text/plain; charset=utf-8').send('Archivo no encontrado.');
    },
  );

  const page: RequestHandler = (req, res) => {
    if (!built()) {
      res.status(503).set('Cache-Control', 'no-store').type('html').send(MISSING_BUILD);
      return;
    }
    res
      .set('Cache-Control', 'no-cache')
      .type('html')
      .send(withTheme(readIndex(index), req.query.tema));
  };

  // Other files of the build (public/: icons, robots.txt), short-lived; index.html itself goes through `page`.
  r.get('/tab/index.html', page);
  r.use('/tab', express.static(dir, { index: false, redirect: false, cacheControl: false, setHeaders: noCache }));
  r.get(['/tab', '/tab/*splat', '/detalle/*splat'], page);
  r.get('/', (_req, res) => res.redirect(302, '/tab'));
  return r;
}

function noCache(res: express.Response): void {
  res.setHeader('Cache-Control', 'no-cache');
}
