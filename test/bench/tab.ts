/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The tab's figures (issue #4), each beside a baseline measured in the same run:
 *  1. Initial JavaScript in KB gzip: what index.html loads before the first page (entry + modulepreloads), beside
 *     the lazily loaded page chunks (not initial).
 *  2. Time for the Lista to render 1,000 requests in Chromium: from the click on "Lista" until 1,000 rows are
 *     loaded (5 keyset pages of 200, scrolled through as a user would) and painted; beside a bare HTML page that
 *     fetches the same 5 pages from the same API and writes 1,000 table rows with innerHTML.
 */
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

/** In the page: click "Lista", then scroll to the end whenever a page has arrived, until ROWS rows are loaded. */
async function timeLista(page: Page, base: string): Promise<number> {
  await page.goto(`${base}/tab?persona=megan.bowen`);
  await page.getByRole('tab', { name: 'Lista' }).waitFor();
  return page.evaluate(async (rows: number) => {
    const t0 = performance.now();
    const tab = [...document.querySelectorAll('[role=tab]')].find((e) => e.textContent?.trim() === 'Lista');
    (tab as HTMLElement).click();
    await new Promise<void>((resolve, reject) => {
      const stop = setTimeout(() => reject(new Error('la Lista no cargó a tiempo')), 30_000);
      const tick = () => {
        const el = document.querySelector<HTMLElement>('[data-testid=lista]');
        if (el && el.dataset.cargando === 'false') {
          if (Number(el.dataset.cargadas) >= rows && el.querySelector('[data-ref]')) {
            clearTimeout(stop);
            resolve();
            return;
          }
          el.scrollTop = el.scrollHeight;
        }
        requestAnimationFrame(tick);
      };
      tick();
    });
    // The frame that shows the rows has been produced.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return performance.now() - t0;
  }, ROWS);
}

/** Baseline: the same five API pages written as a plain 1,000-row table, no framework. */
async function timeBare(page: Page, base: string): Promise<number> {
  await page.goto(`${base}/healthz`);
  return page.evaluate(async (rows: number) => {
    const t0 = performance.now();
    const table = document.createElement('table');
    document.body.replaceChildren(table);
    let cursor: string | null = null;
    let html = '';
    let n = 0;
    while (n < rows) {
      const q: string = `/api/v1/solicitudes?limite=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await fetch(q, { headers: { 'x-persona': 'megan.bowen' } });
      const page = (await res.json()) as {
        items: { reference: string; title: string; state: string }[];
        nextCursor: string | null;
      };
      for (const r of page.items) html += `<tr><td>${r.reference}</td><td>${r.title}</td><td>${r.state}</td></tr>`;
      n += page.items.length;
      table.innerHTML = html;
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return performance.now() - t0;
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
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const lista: number[] = [];
    const bare: number[] = [];
    // One warm-up of each (JIT, caches), then alternate so both see the same machine.
    await timeLista(page, svc.url);
    await timeBare(page, svc.url);
    for (let i = 0; i < RUNS; i++) {
      lista.push(await timeLista(page, svc.url));
      bare.push(await timeBare(page, svc.url));
    }
    const rows = await page.evaluate(() => document.querySelectorAll('tr').length);
    const l = median(lista);
    const b = median(bare);
    console.log(
      `[pestaña] Lista con ${ROWS} solicitudes en Chromium (clic → ${ROWS} filas cargadas y pintadas, ${RUNS} corridas): mediana ${l.toFixed(0)} ms, mín ${Math.min(...lista).toFixed(0)}, máx ${Math.max(...lista).toFixed(0)}  (HTML sin framework, mismas 5 páginas de la API, ${rows} filas: mediana ${b.toFixed(0)} ms, razón ${(l / b).toFixed(2)}x)  meta < 300 ms: ${l < 300 ? 'cumple' : 'NO CUMPLE'}`,
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
