import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { convenioWithDocuments } from '../support/convenio-flow';
import { startTestService, type TestService } from '../support/service';
import { launchChromium } from './support/playground';
import { expectAccessible, shot } from './support/tab-checks';

/**
 * Issue 14 §6: «Su próximo paso» carries «Abrir documento» for the convenio's current version. The button follows the
 * row's canOpen (protocol mayOpenDocuments), which documents-read-policy.test.ts holds for every persona.
 */
const ROOT = join(__dirname, '..', '..');
const SHOTS = join(ROOT, 'artifacts', 'e2e', 'tab');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
let svc: TestService;
let browser: Browser;
let ref: string;

beforeAll(async () => {
  execFileSync('bash', ['scripts/ensure-chromium.sh'], { cwd: ROOT, stdio: 'inherit' });
  if (!existsSync(join(ROOT, 'dist', 'tab', 'index.html')))
    execFileSync('npm', ['run', '-s', 'build:tab'], { cwd: ROOT, stdio: 'inherit' });
  mkdirSync(SHOTS, { recursive: true });
  svc = await startTestService('2026-09-15T13:00:00Z', { config: { jobsIntervalMs: 0 } });
  browser = await launchChromium();
  ({ ref } = await convenioWithDocuments(svc, { settle: async () => void (await svc.runJobs()) }));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await svc?.close();
});

async function detail(persona: string, width: number) {
  const context = await browser.newContext({
    viewport: { width, height: 800 },
    locale: 'es-CL',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(15_000);
  await context.addInitScript(AXE);
  const page = await context.newPage();
  await page.goto(`${svc.url}/detalle/convenios/${ref}?tema=oscuro&persona=${persona}`);
  await page.getByTestId('detalle').waitFor();
  return page;
}

it('SECPLAN opens the current version from «Su próximo paso», at 400 px in the dark theme', async () => {
  const page = await detail('adele.vance', 400);
  const bar = page.getByTestId('proximo-paso');
  const open = bar.getByRole('button', { name: 'Abrir documento' });
  await open.waitFor();
  expect(await open.boundingBox().then((b) => b!.y + b!.height)).toBeLessThan(800); // in the first screen
  await expectAccessible(page, 'Detalle de convenio con documento (oscuro, 400 px)');
  await shot(page, SHOTS, 'ancho-400-oscuro-detalle-convenio-documento');
  const [file] = await Promise.all([page.waitForEvent('download'), open.click()]);
  expect(file.suggestedFilename()).toMatch(new RegExp(`^${ref}.*\\.(pdf|docx)$`));
  await page.context().close();
});
