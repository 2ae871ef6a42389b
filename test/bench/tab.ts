/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The tab's figures (issue #4), each beside a baseline measured in the same run:
 *  1. Initial JavaScript in KB gzip: what index.html loads before the first page (entry + modulepreloads), beside
 *     the lazily loaded page chunks (not initial).
 *  2. Time for the Lista to render 1,000 requests in Chromium: from the arrival of the API's 1,000-row answer until
 *     the rows are painted, beside a bare HTML table written with innerHTML from the same answer. Also, as a user
 *     lives it: click on "Lista" and scroll until 1,000 rows are loaded (first page of 100, then pages of 500). */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { parseCreate, resolveActor, type Actor } from '../../protocol';
import { solicitudBody } from '../support/fixtures';
import { startTestService } from '../support/service';

const ROOT = join(__dirname, '..', '..', '..');
const TAB = join(ROOT, 'dist', 'tab');
const ROWS = 1000;
const RUNS = Number(process.env.BENCH_TAB_RUNS ?? 7);
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function initialJs(): { initial: number; initialRaw: number; files: string[]; lazy: number } {
  const html = readFileSync(join(TAB, 'index.html'), 'utf8');
  const refs = [
    ...html.matchAll(/<script[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => m[1]!);
  const files = [...new Set(refs)].map((r) => join(TAB, r.replace(/^\/tab\//, '')));
  let initial = 0;
  let initialRaw = 0;
  for (const f of files) {
    const buf = readFileSync(f);
    initialRaw += buf.length;
    initial += gzipSync(buf, { level: 9 }).length;
  }
  let lazy = 0;
  for (const f of readdirSync(join(TAB, 'assets'))) {
    const full = join(TAB, 'assets', f);
    if (f.endsWith('.js') && !files.includes(full)) lazy += gzipSync(readFileSync(full), { level: 9 }).length;
  }
  return { initial, initialRaw, files: files.map((f) => f.slice(TAB.length + 1)), lazy };
}

/**
 * In the page (installed by an init script, see HELPERS): resolves with the time of the frame that
 * shows `rows` rows of the idle Lista, scrolling to its end whenever a page has arrived if `scroll`.
 */
function listaLoaded(rows: number, scroll: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const stop = setTimeout(() => reject(new Error('la Lista no cargó a tiempo')), 30_000);
    const tick = () => {
      const el = document.querySelector<HTMLElement>('[data-testid=lista]');
      if (el && el.dataset.cargando === 'false') {
        if (Number(el.dataset.cargadas) >= rows && el.querySelector('[data-ref]')) {
          clearTimeout(stop);
          requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())));
          return;
        }
        if (scroll) el.scrollTop = el.scrollHeight;
      }
      requestAnimationFrame(tick);
    };
    tick();
  });
}

/** In the page: when the API answer whose URL contains `part` finished arriving (resource timing). */
function responseEnd(part: string): number {
  const e = performance
    .getEntriesByType('resource')
    .filter((r) => r.name.includes(part))
    .at(-1);
  if (!e) throw new Error(`sin respuesta ${part}`);
  return (e as PerformanceResourceTiming).responseEnd;
}

/** The two helpers above, in every page the context opens (an init script: the CSP forbids eval, rightly). */
const HELPERS = `window.listaLoaded = ${listaLoaded.toString()};\nwindow.responseEnd = ${responseEnd.toString()};`;
type Helpers = { listaLoaded: typeof listaLoaded; responseEnd: typeof responseEnd };

async function openTablero(page: Page, base: string) {
  await page.goto(`${base}/tab?persona=megan.bowen`);
  await page.getByRole('tab', { name: 'Lista' }).waitFor();
  await page.waitForLoadState('networkidle');
}

/**
 * Render: the Lista opened inside the tab with one 1,000-row page; from the moment the API's answer has arrived
 * until the rows are on screen (parsing, React, Fluent, the virtualizer, layout and paint).
 */
async function timeListaRender(page: Page, base: string): Promise<number> {
  await openTablero(page, base);
  return page.evaluate(async (rows) => {
    performance.clearResourceTimings();
    history.pushState(null, '', '/tab/lista?limite=1000');
    dispatchEvent(new PopStateEvent('popstate'));
    const h = window as unknown as Helpers;
    const end = await h.listaLoaded(rows, false);
    return end - h.responseEnd('/api/v1/solicitudes?limite=1000');
  }, ROWS);
}

