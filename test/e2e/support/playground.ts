import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page, type Request } from 'playwright-core';
import * as lib from '../../../scripts/playground/lib';
import type { PlaygroundHandle, PlaygroundUser } from '../../../scripts/playground/lib';
import {
  type CardInfo,
  type RefreshRecord,
  describeCards,
  emulateRefresh,
  tagCardInputs,
  twoFrames,
  until,
} from './playground-page';

/**
 * Browser harness over Microsoft 365 Agents Playground 0.2.x: one Playground per persona, one browser context
 * per client. What the web client is, as checked on the running UI: React + Fluent UI v9; Adaptive Cards through
 * the adaptivecards library but with Fluent renderers, so there is no `.ac-input`/`.ac-pushButton`. A card is
 * `.ac-preview-panel > .ac-adaptiveCard`; an input is a Fluent `<input>`/`<textarea>`/combobox labelled by the
 * card's `label`; an action is a `<button>` (Action.OpenUrl: role link) whose aria-label is the title, wrapping
 * `.ac-pushButton-content`, and ShowCard buttons carry `aria-expanded`. Card ids are not in the DOM: the harness
 * reads them from React's props. Chat messages are `div`s holding `[aria-label="Message header"]`; a channel post
 * with its replies is a `.fui-Card`. The composer is a Lexical editor.
 */
export type { CardInfo, PlaygroundHandle, PlaygroundUser, RefreshRecord };
const ARTIFACTS = join(lib.ROOT, 'artifacts', 'e2e');
const CARD = '.ac-preview-panel > .ac-adaptiveCard';
const ACTION = ':is(button, [role=link]):has(.ac-pushButton-content)';
/** The Playground's overflow button (its tooltip, in English as the Playground is). */
const OVERFLOW = 'More options';
const INVOKE = /\/_conversation\/v1\/(invoke|submit)$/;
const MESSAGES = /\/_conversation\/v1\/conversations\/.+\/messages$/;

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });

/** One Playground per persona on free ports; configs and logs in a temporary folder removed by the last stop(). */
export async function startPlaygrounds(personas: string[], botEndpoint: string): Promise<PlaygroundHandle[]> {
  const dir = mkdtempSync(join(tmpdir(), 'idd-playground-'));
  const handles = await lib.startPlaygrounds(personas, { botEndpoint, basePort: 0, dir }).catch((e: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  });
  let running = handles.length;
  return handles.map((h) => ({
    ...h,
    stop: async () => {
      await h.stop();
      if (--running === 0) rmSync(dir, { recursive: true, force: true });
    },
  }));
}

export interface InvokeResult {
  /** 200, or 502 when the bot answered an error (the bot's own answer is then in body.innerHttpError). */
  status: number;
  /** The Playground's answer to the client: `{ type, value }` of the bot's invoke response. */
  body: { type?: string; value?: unknown; innerHttpError?: { statusCode: number; body: unknown } } | undefined;
}
export interface PlaygroundLog {
  level?: string;
  displayText?: string;
  activityName?: string;
  conversationId?: string;
  statusCode?: number;
}
export interface ClientOptions {
  /**
   * The Playground ignores `refresh` (it warns "User specific view is not supported yet"). Teams sends the bot an
   * `adaptiveCard/action` invoke with `trigger: 'automatic'` when it shows a card whose `refresh.userIds` holds
   * the user's Teams id (the MRI, activity.from.id; here `user-id-N`), or for everyone when `userIds` is absent
   * (not when it is []), and shows the card the bot answers. The harness does that for every card the bot
   * creates or updates. 'mri-or-aad' also accepts the aadObjectId, which Teams does not document. Default 'mri'.
   */
  emulateRefresh?: false | 'mri' | 'mri-or-aad';
  viewport?: { width: number; height: number };
  timeoutMs?: number;
}
export interface PlaygroundClient {
  page: Page;
  context: BrowserContext;
  url: string;
  user: PlaygroundUser;
  /** The Playground's log panel: activities with their status, warnings about unsupported features. */
  logs: PlaygroundLog[];
  refreshes: RefreshRecord[];
  openPersonalChat(): Promise<void>;
  openGroupChat(): Promise<void>;
  openTeamChannel(channelName?: string): Promise<void>;
  /** Personal chat: a message. Group chat, channel (a new post): @mentions the bot first unless mention=false. */
  send(text: string, opts?: { mention?: boolean }): Promise<{ messageId: string; postConversationId?: string }>;
  /** Channel: a reply in the latest post's thread, @mentioning the bot unless mention=false. */
  reply(text: string, opts?: { mention?: boolean }): Promise<{ messageId: string }>;
  /** The latest message (chat) or post (channel) containing the text. */
  waitForMessage(text: string | RegExp, opts?: { timeoutMs?: number }): Promise<Locator>;
  /** The latest top-level card matching. The locator is positional: it still finds the card once replaced. */
  waitForCard(match: string | RegExp | ((card: CardInfo) => boolean), opts?: { timeoutMs?: number }): Promise<Locator>;
  cards(): Promise<CardInfo[]>;
  /**
   * The buttons in view, in order; the overflow menu ("More options", actions with `mode: secondary`) is opened
   * and each of its items listed in its place as `… Título`.
   */
  cardButtons(card: Locator): Promise<string[]>;
  /**
   * Clicks an action. Action.Execute/Submit: resolves with the invoke's answer once the client has shown it. When
   * an expanded Action.ShowCard and the submit inside it share the title ("Entregar" opens the form and sends it),
   * the submit is clicked. An action not in view is chosen from the overflow menu.
   */
  click(card: Locator, title: string): Promise<InvokeResult | undefined>;
  /**
   * Hovers the card first, as a user's mouse does: the Playground rebuilds a card on its first hover when it is
   * the first message of a conversation opened while empty, and the rebuild drops what was typed before it. (Any
   * new message in the conversation rebuilds every card too: fill, then click, with nothing arriving in between.)
   */
  fill(card: Locator, inputIdOrLabel: string, value: string): Promise<void>;
  /** Input.ChoiceSet (any style) by id; `value` is a choice's value or title. Multi-select: adds it. */
  choose(card: Locator, inputId: string, value: string): Promise<void>;
  /** Input.Toggle by id: switches it on (or off with on=false). */
  toggle(card: Locator, inputId: string, on?: boolean): Promise<void>;
  /** Saves artifacts/e2e/<name>.png and returns its path; `focus` is scrolled into view first (e.g. a card). */
  screenshot(name: string, focus?: Locator): Promise<string>;
  close(): Promise<void>;
}

