import {
  CardFactory,
  MessageFactory,
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ConversationReference,
  type InvokeResponse,
  type TaskModuleRequest,
  type TaskModuleResponse,
} from 'botbuilder';
import { canRead } from '../../../protocol';
import { refusalCard, welcomeCard } from '../cards';
import type { ActionData, AdaptiveCard } from '../cards/contract';
import type { ConversationsRepo, StoredConversation } from '../store/conversations-repo';
import type { ItemsRepo } from '../store/items-repo';
import type { Runtime } from '../runtime';
import type { CardActions, ActionOutcome } from './card-actions';
import { parseTextCommand } from './text-commands';
import { actorForAadObjectId } from './people';
import { noteCaller } from '../request-context';
import { BOT, INVALID } from '../cards/textos/chat';

export const cardAttachment = (card: AdaptiveCard) => CardFactory.adaptiveCard(card);

/** An invoke answer Teams shows as an error, carrying the API's error shape too (a Spanish message). */
export function invokeError(message: string): InvokeResponse {
  return {
    status: 400,
    body: {
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
      value: { code: 'BadRequest', message },
      error: { code: 'DATOS_INVALIDOS', message, fields: {} },
    },
  };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why an adaptiveCard/action invoke's value is not an Action.Execute this bot can run, or undefined. */
export function cardActionProblem(value: unknown): string | undefined {
  if (!isPlainObject(value)) return INVALID.noCardValue;
  const action = value.action;
  if (!isPlainObject(action)) return INVALID.badCardAction;
  if (action.type !== 'Action.Execute') return INVALID.onlyExecute;
  if (action.verb !== undefined && (typeof action.verb !== 'string' || action.verb.length > 100))
    return INVALID.badVerb;
  if (action.data !== undefined && !isPlainObject(action.data)) return INVALID.badCardData;
  return undefined;
}

/** Commands whose answer is about the person who asks: answered in their personal chat only. */
const PERSONAL_ONLY = new Set(['mis_solicitudes', 'pendientes', 'buscar']);

/** The key under which a conversation is stored: one personal chat per user, one row per channel or group chat. */
export function conversationOf(activity: TurnContext['activity']): StoredConversation {
  const reference = TurnContext.getConversationReference(activity) as ConversationReference;
  const type = activity.conversation?.conversationType;
  const kind = type === 'channel' ? 'channel' : type === 'groupChat' ? 'groupChat' : 'personal';
  const aad = activity.from?.aadObjectId ?? null;
  return {
    key: kind === 'personal' ? `personal:${aad ?? activity.from?.id}` : `${kind}:${activity.conversation.id}`,
    kind,
    aadObjectId: kind === 'personal' ? aad : null,
    userId: kind === 'personal' ? (activity.from?.id ?? null) : null,
    conversationId: activity.conversation.id,
    serviceUrl: activity.serviceUrl,
    tenantId:
      activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } })?.tenant?.id ?? null,
    reference: reference as unknown as Record<string, unknown>,
  };
}

/**
 * The Teams bot: Spanish text commands, Universal Action invokes (and their Action.Submit fallback) and the
 * welcome on install. Every conversation it hears from is remembered for proactive notices.
 */
