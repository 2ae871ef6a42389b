import { startTestService, type TestService } from '../support/service';
import { FakeConnector, cardText, executeVerbs } from '../support/fake-connector';
import { executeInvoke, message, postActivity } from '../support/teams-activity';
import { solicitudBody } from '../support/fixtures';

/**
 * Issue 14 §4, quiet notifications: a second notice of an item updates the card already in the person's chat and
 * adds one line; the expiries of the day reach the UGDT as one digest card per working day, whose «Recordar a todas»
 * reminds each owner unit through its own audited transition.
 */
let svc: TestService;
let connector: FakeConnector;

// Tuesday 15-09-2026, 10:00 in Quillota.
const START = '2026-09-15T13:00:00Z';

beforeAll(async () => {
  connector = await new FakeConnector().start();
  svc = await startTestService(START);
});
afterAll(async () => {
  await svc.close();
  await connector.stop();
});

const send = (personId: string, body: Record<string, unknown>) => postActivity(svc.url, connector.url, personId, body);

const chat = (personId: string) => `personal-${personId}`;
const posts = (personId: string) =>
  connector.calls.filter((c) => c.method === 'POST' && c.conversationId === chat(personId));
const cardsAbout = (personId: string, reference: string) =>
  connector
    .cardsIn(chat(personId))
    .filter((c) => c.call.method === 'POST' && !!c.card.refresh && cardText(c.card).includes(reference));
const digestsOf = (personId: string) =>
  connector.cardsIn(chat(personId)).filter((c) => cardText(c.card).startsWith('Resumen diario de la UGDT'));

/** The card's buttons (its rows open items with «abrir»). */
const buttons = (card: unknown) => executeVerbs(card).filter((v) => v !== 'abrir');

async function runJobsUntilQuiet() {
  for (let i = 0; i < 10; i++) {
    const r = await svc.runJobs();
    if (!r.fired && !r.delivered && !r.digests) return;
  }
}

