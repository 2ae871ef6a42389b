import { findPersonByAadObjectId, resolveActor, toLocalDate, type Effect, type Item } from '../../../protocol';
import type { EffectHandler } from '../jobs/outbox-worker';
import { resolveRecipients } from '../notify/recipients';
import type { ConversationsRepo } from '../store/conversations-repo';
import type { ItemsRepo } from '../store/items-repo';
import type { Runtime } from '../runtime';
import type { Logger } from '../logger';
import type { CardActions } from './card-actions';
import type { ProactiveSender } from './proactive';
import { DIGESTED_NOTICES } from './digest';
import { NOTICE } from '../cards/textos/chat';

export interface NoticeDeps {
  rt: Runtime;
  repo: ItemsRepo;
  conversations: ConversationsRepo;
  actions: CardActions;
  sender: ProactiveSender;
  log: Logger;
  /** Conversation id of the UGDT team channel (the protocol's "copia a la UGDT"). */
  ugdtChannelId?: string;
  /** The UGDT's daily digest is on: the expiries it gathers send no card of their own. */
  digestOn?: boolean;
}

async function itemOf(deps: NoticeDeps, itemId: string): Promise<Item> {
  const item = await deps.repo.get(itemId);
  if (!item) throw new Error(`ítem ${itemId} no existe`);
  return item;
}

/** Longest notice line: a phone shows it whole. */
const NOTICE_MAX = 180;

/**
 * The one line that tells someone what happened when their card of the item was updated in place (issue 14 §4):
 * the reference and the summary's first sentence, pointing at the card. Sent as plain text.
 */
export function noticeLine(reference: string, summary: string): string {
  const first = /^.*?[.!?](?=\s|$)/.exec(summary.trim())?.[0] ?? summary.trim();
  const cut = first.length > NOTICE_MAX ? NOTICE.cut(first.slice(0, NOTICE_MAX - 1).trimEnd()) : first;
  return NOTICE.line(reference, cut);
}

/**
 * `notify`: each recipient sees the item's card in their personal chat, rendered for them (their own buttons). If
 * their chat already has a card of the item, that card is updated in place and a one-line notice says what changed,
 * instead of a new full card at every step; so the acknowledgment and answer deadlines of one request never make two
 * cards (issue 14 §4). People who never installed the app are skipped here: the mail copy reaches them. Expiries the
 * UGDT's daily digest gathers send no card of their own. A new internal request is also posted to the UGDT channel.
 */
export function notifyHandler(deps: NoticeDeps): EffectHandler {
  return async (effect, row) => {
    if (effect.type !== 'notify') return;
    if (deps.digestOn && DIGESTED_NOTICES.has(effect.notice)) return;
    const item = await itemOf(deps, row.itemId);
    const today = toLocalDate(deps.rt.now(), deps.rt.settings.timeZone);
    // The latest card of the item in each conversation (postedCards is in posting order).
    const posted = new Map((await deps.conversations.postedCards(item.id)).map((p) => [p.conversation.key, p]));
    for (const person of resolveRecipients(deps.rt.directory, effect.to, today)) {
      if (!person.aadObjectId) continue;
      const conversation = await deps.conversations.personal(person.aadObjectId);
      if (!conversation) {
        deps.log.info('aviso sin chat personal; queda la copia por correo', {
          person: person.id,
          item: item.reference,
        });
        continue;
      }
      const viewer = resolveActor(deps.rt.directory, person.id, today) ?? null;
      const { card } = await deps.actions.view(
        item,
        viewer,
        effect.summary,
        effect.notice.endsWith('vencida') ? 'attention' : 'good',
      );
      const earlier = posted.get(conversation.key);
      if (earlier) {
        await deps.sender.updateCard(conversation, earlier.activityId, card);
        await deps.conversations.recordPostedCard(
          item.id,
          item.version,
          conversation.key,
          earlier.activityId,
          deps.rt.now(),
        );
        await deps.sender.sendText(conversation, noticeLine(item.reference, effect.summary));
        continue;
      }
      const id = await deps.sender.sendCard(conversation, card);
      if (id) await deps.conversations.recordPostedCard(item.id, item.version, conversation.key, id, deps.rt.now());
    }
    if (effect.notice === 'solicitud.nueva' && deps.ugdtChannelId) {
      const channel = await deps.conversations.byConversationId(deps.ugdtChannelId);
      if (!channel) {
        deps.log.warn('el canal de la UGDT aún no conoce al bot; instale la app en el equipo', {
          channel: deps.ugdtChannelId,
        });
        return;
      }
      const { card } = await deps.actions.view(item, null, effect.summary, 'good');
      const id = await deps.sender.sendCard(channel, card);
      if (id) await deps.conversations.recordPostedCard(item.id, item.version, channel.key, id, deps.rt.now());
    }
  };
}

/**
 * `update_cards`: every card of the item already posted is replaced in place. In a personal chat it shows the
 * owner's own view; in a channel or group chat the neutral card, which each reader's client refreshes to theirs.
 */
export function updateCardsHandler(deps: NoticeDeps): EffectHandler {
  return async (effect, row) => {
    if (effect.type !== 'update_cards') return;
    const item = await itemOf(deps, row.itemId);
    const today = toLocalDate(deps.rt.now(), deps.rt.settings.timeZone);
    for (const posted of await deps.conversations.postedCards(item.id)) {
      if (posted.shownVersion >= item.version) continue; // already current (e.g. the notice just posted)
      const owner =
        posted.conversation.kind === 'personal' && posted.conversation.aadObjectId
          ? findPersonByAadObjectId(deps.rt.directory, posted.conversation.aadObjectId)
          : undefined;
      const viewer = owner ? (resolveActor(deps.rt.directory, owner.id, today) ?? null) : null;
      await deps.sender.updateCard(
        posted.conversation,
        posted.activityId,
        (await deps.actions.view(item, viewer)).card,
      );
      await deps.conversations.recordPostedCard(
        item.id,
        item.version,
        posted.conversation.key,
        posted.activityId,
        deps.rt.now(),
      );
    }
  };
}

export type NoticeEffect = Extract<Effect, { type: 'notify' | 'update_cards' }>;
