/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { convenioWithDocuments } from '../support/convenio-flow';
import { startTestService, type TestService } from '../support/service';
import { launchChromium } from './support/playground';
import { expectAccessible } from './support/tab-checks';

/**
 * The public register (/transparencia) in Chromium with JavaScript disabled, as anyone without an account sees it:
 * the list, the month form (a plain GET form), a month with no convenios and a bad month; at 1366×768 and at 400 px
 * wide. axe-core runs on the same pages in a context with JavaScript (it is a script itself; the pages have none).
 * Screenshots go to artifacts/e2e/transparencia/ (kept by CI).
 */
const ROOT = join(__dirname, '..', '..');
const SHOTS = join(ROOT, 'artifacts', 'e2e', 'transparencia');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const VIEWPORTS = [
  { name: '1366', viewport: { width: 1366, height: 768 } },
  { name: '400', viewport: { width: 400, height: 800 } },
];

let svc: TestService;
let browser: Browser;
const contexts: BrowserContext[] = [];
let refs: string[] = [];

beforeAll(async () => {
  execFileSync('bash', ['scripts/ensure-chromium.sh'], { cwd: ROOT, stdio: 'inherit' });
  mkdirSync(SHOTS, { recursive: true });
  svc = await startTestService('2026-09-15T13:00:00Z', { config: { jobsIntervalMs: 0 } });
  const settle = async () => void (await svc.runJobs());
  const a = await convenioWithDocuments(svc, { settle, entityName: 'Universidad de Valparaíso' });
  const b = await convenioWithDocuments(svc, {
    settle,
    entityName: 'Servicio de Salud Viña del Mar – Quillota',
    body: {
      title: 'Coordinación de atenciones de salud mental en la red comunal',
      purpose: 'Derivar y dar seguimiento a pacientes entre CESFAM y hospital',
      entity: {
        name: 'Servicio de Salud Viña del Mar – Quillota',
        rut: '61.606.400-2',
        representative: { name: 'Rosa Méndez', position: 'Directora' },
        legalContact: { name: 'Juan Pérez', email: 'juridica@ssvq.cl' },
        technicalContact: { name: 'Ana Torres', email: 'datos@ssvq.cl' },
      },
      datasets: [
        {
          name: 'Atenciones de salud mental',
          fields: ['diagnostico', 'edad', 'sector'],
          format: 'csv',
          classification: { access: 'uso_interno', privacy: 'sensible' },
        },
      ],
    },
  });
  refs = [a.ref, b.ref];
}, 300_000);

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await svc?.close();
});

async function open(path: string, viewport: { width: number; height: number }, javaScript: boolean): Promise<Page> {
  browser ??= await launchChromium();
  const context = await browser.newContext({ viewport, locale: 'es-CL', javaScriptEnabled: javaScript });
  context.setDefaultTimeout(15_000);
  // axe-core arrives as an init script: the page's CSP (rightly) refuses injected script tags.
  if (javaScript) await context.addInitScript(AXE);
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${svc.url}${path}`);
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

describe.each(VIEWPORTS)('without JavaScript at $name px', ({ name, viewport }) => {
  it('lists the decreed convenios with their public fields only', async () => {
    const page = await open('/transparencia', viewport, false);
    await page.getByRole('heading', { level: 1, name: /Registro público de convenios/ }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('es-CL');
    await expect(page.locator('script').count()).resolves.toBe(0);
    const table = page.getByRole('table');
    await expect(table.locator('caption').innerText()).resolves.toBe('2 convenios publicados');
    for (const ref of refs) await expect(table.getByRole('rowheader', { name: ref }).isVisible()).resolves.toBe(true);
    const text = await page.locator('main').innerText();
    expect(text).toContain('Datos sensibles');
    expect(text).toContain('15-09-2026');
    for (const hidden of ['diagnostico', 'Rosa Méndez', 'Ana Torres', 'Atenciones de salud mental', 'Osvaldo Corrales'])
      expect(text).not.toContain(hidden);
    await shot(page, `01-registro-${name}`);
  });

  it('the month form is a plain GET form: it works without JavaScript', async () => {
    const page = await open('/transparencia', viewport, false);
    await page.getByLabel('Mes del decreto aprobatorio').fill('2026-09');
    await page.getByRole('button', { name: 'Ver listado del mes' }).click();
    await page.waitForURL(/\/transparencia\?mes=2026-09$/);
    await page.getByRole('heading', { level: 2, name: 'Convenios aprobados en septiembre de 2026' }).waitFor();
    await expect(page.getByRole('table').locator('caption').innerText()).resolves.toBe(
      '2 convenios aprobados por decreto en septiembre de 2026',
    );
    await shot(page, `02-mes-${name}`);
    await page.getByRole('link', { name: 'Ver todos los convenios' }).click();
    await page.waitForURL(/\/transparencia$/);
  });

  it('a month without convenios, and a bad month', async () => {
    const empty = await open('/transparencia?mes=2026-10', viewport, false);
    await empty
      .getByText('No hay convenios con transferencia de datos personales aprobados por decreto en octubre de 2026.')
      .waitFor();
    await shot(empty, `03-mes-vacio-${name}`);
    const bad = await open('/transparencia?mes=octubre', viewport, false);
    await expect(bad.getByRole('alert').innerText()).resolves.toMatch(/^El mes indicado no es válido/);
    await shot(bad, `04-mes-invalido-${name}`);
  });
});

describe('accessibility (axe-core): no serious or critical violation', () => {
  it.each(VIEWPORTS)('every state of the page at $name px', async ({ name, viewport }) => {
    for (const path of ['/transparencia', '/transparencia?mes=2026-09', '/transparencia?mes=2026-10']) {
      const page = await open(path, viewport, true);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await expectAccessible(page, `${path} (${name} px)`);
    }
    const bad = await open('/transparencia?mes=2026-13', viewport, true);
    await expectAccessible(bad, `mes inválido (${name} px)`);
    // The skip link is the first stop of the keyboard and takes it to the content.
    const page = await open('/transparencia', viewport, true);
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Saltar al contenido');
    await shot(page, `05-saltar-al-contenido-${name}`);
  });
});
