import type { Browser } from 'playwright-core';
import { convenioWithDocuments } from '../support/convenio-flow';
import { startTestService, type TestService } from '../support/service';
import { launchChromium } from './support/playground';
import { expectAccessible, openTabPage, prepareTabE2e, shot, TAB_SHOTS } from './support/tab-checks';

/**
 * Issue 14 §6: «Su próximo paso» carries «Abrir documento» for the convenio's current version. The button follows the
 * row's canOpen (protocol mayOpenDocuments), which documents-read-policy.test.ts holds for every persona.
 */
let svc: TestService;
let browser: Browser;
let ref: string;

beforeAll(async () => {
  prepareTabE2e();
  svc = await startTestService('2026-09-15T13:00:00Z', { config: { jobsIntervalMs: 0 } });
  browser = await launchChromium();
  ({ ref } = await convenioWithDocuments(svc, { settle: async () => void (await svc.runJobs()) }));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await svc?.close();
});

async function detail(persona: string, width: number) {
  const page = await openTabPage(browser, `${svc.url}/detalle/convenios/${ref}?tema=oscuro&persona=${persona}`, {
    viewport: { width, height: 800 },
    acceptDownloads: true,
    timeoutMs: 15_000,
  });
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
  await shot(page, TAB_SHOTS, 'ancho-400-oscuro-detalle-convenio-documento');
  const [file] = await Promise.all([page.waitForEvent('download'), open.click()]);
  expect(file.suggestedFilename()).toMatch(new RegExp(`^${ref}.*\\.(pdf|docx)$`));
  await page.context().close();
});
