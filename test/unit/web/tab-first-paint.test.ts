// The tab's first paint (issue 14 §11): index.html draws a shell and a spinner before any script, in the host's
// colours, which the server writes into <html data-tema> from ?tema= (Teams fills {theme} in the tab's URL).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { withTheme } from '../../../bot/src/web/tab-static';

const INDEX = readFileSync(join(__dirname, '../../../tab/index.html'), 'utf8');

test.each([
  ['dark', 'oscuro'],
  ['oscuro', 'oscuro'],
  ['contrast', 'contraste'],
  ['default', 'claro'],
  ['claro', 'claro'],
])('?tema=%s marca la página como %s', (asked, tema) => {
  expect(withTheme(INDEX, asked)).toContain(`<html lang="es-CL" data-tema="${tema}">`);
});

test('cualquier otro valor no toca la página: nada del pedido se escribe en ella', () => {
  for (const asked of [undefined, '', 'azul', '"><script>alert(1)</script>', ['dark', 'claro'], { a: 1 }])
    expect(withTheme(INDEX, asked)).toBe(INDEX);
});

test('el esqueleto y la rueda están en el HTML, sin script, con los colores oscuros para data-tema', () => {
  expect(INDEX).toContain('<div class="arranque" role="status" aria-live="polite">');
  expect(INDEX).toContain('Cargando…');
  expect(INDEX).toMatch(/html\[data-tema='oscuro'\] body \{\s*background: #1f1f1f;/);
  expect(INDEX).not.toMatch(/<script>(?!\s*<\/script>)/); // no inline script (CSP script-src 'self')
});
