/// <reference lib="dom" />
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { convenioBody, solicitudBody } from '../support/fixtures';
import { startTestService, type TestService } from '../support/service';
import { launchChromium } from './support/playground';
import { expectAccessible, openTabPage, prepareTabE2e, shot as takeShot, TAB_SHOTS } from './support/tab-checks';
import { fillSolicitudForm } from './support/tab-forms';

/**
 * The Teams tab in Chromium, in local mode (persona picker / ?persona=), against the real service on a test clock
 * that starts on Tuesday 15-09-2026 at 10:00 in Santiago: a request is created in the tab's form by the DOM,
 * acknowledged by DIDECO from its pending work, seen by the UGDT on the board (and overdue, in red, once a deadline
 * passes); screenshots of Tablero, Detalle and Panel in light and dark themes; axe-core on every page.
 * Screenshots go to artifacts/e2e/tab/ (kept by CI).
 */

let svc: TestService;
let browser: Browser;
const contexts: BrowserContext[] = [];
let created = '';
let overdueRef = '';

beforeAll(async () => {
  prepareTabE2e();
  svc = await startTestService('2026-09-15T13:00:00Z', { config: { jobsIntervalMs: 0 } });
  browser = await launchChromium();
  // Some work already on the register: a request DIDECO will not acknowledge in time, one to Salud, a convenio.
  const a = await svc.as('alex.wilber').post('/api/v1/solicitudes', solicitudBody());
  expect(a.status).toBe(201);
  overdueRef = a.body.item.reference;
  expect(
    (await svc.as('alex.wilber').post('/api/v1/solicitudes', solicitudBody({ ownerUnitId: 'salud' }))).status,
  ).toBe(201);
  expect((await svc.as('adele.vance').post('/api/v1/convenios', convenioBody())).status).toBe(201);
}, 180_000);

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await svc?.close();
});

/** A browser of its own for a persona (local storage keeps the chosen persona per context). */
async function open(persona: string | null, path: string, theme = 'claro'): Promise<Page> {
  const sep = path.includes('?') ? '&' : '?';
  const page = await openTabPage(
    browser,
    `${svc.url}${path}${sep}tema=${theme}${persona ? `&persona=${persona}` : ''}`,
    {
      viewport: { width: 1400, height: 1000 },
      timeoutMs: 15_000,
    },
  );
  contexts.push(page.context());
  // Signed in (the persona is kept for the next pages of this context) before the test goes anywhere else.
  if (persona) await page.getByRole('navigation', { name: 'Secciones' }).waitFor();
  return page;
}

const shot = (page: Page, name: string) => takeShot(page, TAB_SHOTS, name);

const detail = (page: Page) => page.getByTestId('detalle');

