// The public register's token bucket: a burst, then one token per refill interval; Retry-After in whole seconds.
import { TokenBuckets } from '../../../bot/src/api/rate-limit';

describe('TokenBuckets', () => {
  let t = Date.parse('2026-12-07T12:00:00Z');
  const now = () => new Date(t);

  it('allows the burst, then refuses with the seconds until the next token', () => {
    const b = new TokenBuckets({ burst: 3, perMinute: 6 }, now);
    expect([b.take('a'), b.take('a'), b.take('a')]).toEqual([0, 0, 0]);
    expect(b.take('a')).toBe(10); // one token every 10 s
    t += 4_000;
    expect(b.take('a')).toBe(6);
    t += 6_000;
    expect(b.take('a')).toBe(0);
    expect(b.take('a')).toBe(10);
  });

  it('keeps one bucket per address, and never refills beyond the burst', () => {
    const b = new TokenBuckets({ burst: 2, perMinute: 60 }, now);
    expect([b.take('a'), b.take('a'), b.take('a')]).toEqual([0, 0, 1]);
    expect(b.take('b')).toBe(0);
    t += 3_600_000;
    expect([b.take('a'), b.take('a'), b.take('a')]).toEqual([0, 0, 1]);
  });

  it('forgets the oldest addresses when too many are kept', () => {
    const b = new TokenBuckets({ burst: 1, perMinute: 1 }, now);
    expect(b.take('primera')).toBe(0);
    for (let i = 0; i < 10_001; i++) b.take(`ip-${i}`);
    // Pruned: a forgotten address starts again with a full bucket.
    expect(b.take('primera')).toBe(0);
  });
});