/**
 * Opens a persona's client in a browser context of its own: pages sharing a context share one window, and
 * Chromium runs requestAnimationFrame at ~1 fps in the pages behind, so every Playwright action there waits ~2 s.
 * Resolves once the client's installationUpdate and conversationUpdate for the personal chat reached the bot.
 */
export async function openClient(browser: Browser, target: PlaygroundHandle, opts: ClientOptions = {}) {
  const { url, user } = target;
  const timeout = opts.timeoutMs ?? 20_000;
  const config = lib.buildConfig(lib.loadDirectory(), target.personId);
  const context = await browser.newContext({ viewport: opts.viewport ?? { width: 1400, height: 900 } });
  context.setDefaultTimeout(timeout);
  const page = await context.newPage();
  const logs: PlaygroundLog[] = [];
  const refreshes: RefreshRecord[] = [];
  page.on('websocket', (ws) => {
    if (ws.url().includes('/_ws/log/'))
      ws.on('framereceived', ({ payload }) => {
        const log = (JSON.parse(String(payload)) as { log?: Record<string, unknown> & PlaygroundLog }).log;
        const response = log?.response as { statusCode?: number } | undefined;
        if (log) logs.push({ ...pick(log), statusCode: response?.statusCode });
      });
  });
  if (opts.emulateRefresh !== false) await emulateRefresh(page, url, user, opts.emulateRefresh || 'mri', refreshes);

  // Opening a conversation for the first time installs the app there (installationUpdate + conversationUpdate).
  const installed = new Set<string>();
  const install = async (conversationId: string) => {
    if (installed.has(conversationId)) return;
    const done = () => logs.some((l) => l.activityName === 'conversationUpdate' && l.conversationId === conversationId);
    await until(done, timeout, `la conversationUpdate de ${conversationId} no llegó al bot (¿está arriba?)`);
    installed.add(conversationId);
  };
  let view: 'personal' | 'group' | 'channel' = 'personal';
  const open = async (name: string, conversationId: string, kind: typeof view) => {
    await page.getByRole('treeitem', { name, exact: true }).click();
    view = kind;
    await install(conversationId);
  };
  // Not 'load': that waits for every subresource, and one the Playground asks of a host an offline runner cannot
  // reach may hang past the timeout (seen in full e2e runs). The chat list appearing is what matters.
  // A fresh Playground's first answer can take over 20 s in a full run (eight of them and Chromium starting at
  // once): a longer first wait, then one more try, before the chat list must show.
  const load = () => page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await load().catch(load);
  const chats = page.getByRole('treeitem', { name: 'Personal Chat' });
  await chats.waitFor({ timeout: 60_000 }).catch(async () => {
    await page.reload({ waitUntil: 'domcontentloaded', timeout: 60_000 });
    await chats.waitFor();
  });
  await install(config.personalChat.id);

  const write = async (editor: Locator, text: string, mention: boolean) => {
    await editor.click();
    if (mention) {
      await editor.pressSequentially(`@${config.bot.name.slice(0, 5)}`);
      await page.getByRole('menuitem', { name: config.bot.name }).first().click();
      await editor.pressSequentially(' ');
    }
    await editor.pressSequentially(text);
  };
  const posted = async (action: () => Promise<void>) => {
    const isPost = (r: { request(): Request; url(): string }) =>
      r.request().method() === 'POST' && MESSAGES.test(r.url());
    const [res] = await Promise.all([page.waitForResponse(isPost), action()]);
    if (!res.ok()) throw new Error(`el Playground rechazó el mensaje: ${res.status()} ${await res.text()}`);
    return (await res.json()) as { messageId: string; postConversationId?: string };
  };
  const postComposer = page
    .locator('.fui-Card')
    .filter({ has: page.getByRole('button', { name: 'Post', exact: true }) });
  const messages = page
    .locator('div:has(> [aria-label="Message header"])')
    .or(
      page.locator('.fui-Card[role=group]').filter({ hasNot: page.getByRole('button', { name: 'Post', exact: true }) }),
    );
  const action = (card: Locator, title: string) =>
    card
      .locator(ACTION)
      .filter({ visible: true })
      .and(
        card.getByRole('button', { name: title, exact: true }).or(card.getByRole('link', { name: title, exact: true })),
      );
  // The overflow menu of a card's bar: a Fluent menu button whose items are the `mode: secondary` actions.
  const overflow = (card: Locator) =>
    card.getByRole('button', { name: OVERFLOW, exact: true }).filter({ visible: true });
  const withMenu = async <T>(card: Locator, read: (menu: Locator) => Promise<T>): Promise<T> => {
    await overflow(card).first().click();
    const menu = page.getByRole('menu').filter({ visible: true }).last();
    await menu.waitFor({ timeout });
    try {
      return await read(menu);
    } finally {
      if (await menu.isVisible()) await page.keyboard.press('Escape');
      await menu.waitFor({ state: 'hidden', timeout }).catch(() => undefined);
    }
  };
  /** Chooses `title` in the overflow menu: an Execute sends its invoke; a ShowCard opens its form in the card. */
  const fromMenu = async (card: Locator, title: string): Promise<InvokeResult | undefined> => {
    let request: Request | undefined;
    const onRequest = (r: Request) => void (INVOKE.test(r.url()) && (request ??= r));
    const before = (await card.locator(ACTION).filter({ visible: true }).count()) as number;
    page.on('request', onRequest);
    try {
      await overflow(card).first().click();
      const item = page.getByRole('menuitem', { name: title, exact: true }).filter({ visible: true });
      const opensForm = (await item.locator('.expandable').count()) > 0;
      await item.click();
      if (opensForm)
        await until(
          async () => (await card.locator(ACTION).filter({ visible: true }).count()) !== before,
          timeout,
          `${title} no abrió su formulario`,
        );
      else await until(() => request !== undefined, timeout, `${title} no envió nada`);
    } finally {
      page.off('request', onRequest);
    }
    if (!request) return undefined;
    return answerOf(card, request);
  };
  /** The invoke's answer, once the client has shown it. */
  const answerOf = async (card: Locator, request: Request): Promise<InvokeResult> => {
    const response = await request.response();
    const text = (await response?.text()) ?? '';
    const progress = card.locator('xpath=ancestor::*[contains(@class,"fai-OutputCard")][1]').getByRole('progressbar');
    await progress.waitFor({ state: 'hidden', timeout: 2000 }).catch(() => undefined);
    await page.evaluate(twoFrames);
    return { status: response?.status() ?? 0, body: text ? (JSON.parse(text) as InvokeResult['body']) : undefined };
  };
  const input = async (card: Locator, idOrLabel: string) => {
    await card.hover(); // see the note on fill()
    await card.evaluate(tagCardInputs);
    const candidates = [
      card.locator(`[data-ac-id="${idOrLabel}"]`),
      card.getByLabel(idOrLabel, { exact: true }),
      card.getByPlaceholder(idOrLabel, { exact: true }),
    ];
    for (const candidate of candidates) if ((await candidate.count()) > 0) return candidate;
    throw new Error(`la tarjeta no tiene el campo "${idOrLabel}"`);
  };
  const cards = (): Promise<CardInfo[]> => page.evaluate(describeCards, CARD);

  const client: PlaygroundClient = {
    page,
    context,
    url,
    user,
    logs,
    refreshes,
    openPersonalChat: () => open('Personal Chat', config.personalChat.id, 'personal'),
    openGroupChat: () => open(config.groupChat.name, config.groupChat.id, 'group'),
    openTeamChannel: (name = config.team.channels[0]!.name) =>
      open(
        `${config.team.name} - ${name}`,
        config.team.channels.find((c) => c.name === name)?.id ?? config.team.id,
        'channel',
      ),
    send: (text, { mention = view !== 'personal' } = {}) =>
      posted(async () => {
        if (view === 'channel') {
          await write(postComposer.locator('[data-lexical-editor]'), text, mention);
          await postComposer.getByRole('button', { name: 'Post', exact: true }).click();
        } else {
          await write(page.locator('[data-lexical-editor]').first(), text, mention);
          await page.keyboard.press('Enter');
        }
      }),
    async reply(text, { mention = true } = {}) {
      if (view !== 'channel') throw new Error('reply() responde en el hilo de la última publicación de un canal');
      return posted(async () => {
        await write(page.locator('[data-lexical-editor]').last(), text, mention);
        await page.keyboard.press('Enter');
      });
    },
    async waitForMessage(text, { timeoutMs = timeout } = {}) {
      const message = messages.filter({ hasText: text }).last();
      await message.waitFor({ timeout: timeoutMs });
      return message;
    },
    async waitForCard(match, { timeoutMs = timeout } = {}) {
      const test =
        typeof match === 'function'
          ? match
          : (c: CardInfo) => (typeof match === 'string' ? c.text.includes(match) : match.test(c.text));
      let found: CardInfo | undefined;
      const matched = async () => (found = (await cards()).filter(test).at(-1)) !== undefined;
      await until(matched, timeoutMs, `ninguna tarjeta coincide con ${String(match)}`);
      return page.locator(CARD).nth(found!.index);
    },
    cards,
    async cardButtons(card) {
      const titles = await card
        .locator(ACTION)
        .filter({ visible: true })
        .evaluateAll((els) => els.map((b) => b.getAttribute('aria-label') ?? b.textContent?.trim() ?? ''));
      const at = titles.indexOf(OVERFLOW);
      if (at < 0) return titles;
      const items = await withMenu(card, (menu) => menu.getByRole('menuitem').allInnerTexts());
      return [...titles.slice(0, at), ...items.map((t) => `… ${t.trim()}`), ...titles.slice(at + 1)];
    },
    async click(card, title) {
      const matches = action(card, title);
      if ((await matches.count()) === 0 && (await overflow(card).count()) > 0) return fromMenu(card, title);
      const button =
        (await matches.count()) > 1 ? matches.and(card.locator(`${ACTION}:not([aria-expanded])`)) : matches;
      const expanded = await button.getAttribute('aria-expanded');
      // Once a ShowCard opens, its submit of the same title becomes visible too: follow the toggle alone.
      const toggle = matches.and(card.locator(`${ACTION}[aria-expanded]`));
      let request: Request | undefined;
      const onRequest = (r: Request) => void (INVOKE.test(r.url()) && (request ??= r));
      page.on('request', onRequest);
      try {
        await button.click();
        // Nothing is sent for ShowCard or OpenUrl, nor when a required input is empty (the card shows its error).
        await until(() => request !== undefined, expanded === null ? 1000 : 0, '').catch(() => undefined);
      } finally {
        page.off('request', onRequest);
      }
      if (expanded !== null)
        await until(
          async () => (await toggle.getAttribute('aria-expanded')) !== expanded,
          timeout,
          `${title} no cambió`,
        );
      if (!request) return undefined;
      return answerOf(card, request);
    },
    async fill(card, inputIdOrLabel, value) {
      await (await input(card, inputIdOrLabel)).first().fill(value);
    },
    async choose(card, inputId, value) {
      const choice = (await card.evaluate(tagCardInputs))[inputId]?.find((c) => c.value === value || c.title === value);
      if (!choice) throw new Error(`el campo "${inputId}" no tiene la opción "${value}"`);
      const tagged = await input(card, inputId);
      const role = await tagged.first().getAttribute('role');
      const name = { name: choice.title, exact: true };
      if (role === 'combobox') {
        await tagged.first().click();
        // Single choice: a listbox that closes itself; multi-select: a menu of checkboxes that stays open.
        const option = page.getByRole('option', name).or(page.getByRole('menuitemcheckbox', name));
        const multi = (await option.getAttribute('role')) === 'menuitemcheckbox';
        if ((await option.getAttribute('aria-checked')) !== 'true') await option.click();
        if (multi) await page.keyboard.press('Escape');
      } else if (role === 'radiogroup') await tagged.first().getByRole('radio', name).check();
      else await tagged.and(card.getByRole('checkbox', name)).check();
    },
    async toggle(card, inputId, on = true) {
      const box = (await input(card, inputId)).first();
      await (on ? box.check() : box.uncheck());
    },
    async screenshot(name, focus) {
      await focus?.scrollIntoViewIfNeeded();
      mkdirSync(ARTIFACTS, { recursive: true });
      const path = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    close: () => context.close(),
  };
  return client;
}

const pick = ({ level, displayText, activityName, conversationId }: PlaygroundLog): PlaygroundLog => ({
  level,
  displayText,
  activityName,
  conversationId,
});
