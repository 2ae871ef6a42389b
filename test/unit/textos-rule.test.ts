import { ESLint } from 'eslint';
import { join } from 'node:path';

/**
 * Issue 14 §5: every word a user reads lives in its surface's textos/ folder (bot/src/cards/textos for the chat,
 * tab/src/textos for the tab), where it is read as one text. The ESLint rule that keeps prose out of the other files
 * is the guard; this holds the guard itself: it catches prose and lets code through.
 */
const eslint = new ESLint({ cwd: join(__dirname, '..', '..') });
const flagged = async (filePath: string, code: string): Promise<number[]> =>
  (await eslint.lintText(code, { filePath }))[0]!.messages
    .filter((m) => m.ruleId === 'no-restricted-syntax')
    .map((m) => m.line);

const PROSE = [
  "export const a = 'Acuse de recibo';",
  'export const b = (n: number) => `quedan ${n} días hábiles`;',
  "export const c = { label: 'Enlace' };",
  "export const d = 'hasta el 07-12-2026 para la UGDT';",
].join('\n');

const CODE = [
  "export const e = { type: 'Container', id: 'acusar_recibo.note' };",
  "export const f = (k: string) => k === 'Enter';",
  "export const g = () => { throw new Error('sin lugar en la barra'); };",
  "export const h = (log: { warn: (m: string) => void }) => log.warn('el canal de la UGDT aún no conoce al bot');",
  "export const i = 'Action.Execute';",
].join('\n');

it.each(['bot/src/cards/probe.ts', 'bot/src/teams/probe.ts'])(
  '%s: Spanish prose is refused, code is not',
  async (file) => {
    await expect(flagged(file, PROSE)).resolves.toEqual([1, 2, 3, 4]);
    await expect(flagged(file, CODE)).resolves.toEqual([]);
  },
  30_000,
);

it('the tab: JSX text and attributes are refused like literals', async () => {
  const jsx = 'export const P = () => <p title="Cerrar aviso">Hola</p>;\nexport const Q = () => <p>{1}</p>;';
  await expect(flagged('tab/src/components/probe.tsx', `${PROSE}\n${jsx}`)).resolves.toEqual([1, 2, 3, 4, 5, 5]);
  await expect(flagged('tab/src/components/probe.tsx', CODE)).resolves.toEqual([]);
}, 30_000);

it('the textos folders are where the words go', async () => {
  await expect(flagged('bot/src/cards/textos/probe.ts', PROSE)).resolves.toEqual([]);
  await expect(flagged('tab/src/textos/probe.ts', PROSE)).resolves.toEqual([]);
}, 30_000);