describe('a request through the tab', () => {
  it('the DOM fills the form in the tab; the request is created and its detail opens', async () => {
    const page = await open('alex.wilber', '/tab/nueva-solicitud');
    await page.getByRole('heading', { name: 'Nueva solicitud de datos' }).waitFor();
    // Submitting empty shows Spanish errors per field and creates nothing.
    await page.getByRole('button', { name: 'Enviar solicitud' }).click();
    await expect(
      page
        .getByText(/indique el nombre del conjunto de datos/i)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await shot(page, '01-formulario-errores');

    await fillSolicitudForm(page);
    await page.getByRole('button', { name: 'Enviar solicitud' }).click();

    await page.waitForURL(/\/detalle\/solicitudes\/SOL-2026-\d{4}/);
    created = /SOL-2026-\d{4}/.exec(page.url())![0];
    await expect(detail(page).getAttribute('data-estado')).resolves.toBe('enviada');
    await expect(page.getByTestId('linea-de-tiempo').locator('li').count()).resolves.toBe(1);
    await shot(page, '02-detalle-creada');
    // The API agrees: the tab created exactly this, as Alex.
    const api = await svc.as('alex.wilber').get(`/api/v1/solicitudes/${created}`);
    expect(api.body.item).toMatchObject({
      state: 'enviada',
      ownerUnitId: 'dideco',
      requester: { personId: 'alex.wilber' },
      dataset: { fields: ['sector', 'cantidad_beneficiarios', 'monto'] },
      neededBy: '2026-09-30',
    });
  });

  it('DIDECO finds it in Mis pendientes and acknowledges it from the detail; the timeline grows', async () => {
    const page = await open('lynne.robbins', '/tab/pendientes');
    const link = page.getByRole('link', { name: created });
    await link.waitFor();
    await shot(page, '03-pendientes-dideco');
    await link.click();
    await page.waitForURL(new RegExp(`/detalle/solicitudes/${created}`));
    await detail(page).waitFor();
    await detail(page).getByRole('button', { name: 'Acusar recibo' }).first().click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid=detalle]')?.getAttribute('data-estado') === 'recibida',
    );
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=linea-de-tiempo] li').length === 2);
    await expect(page.getByTestId('linea-de-tiempo').innerText()).resolves.toMatch(/Lynne Robbins/);
    await shot(page, '04-detalle-recibida');
    // Nothing more is pending for DIDECO on it until it answers: the acknowledgement left Mis pendientes' reason.
    const api = await svc.as('lynne.robbins').get(`/api/v1/solicitudes/${created}`);
    expect(api.body.item.state).toBe('recibida');
    expect(api.body.item.version).toBe(2);
  });

  // Issue 14 §6: the next step on top, at 400 px too; a step with a form opens it in a dialog.
  it('at 400 px «Su próximo paso» is in the first screen; Comentar opens its form in a dialog and posts', async () => {
    const page = await open('lynne.robbins', `/detalle/solicitudes/${created}`);
    await page.setViewportSize({ width: 400, height: 800 });
    const bar = page.getByRole('navigation', { name: 'Su próximo paso' });
    await bar.getByRole('button', { name: 'Entregar' }).waitFor();
    const box = (await bar.boundingBox())!;
    expect(box.y + box.height).toBeLessThan(800);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth + 1)).toBe(true);
    await shot(page, '04a-detalle-proximo-paso-400');
    await bar.getByRole('button', { name: 'Más acciones' }).click();
    await page.getByRole('menuitem', { name: 'Comentar' }).click();
    const dialog = page.getByRole('dialog', { name: 'Comentar' });
    await dialog.getByRole('textbox', { name: 'Comentario' }).fill('Estamos reuniendo los datos por sector.');
    await page.screenshot({ path: join(TAB_SHOTS, '04b-detalle-dialogo-comentar-400.png') });
    await dialog.getByRole('button', { name: 'Publicar comentario' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const comments = async () =>
      (await svc.as('lynne.robbins').get(`/api/v1/solicitudes/${created}`)).body.item.comments.length as number;
    for (let i = 0; i < 50 && (await comments()) === 0; i++) await page.waitForTimeout(100);
    expect(await comments()).toBe(1);
  });

  it('the UGDT sees both on the board; after the deadline passes, the unanswered one is overdue in red', async () => {
    const page = await open('megan.bowen', '/tab');
    const recibida = page.locator('section', { has: page.getByRole('heading', { name: 'Recibida' }) });
    await recibida.locator(`[data-ref="${created}"]`).waitFor();
    const enviada = page.locator('section', { has: page.getByRole('heading', { name: 'Enviada', exact: true }) });
    const late = enviada.locator(`[data-ref="${overdueRef}"]`);
    await late.waitFor();
    await expect(late.innerText()).resolves.not.toMatch(/Vencida/);

    // Thursday 17-09 ended: DIDECO never acknowledged the first request.
    svc.clock.set('2026-09-18T13:00:00Z');
    await svc.runJobs();
    await page.reload();
    await late.waitFor();
    await expect(late.innerText()).resolves.toMatch(/Vencida|vencida/);
    const color = await late.evaluate((el) => getComputedStyle(el).borderLeftColor || getComputedStyle(el).borderColor);
    expect(color).toMatch(/rgb\((1[5-9]\d|2\d\d), \d{1,2}, \d{1,2}\)/); // a red
    await shot(page, '05-tablero-vencida');
    // Issue 14 §10: in every column what is overdue comes first; an empty column is narrower than a full one.
    const columns = await page.locator('section[aria-labelledby^=col-]').evaluateAll((sections) =>
      sections.map((c) => ({
        overdue: [...c.querySelectorAll('li[data-ref]')].map((li) => li.hasAttribute('data-vencida')),
        width: c.getBoundingClientRect().width,
        empty: c.querySelectorAll('li[data-ref]').length === 0,
      })),
    );
    for (const c of columns) expect(c.overdue).toEqual([...c.overdue].sort((a, b) => Number(b) - Number(a)));
    const widths = (empty: boolean) => columns.filter((c) => c.empty === empty).map((c) => c.width);
    if (widths(true).length && widths(false).length)
      expect(Math.max(...widths(true))).toBeLessThan(Math.min(...widths(false)));

    // The detail of the overdue one shows the system's mark in its timeline.
    await late.getByRole('link', { name: overdueRef }).click();
    await detail(page).waitFor();
    await expect(page.getByTestId('linea-de-tiempo').innerText()).resolves.toMatch(/Sistema/);
  });

  // Issue 14 §7: «Le toca a usted» says what to do, to the reader, and offers the step inline.
  it('Mis pendientes: Salud acknowledges with one click on the card; «Entregar…» opens the detail with its form', async () => {
    const page = await open('diego.siciliani', '/tab/pendientes');
    const first = page.locator('li[data-ref]').filter({ hasText: 'Le toca a usted' }).first();
    await first.waitFor();
    const ref = (await first.getAttribute('data-ref'))!;
    const card = page.locator(`li[data-ref="${ref}"]`);
    await expect(card.innerText()).resolves.toContain('Le toca a usted: acusar recibo y responder la solicitud');
    await shot(page, '03b-pendientes-le-toca');
    await card.getByRole('button', { name: 'Acusar recibo' }).click();
    await card.getByRole('button', { name: 'Entregar…' }).waitFor();
    await expect(card.innerText()).resolves.toContain('Le toca a usted: responder la solicitud');
    expect((await svc.repo.findByReference(ref))!.state).toBe('recibida');
    await card.getByRole('button', { name: 'Entregar…' }).click();
    await page.waitForURL(new RegExp(`/detalle/solicitudes/${ref}\\?paso=entregar`));
    await page.getByRole('dialog', { name: 'Entregar' }).waitFor();
    await expectAccessible(page, 'Detalle con el formulario de Entregar abierto');
    await shot(page, '03c-pendientes-entregar-dialogo');
  });
});

