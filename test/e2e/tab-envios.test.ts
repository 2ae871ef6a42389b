/// <reference lib="dom" />
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { currentDraft, shortHash } from '../../protocol';
import { convenioBody, solicitudBody } from '../support/fixtures';
import { convenioWithDraft } from '../support/convenio-flow';
import { startTestService, type TestService } from '../support/service';
import { launchChromium } from './support/playground';
import { expectAccessible, shot as takeShot } from './support/tab-checks';

/**
 * The tab's Envíos page and a convenio's documents, in Chromium against the real service in local mode. Mail is
 * down for the whole run (the mail handler throws), so every mail copy dead-letters after its retries; the UGDT
 * retries one from the page and the database shows it queued again with Megan Bowen's name in its log. A plain
 * official gets no "Envíos" section and the API's refusal. SECPLAN hands in the FEA-signed PDF of a convenio in
 * firma from the detail and downloads it back: the bytes hash to the SHA-256 the row shows. Screenshots go to
 * artifacts/e2e/tab/ (envios-claro, envios-oscuro, documentos-subida, documentos-reservados-{1366,400}-{claro,oscuro}). Control
 * sees a sensitive convenio's versions without a download.
 */
const ROOT = join(__dirname, '..', '..');
const SHOTS = join(ROOT, 'artifacts', 'e2e', 'tab');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const MAIL_DOWN = 'Servidor de correo no disponible';

let svc: TestService;
let browser: Browser;
const contexts: BrowserContext[] = [];
let solicitudRef = '';
let convenioRef = '';
let sensitiveRef = '';
let mailId = 0;

const sha256 = (b: Uint8Array | Buffer) => createHash('sha256').update(b).digest('hex');

/** A small real PDF standing for the act signed with FEA outside the app. */
async function feaPdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const page = pdf.addPage();
  page.drawText('Convenio firmado con FEA', {
    x: 72,
    y: 720,
    font: await pdf.embedFont(StandardFonts.Helvetica),
    size: 14,
  });
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

/** Runs the outbox until the documents are in (mail is down for the whole run, documents are not). */
const settle = async () => {
  await svc.runJobs();
  await svc.runJobs();
};

/** A convenio up to firma: both legal reviews on its first generated draft. */
async function convenioInFirma(): Promise<string> {
  const { ref, item } = await convenioWithDraft(svc, { settle });
  const v1 = { version: 1, sha256: currentDraft(item)!.sha256 };
  const cmd = async (who: string, command: Record<string, unknown>) => {
    const r = await svc.as(who).post(`/api/v1/convenios/${ref}/comandos`, command);
    if (r.status !== 200) throw new Error(`${String(command.type)}: ${r.status} ${r.text}`);
  };
  await cmd('adele.vance', { type: 'enviar_a_visacion' });
  await cmd('isaiah.langer', { type: 'visar', ...v1 });
  await cmd('adele.vance', {
    type: 'registrar_visacion_externa',
    ...v1,
    reviewer: 'Paula Rojas (UV)',
    evidence: 'Correo del 15-09-2026',
  });
  expect((await svc.as('adele.vance').get(`/api/v1/convenios/${ref}`)).body.item.state).toBe('firma');
  return ref;
}

/** A convenio on children's data (NNA), up to its first generated draft. */
async function sensitiveConvenioWithDraft(): Promise<string> {
  const { ref } = await convenioWithDraft(svc, {
    settle,
    body: {
      title: 'Matrícula escolar por sector con la Universidad de Valparaíso',
      datasets: [
        {
          name: 'Matrícula escolar por sector',
          fields: ['rut_estudiante', 'curso', 'sector'],
          format: 'csv',
          classification: { access: 'uso_interno', privacy: 'nna' },
        },
        convenioBody().datasets[0],
      ],
    },
  });
  return ref;
}

