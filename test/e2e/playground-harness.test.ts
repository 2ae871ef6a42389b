import { execFileSync } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { BOT, ROOT, TEAM, TENANT_ID } from '../../scripts/playground/lib';
import { echoCard, startEchoBot, type EchoBot } from './support/echo-bot';
import {
  launchChromium,
  openClient,
  startPlaygrounds,
  type PlaygroundClient,
  type PlaygroundHandle,
} from './support/playground';

/**
 * The harness itself, against a tiny echo bot: two personas, each with its own Microsoft 365 Agents Playground
 * and its own browser context. Cards, invokes, proactive messages, the emulated refresh, in-place updates and the
 * team channel, with screenshots in artifacts/e2e/.
 */
let bot: EchoBot;
let playgrounds: PlaygroundHandle[] = [];
let browser: Browser;
let alex: PlaygroundClient; // requester
let lynne: PlaygroundClient; // owner unit (DIDECO)
const CHANNEL = TEAM.channels[0]!;

beforeAll(async () => {
  execFileSync('bash', ['scripts/ensure-chromium.sh'], { cwd: ROOT, stdio: 'inherit' });
  bot = await startEchoBot();
  playgrounds = await startPlaygrounds(['alex.wilber', 'lynne.robbins'], bot.endpoint);
  browser = await launchChromium();
  [alex, lynne] = await Promise.all([openClient(browser, playgrounds[0]!), openClient(browser, playgrounds[1]!)]);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all(playgrounds.map((p) => p.stop()));
  await bot?.stop();
});

const lastMessage = () => bot.activities.filter((a) => a.type === 'message').at(-1)!;

it('personal chat: the card arrives, its inputs are filled and Confirmar replaces it with the answer', async () => {
  await alex.openPersonalChat();
  await alex.send('hola');
  const card = await alex.waitForCard('Eco para Alex Wilber: hola');
  expect(await alex.cardButtons(card)).toEqual(['Confirmar', 'Observar', '… Archivar', '… Marcar leído']);

  const [a] = playgrounds;
  expect(lastMessage()).toMatchObject({
    text: 'hola',
    channelId: 'msteams',
    serviceUrl: a!.serviceUrl,
    from: { id: 'user-id-0', name: 'Alex Wilber', aadObjectId: a!.user.aadObjectId },
    recipient: { id: BOT.id, name: BOT.name },
    conversation: { id: 'a:intercambio-de-datos-alex.wilber', conversationType: 'personal', tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID } },
  });

  await alex.fill(card, 'nota', 'todo en orden');
  await alex.choose(card, 'prioridad', 'urgente');
  const result = await alex.click(card, 'Confirmar');
  expect(result).toMatchObject({ status: 200, body: { type: 'application/vnd.microsoft.card.adaptive' } });
  expect(await card.innerText()).toContain('Confirmado por Alex Wilber: todo en orden (urgente)');
  expect(bot.activities.at(-1)).toMatchObject({
    type: 'invoke',
    name: 'adaptiveCard/action',
    from: { id: 'user-id-0', name: 'Alex Wilber' },
    value: { action: { verb: 'confirmar', data: { texto: 'hola', nota: 'todo en orden', prioridad: 'urgente' } } },
  });
  await alex.screenshot('harness-alex-confirmado');
});

it('Action.ShowCard expands in place and its own Action.Execute sends its inputs', async () => {
  await alex.send('otra');
  const card = await alex.waitForCard('Eco para Alex Wilber: otra');
  expect(await alex.click(card, 'Observar')).toBeUndefined();
  expect(await alex.cardButtons(card)).toEqual([
    'Confirmar',
    'Observar',
    '… Archivar',
    '… Marcar leído',
    'Enviar observación',
  ]);
  await alex.fill(card, 'Observación', 'falta el anexo');
  await alex.choose(card, 'motivo', 'Falta información');
  await alex.screenshot('harness-alex-observar');
  expect((await alex.click(card, 'Enviar observación'))?.status).toBe(200);
  expect(await card.innerText()).toContain('Observación de Alex Wilber: falta el anexo (falta_informacion)');
});

it('the overflow menu: a ShowCard opens its form in the card, an Execute sends its invoke', async () => {
  await alex.send('menú');
  const card = await alex.waitForCard('Eco para Alex Wilber: menú');
  expect(await alex.click(card, 'Archivar')).toBeUndefined();
  await alex.fill(card, 'Motivo del archivo', 'duplicada');
  await alex.screenshot('harness-alex-menu-archivar');
  expect(await alex.click(card, 'Confirmar archivo')).toMatchObject({ status: 200 });
  expect(await card.innerText()).toContain('Acción archivar (manual) de Alex Wilber');
  expect(bot.activities.at(-1)).toMatchObject({ value: { action: { data: { motivoArchivo: 'duplicada' } } } });
  await alex.send('leído');
  const other = await alex.waitForCard('Eco para Alex Wilber: leído');
  expect(await alex.click(other, 'Marcar leído')).toMatchObject({ status: 200 });
  expect(await other.innerText()).toContain('Acción leido (manual) de Alex Wilber');
});