export class IntercambioBot extends TeamsActivityHandler {
  constructor(
    private readonly deps: { rt: Runtime; repo: ItemsRepo; conversations: ConversationsRepo; actions: CardActions },
  ) {
    super();
    this.onMessage(async (context, next) => {
      await this.remember(context);
      await this.onText(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.remember(context);
      await context.sendActivity(MessageFactory.attachment(cardAttachment(welcomeCard())));
      // In the personal chat only (a channel is read by everyone): what already waits for this person, in one card.
      const actor = this.actor(context);
      if (actor && conversationOf(context.activity).kind === 'personal') {
        const waiting = await this.deps.actions.arrival(actor);
        if (waiting) await context.sendActivity(MessageFactory.attachment(cardAttachment(waiting)));
      }
      await next();
    });
    // Teams sends conversationUpdate (membersAdded) together with installationUpdate: the welcome goes out once,
    // on the installation; here the conversation is only remembered.
    this.onMembersAdded(async (context, next) => {
      if (context.activity.membersAdded?.some((m) => m.id === context.activity.recipient.id))
        await this.remember(context);
      await next();
    });
  }

  /** Last reference saved per conversation key: an unchanged reference is not written again on every click. */
  private readonly saved = new Map<string, string>();

  private async remember(context: TurnContext) {
    const conversation = conversationOf(context.activity);
    const fingerprint = JSON.stringify([conversation.serviceUrl, conversation.userId, conversation.conversationId]);
    if (this.saved.get(conversation.key) === fingerprint) return;
    await this.deps.conversations.save(conversation, this.deps.rt.now());
    this.saved.set(conversation.key, fingerprint);
  }

  private actor(context: TurnContext) {
    const actor = actorForAadObjectId(this.deps.rt, context.activity.from?.aadObjectId);
    // The access log names the caller by directory id.
    if (actor) noteCaller(actor.personId);
    return actor;
  }

  /** Posts a card as a reply and, for item cards, records it so later state changes update it in place. */
  private async reply(context: TurnContext, outcome: ActionOutcome) {
    const sent = await context.sendActivity(MessageFactory.attachment(cardAttachment(outcome.card)));
    if (outcome.itemId && sent?.id)
      await this.deps.conversations.recordPostedCard(
        outcome.itemId,
        outcome.itemVersion ?? 0,
        conversationOf(context.activity).key,
        sent.id,
        this.deps.rt.now(),
      );
  }

  private async onText(context: TurnContext) {
    const value = context.activity.value as ActionData | undefined;
    if (value && typeof value === 'object' && typeof value.verb === 'string') {
      // Action.Submit fallback from a client without Universal Actions: same route, answered with a new card.
      await this.reply(context, await this.deps.actions.handle(value, this.actor(context)));
      return;
    }
    const cmd = parseTextCommand(context.activity.text ?? '');
    const actor = this.actor(context);
    if (cmd.verb === 'desconocido') {
      await this.reply(context, { card: this.deps.actions.help(cmd.text ? BOT.notUnderstood(cmd.text) : undefined) });
      return;
    }
    // In a channel or group chat everyone reads the answer, drawn for the person who asked: their own lists and an
    // item as they may see it stay in the personal chat and the tab.
    if (PERSONAL_ONLY.has(cmd.verb) && conversationOf(context.activity).kind !== 'personal') {
      await this.reply(context, { card: this.deps.actions.help(BOT.personalOnly) });
      return;
    }
    if (cmd.verb === 'buscar') {
      const item = await this.deps.repo.findByReference(cmd.reference);
      if (!item) {
        await this.reply(context, { card: this.deps.actions.help(BOT.notFound(cmd.reference)) });
        return;
      }
      if (actor && !canRead(actor, item)) {
        await this.reply(context, { card: refusalCard(BOT.noAccess) });
        return;
      }
      await this.reply(context, await this.deps.actions.handle({ verb: 'abrir', id: item.id }, actor));
      return;
    }
    await this.reply(context, await this.deps.actions.handle({ verb: cmd.verb }, actor));
  }

  /**
   * Invokes this bot takes: adaptiveCard/action (Universal Actions) with a well-formed Action.Execute. Any other
   * name, or a malformed value, is a 400 with a Spanish message (botbuilder answers 501, or 500 when it trips on a
   * missing field).
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const { name, value } = context.activity;
    // The tab's long forms opened as a Teams dialog from a chat card (issue 14 §1), and their result.
    if (name === 'task/fetch' || name === 'task/submit') {
      const data = (value as { data?: unknown } | undefined)?.data;
      if (!data || typeof data !== 'object' || Array.isArray(data)) return invokeError(INVALID.noDialogData);
      return super.onInvokeActivity(context);
    }
    if (name !== 'adaptiveCard/action')
      return invokeError(
        typeof name === 'string' && name ? INVALID.unsupportedInvoke(name.slice(0, 100)) : INVALID.noInvokeName,
      );
    const problem = cardActionProblem(value);
    if (problem) return invokeError(problem);
    return super.onInvokeActivity(context);
  }

  /** «Abrir el formulario completo»: the tab's form, in a Teams dialog over the chat. */
  protected override async handleTeamsTaskModuleFetch(
    context: TurnContext,
    request: TaskModuleRequest,
  ): Promise<TaskModuleResponse> {
    await this.remember(context);
    const { dialogo, referencia } = request.data as { dialogo?: unknown; referencia?: unknown };
    const dialog = this.deps.actions.dialog(dialogo, referencia);
    if (!dialog) return { task: { type: 'message', value: BOT.unknownForm } };
    return {
      task: { type: 'continue', value: { ...dialog, fallbackUrl: dialog.url, height: 'large', width: 'large' } },
    };
  }

  /**
   * The dialog's form created an item (the tab called dialog.url.submit with its reference): its card goes into the
   * chat the dialog was opened from, as the person may see it, and is kept in step with later changes.
   */
  protected override async handleTeamsTaskModuleSubmit(
    context: TurnContext,
    request: TaskModuleRequest,
  ): Promise<TaskModuleResponse> {
    const { reference, paso } = request.data as { reference?: unknown; paso?: unknown };
    // A step done in an item's dialog (issue 15: the delivery's upload): the item's card already in the chat is
    // updated in place like after any step, so nothing new is posted.
    if (typeof paso === 'string') return {};
    const item = typeof reference === 'string' ? await this.deps.repo.findByReference(reference) : undefined;
    const actor = this.actor(context);
    if (!item || !actor || !canRead(actor, item)) return { task: { type: 'message', value: BOT.createdNotFound } };
    await this.reply(context, await this.deps.actions.handle({ verb: 'abrir', id: item.id }, actor));
    return {};
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    await this.remember(context);
    const action = invokeValue.action as { verb?: string; data?: Record<string, unknown> };
    const data: ActionData = { ...(action.data ?? {}), verb: action.verb ?? String(action.data?.verb ?? '') };
    const outcome = await this.deps.actions.handle(data, this.actor(context));
    // The card that was clicked now shows this item: keep it in step with later changes.
    const replyTo = context.activity.replyToId;
    if (outcome.itemId && replyTo && data.verb !== 'refresh')
      await this.deps.conversations.recordPostedCard(
        outcome.itemId,
        // In a channel the answer replaced the card for the clicker only: for everyone else it is still old.
        conversationOf(context.activity).kind === 'personal' ? (outcome.itemVersion ?? 0) : 0,
        conversationOf(context.activity).key,
        replyTo,
        this.deps.rt.now(),
      );
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: outcome.card };
  }
}
