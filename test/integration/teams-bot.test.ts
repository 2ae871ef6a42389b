import { startTestService, type TestService } from '../support/service';
import { FakeConnector, cardText, executeVerbs, findAction } from '../support/fake-connector';
import { activityFrom, CHANNEL, executeInvoke, message, postActivity, taskInvoke } from '../support/teams-activity';
import { convenioBody, solicitudBody } from '../support/fixtures';

/**
 * The bot over HTTP as Teams (or the Agents Playground) reaches it: /api/messages in local mode, replies and
 * proactive messages caught by a fake Bot Connector.
 */
let svc: TestService;
let connector: FakeConnector;

beforeAll(async () => {
  connector = await new FakeConnector().start();
  svc = await startTestService('2026-09-15T13:00:00Z', {
    config: { ugdtChannelId: '19:ugdt-solicitudes@thread.tacv2' },
  });
});
afterAll(async () => {
  await svc.close();
  await connector.stop();
});

const send = (personId: string, body: Record<string, unknown>, where: { channel?: boolean } = {}) =>
  postActivity(svc.url, connector.url, personId, body, where);

const auditCount = async (itemId: string, command: string) =>
  (
    await svc.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE item_id = $1 AND command = $2`,
      [itemId, command],
    )
  ).rows[0]!.n;

describe('Teams bot', () => {
  let id: string;
  let reference: string;

  it('answers "ayuda" with the Spanish help card and remembers the conversation', async () => {
    const r = await send('alex.wilber', message('ayuda'));
    expect(r.status).toBe(200);
    const [reply] = connector.cardsIn('personal-alex.wilber');
    expect(cardText(reply!.card)).toMatch(/nueva solicitud/i);
    // Issue 14 §12: it links the tab, at this service's own address.
    expect(JSON.stringify(reply!.card)).toContain(`"selectAction":{"type":"Action.OpenUrl","title":"Abrir la pestaña`);
    expect(JSON.stringify(reply!.card)).toMatch(/"url":"http:\/\/[^"]+\/tab"/);
    const refs = await svc.db.query<{ key: string }>('SELECT key FROM conversation_refs ORDER BY key');
    expect(refs.rows.map((x) => x.key)).toContain('personal:00000000-0000-0000-0000-0000000000020');
  });

  it('keeps personal lists and lookups out of channels: everyone there would read them', async () => {
    for (const text of ['pendientes', 'mis solicitudes', 'SOL-2026-0001']) {
      const r = await send('megan.bowen', message(text), { channel: true });
      expect(r.status).toBe(200);
    }
    const replies = connector.cardsIn(CHANNEL).slice(-3);
    expect(replies).toHaveLength(3);
    for (const reply of replies) expect(cardText(reply.card)).toContain('Por privacidad');
  });

  it('creates a request from the intake form and notifies the owner unit in its personal chat', async () => {
    await send('lynne.robbins', message('hola')); // the owner has the app: her chat is known
    await send('megan.bowen', message('hola'), { channel: true }); // the UGDT channel knows the bot
    const b = solicitudBody();
    const r = await send(
      'alex.wilber',
      executeInvoke('solicitud.crear', {
        ownerUnitId: b.ownerUnitId,
        'dataset.name': b.dataset.name,
        'dataset.fields': b.dataset.fields.join(', '),
        'dataset.period': b.dataset.period,
        'dataset.format': b.dataset.format,
        'dataset.classification.access': b.dataset.classification.access,
        'dataset.classification.privacy': b.dataset.classification.privacy,
        purpose: b.purpose,
        justification: b.justification,
        expectedBenefits: b.expectedBenefits,
        legalBasis: b.legalBasis,
      }),
    );
    expect(r.status).toBe(200);
    expect(r.body.type).toBe('application/vnd.microsoft.card.adaptive');
    const text = cardText(r.body.value);
    reference = /SOL-2026-\d{4}/.exec(text)![0];
    const item = await svc.repo.findByReference(reference);
    id = item!.id;
    // In bar order: what ends the request goes last, in the menu (issue 14 §3).
    expect(executeVerbs(r.body.value)).toEqual(['solicitud.comentar', 'solicitud.cancelar']);

    await svc.runJobs();
    const isItemCard = (c: { card: Record<string, unknown> }) =>
      !!c.card.refresh && cardText(c.card).includes(reference);
    const toOwner = connector.cardsIn('personal-lynne.robbins').filter(isItemCard);
    expect(toOwner).toHaveLength(1);
    expect(executeVerbs(toOwner[0]!.card)).toEqual([
      'solicitud.acusar_recibo',
      'solicitud.entregar',
      'solicitud.indicar_plazo',
      'solicitud.solicitar_prorroga',
      'solicitud.corregir_clasificacion',
      'solicitud.comentar',
      'solicitud.no_disponible',
      'solicitud.rechazar',
    ]);
    const inChannel = connector.cardsIn('19:ugdt-solicitudes@thread.tacv2').filter(isItemCard);
    expect(inChannel).toHaveLength(1);
    expect(executeVerbs(inChannel[0]!.card)).toEqual([]); // the shared copy shows no one's buttons…
    expect((inChannel[0]!.card.refresh as { userIds: string[] }).userIds).toContain('29:lynne.robbins'); // …each refreshes to their own
  });

  // Issue 14 §4: someone who opens the chat after the work started gets one card with what waits for them.
  it('opening the personal chat brings the welcome and one card with what already waits; nothing waits, no card', async () => {
    const install = { type: 'installationUpdate', action: 'add' };
    const before = connector.cardsIn('personal-lynne.robbins').length;
    await send('lynne.robbins', install);
    const cards = connector.cardsIn('personal-lynne.robbins').slice(before);
    expect(cards.map((c) => cardText(c.card).split('\n')[0])).toEqual([
      'Bienvenido(a) a Intercambio de Datos',
      'Tiene 1 trámite pendiente',
    ]);
    expect(cardText(cards[1]!.card)).toContain(reference);
    const quiet = connector.cardsIn('personal-grady.archie').length;
    await send('grady.archie', install);
    expect(connector.cardsIn('personal-grady.archie').slice(quiet)).toHaveLength(1); // the welcome only
  });

  it('the same invoke sent twice at once makes one transition', async () => {
    const click = () => send('lynne.robbins', executeInvoke('solicitud.acusar_recibo', { id, version: 1 }));
    const [a, b] = await Promise.all([click(), click()]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await auditCount(id, 'acusar_recibo')).toBe(1);
    const notes = [cardText(a.body.value), cardText(b.body.value)].filter((t) => t.includes('desactualizada'));
    expect(notes).toHaveLength(1);
  });

  it('an outdated card changes nothing and answers with the current card and a note', async () => {
    const before = (await svc.repo.get(id))!.version;
    const r = await send(
      'lynne.robbins',
      executeInvoke('solicitud.entregar', {
        id,
        version: 1,
        'entregar.note': 'tarde',
        'entregar.link': 'https://x.cl/a',
      }),
    );
    expect(r.body.statusCode).toBe(200);
    expect(cardText(r.body.value)).toContain('Esta tarjeta estaba desactualizada: no se hizo ningún cambio.');
    expect((await svc.repo.get(id))!.version).toBe(before);
  });

  it('a person without the role who clicks in a shared channel gets a refusal card; no transition; the attempt is logged', async () => {
    const version = (await svc.repo.get(id))!.version;
    const r = await send(
      'alex.wilber',
      executeInvoke('solicitud.entregar', {
        id,
        version,
        'entregar.note': 'Yo mismo',
        'entregar.link': 'https://x.cl/b',
      }),
      {
        channel: true,
      },
    );
    expect(r.body.statusCode).toBe(200);
    expect(cardText(r.body.value)).toContain('Solo la unidad dueña del dato puede realizar esta acción.');
    expect((await svc.repo.get(id))!.version).toBe(version);
    const denied = await svc.db.query<{ actor_id: string; command: string; code: string }>(
      'SELECT actor_id, command, code FROM denied_attempts WHERE item_id = $1',
      [id],
    );
    expect(denied.rows).toEqual([{ actor_id: 'alex.wilber', command: 'solicitud.entregar', code: 'NO_AUTORIZADO' }]);
  });

  it('a state change updates every posted card of the item in place', async () => {
    const stale = await svc.db.query<{ activity_id: string }>(
      'SELECT p.activity_id FROM posted_cards p JOIN items i ON i.id = p.item_id WHERE p.item_id = $1 AND p.shown_version < i.version',
      [id],
    );
    expect(stale.rows.length).toBeGreaterThan(0); // at least the UGDT channel copy and Lynne's first notice
    const before = connector.calls.filter((c) => c.method === 'PUT').length;
    await svc.runJobs();
    const puts = connector.calls.filter((c) => c.method === 'PUT').slice(before);
    expect(puts.map((p) => p.activityId).sort()).toEqual(stale.rows.map((p) => p.activity_id).sort());
    for (const p of puts) expect(cardText(p.activity.attachments![0]!.content)).toContain('Recibida');
    const after = await svc.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM posted_cards p JOIN items i ON i.id = p.item_id WHERE p.item_id = $1 AND p.shown_version < i.version',
      [id],
    );
    expect(after.rows[0]!.n).toBe(0);
  });

  it('honours 429 from Teams with Retry-After and still delivers once', async () => {
    const version = (await svc.repo.get(id))!.version;
    await send(
      'lynne.robbins',
      executeInvoke('solicitud.comentar', { id, version, 'comentar.text': 'Estamos preparando la planilla' }),
    );
    connector.throttle(2);
    const before = connector.calls.length;
    await svc.runJobs();
    const toAlex = connector.calls
      .slice(before)
      .filter((c) => c.method === 'POST' && c.conversationId === 'personal-alex.wilber');
    expect(toAlex).toHaveLength(1);
  });

  it('errors answer with a Spanish card, never a stack trace', async () => {
    const r = await send('alex.wilber', executeInvoke('solicitud.crear', { ownerUnitId: 'dideco' }));
    const text = cardText(r.body.value);
    expect(text).toMatch(/falta|obligatorio/);
    expect(text).not.toMatch(/at .*\.ts:\d+|Error:|undefined/);
  });

  // Issue 14 §1: a refused form comes back with what was typed and the reason under the field; nothing changes.
  it('a refused intake form comes back filled, the reason beside the field, and nothing is created', async () => {
    const count = async () => (await svc.db.query<{ n: number }>('SELECT count(*)::int AS n FROM items')).rows[0]!.n;
    const before = await count();
    const r = await send(
      'alex.wilber',
      executeInvoke('solicitud.crear', { ownerUnitId: 'dideco', 'dataset.name': 'Padrón de ferias libres' }),
    );
    const card = r.body.value as Record<string, unknown>;
    const json = JSON.stringify(card);
    expect(json).toContain('"id":"dataset.name"');
    expect(json).toMatch(/"id":"dataset\.name","label":"[^"]+",[^}]*"value":"Padrón de ferias libres"/);
    expect(json).toMatch(/"id":"purpose\.error"/); // the reason sits under the purpose the person left empty
    const text = cardText(card);
    expect(text).toContain('No se pudo enviar la solicitud');
    expect(text).toContain('Lo que escribió sigue en el formulario.');
    expect(text).not.toMatch(/\b(dataset|purpose|ownerUnitId)\b/);
    expect(await count()).toBe(before);
  });

  it('a refused step form comes back open with what was typed; the item does not change', async () => {
    const item = (await svc.repo.get(id))!;
    const r = await send(
      'lynne.robbins',
      executeInvoke('solicitud.entregar', {
        id,
        version: item.version,
        'entregar.link': 'ftp://servidor/ferias.xlsx',
        'entregar.note': 'Planilla con los puestos por feria',
      }),
    );
    const json = JSON.stringify(r.body.value);
    expect(json).toContain('"value":"Planilla con los puestos por feria"');
    expect(json).toContain('"value":"ftp://servidor/ferias.xlsx"');
    expect(json).toContain('"id":"entregar.link.error"');
    expect(cardText(r.body.value)).toContain('No se pudo completar «Entregar»');
    expect((await svc.repo.get(id))!.version).toBe(item.version);
    expect(await auditCount(id, 'entregar')).toBe(0);
  });

  it('someone outside the directory is told so, in Spanish, and nothing changes', async () => {
    const activity = {
      ...activityFrom(
        'alex.wilber',
        connector.url,
        executeInvoke('solicitud.cancelar', { id, version: 1, 'cancelar.reason': 'x y z' }),
      ),
      from: { id: '29:externo', name: 'Persona Externa', aadObjectId: '99999999-9999-9999-9999-999999999999' },
    };
    const r = await fetch(`${svc.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const body = (await r.json()) as { value: unknown };
    expect(cardText(body.value)).toContain('Su cuenta no figura en el directorio de Intercambio de Datos.');
  });

  // Issue 14 §1: the long forms open as a Teams dialog showing the tab's form; the card keeps the short path.
  it("«Formulario completo» opens the tab's form in a Teams dialog; its result posts the new item's card in the chat", async () => {
    await send('adele.vance', message('nuevo convenio'));
    const intake = connector.cardsIn('personal-adele.vance').at(-1)!.card;
    const dialogButton = (intake.actions as { type: string; title: string; data?: unknown }[]).find(
      (a) => a.title === 'Formulario completo',
    );
    expect(dialogButton).toEqual({
      type: 'Action.Submit',
      title: 'Formulario completo',
      data: { msteams: { type: 'task/fetch' }, dialogo: 'nuevo-convenio' },
    });
    const fetched = await send('adele.vance', taskInvoke('task/fetch', dialogButton!.data));
    expect(fetched.status).toBe(200);
    expect(fetched.body.task).toMatchObject({
      type: 'continue',
      value: {
        title: 'Nuevo convenio de uso compartido de datos',
        url: expect.stringMatching(/\/tab\/nuevo-convenio\?dialogo=1$/),
        height: 'large',
        width: 'large',
      },
    });
    expect((await send('adele.vance', taskInvoke('task/fetch', { dialogo: '../admin' }))).body.task).toEqual({
      type: 'message',
      value: 'No reconozco ese formulario.',
    });
    expect((await send('adele.vance', { type: 'invoke', name: 'task/fetch', value: {} })).status).toBe(400);

    // The tab's form created the convenio and handed its reference back (dialog.url.submit).
    const created = await svc.as('adele.vance').post('/api/v1/convenios', convenioBody());
    expect(created.status).toBe(201);
    const reference = created.body.item.reference as string;
    const before = connector.cardsIn('personal-adele.vance').length;
    const submitted = await send('adele.vance', taskInvoke('task/submit', { reference }));
    expect(submitted.status).toBe(200);
    const posted = connector.cardsIn('personal-adele.vance').slice(before);
    expect(posted).toHaveLength(1);
    expect(cardText(posted[0]!.card)).toContain(reference);
    const tracked = await svc.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM posted_cards p JOIN items i ON i.id = p.item_id WHERE i.reference = $1`,
      [reference],
    );
    expect(tracked.rows[0]!.n).toBeGreaterThan(0); // kept in step with later changes
    // Someone who may not read it gets a word, not its card.
    const other = connector.cardsIn('personal-grady.archie').length;
    const refused = await send('grady.archie', taskInvoke('task/submit', { reference }));
    expect(refused.body.task.type).toBe('message');
    expect(connector.cardsIn('personal-grady.archie').slice(other)).toHaveLength(0);
  });

  // Issue 15: a card cannot carry a file, so «Entregar» opens the tab's upload form as a dialog over the chat.
  it("«Subir archivos…» on the owner unit's Entregar opens the request's detail as a dialog, the form open", async () => {
    await send('lynne.robbins', message('hola'));
    const created = await svc.as('alex.wilber').post('/api/v1/solicitudes', solicitudBody());
    expect(created.status).toBe(201);
    const reference = created.body.item.reference as string;
    await svc.runJobs();
    const card = connector.cardsIn('personal-lynne.robbins').at(-1)!.card;
    // The button sits inside the Entregar form (a ShowCard).
    const button = findAction(card, 'Subir archivos…')!;
    expect(button).toEqual({
      type: 'Action.Submit',
      title: 'Subir archivos…',
      data: { msteams: { type: 'task/fetch' }, dialogo: 'entregar', referencia: reference },
    });
    const fetched = await send('lynne.robbins', taskInvoke('task/fetch', button.data));
    expect(fetched.body.task).toMatchObject({
      type: 'continue',
      value: {
        title: `Entregar los datos de ${reference}`,
        url: expect.stringMatching(new RegExp(`/detalle/solicitudes/${reference}\\?dialogo=1&paso=entregar$`)),
      },
    });
    // Only a request's reference: anything else is not a dialog.
    for (const referencia of ['CONV-2026-0001', '../../admin', 42])
      expect(
        (await send('lynne.robbins', taskInvoke('task/fetch', { dialogo: 'entregar', referencia }))).body.task,
      ).toEqual({
        type: 'message',
        value: 'No reconozco ese formulario.',
      });
    // Done in the dialog: the card already in the chat is updated in place, nothing new is posted.
    const before = connector.cardsIn('personal-lynne.robbins').length;
    const submitted = await send('lynne.robbins', taskInvoke('task/submit', { reference, paso: 'entregar' }));
    expect(submitted.status).toBe(200);
    expect(connector.cardsIn('personal-lynne.robbins')).toHaveLength(before);
  });
});
