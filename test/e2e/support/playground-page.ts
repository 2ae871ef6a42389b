import type { Page } from 'playwright-core';
import type { PlaygroundUser } from '../../../scripts/playground/lib';

/** Internals of the Playground harness: code run in the page, and Teams' automatic refresh. */

export interface CardInfo {
  /** Position among the conversation's top-level cards. */
  index: number;
  text: string;
  /** Titles of the visible actions (ShowCard contents included once expanded). */
  buttons: string[];
  /** The card JSON the client holds, read from React's props (absent if the Playground's internals change). */
  json?: Record<string, unknown>;
  messageId?: string;
}

/** A refresh the harness sent for this user because Teams would (see ClientOptions.emulateRefresh). */
export interface RefreshRecord {
  messageId: string;
  conversationId: string;
  verb: unknown;
  status: number;
  type?: string;
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, message: string) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(message);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Functions below run in the page (page.evaluate serializes each one alone, so they share nothing). The project
// compiles without the DOM library, so they type the few DOM members they use.
interface El {
  parentElement: El | null;
  innerText: string;
  textContent: string | null;
  offsetParent: unknown;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): Iterable<El>;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
}
type Fiber = { return?: Fiber; memoizedProps?: Record<string, unknown> };

export function describeCards(selector: string): CardInfo[] {
  const doc = (globalThis as unknown as { document: El }).document;
  const fiberOf = (e: El | null): Fiber | undefined => {
    for (; e; e = e.parentElement) {
      const key = Object.keys(e).find((k) => k.startsWith('__reactFiber$'));
      if (key) return (e as unknown as Record<string, Fiber>)[key];
    }
  };
  return [...doc.querySelectorAll(selector)].map((el, index) => {
    let json: Record<string, unknown> | undefined;
    let messageId: string | undefined;
    for (let f = fiberOf(el); f && !messageId; f = f.return) {
      const props = f.memoizedProps ?? {};
      if (!json && (props.payload as { type?: string } | undefined)?.type === 'AdaptiveCard')
        json = props.payload as Record<string, unknown>;
      if (typeof props.messageId === 'string') messageId = props.messageId;
    }
    const buttons = [...el.querySelectorAll('button, [role=link]')]
      .filter((b) => b.querySelector('.ac-pushButton-content') && b.offsetParent !== null)
      .map((b) => b.getAttribute('aria-label') ?? b.textContent?.trim() ?? '');
    return { index, text: el.innerText, buttons, json, messageId };
  });
}

/** Marks each input of a card with data-ac-id (its Adaptive Card id, from React props); returns the choices. */
export function tagCardInputs(root: unknown): Record<string, { title: string; value: string }[]> {
  const choices: Record<string, { title: string; value: string }[]> = {};
  for (const el of (root as El).querySelectorAll('input, textarea, [role=combobox], [role=radiogroup]')) {
    const key = Object.keys(el).find((k) => k.startsWith('__reactFiber$'));
    let f = key ? (el as unknown as Record<string, Fiber>)[key] : undefined;
    while (f && !f.memoizedProps?.cardObject) f = f.return;
    const input = f?.memoizedProps?.cardObject as { id?: string; choices?: { title: string; value: string }[] };
    if (!input?.id) continue;
    el.setAttribute('data-ac-id', input.id);
    if (input.choices) choices[input.id] = input.choices.map((c) => ({ title: c.title, value: c.value }));
  }
  return choices;
}

export const twoFrames = () =>
  new Promise<void>((r) => {
    const raf = (globalThis as unknown as { requestAnimationFrame(cb: () => void): void }).requestAnimationFrame;
    raf(() => raf(() => r()));
  });

/**
 * Teams' automatic refresh, done on the conversation WebSocket: when the bot creates or updates a card whose
 * `refresh` is for this user, the harness first sends the bot `adaptiveCard/action` (trigger automatic) through
 * the Playground's own invoke endpoint, and the client receives the card the bot answered instead. Frames keep
 * their order.
 */
export async function emulateRefresh(
  page: Page,
  url: string,
  user: PlaygroundUser,
  match: 'mri' | 'mri-or-aad',
  records: RefreshRecord[],
) {
  type Card = { refresh?: { action?: { verb?: string }; userIds?: string[] } };
  type Frame = {
    action?: string;
    actionConversationId: string;
    message?: { messageId: string; attachments?: { contentType: string; content: Card }[] };
  };
  const refreshed = async (frame: string): Promise<string> => {
    const f = JSON.parse(frame) as Frame;
    const attachment = f.message?.attachments?.length === 1 ? f.message.attachments[0] : undefined;
    const refresh = attachment?.content?.refresh;
    if (!f.message || !attachment || !refresh?.action) return frame;
    if (f.action !== 'createMessage' && f.action !== 'updateMessage') return frame;
    const ids = refresh.userIds;
    if (ids && !ids.includes(user.id) && !(match === 'mri-or-aad' && ids.includes(user.aadObjectId))) {
      if (ids.includes(user.aadObjectId))
        console.warn(`refresh.userIds trae el aadObjectId de ${user.name}: Teams espera su id de usuario (from.id)`);
      return frame;
    }
    // A top-level post in a channel is its own thread: Teams (and the Playground, which answers 400
    // ActivityNotFoundInConversation otherwise) address it as `<channel>;messageid=<post id>`.
    const conversationId =
      f.actionConversationId.endsWith('@thread.tacv2') && !f.actionConversationId.includes(';messageid=')
        ? `${f.actionConversationId};messageid=${f.message.messageId}`
        : f.actionConversationId;
    const res = await fetch(`${url}/_conversation/v1/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'adaptiveCard/action',
        value: { action: refresh.action, trigger: 'automatic' },
        from: { id: user.id },
        conversation: { id: conversationId },
        replyToId: f.message.messageId,
      }),
    });
    const body = (await res.json().catch(() => ({}))) as { type?: string; value?: Card };
    const { messageId } = f.message;
    records.push({
      messageId,
      conversationId: f.actionConversationId,
      verb: refresh.action.verb,
      status: res.status,
      type: body.type,
    });
    if (res.ok && body.type === 'application/vnd.microsoft.card.adaptive' && body.value)
      attachment.content = body.value;
    return JSON.stringify(f);
  };

  await page.routeWebSocket(/\/_ws_conversation\//, (ws) => {
    const server = ws.connectToServer();
    let queue = Promise.resolve();
    server.onMessage((frame) => {
      queue = queue.then(async () => ws.send(await refreshed(String(frame)).catch(() => String(frame))));
    });
    ws.onMessage((frame) => server.send(frame));
  });
}
