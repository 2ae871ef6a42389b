// A stand-in for the Teams client around a dialog (issue 14 §1), for Chromium. The Agents Playground does not open
// dialogs (its client logs "Task module (task/fetch)" as a feature it does not support), so the tab's half of the
// dialog contract is checked here: Teams frames the URL the bot's task/fetch answered, TeamsJS initialises with
// frameContext "task", and dialog.url.submit reaches the host as `tasks.completeTask`.
//
// TeamsJS only trusts a parent whose origin is on its list of Teams hosts (validDomains in @microsoft/teams-js) and
// served over HTTPS, so the host page is served at https://teams.microsoft.com and the tab at an HTTPS origin of its
// own, both through Playwright's request routing: nothing leaves the machine.
import type { BrowserContext, Frame, Page } from 'playwright-core';

/** The tab's origin inside the stand-in (proxied to the local service). */
export const TAB_ORIGIN = 'https://intercambio.test';
const HOST_URL = 'https://teams.microsoft.com/_dialogo';

/** What the stand-in answers TeamsJS: the runtime (apiVersion 4) and the legacy context app.getContext maps. */
const RUNTIME = {
  apiVersion: 4,
  supports: { app: {}, appEntity: {}, dialog: { url: { bot: {} }, card: { bot: {} }, update: {} }, teamsCore: {} },
};
const CONTEXT = {
  locale: 'es-cl',
  theme: 'default',
  frameContext: 'task',
  hostClientType: 'web',
  appSessionId: 'sesion-dialogo',
  entityId: '',
  subEntityId: '',
};

const hostPage = (src: string, title: string) => `<!doctype html>
<html lang="es"><head><meta charset="utf-8"><title>${title}</title>
<style>
  html, body { margin: 0; height: 100%; background: #f5f5f5; font-family: sans-serif; }
  header { height: 40px; display: flex; align-items: center; padding: 0 16px; font-weight: 600; background: #fff;
    border-bottom: 1px solid #e0e0e0; }
  iframe { border: 0; width: 100%; height: calc(100% - 41px); background: #fff; }
</style></head>
<body><header>${title}</header><iframe title="${title}" src="${src}"></iframe>
<script>
  window.__teams = { calls: [], completed: null };
  const RUNTIME = ${JSON.stringify(RUNTIME)};
  const CONTEXT = ${JSON.stringify(CONTEXT)};
  addEventListener('message', (e) => {
    const m = e.data;
    if (!m || typeof m.func !== 'string') return;
    window.__teams.calls.push(m.func);
    const reply = (args) => e.source.postMessage({ id: m.id, uuidAsString: m.uuidAsString, args }, e.origin);
    if (m.func === 'initialize') reply(['task', 'web', JSON.stringify(RUNTIME), '2.0.0']);
    else if (m.func === 'getContext') reply([CONTEXT]);
    else if (m.func === 'tasks.completeTask') window.__teams.completed = m.args;
  });
</script></body></html>`;

/**
 * Routes the context: the host page, the tab's origin to `serviceUrl`, and TeamsJS's fetch of its origin list (which
 * then falls back to the list it ships with).
 */
export async function routeTeamsHost(context: BrowserContext, serviceUrl: string): Promise<void> {
  await context.route('https://res.cdn.office.net/**', (route) => route.abort());
  await context.route(`${TAB_ORIGIN}/**`, async (route) => {
    const url = route.request().url().replace(TAB_ORIGIN, serviceUrl);
    await route.fulfill({ response: await route.fetch({ url }) });
  });
}

/**
 * Opens the dialog the bot answered as Teams would: framed by the host. The bot names the app's public address
 * (PUBLIC_URL); the stand-in serves the same path and query at TAB_ORIGIN, which leads to the service under test.
 */
export async function openDialog(page: Page, url: string, title: string): Promise<Frame> {
  const { pathname, search } = new URL(url);
  const src = `${TAB_ORIGIN}${pathname}${search}`;
  await page.route(HOST_URL, (route) =>
    route.fulfill({ contentType: 'text/html; charset=utf-8', body: hostPage(src, title) }),
  );
  await page.goto(HOST_URL);
  const frame = page.frames().find((f) => f.url().startsWith(TAB_ORIGIN));
  if (!frame) throw new Error(`el diálogo no cargó la pestaña (${src})`);
  return frame;
}

/** What the tab handed back through dialog.url.submit, once it has. */
export async function dialogResult(page: Page): Promise<unknown> {
  await page.waitForFunction(() => (window as unknown as { __teams: { completed: unknown } }).__teams.completed);
  return page.evaluate(() => (window as unknown as { __teams: { completed: unknown[] } }).__teams.completed[0]);
}

/** The TeamsJS calls the host received, in order. */
export const hostCalls = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { __teams: { calls: string[] } }).__teams.calls);
