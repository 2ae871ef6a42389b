// What every tab e2e test does with a page: a full-page screenshot once the network is quiet, and axe-core.
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export async function shot(page: Page, dir: string, name: string) {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/**
 * axe-core on the page (injected as an init script, since the CSP refuses injected scripts): no serious or critical
 * violation. Fluent's focus-trap sentinels are excluded (known false positive: hidden, focusable by design,
 * fluentui#25133).
 */
export async function expectAccessible(page: Page, what: string) {
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
