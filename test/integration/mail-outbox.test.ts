// The mail copy of notices through the real outbox: request created over the API, jobs run, .eml files read back.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { role, toLocalDate } from '../../protocol';
import { loadDirectoryFile } from '../../bot/src/directory';
import { DEFAULT_OUTBOX_OPTIONS } from '../../bot/src/jobs/outbox-worker';
import { LocalEmlMailPort } from '../../bot/src/m365/local/eml-mail-port';
import type { MailPort } from '../../bot/src/m365/mail-port';
import { mailEffectHandler } from '../../bot/src/notify/mail-handler';
import { resolveRecipients } from '../../bot/src/notify/recipients';
import { convenioBody, solicitudBody } from '../support/fixtures';
import { startTestService, type TestService } from '../support/service';

const directory = loadDirectoryFile(join(__dirname, '../../config/directory.local.json'));
const FROM = { name: 'Intercambio de Datos', email: 'intercambio.datos@quillota.cl' };
const detailUrl = (reference: string) => `http://localhost:3978/tab/#/items/${reference}`;

let svc: TestService;
let dir: string;
let eml: LocalEmlMailPort;
/** Switched on to play a mail channel that is down. */
let failing = false;
const port: MailPort = {
  send: (mail, key) => (failing ? Promise.reject(new Error('Servidor de correo no disponible')) : eml.send(mail, key)),
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'correos-'));
  eml = new LocalEmlMailPort(join(dir, 'salida'));
  // The handler exists before the service: repo and clock are reached lazily through `svc`.
  const mail = mailEffectHandler({
    repo: { get: (id) => svc.repo.get(id) },
    directory,
    port,
    from: FROM,
    detailUrl: (item) => detailUrl(item.reference),
    today: () => toLocalDate(svc.clock.now(), svc.rt.settings.timeZone),
  });
  svc = await startTestService('2026-09-15T13:00:00Z', { service: { handlers: { mail } } });
});
afterAll(async () => {
  await svc.close();
  rmSync(dir, { recursive: true, force: true });
});

const files = () => readdirSync(eml.dir).filter((f) => f.endsWith('.eml'));
const mails = () => Promise.all(files().map((f) => simpleParser(readFileSync(join(eml.dir, f)))));
const mailsFor = async (reference: string) => (await mails()).filter((m) => m.subject?.startsWith(`${reference}:`));
/** The mail row of an item's creation; other kinds (Teams notices) may have handlers of their own. */
const mailRow = async (itemId: string) =>
  (
    await svc.db.query<{ status: string; attempts: number; next_attempt_at: Date; last_error: string | null }>(
      `SELECT status, attempts, next_attempt_at, last_error FROM outbox WHERE item_id = $1 AND kind = 'mail'`,
      [itemId],
    )
  ).rows;
const names = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value.map((v) => `${v.name} <${v.address}>`));

describe('mail copy of notices through the outbox', () => {
  let reference: string;
  let itemId: string;

  it('mails a new request to the DIDECO responsable, with UGDT and the requester in copy', async () => {
    const created = await svc.as('alex.wilber').post('/api/v1/solicitudes', solicitudBody());
    expect(created.status).toBe(201);
    ({ reference, id: itemId } = created.body.item);
    await svc.runJobs();
    expect(await mailRow(itemId)).toMatchObject([{ status: 'entregado', attempts: 1 }]);

    const [m, ...rest] = await mails();
    expect(rest).toHaveLength(0);
    const mail = m as ParsedMail;
    expect(names(mail.from)).toEqual(['Intercambio de Datos <intercambio.datos@quillota.cl>']);
    expect(names(mail.to)).toEqual(['Lynne Robbins <lynne.robbins@quillota.cl>']);
    expect(names(mail.cc)).toEqual([
      'Megan Bowen <megan.bowen@quillota.cl>',
      'Lee Gu <lee.gu@quillota.cl>',
      'Alex Wilber <alex.wilber@quillota.cl>',
    ]);
    expect(mail.subject).toBe('SOL-2026-0001: solicitud de datos de DOM');
    for (const body of [mail.text ?? '', mail.html || '']) {
      expect(body).toContain(detailUrl('SOL-2026-0001'));
      expect(body).toContain('17-09-2026');
      expect(body).toContain('30-09-2026');
      expect(body).toContain('días hábiles');
    }
    expect(mail.text).toContain(`Ver en Intercambio de Datos: ${detailUrl('SOL-2026-0001')}`);
  });

  it('writes no second file when the jobs run again, nor when a delivered row is retried after a crash', async () => {
    await svc.runJobs();
    expect(files()).toHaveLength(1);
    // A crash after sending but before marking the row: it stays claimed, and once the lease runs out the worker
    // delivers it again with the same idempotency key.
    await svc.db.query(
      `UPDATE outbox SET status = 'pendiente', attempts = 0, delivered_at = NULL WHERE item_id = $1 AND kind = 'mail'`,
      [itemId],
    );
    svc.clock.advance(DEFAULT_OUTBOX_OPTIONS.leaseMs + 1_000);
    await svc.runJobs();
    expect(await mailRow(itemId)).toMatchObject([{ status: 'entregado', attempts: 1 }]);
    expect(files()).toHaveLength(1);
    expect(await mailsFor(reference)).toHaveLength(1);
  });

  it('leaves the row pending for a later attempt when the channel fails', async () => {
    failing = true;
    try {
      const created = await svc.as('alex.wilber').post('/api/v1/solicitudes', solicitudBody());
      await svc.runJobs();
      const rows = await mailRow(created.body.item.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        status: 'pendiente',
        attempts: 1,
        last_error: 'Servidor de correo no disponible',
      });
      expect(new Date(rows[0]!.next_attempt_at).getTime()).toBeGreaterThan(svc.clock.now().getTime());
      expect(files()).toHaveLength(1);
    } finally {
      failing = false;
    }
  });

  it('mails the Administradora Municipal and her subrogante during the subrogancia', async () => {
    // Adele Vance subrogates Patti Fernandez from 28-12-2026 to 22-01-2027 (Decreto Alcaldicio N° 4.512/2026).
    svc.clock.set('2027-01-05T13:00:00Z');
    const created = await svc.as('lee.gu').post('/api/v1/convenios', convenioBody());
    expect(created.status).toBe(201);
    await svc.runJobs();
    const [mail, ...rest] = await mailsFor(created.body.item.reference);
    expect(rest).toHaveLength(0);
    expect(names(mail!.to)).toEqual(
      expect.arrayContaining([
        'Patti Fernandez <patti.fernandez@quillota.cl>',
        'Adele Vance <adele.vance@quillota.cl>',
      ]),
    );
    expect(names(mail!.cc)).toEqual(['Lee Gu <lee.gu@quillota.cl>']);
    // Adele is also SECPLAN (in To on her own account); for the role alone, only the period brings her in.
    const admin = (today: string) => resolveRecipients(directory, [role('administrador_municipal')], today);
    expect(admin('2027-01-05').map((p) => p.id)).toEqual(['patti.fernandez', 'adele.vance']);
    expect(admin('2026-09-15').map((p) => p.id)).toEqual(['patti.fernandez']);
  });
});