beforeAll(async () => {
  execFileSync('bash', ['scripts/ensure-chromium.sh'], { cwd: ROOT, stdio: 'inherit' });
  if (!existsSync(join(ROOT, 'dist', 'tab', 'index.html')))
    execFileSync('npm', ['run', '-s', 'build:tab'], { cwd: ROOT, stdio: 'inherit' });
  mkdirSync(SHOTS, { recursive: true });
  svc = await startTestService('2026-09-15T13:00:00Z', {
    config: { jobsIntervalMs: 0 },
    service: {
      handlers: {
        mail: async () => {
          throw new Error(MAIL_DOWN);
        },
      },
    },
  });
  browser = await launchChromium();

  const created = await svc.as('alex.wilber').post('/api/v1/solicitudes', solicitudBody());
  expect(created.status).toBe(201);
  solicitudRef = created.body.item.reference;
  convenioRef = await convenioInFirma();
  sensitiveRef = await sensitiveConvenioWithDraft();

  // The outbox retries each mail copy with a growing delay (5 s base, 8 attempts): move the clock past each delay
  // until none is left waiting; all of them end as dead letters.
  for (let i = 0; i < 20; i++) {
    const { rows } = await svc.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox WHERE kind = 'mail' AND status = 'pendiente'`,
    );
    if (rows[0]!.n === 0) break;
    svc.clock.advance(15 * 60_000);
    await svc.runJobs();
  }
  const { rows } = await svc.db.query<{ id: number; status: string; attempts: number; last_error: string }>(
    `SELECT o.id, o.status, o.attempts, o.last_error FROM outbox o JOIN items i ON i.id = o.item_id
      WHERE i.reference = $1 AND o.kind = 'mail' ORDER BY o.id LIMIT 1`,
    [solicitudRef],
  );
  expect(rows[0]).toMatchObject({ status: 'fallido', attempts: 8, last_error: MAIL_DOWN });
  mailId = Number(rows[0]!.id);
}, 240_000);

// Each test's browsers are closed after it: memory stays low on a busy machine.
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await svc?.close();
});

/** A browser of its own for a persona (local storage keeps the chosen persona per context). */
async function open(
  persona: string,
  path: string,
  theme = 'claro',
  viewport = { width: 1400, height: 1000 },
): Promise<Page> {
  const context = await browser.newContext({
    viewport,
    locale: 'es-CL',
    acceptDownloads: true,
  });
  // Generous: the machine may be busy with other test runs.
  context.setDefaultTimeout(30_000);
  // axe-core arrives as an init script: the tab's CSP (rightly) refuses inline and injected script tags.
  await context.addInitScript(AXE);
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const sep = path.includes('?') ? '&' : '?';
  await page.goto(`${svc.url}${path}${sep}tema=${theme}&persona=${persona}`);
  (page as Page & { errors?: string[] }).errors = errors;
  await page.getByRole('navigation', { name: 'Secciones' }).waitFor();
  return page;
}

const pageErrors = (page: Page) => (page as Page & { errors?: string[] }).errors ?? [];

const shot = (page: Page, name: string) => takeShot(page, SHOTS, name);

const failedCount = async () =>
  (await svc.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE status = 'fallido'`)).rows[0]!.n;

describe('Envíos: the outbox for the UGDT, IT and Control', () => {
  it('the UGDT sees the failed mail copy with its error and retries it; the database has it queued again', async () => {
    const failed = await failedCount();
    expect(failed).toBeGreaterThan(1);
    const page = await open('megan.bowen', '/tab');
    await page.getByRole('tab', { name: 'Envíos' }).click();
    await page.waitForURL(/\/tab\/envios$/);
    await page.getByRole('tab', { name: `Fallidos (${failed})` }).waitFor();

    const row = page.locator(`[data-envio="${mailId}"]`);
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain(solicitudRef);
    expect(text).toContain('Copia por correo');
    expect(text).toContain(MAIL_DOWN);
    expect(text).toMatch(/15-09-2026 1\d:\d\d/); // Creado, Santiago time
    expect(text).toMatch(/Falló tras agotar los reintentos/);
    await expect(row.getByRole('link', { name: solicitudRef }).getAttribute('href')).resolves.toBe(
      `/detalle/solicitudes/${solicitudRef}`,
    );

    await row.getByRole('button', { name: new RegExp(`^Reintentar el envío de ${solicitudRef}`) }).click();
    await row.waitFor({ state: 'detached' });
    const done = 'Envío reintentado: volverá a intentarse en el próximo ciclo';
    await page.getByText(done, { exact: true }).waitFor(); // the toast's title
    // …and announced to screen readers (the toaster's live region).
    await expect(page.locator('[aria-live]', { hasText: done }).count()).resolves.toBeGreaterThan(0);
    await page.getByRole('tab', { name: `Fallidos (${failed - 1})` }).waitFor();

    const out = await svc.db.query<{ status: string; attempts: number }>(
      `SELECT status, attempts FROM outbox WHERE id = $1`,
      [mailId],
    );
    expect(out.rows[0]).toEqual({ status: 'pendiente', attempts: 0 });
    const log = await svc.db.query<{ action: string; actor_id: string; actor_name: string; detail: string }>(
      `SELECT action, actor_id, actor_name, detail FROM delivery_log WHERE outbox_id = $1 ORDER BY id`,
      [mailId],
    );
    expect(log.rows.map((r) => r.action)).toEqual(['fallido', 'reintento']);
    expect(log.rows[1]).toMatchObject({ actor_id: 'megan.bowen', actor_name: 'Megan Bowen' });
    expect(log.rows[1]!.detail).toContain(MAIL_DOWN);

    // Among the pending ones now, with who retried it in its history.
    await page.getByRole('tab', { name: /^Pendientes/ }).click();
    await page.waitForURL(/estado=pendiente/);
    const again = page.locator(`[data-envio="${mailId}"]`);
    await again.waitFor();
    await expect(again.innerText()).resolves.toMatch(/Reintentado por Megan Bowen, \d\d-\d\d-\d{4} \d\d:\d\d/);
    await expect(again.getByRole('button', { name: /Reintentar/ }).count()).resolves.toBe(0);
    expect(pageErrors(page)).toEqual([]);
  });

  it('Control may look but not retry', async () => {
    const page = await open('henrietta.mueller', '/tab/envios');
    await page.locator('[data-envio]').first().waitFor();
    await expect(page.getByRole('button', { name: /^Reintentar el envío/ }).count()).resolves.toBe(0);
    await expect(page.getByText('Solo la UGDT o Informática pueden reintentar un envío.').isVisible()).resolves.toBe(
      true,
    );
  });

  it('a plain official has no Envíos section, and the page says why', async () => {
    const page = await open('alex.wilber', '/tab/envios');
    await page.getByText('No tiene acceso a los envíos').waitFor();
    await expect(
      page.getByText('Solo la UGDT, Informática y Control ven la cola de envíos.').isVisible(),
    ).resolves.toBe(true);
    const nav = page.getByRole('navigation', { name: 'Secciones' });
    await expect(nav.getByRole('tab', { name: 'Tablero' }).isVisible()).resolves.toBe(true);
    await expect(nav.getByRole('tab', { name: 'Envíos' }).count()).resolves.toBe(0);
    expect(pageErrors(page)).toEqual([]);
  });

  it.each(['claro', 'oscuro'])('screens and axe-core (%s)', async (theme) => {
    const page = await open('megan.bowen', '/tab/envios', theme);
    await page.locator('[data-envio]').first().waitFor();
    await expectAccessible(page, `Envíos fallidos (${theme})`);
    await shot(page, `envios-${theme}`);
    await page.getByRole('tab', { name: /^Pendientes/ }).click();
    await page.locator(`[data-envio="${mailId}"]`).waitFor();
    await expectAccessible(page, `Envíos pendientes (${theme})`);
  });
});

describe("a convenio's documents in the detail", () => {
  it('SECPLAN hands in the FEA-signed PDF and downloads it back: same SHA-256', async () => {
    const pdf = await feaPdf();
    const page = await open('adele.vance', `/detalle/convenios/${convenioRef}`);
    await page.getByTestId('detalle').waitFor();
    await page.getByTestId('descargar-borrador-1').waitFor();
    const upload = page.getByRole('button', { name: 'Subir PDF firmado con FEA' });
    await upload.waitFor();
    const input = page.getByTestId('subir-firmado_fea-archivo');

    // Checked before sending: the wrong kind of file never reaches the service.
    await input.setInputFiles({ name: 'acta.txt', mimeType: 'text/plain', buffer: Buffer.from('no es un PDF') });
    await expect(page.getByTestId('subida-error').innerText()).resolves.toMatch(/no es un PDF/);

    await input.setInputFiles({ name: 'Convenio firmado FEA.pdf', mimeType: 'application/pdf', buffer: pdf });
    const row = page.locator('[data-documento="firmado_fea-1"]');
    await row.waitFor();
    await expect(row.innerText()).resolves.toMatch(/Firmado con firma electrónica avanzada/);
    expect(await row.getAttribute('data-sha256')).toBe(sha256(pdf));
    await expect(page.getByTestId('subida-lista').innerText()).resolves.toContain(shortHash(sha256(pdf)));
    await page.getByText('Se subió el PDF firmado con FEA').first().waitFor();
    await expect(page.getByTestId('subida-error').count()).resolves.toBe(0);
    // In local mode the files are the service's own: no SharePoint link.
    await expect(page.getByText('Abrir en SharePoint').count()).resolves.toBe(0);
    // The section in view (with the toast), not the whole long detail.
    await page.waitForLoadState('networkidle');
    await page.getByRole('region', { name: 'Documentos y versiones' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'documentos-subida.png') });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('descargar-firmado_fea-1').click(),
    ]);
    expect(download.suggestedFilename()).toBe('Convenio firmado FEA.pdf');
    const bytes = readFileSync((await download.path())!);
    expect(sha256(bytes)).toBe(sha256(pdf));

    const api = await svc.as('adele.vance').get(`/api/v1/convenios/${convenioRef}/documentos`);
    expect(api.body.documents[0]).toMatchObject({ kind: 'firmado_fea', version: 1, sha256: sha256(pdf) });

    // The library's own versions of the draft, matched with the convenio's record.
    const draft = page.getByTestId('versiones-biblioteca-borrador');
    await draft.getByRole('button', { name: /Ver versiones en la biblioteca/ }).click();
    await draft.getByText('versión 1 registrada').waitFor();
    expect(pageErrors(page)).toEqual([]);
  });

  it('who is not SECPLAN may download but gets no upload control', async () => {
    const page = await open('lee.gu', `/detalle/convenios/${convenioRef}`);
    await page.getByTestId('descargar-firmado_fea-1').waitFor();
    await expect(page.getByRole('button', { name: 'Subir PDF firmado con FEA' }).count()).resolves.toBe(0);
    await expectAccessible(page, 'Detalle del convenio');
  });
});

