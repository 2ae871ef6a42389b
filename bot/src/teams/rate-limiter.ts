import { recordTeamsThrottled } from '../observability/metrics';

/**
 * Teams' limits for a bot: 7 messages per second per conversation and 50 requests per second per app and tenant.
 * A sliding one-second window per key; acquire() waits until both the conversation's and the app's windows admit
 * one more send. In-process: each instance keeps within its share.
 */
export class SendRateLimiter {
  private readonly windows = new Map<string, number[]>();

  constructor(
    private readonly perConversation = 7,
    private readonly perApp = 50,
    private readonly windowMs = 1000,
    private readonly clock: () => number = () => Date.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  private waitFor(key: string, limit: number, now: number): number {
    const w = (this.windows.get(key) ?? []).filter((t) => now - t < this.windowMs);
    this.windows.set(key, w);
    return w.length < limit ? 0 : this.windowMs - (now - w[0]!);
  }

  async acquire(conversationId: string): Promise<void> {
    for (;;) {
      const now = this.clock();
      const wait = Math.max(
        this.waitFor(`c:${conversationId}`, this.perConversation, now),
        this.waitFor('app', this.perApp, now),
      );
      if (wait <= 0) {
        this.windows.get(`c:${conversationId}`)!.push(now);
        this.windows.get('app')!.push(now);
        return;
      }
      recordTeamsThrottled('limite_local');
      await this.sleep(wait);
    }
  }
}

/** Status and Retry-After of a failed Bot Connector call, when it carries them. */
export function throttleInfo(error: unknown): { status?: number; retryAfterMs?: number } {
  const e = error as {
    statusCode?: number;
    status?: number;
    response?: { headers?: { get?: (k: string) => string | null } };
  };
  const status = e?.statusCode ?? e?.status;
  const header = e?.response?.headers?.get?.('retry-after');
  const seconds = header ? Number(header) : NaN;
  return { status, ...(Number.isFinite(seconds) ? { retryAfterMs: seconds * 1000 } : {}) };
}
