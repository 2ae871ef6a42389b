import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { emlFileName, LocalEmlMailPort } from '../../../bot/src/m365/local/eml-mail-port';
import type { OutgoingMail } from '../../../bot/src/m365/mail-port';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'correos-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const MAIL: OutgoingMail = {
  from: { name: 'Intercambio de Datos', email: 'intercambio.datos@quillota.cl' },
  to: [{ name: 'Lynne Robbins', email: 'lynne.robbins@quillota.cl' }],
  cc: [{ name: 'Megan Bowen', email: 'megan.bowen@quillota.cl' }],
  subject: 'SOL-2026-0001: solicitud de datos de DOM',
  text: 'Acuse de recibo hasta el 17-09-2026.',
  html: '<p>Acuse de recibo hasta el 17-09-2026.</p>',
  headers: { 'Auto-Submitted': 'auto-generated' },
};

describe('LocalEmlMailPort', () => {
  it('creates the folder and writes one parsable .eml per key, with a Message-ID from the key', async () => {
    const dir = join(tmp, 'a', 'correos');
    const port = new LocalEmlMailPort(dir);
    const { id } = await port.send(MAIL, 'item-1:1:1');
    expect(readdirSync(dir)).toEqual([emlFileName('item-1:1:1')]);
    const parsed = await simpleParser(readFileSync(join(dir, emlFileName('item-1:1:1'))));
    expect(parsed.messageId).toBe(id);
    expect(id).toMatch(/^<[0-9a-f]{32}@quillota\.cl>$/);
    expect(parsed.subject).toBe(MAIL.subject);
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
  });

  it('overwrites the same file on a retry and keeps keys that sanitise alike apart', async () => {
    const dir = join(tmp, 'b');
    const port = new LocalEmlMailPort(dir);
    const first = await port.send(MAIL, 'item-1:1:1');
    const again = await port.send({ ...MAIL, text: 'reintento' }, 'item-1:1:1');
    expect(again.id).toBe(first.id);
    await port.send(MAIL, 'item-1/1/1');
    const files = readdirSync(dir).sort();
    expect(files).toHaveLength(2);
    expect(files.every((f) => f.endsWith('.eml') && /^[A-Za-z0-9._-]+$/.test(f))).toBe(true);
    const parsed = await simpleParser(readFileSync(join(dir, emlFileName('item-1:1:1'))));
    expect(parsed.text?.trim()).toBe('reintento');
  });
});