describe('screens in light and dark themes', () => {
  it.each(['claro', 'oscuro'])('Tablero, Lista, Detalle and Panel (%s)', async (theme) => {
    const page = await open('megan.bowen', '/tab', theme);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await shot(page, `tablero-${theme}`);
    await page.goto(`${svc.url}/tab/lista?tema=${theme}`);
    await page.locator('[data-testid=lista] [data-ref]').first().waitFor();
    await shot(page, `lista-${theme}`);
    await page.goto(`${svc.url}/detalle/solicitudes/${created}?tema=${theme}`);
    await detail(page).waitFor();
    await shot(page, `detalle-${theme}`);
    await page.goto(`${svc.url}/tab/panel?tema=${theme}`);
    await page.getByRole('heading', { name: 'Panel' }).waitFor();
    await shot(page, `panel-${theme}`);
    const bg = await page.evaluate(
      () => getComputedStyle(document.querySelector('.fui-FluentProvider')!).backgroundColor,
    );
    const [r, g, b] = bg.match(/\d+/g)!.map(Number);
    if (theme === 'oscuro') expect(r! + g! + b!).toBeLessThan(200);
    else expect(r! + g! + b!).toBeGreaterThan(600);
  });
});

// Issue 14 §11: the shell and a spinner show before /api/v1/sesion answers, already dark in dark Teams
// (Teams fills ?tema={theme}: here «dark», as it sends it).
describe('first paint', () => {
  it("before the session answers: the title and a spinner on the host's dark background, no white flash", async () => {
    const context = await browser.newContext({ viewport: { width: 400, height: 800 }, locale: 'es-CL' });
    contexts.push(context);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await context.route('**/api/v1/sesion', async (route) => {
      await held;
      await route.continue();
    });
    const page = await context.newPage();
    await page.goto(`${svc.url}/tab?tema=dark&persona=megan.bowen`);
    await page.getByRole('status').filter({ hasText: 'Cargando…' }).waitFor();
    expect(await page.locator('.arranque-titulo').innerText()).toBe('Intercambio de Datos');
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(31, 31, 31)');
    // Not shot(): it waits for the network to settle, and the session is held on purpose.
    await page.screenshot({ path: join(TAB_SHOTS, 'primera-pintura-oscuro-400.png') });
    release();
    await page.getByRole('navigation', { name: 'Secciones' }).waitFor();
    expect(await page.locator('.arranque').count()).toBe(0);
  });
});