describe("a sensitive convenio's documents for Control", () => {
  it.each([
    ['1366', 'claro', { width: 1366, height: 768 }],
    ['400', 'claro', { width: 400, height: 800 }],
    ['1366', 'oscuro', { width: 1366, height: 768 }],
    ['400', 'oscuro', { width: 400, height: 800 }],
  ])(
    'Control sees every version with its hash but no download, and the datasets reserved (%s px, %s)',
    async (width, theme, viewport) => {
      const page = await open('henrietta.mueller', `/detalle/convenios/${sensitiveRef}`, theme, viewport);
      await page.getByTestId('detalle').waitFor();
      const row = page.locator('[data-documento="borrador-1"]');
      await row.waitFor();
      await expect(page.getByTestId('reservado-borrador-1').innerText()).resolves.toMatch(/Archivo reservado/);
      await expect(page.getByTestId('descargar-borrador-1').count()).resolves.toBe(0);
      await expect(page.getByText('rut_estudiante').count()).resolves.toBe(0);
      await expect(
        page
          .getByText(/Reservado/)
          .first()
          .isVisible(),
      ).resolves.toBe(true);
      await page.waitForLoadState('networkidle');
      await page.getByRole('region', { name: 'Documentos y versiones' }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, `documentos-reservados-${width}-${theme}.png`) });
      await expectAccessible(page, 'Detalle de un convenio sensible (Control)');
      expect(pageErrors(page)).toEqual([]);
      // The service refuses the file itself too, whatever the page shows.
      const file = await svc
        .as('henrietta.mueller')
        .get(`/api/v1/convenios/${sensitiveRef}/documentos/borrador/1/archivo`);
      expect(file.status).toBe(403);
    },
  );
});

