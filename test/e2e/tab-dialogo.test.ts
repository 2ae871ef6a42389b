import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { FakeConnector, cardText, findAction } from '../support/fake-connector';
import { solicitudBody } from '../support/fixtures';
import { startTestService, type TestService } from '../support/service';
import { message, postActivity, taskInvoke } from '../support/teams-activity';
import { launchChromium } from './support/playground';
import { addAxe, expectAccessible, prepareTabE2e, TAB_SHOTS } from './support/tab-checks';
import { fillSolicitudForm } from './support/tab-forms';
import { dialogResult, hostCalls, openDialog, routeTeamsHost } from './support/teams-host';

/**
 * Issue 14 §1: the long forms open from the chat card as a Teams dialog showing the tab's form. The Playground does not
 * open dialogs, so this drives the whole round trip with Chromium and a stand-in Teams client: the card's
 * «Formulario completo» → the bot's task/fetch answer → the tab's form framed as a dialog (frameContext "task") → the
 * form validates field by field and creates the request → dialog.url.submit hands its reference to Teams → Teams'
 * task/submit → the bot posts the new request's card in the chat the dialog came from.
 */
let svc: TestService;
let connector: FakeConnector;
let browser: Browser;

beforeAll(async () => {
  prepareTabE2e();
  connector = await new FakeConnector().start();
  svc = await startTestService('2026-09-15T13:00:00Z', { config: { jobsIntervalMs: 0 } });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await svc?.close();
  await connector?.stop();
});

const send = (personId: string, body: Record<string, unknown>) => postActivity(svc.url, connector.url, personId, body);

/** The intake card's «Formulario completo» pressed in Teams: the bot's task/fetch answer. */
async function fetchDialog(personId: string, command: string) {
  await send(personId, message(command));
  const intake = connector.cardsIn(`personal-${personId}`).at(-1)!.card;
  const button = (intake.actions as { title: string; data?: unknown }[]).find((a) => a.title === 'Formulario completo');
  expect(button).toBeDefined();
  const fetched = await send(personId, taskInvoke('task/fetch', button!.data));
  expect(fetched.body.task.type).toBe('continue');
  return fetched.body.task.value as { title: string; url: string; height: string; width: string };
}

async function dialogPage(width: number, height: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'es-CL' });
  context.setDefaultTimeout(20_000);
  await addAxe(context);
  await routeTeamsHost(context, svc.url);
  return context.newPage();
}

/** Nothing wider than the dialog: the form scrolls down, never sideways. */
const overflow = (frame: Frame) => frame.evaluate(() => document.documentElement.scrollWidth - innerWidth);

it('a new request through the dialog: the tab validates, creates it, hands its reference to Teams, and its card lands in the chat', async () => {
  const dialog = await fetchDialog('alex.wilber', 'nueva solicitud');
  expect(dialog).toMatchObject({ title: 'Nueva solicitud de datos', height: 'large', width: 'large' });
  const page = await dialogPage(1366, 768);
  // Local mode has no Teams sign-in: the persona stands in for it, as everywhere in local mode.
  const frame = await openDialog(page, `${dialog.url}&persona=alex.wilber`, dialog.title);
  await frame.getByRole('heading', { name: 'Nueva solicitud de datos' }).waitFor();
  // A dialog has Teams' own title and close button: no tab header, no section tabs.
  await expect(frame.getByRole('navigation', { name: 'Secciones' }).count()).resolves.toBe(0);
  await expect(hostCalls(page)).resolves.toEqual(expect.arrayContaining(['initialize', 'getContext']));

  // Field-by-field validation, in the dialog as in the tab: nothing is created.
  await frame.getByRole('button', { name: 'Enviar solicitud' }).click();
  await frame
    .getByText(/indique el nombre del conjunto de datos/i)
    .first()
    .waitFor();
  await page.screenshot({ path: join(TAB_SHOTS, 'dialogo-nueva-solicitud-errores-1366.png') });

  await fillSolicitudForm(frame);
  const before = connector.cardsIn('personal-alex.wilber').length;
  await frame.getByRole('button', { name: 'Enviar solicitud' }).click();

  // The tab does not navigate inside the dialog: it gives Teams the reference and Teams closes the dialog.
  const result = (await dialogResult(page)) as { reference: string };
  expect(result).toEqual({ reference: expect.stringMatching(/^SOL-2026-\d{4}$/) });
  expect(frame.url()).toContain('/tab/nueva-solicitud?dialogo=1');
  const api = await svc.as('alex.wilber').get(`/api/v1/solicitudes/${result.reference}`);
  expect(api.body.item).toMatchObject({ state: 'enviada', ownerUnitId: 'dideco', neededBy: '2026-09-30' });

  // Teams sends what the dialog submitted as task/submit: the request's card goes into Alex's chat.
  const submitted = await send('alex.wilber', taskInvoke('task/submit', result));
  expect(submitted.status).toBe(200);
  const posted = connector.cardsIn('personal-alex.wilber').slice(before);
  expect(posted.map((p) => cardText(p.card)).join('\n')).toContain(result.reference);
  await page.context().close();
});

