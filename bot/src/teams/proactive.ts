import { MessageFactory, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import { RetryLater } from '../retry-later';
import type { AdaptiveCard } from '../cards/contract';
import type { StoredConversation } from '../store/conversations-repo';
import { SendRateLimiter, throttleInfo } from './rate-limiter';
import { recordTeamsThrottled } from '../observability/metrics';
import { cardAttachment } from './bot';

/**
 * Proactive sends through the Bot Connector, within Teams' rate limits. A 429 is retried here a few times with
 * backoff (honouring Retry-After); if Teams still refuses, the outbox row is retried later.
 */
export class ProactiveSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly limiter = new SendRateLimiter(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  private async withRetries<T>(conversation: StoredConversation, work: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      await this.limiter.acquire(conversation.conversationId);
      try {
        return await work();
      } catch (e) {
        const { status, retryAfterMs } = throttleInfo(e);
        const wait = retryAfterMs ?? 500 * 2 ** attempt;
        if (status === 429) recordTeamsThrottled('http_429');
        if (status === 429 && attempt < 3) {
          await this.sleep(wait);
          continue;
        }
        if (status === 429 || (status !== undefined && status >= 500))
          throw new RetryLater(`Teams respondió ${status}`, wait);
        throw e;
      }
    }
  }

  /** Sends a card; returns the new activity id. */
  sendCard(conversation: StoredConversation, card: AdaptiveCard): Promise<string | undefined> {
    return this.send(conversation, MessageFactory.attachment(cardAttachment(card)));
  }

  /**
   * Sends one line of plain text (Teams renders no markdown in it, so the words of a summary stay words); returns
   * the activity id.
   */
  sendText(conversation: StoredConversation, line: string): Promise<string | undefined> {
    const activity = MessageFactory.text(line);
    activity.textFormat = 'plain';
    return this.send(conversation, activity);
  }

  private async send(conversation: StoredConversation, activity: Partial<Activity>): Promise<string | undefined> {
    let id: string | undefined;
    await this.withRetries(conversation, () =>
      this.adapter.continueConversationAsync(
        this.appId,
        conversation.reference as unknown as ConversationReference,
        async (ctx) => {
          id = (await ctx.sendActivity(activity))?.id;
        },
      ),
    );
    return id;
  }

  /** Replaces a posted card in place. */
  async updateCard(conversation: StoredConversation, activityId: string, card: AdaptiveCard): Promise<void> {
    await this.withRetries(conversation, () =>
      this.adapter.continueConversationAsync(
        this.appId,
        conversation.reference as unknown as ConversationReference,
        async (ctx) => {
          const activity = MessageFactory.attachment(cardAttachment(card));
          activity.id = activityId;
          await ctx.updateActivity(activity);
        },
      ),
    );
  }
}
