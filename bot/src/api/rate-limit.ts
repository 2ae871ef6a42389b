/**
 * A small in-memory token bucket per client address: `burst` requests at once, refilled at `perMinute`. Each instance
 * keeps its own buckets (enough to stop one client from hammering a public page; not a distributed quota).
 */
export interface RateLimit {
  burst: number;
  perMinute: number;
}

export const DEFAULT_PUBLIC_RATE_LIMIT: RateLimit = { burst: 30, perMinute: 60 };

/** Buckets beyond this are pruned (the full ones first): a flood of addresses cannot grow memory without bound. */
const MAX_BUCKETS = 10_000;

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => Date,
  ) {}

  /** Takes one token for `key`: 0 when allowed, else the seconds until the next token (Retry-After). */
  take(key: string): number {
    const t = this.now().getTime();
    const perMs = this.limit.perMinute / 60_000;
    const b = this.buckets.get(key) ?? { tokens: this.limit.burst, at: t };
    b.tokens = Math.min(this.limit.burst, b.tokens + Math.max(0, t - b.at) * perMs);
    b.at = t;
    this.buckets.delete(key);
    this.buckets.set(key, b); // most recently used last: pruning drops the oldest
    if (this.buckets.size > MAX_BUCKETS) this.prune();
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000));
  }

  private prune() {
    for (const k of this.buckets.keys()) {
      if (this.buckets.size <= MAX_BUCKETS / 2) return;
      this.buckets.delete(k);
    }
  }
}
