/// <reference lib="dom" />
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { solicitudBody } from '../support/fixtures';
import { startTestService, type TestService } from '../support/service';
import { launchChromium } from './support/playground';
import {
  expectAccessible,
  openTabPage,
  prepareTabE2e,
  shot as takeShot,
  TAB_SHOTS,
  type TabPage,
} from './support/tab-checks';

/**
 * Issue 14 §8 in Chromium, against the real service in local mode: the UGDT (Megan Bowen) ticks the overdue requests
 * in the Lista and reminds them all at once — one of them was delivered meanwhile, so the result lists it by
 * reference with the protocol's reason and it stays ticked; from the Tablero she closes two with one reason. Each
 * done request has its own audit event. Nobody else gets checkboxes. The pages fit 1366×768 and 400×800 without
 * sideways scroll, axe-core finds nothing serious in light and dark, and the screens are saved as
 * artifacts/e2e/tab/lote-*.png.
 */
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 400, height: 800 };

let svc: TestService;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** Four to DIDECO and one to Salud, overdue once the clock moves; one delivered in time. */
const dideco: string[] = [];
let salud = '';
let delivered = '';

beforeAll(async () => {
  prepareTabE2e();
  // Tuesday 15-09-2026, 10:00 in Santiago.
  svc = await startTestService('2026-09-15T13:00:00Z', { config: { jobsIntervalMs: 0 } });
  browser = await launchChromium();
  const create = async (ownerUnitId: string) => {
    const r = await svc.as('alex.wilber').post('/api/v1/solicitudes', solicitudBody({ ownerUnitId }));
    expect(r.status).toBe(201);
    return r.body.item.reference as string;
  };
  for (let i = 0; i < 4; i++) dideco.push(await create('dideco'));
  salud = await create('salud');
  delivered = await create('dideco');
  await deliver(delivered);
  // Friday 18-09: nobody acknowledged the five in time (due Thursday 17-09).
  svc.clock.set('2026-09-18T13:00:00Z');
  await svc.runJobs();
}, 180_000);

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await svc?.close();
});

async function deliver(ref: string) {
  const owner = ref === salud ? 'diego.siciliani' : 'lynne.robbins';
  const r = await svc.as(owner).post(`/api/v1/solicitudes/${ref}/comandos`, {
    type: 'entregar',
    link: 'https://quillota.sharepoint.com/sites/datos/hogares.xlsx',
    note: 'Planilla por sector',
  });
  expect(r.status).toBe(200);
}

async function open(persona: string, path: string, viewport = LAPTOP, theme = 'claro'): Promise<Page> {
  const sep = path.includes('?') ? '&' : '?';
  const page = await openTabPage(browser, `${svc.url}${path}${sep}tema=${theme}&persona=${persona}`, {
    viewport,
    timeoutMs: 30_000,
  });
  contexts.push(page.context());
  await page.getByRole('navigation', { name: 'Secciones' }).waitFor();
  return page;
}

/** Fluent's dialogs fade in: a screenshot waits until nothing moves. */
const settled = (page: Page) =>
  page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));

const pageErrors = (page: Page) => (page as TabPage).errors;
const shot = (page: Page, name: string) => takeShot(page, TAB_SHOTS, name);
const box = (page: Page, ref: string) => page.getByRole('checkbox', { name: `Seleccionar ${ref}` });
const bar = (page: Page) => page.getByRole('toolbar', { name: 'Acciones en lote' });

/** No sideways scroll: the page is as wide as the window (the register's own scroller may scroll inside). */
async function expectFits(page: Page, what: string) {
  await page.evaluate(() => document.fonts.ready);
  const over = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  expect([what, over <= 1 ? 0 : over]).toEqual([what, 0]);
}