describe('Envíos: a long list', () => {
  it('shows 50 and loads the rest with «Cargar más»', async () => {
    for (let i = 0; i < 45; i++)
      expect((await svc.as('alex.wilber').post('/api/v1/solicitudes', solicitudBody())).status).toBe(201);
    for (let i = 0; i < 20; i++) {
      const { rows } = await svc.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM outbox WHERE kind = 'mail' AND status = 'pendiente'`,
      );
      if (rows[0]!.n === 0) break;
      svc.clock.advance(15 * 60_000);
      await svc.runJobs();
    }
    const failed = await failedCount();
    expect(failed).toBeGreaterThan(50);

    const page = await open('megan.bowen', '/tab/envios');
    const rows = page.locator('[data-envio]');
    await page.getByRole('tab', { name: `Fallidos (${failed})` }).waitFor();
    await page.getByText(`Se muestran 50 envíos de ${failed}.`).waitFor();
    await expect(rows.count()).resolves.toBe(50);
    await page.getByRole('button', { name: 'Cargar más' }).click();
    await page.getByText(`Se muestran ${failed} envíos de ${failed}.`).waitFor();
    await expect(rows.count()).resolves.toBe(failed);
    // Newest first, no row twice.
    const ids = await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-envio'))));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(ids.length);
    await expect(page.getByRole('button', { name: 'Cargar más' }).count()).resolves.toBe(0);
    expect(pageErrors(page)).toEqual([]);
  }, 120_000);
});