describe('accessibility (axe-core): no serious or critical violation', () => {
  const pages = () => [
    ['Tablero', '/tab'],
    ['Lista', '/tab/lista'],
    ['Mis pendientes', '/tab/pendientes'],
    ['Detalle', `/detalle/solicitudes/${created}`],
    ['Detalle de convenio', '/detalle/convenios/CONV-2026-0001'],
    ['Nueva solicitud', '/tab/nueva-solicitud'],
    ['Nuevo convenio', '/tab/nuevo-convenio'],
    ['Panel', '/tab/panel'],
    ['Exportar', '/tab/exportar'],
    ['Envíos', '/tab/envios'],
  ];
  // Issue 14: every page in the three themes, on a laptop and on a phone (the narrow layouts are other markup).
  it.each(['claro', 'oscuro', 'contraste'])('every page (%s) at 1366×768 and 400×800', async (theme) => {
    const page = await open('megan.bowen', '/tab', theme);
    for (const [width, height] of [
      [1366, 768],
      [400, 800],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const [name, path] of pages()) {
        await page.goto(`${svc.url}${path!}?tema=${theme}`);
        await page.locator('main h1, main h2').first().waitFor();
        await expectAccessible(page, `${name} (${theme}, ${width} px)`);
      }
    }
    // The form with its errors showing, too.
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${svc.url}/tab/nueva-solicitud?tema=${theme}`);
    await page
      .getByRole('button', { name: 'Enviar solicitud' })
      .click()
      .catch(async (e: unknown) => {
        await shot(page, `fallo-axe-${theme}`);
        throw e;
      });
    await expectAccessible(page, `Nueva solicitud con errores (${theme})`);
  });
});

// Issue 14 §9: no page scrolls sideways, on a phone (400 px) nor on a laptop (1366 px); long text wraps.
describe('every page fits its width', () => {
  const pages = () => [
    ['Tablero', '/tab'],
    ['Lista', '/tab/lista'],
    ['Mis pendientes', '/tab/pendientes'],
    ['Detalle', '/detalle/solicitudes/SOL-2026-0001'],
    ['Detalle de convenio', '/detalle/convenios/CONV-2026-0001'],
    ['Nueva solicitud', '/tab/nueva-solicitud'],
    ['Nuevo convenio', '/tab/nuevo-convenio'],
    ['Panel', '/tab/panel'],
    ['Exportar', '/tab/exportar'],
    ['Envíos', '/tab/envios'],
  ];
  it.each([
    [400, 800, 'claro'],
    [1366, 768, 'claro'],
    [400, 800, 'oscuro'],
    [1366, 768, 'oscuro'],
  ])('at %i×%i (%s) no page is wider than the window', async (width, height, theme) => {
    const page = await open('megan.bowen', '/tab', theme);
    await page.setViewportSize({ width, height });
    const wide: string[] = [];
    for (const [name, path] of pages()) {
      await page.goto(`${svc.url}${path!}?tema=${theme}`);
      await page.locator('main h1, main h2').first().waitFor();
      await page.waitForLoadState('networkidle');
      await page.evaluate(() => document.fonts.ready);
      const over = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      if (width === 400) await shot(page, `ancho-400-${theme}-${name!.replace(/\s+/g, '-').toLowerCase()}`);
      if (over > 1) {
        const culprits = await page.evaluate(() =>
          [...document.querySelectorAll('body *')]
            .filter((e) => e.getBoundingClientRect().right > innerWidth + 1)
            .filter((e) => ![...e.children].some((c) => c.getBoundingClientRect().right > innerWidth + 1))
            .slice(0, 4)
            .map(
              (e) =>
                `${e.tagName.toLowerCase()}.${String(e.className).slice(0, 60)} «${(e.textContent ?? '').slice(0, 40)}» ${Math.round(e.getBoundingClientRect().width)}px`,
            ),
        );
        wide.push(`${name}: ${over} px de más: ${culprits.join(' | ')}`);
        await shot(page, `demasiado-ancho-${width}-${theme}-${name!.replace(/\s+/g, '-').toLowerCase()}`);
      }
    }
    expect(wide).toEqual([]);
  });
});

// Issue 14 §9: a 300-character name once widened the form to 2,600 px and was cut without a word.
describe('a long text wraps and is counted, never cut in silence', () => {
  it('a 300-character dataset name at 400 px: the form keeps its width and says how much is left over', async () => {
    const page = await open('alex.wilber', '/tab/nueva-solicitud');
    await page.setViewportSize({ width: 400, height: 800 });
    await page.locator('main h1, main h2').first().waitFor();
    const name = page.getByRole('textbox', { name: /Nombre del conjunto de datos/ });
    await name.fill('Catastro '.repeat(34).slice(0, 300));
    await expect(name.inputValue()).resolves.toHaveLength(300); // nothing cut
    await page.getByText('300 de 200 caracteres: sobran 100').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(1);
    await shot(page, 'ancho-400-nombre-300-caracteres');
  });

  it('Lista at 400 px: the search in view, the other filters folded under «Filtros»', async () => {
    const page = await open('megan.bowen', '/tab/lista?vencidas=true');
    await page.setViewportSize({ width: 400, height: 800 });
    const toggle = page.getByRole('button', { name: 'Filtros (1)' });
    await toggle.waitFor();
    await expect(page.getByLabel('Solo vencidas').isVisible()).resolves.toBe(false);
    await expect(page.getByRole('searchbox').isVisible()).resolves.toBe(true);
    await toggle.click();
    await expect(page.getByLabel('Solo vencidas').isChecked()).resolves.toBe(true);
    await expectAccessible(page, 'Lista con filtros abiertos (400 px)');
    await shot(page, 'ancho-400-lista-filtros-abiertos');
    await page.setViewportSize({ width: 1366, height: 768 });
    await expect(toggle.isVisible()).resolves.toBe(false); // on a laptop every filter is in view
    await expect(page.getByLabel('Solo vencidas').isVisible()).resolves.toBe(true);
  });
});

describe('local mode identity', () => {
  it('without a persona the tab asks whom to act as (local mode only), then shows that person', async () => {
    const page = await open(null, '/tab');
    await page.getByRole('heading', { name: 'Intercambio de Datos' }).waitFor();
    await expectAccessible(page, 'Selector de persona');
    await shot(page, '06-selector-persona');
    await page.getByLabel('Persona').selectOption('diego.siciliani');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('tab', { name: 'Tablero' }).waitFor();
    await expect(page.getByLabel('Actuando como').inputValue()).resolves.toBe('diego.siciliani');
    await shot(page, '07-tablero-otra-persona');
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
  });
});