it.each([
  [1366, 768],
  [400, 800],
])('the new convenio form fits a dialog at %i px, with no tab header, accessible', async (width, height) => {
  const dialog = await fetchDialog('adele.vance', 'nuevo convenio');
  expect(dialog.title).toBe('Nuevo convenio de uso compartido de datos');
  const page = await dialogPage(width, height);
  const frame = await openDialog(page, `${dialog.url}&persona=adele.vance`, dialog.title);
  await frame
    .getByRole('heading', { name: /Nuevo convenio/ })
    .first()
    .waitFor();
  await expect(frame.getByRole('navigation', { name: 'Secciones' }).count()).resolves.toBe(0);
  expect(await overflow(frame)).toBeLessThanOrEqual(1);
  await expectAccessible(frame, `Diálogo «Nuevo convenio» (${width} px)`);
  await page.screenshot({ path: join(TAB_SHOTS, `dialogo-nuevo-convenio-${width}.png`) });
  await page.context().close();
});

// Issue 15: a card cannot carry a file. The owner unit's «Entregar» offers «Subir archivos…», which opens the
// request's detail as a dialog with the upload form open; once delivered there, Teams closes the dialog and the card
// already in the chat is updated in place.
it('the owner unit delivers a file from the chat card through the tab’s upload form in a dialog, at 400 px', async () => {
  await send('lynne.robbins', message('hola'));
  const created = await svc.as('alex.wilber').post('/api/v1/solicitudes', solicitudBody());
  expect(created.status).toBe(201);
  const reference = created.body.item.reference as string;
  await svc.runJobs();
  const button = findAction(connector.cardsIn('personal-lynne.robbins').at(-1)!.card, 'Subir archivos…');
  expect(button).toBeDefined();
  const fetched = await send('lynne.robbins', taskInvoke('task/fetch', button!.data));
  const dialog = fetched.body.task.value as { title: string; url: string };
  expect(dialog.title).toBe(`Entregar los datos de ${reference}`);

  const page = await dialogPage(400, 800);
  const frame = await openDialog(page, `${dialog.url}&persona=lynne.robbins`, dialog.title);
  const form = frame.getByTestId('formulario-entregar');
  await form.waitFor();
  const bytes = Buffer.from('sector;hogares\r\nCentro;120\r\nSan Pedro;80\r\n');
  await frame
    .getByTestId('entrega-archivos-input')
    .setInputFiles({ name: 'hogares.csv', mimeType: 'text/csv', buffer: bytes });
  await frame.locator('[data-subida="hogares.csv"][data-estado="listo"]').waitFor();
  await frame.getByRole('textbox', { name: /Nota de entrega/ }).fill('Hogares por sector, corte 2025.');
  expect(await overflow(frame)).toBeLessThanOrEqual(1);
  await expectAccessible(frame, 'Diálogo «Entregar» con un archivo (400 px)');
  await page.screenshot({ path: join(TAB_SHOTS, 'dialogo-entregar-archivo-400.png') });
  const before = connector.cardsIn('personal-lynne.robbins').length;
  await frame.getByRole('button', { name: 'Entregar', exact: true }).click();

  // The tab hands the step back to Teams instead of staying on the detail.
  await expect(dialogResult(page)).resolves.toEqual({ reference, paso: 'entregar' });
  const item = (await svc.as('alex.wilber').get(`/api/v1/solicitudes/${reference}`)).body.item;
  expect(item.state).toBe('entregada');
  expect(item.delivery.files).toEqual([
    expect.objectContaining({
      name: 'hogares.csv',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    }),
  ]);
  const submitted = await send('lynne.robbins', taskInvoke('task/submit', { reference, paso: 'entregar' }));
  expect(submitted.status).toBe(200);
  expect(connector.cardsIn('personal-lynne.robbins')).toHaveLength(before); // nothing new posted
  await page.context().close();
});