async function auditCount(ref: string, command: string): Promise<number> {
  const { rows } = await svc.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_events e JOIN items i ON i.id = e.item_id
      WHERE i.reference = $1 AND e.command = $2`,
    [ref, command],
  );
  return rows[0]!.n;
}

const stateOf = async (ref: string) =>
  (await svc.db.query<{ state: string }>('SELECT state FROM items WHERE reference = $1', [ref])).rows[0]!.state;

describe('the UGDT works in bulk', () => {
  it('Lista (1366×768): ticks the overdue ones and reminds them; the one delivered meanwhile is listed and stays ticked', async () => {
    const page = await open('megan.bowen', '/tab/lista');
    await page.locator('[data-testid=lista] [data-ref]').first().waitFor();
    await bar(page).getByRole('button', { name: 'Seleccionar vencidas (5)' }).click();
    await bar(page).getByText('5 seleccionadas:').waitFor();
    for (const ref of [...dideco, salud]) await expect(box(page, ref).isChecked()).resolves.toBe(true);
    await expect(box(page, delivered).isChecked()).resolves.toBe(false);
    // Keyboard: Space unticks and ticks a row again.
    await box(page, salud).focus();
    await page.keyboard.press('Space');
    await bar(page).getByText('4 seleccionadas:').waitFor();
    await page.keyboard.press('Space');
    await bar(page).getByText('5 seleccionadas:').waitFor();
    await expectFits(page, 'Lista con selección (1366)');
    await shot(page, 'lote-lista-seleccion-1366');

    // Meanwhile DIDECO delivers one of them: Recordar no longer applies to it.
    const late = dideco[3]!;
    await deliver(late);

    await bar(page).getByRole('button', { name: 'Recordar…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Recordar 5 solicitudes' });
    await dialog.waitFor();
    await expect(dialog.innerText()).resolves.toContain(late);
    await settled(page);
    await page.screenshot({ path: join(TAB_SHOTS, 'lote-lista-dialogo-recordar-1366.png') });
    await dialog.getByRole('button', { name: 'Recordar 5 solicitudes' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const result = page.getByTestId('lote-resultado');
    await result.getByText('Recordar: 4 hechas, 1 no se pudo:').waitFor();
    const failed = result.locator(`li[data-ref="${late}"]`);
    await expect(failed.innerText()).resolves.toMatch(new RegExp(`^${late}: .+`));
    // The row's link names the request; the reason does not name it again.
    await expect(failed.innerText()).resolves.toBe(
      `${late}: No se puede «Recordar» una solicitud en estado «Entregada».`,
    );
    await expect(result.locator('li').count()).resolves.toBe(1);
    // The failure stays ticked; the done ones are not.
    await bar(page).getByText('1 seleccionada:').waitFor();
    await expect(box(page, late).isChecked()).resolves.toBe(true);
    await expect(box(page, dideco[0]!).isChecked()).resolves.toBe(false);
    await expectFits(page, 'Lista con resultado (1366)');
    await shot(page, 'lote-lista-resultado-1366');

    // Each done request has its own audited reminder; the refused one none.
    for (const ref of [...dideco.slice(0, 3), salud])
      expect([ref, await auditCount(ref, 'recordar')]).toEqual([ref, 1]);
    expect(await auditCount(late, 'recordar')).toBe(0);
    expect(pageErrors(page)).toEqual([]);
  });

  it('Tablero (400×800): closes two with one reason, with the keyboard', async () => {
    const page = await open('megan.bowen', '/tab', PHONE);
    const [a, b] = dideco as [string, string];
    await box(page, a).waitFor();
    await box(page, a).check();
    await box(page, b).focus();
    await page.keyboard.press('Space');
    await bar(page).getByText('2 seleccionadas:').waitFor();
    await expectFits(page, 'Tablero con selección (400)');
    await shot(page, 'lote-tablero-seleccion-400');

    await bar(page).getByRole('button', { name: 'Cerrar…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cerrar 2 solicitudes' });
    await dialog.waitFor();
    // Without a reason nothing is sent: the field says why.
    await dialog.getByRole('button', { name: 'Cerrar 2 solicitudes' }).click();
    await dialog
      .getByText(/el motivo/i)
      .first()
      .waitFor();
    await dialog.getByRole('textbox', { name: /Motivo del cierre/ }).fill('Sin respuesta tras el oficio reiterativo');
    await expectFits(page, 'Diálogo de cierre (400)');
    await settled(page);
    await page.screenshot({ path: join(TAB_SHOTS, 'lote-tablero-dialogo-cerrar-400.png') });
    await dialog.getByRole('button', { name: 'Cerrar 2 solicitudes' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('lote-resultado').getByText('Cerrar: 2 hechas.').waitFor();
    await expect(stateOf(a)).resolves.toBe('cerrada');
    await expect(stateOf(b)).resolves.toBe('cerrada');
    expect(await auditCount(a, 'cerrar')).toBe(1);
    expect(await auditCount(b, 'cerrar')).toBe(1);
    await bar(page).getByText('Marque solicitudes para actuar sobre varias a la vez.').waitFor();
    await expectFits(page, 'Tablero con resultado (400)');
    await shot(page, 'lote-tablero-resultado-400');
    expect(pageErrors(page)).toEqual([]);
  });

  it.each([
    ['lista', '400', '/tab/lista', PHONE],
    ['tablero', '1366', '/tab', LAPTOP],
  ])('%s at %s px: the bar and the Reiterar dialog fit', async (name, width, path, viewport) => {
    const page = await open('megan.bowen', path, viewport);
    await bar(page)
      .getByRole('button', { name: /^Seleccionar vencidas/ })
      .click();
    await bar(page)
      .getByText(/\d+ seleccionadas?:/)
      .waitFor();
    await expectFits(page, `${name} con selección (${width})`);
    await shot(page, `lote-${name}-seleccion-${width}`);
    await bar(page).getByRole('button', { name: 'Reiterar…' }).click();
    const dialog = page.getByRole('dialog', { name: /^Reiterar \d+ solicitudes?$/ });
    // The service's today is Friday 18-09: Saturday and Sunday do not count.
    await dialog.getByText('Desde el 21-09-2026 (próximo día hábil).').waitFor();
    await settled(page);
    await expectFits(page, `${name}: diálogo Reiterar (${width})`);
    await page.screenshot({ path: join(TAB_SHOTS, `lote-${name}-dialogo-reiterar-${width}.png`) });
  });

  it('who is not the UGDT gets no checkboxes nor bar', async () => {
    for (const persona of ['lynne.robbins', 'henrietta.mueller']) {
      const page = await open(persona, '/tab/lista');
      await page.locator('[data-testid=lista] [data-ref]').first().waitFor();
      await expect(page.getByRole('checkbox', { name: /^Seleccionar SOL-/ }).count()).resolves.toBe(0);
      await expect(bar(page).count()).resolves.toBe(0);
    }
  });

  it.each(['claro', 'oscuro', 'contraste'])('axe-core: selection, dialog and result (%s)', async (theme) => {
    const page = await open('megan.bowen', '/tab/lista', LAPTOP, theme);
    await bar(page)
      .getByRole('button', { name: /^Seleccionar vencidas/ })
      .click();
    await expectAccessible(page, `Lista con selección (${theme})`);
    await bar(page).getByRole('button', { name: 'Reasignar…' }).click();
    const dialog = page.getByRole('dialog', { name: /^Reasignar/ });
    await dialog.getByRole('button', { name: /^Reasignar/ }).click(); // errors showing
    await dialog.getByText('Elija la unidad.').waitFor();
    await expectAccessible(page, `Diálogo Reasignar con errores (${theme})`);
    await settled(page);
    await page.screenshot({ path: join(TAB_SHOTS, `lote-lista-dialogo-reasignar-${theme}.png`) });
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // A result panel with a failure in it: an already-closed request ticked on the Tablero.
    await page.goto(`${svc.url}/tab?tema=${theme}`);
    await box(page, dideco[0]!).check();
    await box(page, salud).check();
    await bar(page).getByRole('button', { name: 'Recordar…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Recordar 2 solicitudes' }).click();
    await page.getByTestId('lote-resultado').getByText('Recordar: 1 hecha, 1 no se pudo:').waitFor();
    // The dialog's backdrop fades out over the page: measured mid-fade, every text fails contrast.
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await settled(page);
    await expectAccessible(page, `Tablero con resultado (${theme})`);
    await shot(page, `lote-tablero-resultado-${theme}`);
  });
});