/** As a user: click "Lista" and scroll to the end until 1,000 rows are there (page chunk + keyset pages). */
async function timeListaClick(page: Page, base: string): Promise<number> {
  await openTablero(page, base);
  return page.evaluate(async (rows) => {
    const t0 = performance.now();
    // Fluent renders a tab's label twice (one copy reserves the bold width), hence startsWith.
    const tab = [...document.querySelectorAll('[role=tab]')].find((e) => e.textContent?.trim().startsWith('Lista'));
    (tab as HTMLElement).click();
    return (await (window as unknown as Helpers).listaLoaded(rows, true)) - t0;
  }, ROWS);
}

/** Baseline: the same 1,000-row answer written as a plain table with innerHTML, no framework. */
async function timeBare(page: Page, base: string): Promise<number> {
  await page.goto(`${base}/healthz`);
  return page.evaluate(async (rows) => {
    performance.clearResourceTimings();
    const res = await fetch(`/api/v1/solicitudes?limite=${rows}`, { headers: { 'x-persona': 'megan.bowen' } });
    const data = (await res.json()) as { items: { reference: string; title: string; state: string }[] };
    const table = document.createElement('table');
    table.innerHTML = data.items
      .map((r) => `<tr><td>${r.reference}</td><td>${r.title}</td><td>${r.state}</td></tr>`)
      .join('');
    document.body.replaceChildren(table);
    const end = await new Promise<number>((r) =>
      requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))),
    );
    return end - (window as unknown as Helpers).responseEnd('/api/v1/solicitudes?limite=');
  }, ROWS);
}

export async function benchTab(): Promise<void> {
  if (!existsSync(join(TAB, 'index.html'))) throw new Error('Falta dist/tab: ejecute npm run build');
  const js = initialJs();
  console.log(
    `\n[pestaña] JavaScript inicial: ${kb(js.initial)} gzip (${kb(js.initialRaw)} sin comprimir; ${js.files.join(', ')}); páginas cargadas bajo demanda: ${kb(js.lazy)} gzip  meta ≤ 300 KB: ${js.initial <= 300 * 1024 ? 'cumple' : 'NO CUMPLE'}`,
  );

  const svc = await startTestService('2026-09-15T13:00:00Z', { config: { jobsIntervalMs: 0 } });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const alex = resolveActor(svc.rt.directory, 'alex.wilber', '2026-09-15') as Actor;
    const input = parseCreate('solicitud', solicitudBody());
    for (let i = 0; i < ROWS; i++) await svc.repo.create(input, alex);
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    await context.addInitScript(HELPERS);
    const page = await context.newPage();
    const render: number[] = [];
    const click: number[] = [];
    const bare: number[] = [];
    // One warm-up of each (JIT, caches), then alternate so all see the same machine.
    await timeListaRender(page, svc.url);
    await timeListaClick(page, svc.url);
    await timeBare(page, svc.url);
    for (let i = 0; i < RUNS; i++) {
      render.push(await timeListaRender(page, svc.url));
      click.push(await timeListaClick(page, svc.url));
      bare.push(await timeBare(page, svc.url));
    }
    const rows = await page.evaluate(() => document.querySelectorAll('tr').length);
    const fmt = (xs: number[]) =>
      `mediana ${median(xs).toFixed(0)} ms (mín ${Math.min(...xs).toFixed(0)}, máx ${Math.max(...xs).toFixed(0)})`;
    console.log(
      `[pestaña] Lista: render de ${ROWS} solicitudes en Chromium (respuesta de la API recibida → filas pintadas, ${RUNS} corridas): ${fmt(render)}  (tabla HTML sin framework con las mismas ${rows} filas: ${fmt(bare)}, razón ${(median(render) / median(bare)).toFixed(2)}x)  meta < 300 ms: ${median(render) < 300 ? 'cumple' : 'NO CUMPLE'}`,
    );
    console.log(
      `[pestaña] Lista como usuario: clic en «Lista» → ${ROWS} filas cargadas desplazándose (página de 100 y luego de 500, código de la página incluido): ${fmt(click)}`,
    );
  } finally {
    await browser.close();
    await svc.close();
  }
}

if (require.main === module)
  benchTab().catch((e) => {
    console.error(e);
    process.exit(1);
  });