it("the bot's error and text answers to Action.Execute", async () => {
  const actions = ['error', 'mensaje'].map((verb) => ({ type: 'Action.Execute', title: verb, verb }));
  await bot.sendCard(
    { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Respuestas' }], actions },
    {
      aadObjectId: alex.user.aadObjectId,
    },
  );
  const card = await alex.waitForCard('Respuestas');
  // The Playground answers 502 with the bot's answer inside, and shows nothing on the card.
  expect(await alex.click(card, 'error')).toMatchObject({
    status: 502,
    body: { innerHttpError: { statusCode: 400, body: { value: { message: 'Rechazado por el bot' } } } },
  });
  expect(await alex.click(card, 'mensaje')).toMatchObject({ status: 200, body: { value: 'Hecho' } });
  await alex.waitForMessage('Hecho'); // shown under the card, which stays as it was
  expect(await card.innerText()).toContain('Respuestas');
});

it('proactive messages reach Lynne through her own Playground, and only hers; she answers the card', async () => {
  const [a, l] = playgrounds;
  const reference = [...bot.references.values()].find((r) => r.user?.aadObjectId === l!.user.aadObjectId);
  expect(reference).toMatchObject({
    serviceUrl: l!.serviceUrl,
    conversation: { id: 'a:intercambio-de-datos-lynne.robbins' },
  });
  expect(l!.serviceUrl).not.toBe(a!.serviceUrl);

  // The first message of a conversation opened while empty: the case where the Playground drops typed inputs.
  await lynne.openPersonalChat();
  await bot.sendCard(echoCard('solicitud SOL-2026-0001', 'Lynne Robbins'), { aadObjectId: l!.user.aadObjectId });
  await bot.sendProactive('Tiene una solicitud nueva de la DOM', { aadObjectId: l!.user.aadObjectId });
  await lynne.waitForMessage('Tiene una solicitud nueva de la DOM');
  const card = await lynne.waitForCard('Eco para Lynne Robbins: solicitud SOL-2026-0001');
  await lynne.fill(card, 'Nota', 'recibida');
  expect((await lynne.click(card, 'Confirmar'))?.status).toBe(200);
  expect(await card.innerText()).toContain('Confirmado por Lynne Robbins: recibida (normal)');
  expect(bot.activities.at(-1)).toMatchObject({ type: 'invoke', serviceUrl: l!.serviceUrl, from: { id: 'user-id-5' } });
  expect(alex.logs.some((log) => log.displayText?.includes('solicitud nueva'))).toBe(false);
  await lynne.screenshot('harness-lynne-proactivo');
});

it("refresh for Lynne's user id is emulated; updateActivity replaces the card in place", async () => {
  const to = { aadObjectId: playgrounds[1]!.user.aadObjectId };
  const base = (text: string, userIds?: string[]) => ({
    type: 'AdaptiveCard',
    version: '1.5',
    ...(userIds && { refresh: { action: { type: 'Action.Execute', verb: 'refresh', data: { text } }, userIds } }),
    body: [{ type: 'TextBlock', text }],
  });
  const id = await bot.sendCard(base('Vista común', [lynne.user.id]), to);
  await lynne.waitForCard('Acción refresh (automatic) de Lynne Robbins');
  expect(lynne.refreshes).toEqual([expect.objectContaining({ messageId: id, verb: 'refresh', status: 200 })]);
  expect(bot.activities.at(-1)).toMatchObject({ name: 'adaptiveCard/action', from: { id: 'user-id-5' } });
  expect(bot.activities.at(-1)?.value).toMatchObject({ trigger: 'automatic' });

  const before = (await lynne.cards()).length;
  await bot.updateCard(id!, base('Versión 2, sin refresh'), to);
  await lynne.waitForCard('Versión 2, sin refresh');
  expect((await lynne.cards()).length).toBe(before);
  await lynne.screenshot('harness-lynne-actualizada');
});

it('team channel: same channel id for both personas; a post that @mentions the bot gets its card', async () => {
  await alex.openTeamChannel();
  await lynne.openTeamChannel();
  const installs = bot.activities.filter((a) => a.type === 'conversationUpdate' && a.conversation?.id === CHANNEL.id);
  expect(installs.map((a) => a.from?.id)).toEqual(['user-id-0', 'user-id-5']);

  const { postConversationId } = await alex.send('hola canal');
  const card = await alex.waitForCard('Eco para Alex Wilber: hola canal');
  expect(postConversationId).toMatch(new RegExp(`^${CHANNEL.id};messageid=\\d+$`));
  expect(lastMessage()).toMatchObject({
    text: '<at>Intercambio de Datos</at> hola canal',
    conversation: { id: postConversationId, conversationType: 'channel', isGroup: true },
    channelData: { team: { id: TEAM.id }, channel: { id: CHANNEL.id }, tenant: { id: TENANT_ID } },
    entities: expect.arrayContaining([
      expect.objectContaining({ type: 'mention', mentioned: { id: BOT.id, name: BOT.name } }),
    ]),
  });
  await alex.fill(card, 'nota', 'desde el canal');
  expect((await alex.click(card, 'Confirmar'))?.status).toBe(200);
  await alex.reply('y una respuesta');
  await alex.waitForCard('Eco para Alex Wilber: y una respuesta');
  expect(lastMessage().conversation?.id).toBe(postConversationId);
  await alex.screenshot('harness-alex-canal');
});
