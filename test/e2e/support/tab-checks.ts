// What every tab e2e test does: Chromium and the built tab ready, a browser context per persona with axe-core in it,
// a full-page screenshot once the network is quiet, and axe-core's verdict.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Frame, Page } from 'playwright-core';

const ROOT = join(__dirname, '..', '..', '..');
/** Where the tab's screenshots go (kept by CI). */
export const TAB_SHOTS = join(ROOT, 'artifacts', 'e2e', 'tab');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Before a tab e2e file starts: Chromium installed, the tab built (once), the screenshots folder made. */
export function prepareTabE2e(): void {
  execFileSync('bash', ['scripts/ensure-chromium.sh'], { cwd: ROOT, stdio: 'inherit' });
  if (!existsSync(join(ROOT, 'dist', 'tab', 'index.html')))
    execFileSync('npm', ['run', '-s', 'build:tab'], { cwd: ROOT, stdio: 'inherit' });
  mkdirSync(TAB_SHOTS, { recursive: true });
}

/** A page whose uncaught errors are kept, for a test to assert there were none. */
export type TabPage = Page & { errors: string[] };

/**
 * A browser context of its own (local storage keeps the chosen persona per context) with axe-core in it, as an init
 * script since the tab's CSP (rightly) refuses inline and injected script tags; the page collects its errors and
 * goes to `url`. The caller closes the context (page.context()).
 */
export async function openTabPage(
  browser: Browser,
  url: string,
  opts: { timeoutMs: number } & Pick<BrowserContextOptions, 'viewport' | 'acceptDownloads'>,
): Promise<TabPage> {
  const { timeoutMs, ...options } = opts;
  const context = await browser.newContext({ ...options, locale: 'es-CL' });
  context.setDefaultTimeout(timeoutMs);
  await addAxe(context);
  const page = (await context.newPage()) as TabPage;
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  await page.goto(url);
  return page;
}

/** axe-core in every page and frame of the context (an init script: the tab's CSP refuses injected script tags). */
export async function addAxe(context: BrowserContext): Promise<void> {
  await context.addInitScript(AXE);
}

export async function shot(page: Page, dir: string, name: string) {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/**
 * axe-core on the page (injected as an init script, since the CSP refuses injected scripts): no serious or critical
 * violation. Fluent's focus-trap sentinels are excluded (known false positive: hidden, focusable by design,
 * fluentui#25133).
 */
export async function expectAccessible(page: Page | Frame, what: string) {
  await page.waitForLoadState('networkidle');
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } }).axe;
    return (await axe.run(
      { exclude: [['[data-tabster-dummy]']] },
      { resultTypes: ['violations'], runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    )) as { violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] };
  });
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${what}: ${v.impact} ${v.id} — ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad).toEqual([]);
}