describe('quiet notifications', () => {
  const refs: Record<string, string> = {};

  beforeAll(async () => {
    for (const p of ['lynne.robbins', 'diego.siciliani', 'johanna.lorenz', 'megan.bowen', 'lee.gu', 'alex.wilber'])
      await send(p, message('hola')); // everyone has the app: their chats are known
    for (const unit of ['dideco', 'salud', 'educacion']) {
      const r = await svc.as('alex.wilber').post('/api/v1/solicitudes', solicitudBody({ ownerUnitId: unit }));
      expect(r.status).toBe(201);
      refs[unit] = (r.body as { item: { reference: string } }).item.reference;
    }
    await runJobsUntilQuiet();
  });

  it('a second notice of the same request updates its card in place and adds one line of text', async () => {
    const ref = refs.dideco!;
    expect(cardsAbout('lynne.robbins', ref)).toHaveLength(1);
    const item = (await svc.repo.findByReference(ref))!;
    const before = connector.calls.length;
    const r = await svc.as('alex.wilber').post(`/api/v1/solicitudes/${ref}/comandos`, {
      type: 'comentar',
      text: 'Agrego el sector *Norte*',
      expectedVersion: item.version,
    });
    expect(r.status).toBe(200);
    await runJobsUntilQuiet();
    const mine = connector.calls.slice(before).filter((c) => c.conversationId === chat('lynne.robbins'));
    expect(mine.filter((c) => c.method === 'POST' && c.activity.attachments?.length)).toHaveLength(0);
    const [line] = mine.filter((c) => c.method === 'POST');
    expect(line!.activity.text).toMatch(new RegExp(`^${ref}: .+ Su tarjeta de este trámite, más arriba`));
    expect(line!.activity).toMatchObject({ textFormat: 'plain' }); // the requester's words stay words
    expect(line!.activity.text!.split('\n')).toHaveLength(1);
    const update = mine.find((c) => c.method === 'PUT')!;
    expect(update.activityId).toBe(cardsAbout('lynne.robbins', ref)[0]!.call.activityId);
    expect(cardText(update.activity.attachments![0]!.content)).toContain('Agrego el sector');
  });

  it('reminders and expiries of both deadlines leave one card per request in the owner’s chat; the UGDT gets no card per expiry', async () => {
    const ugdtBefore = posts('megan.bowen').length;
    // Past both deadlines (acknowledgment and answer), before the digest's hour: Friday 30-10-2026, 07:00.
    svc.clock.set('2026-10-30T10:00:00Z');
    await runJobsUntilQuiet();
    const overdue = await svc.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE command = 'marcar_vencida'`,
    );
    expect(overdue.rows[0]!.n).toBeGreaterThanOrEqual(3);
    for (const [unit, person] of [
      ['dideco', 'lynne.robbins'],
      ['salud', 'diego.siciliani'],
      ['educacion', 'johanna.lorenz'],
    ] as const)
      expect(cardsAbout(person, refs[unit]!)).toHaveLength(1);
    expect(posts('megan.bowen').slice(ugdtBefore)).toHaveLength(0);
    expect(digestsOf('megan.bowen')).toHaveLength(0); // 07:00: not yet
  });

  it('from 08:30 on a working day each UGDT member gets one digest, counted by unit, once', async () => {
    svc.clock.set('2026-10-30T11:45:00Z'); // 08:45
    await runJobsUntilQuiet();
    await runJobsUntilQuiet();
    for (const p of ['megan.bowen', 'lee.gu']) {
      const digests = digestsOf(p);
      expect(digests).toHaveLength(1);
      const text = cardText(digests[0]!.card);
      expect(text).toContain('Resumen diario de la UGDT, 30-10-2026');
      expect(text).toContain('3 solicitudes vencidas: DAEM 1, DIDECO 1, Salud 1.');
      for (const ref of Object.values(refs)) expect(text).toContain(ref);
      expect(buttons(digests[0]!.card)).toEqual(['ugdt.recordar_vencidas']);
      expect(JSON.stringify(digests[0]!.card)).toContain('/tab/lista?vencidas=true');
    }
    // Not to anyone else, and a holiday or weekend has none: Saturday 31-10-2026.
    expect(digestsOf('lynne.robbins')).toHaveLength(0);
    svc.clock.set('2026-10-31T12:00:00Z');
    await runJobsUntilQuiet();
    expect(digestsOf('megan.bowen')).toHaveLength(1);
  });

  it('«Recordar a todas» reminds each request once, audited one by one, and lists what it could not', async () => {
    svc.clock.set('2026-10-30T12:00:00Z');
    // The requester withdraws one before the click: it can no longer be reminded.
    const salud = (await svc.repo.findByReference(refs.salud!))!;
    const cancel = await svc.as('alex.wilber').post(`/api/v1/solicitudes/${refs.salud}/comandos`, {
      type: 'cancelar',
      reason: 'Ya no se necesita',
      expectedVersion: salud.version,
    });
    expect(cancel.status).toBe(200);
    const digest = digestsOf('megan.bowen')[0]!;
    const data = (digest.card.actions as { data: Record<string, unknown> }[])[0]!.data;
    const r = await send('megan.bowen', executeInvoke('ugdt.recordar_vencidas', data, digest.call.activityId));
    expect(r.status).toBe(200);
    const text = cardText(r.body.value);
    expect(text).toContain('Se enviaron los recordatorios de 2 solicitudes.');
    expect(text).toContain('No se pudo enviar el recordatorio de 1 solicitud:');
    expect(text).toContain(`${refs.salud}:`);
    expect(buttons(r.body.value)).toEqual([]); // no second click
    const audited = await svc.db.query<{ reference: string; n: number }>(
      `SELECT i.reference, count(*)::int AS n FROM audit_events e JOIN items i ON i.id = e.item_id
        WHERE e.command = 'recordar' GROUP BY i.reference ORDER BY i.reference`,
    );
    expect(audited.rows).toEqual([refs.dideco!, refs.educacion!].sort().map((reference) => ({ reference, n: 1 })));
    // The owners hear of it on their one card, updated, plus a line.
    const before = connector.calls.length;
    await runJobsUntilQuiet();
    const toLynne = connector.calls.slice(before).filter((c) => c.conversationId === chat('lynne.robbins'));
    expect(toLynne.filter((c) => c.method === 'POST').map((c) => c.activity.text)).toEqual([
      expect.stringMatching(new RegExp(`^${refs.dideco}: `)),
    ]);
  });

  it('someone who is not UGDT gets a refusal for each request, and nothing changes', async () => {
    const r = await send(
      'lynne.robbins',
      executeInvoke('ugdt.recordar_vencidas', { day: '2026-10-30', references: [refs.educacion, 'SOL-2026-9999'] }),
    );
    expect(r.status).toBe(200);
    const text = cardText(r.body.value);
    expect(text).toContain('No se envió ningún recordatorio.');
    expect(text).toContain('SOL-2026-9999');
    const n = await svc.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE command = 'recordar'`,
    );
    expect(n.rows[0]!.n).toBe(2);
  });
});
