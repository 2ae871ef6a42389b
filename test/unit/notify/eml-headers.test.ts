// The local mail port writes every header on one line, whoever built the mail: a CR/LF in a subject, a display
// name or an x- header cannot add a Bcc or a second body to the .eml file.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { emlFileName, LocalEmlMailPort } from '../../../bot/src/m365/local/eml-mail-port';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'correos-cabeceras-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test('CR, LF and control characters never split a header of the .eml', async () => {
  const port = new LocalEmlMailPort(tmp);
  await port.send(
    {
      from: { name: 'Intercambio\r\nBcc: a@evil.example', email: 'intercambio.datos@quillota.cl' },
      to: [{ name: 'Lynne\nBcc: b@evil.example', email: 'lynne.robbins@quillota.cl' }],
      cc: [],
      subject: 'SOL-2026-0001:\r\nBcc: c@evil.example\r\n\r\n<script>',
      text: 'Cuerpo.',
      html: '<p>Cuerpo.</p>',
      headers: { 'X-Intercambio-Aviso': 'aviso\r\nBcc: d@evil.example\u0085\u2028' },
    },
    'item-1:1:1',
  );
  const raw = readFileSync(join(tmp, emlFileName('item-1:1:1')), 'utf8');
  const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
  expect(head).not.toMatch(/^Bcc:/im);
  const parsed = await simpleParser(raw);
  expect(parsed.bcc).toBeUndefined();
  expect(parsed.subject).toBe('SOL-2026-0001: Bcc: c@evil.example <script>');
  expect(parsed.headers.get('x-intercambio-aviso')).toBe('aviso Bcc: d@evil.example');
  expect(parsed.text?.trim()).toBe('Cuerpo.');
});
