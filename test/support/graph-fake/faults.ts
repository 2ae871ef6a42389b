/**
 * Fault injection for the Graph fake: what a real tenant does to a client on a bad day, reproducibly.
 *
 * - '429'          throttled: Retry-After + Graph's TooManyRequests error body; nothing is done.
 * - '503'          ServiceUnavailable, with or without Retry-After (Graph sends it only sometimes); nothing is done.
 * - 'reset-before' the socket is destroyed before the request is looked at: nothing is done.
 * - 'reset-after'  the operation IS done (state changes), then the socket is destroyed without an answer: the
 *                  lost-response case, where a naive retry makes a duplicate.
 * - 'slow'         the request is served, its answer held back `slowMs` (a client that gives up meanwhile is in
 *                  the lost-response case too).
 */
export const FAULT_KINDS = ['429', '503', 'reset-before', 'reset-after', 'slow'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSettings {
  /** Probability (0..1) that a request gets a fault drawn from `kinds`. */
  rate?: number;
  kinds?: FaultKind[];
  retryAfterSeconds?: number;
  slowMs?: number;
  /** Seed of the PRNG: the same seed and the same request order give the same faults. */
  seed?: number;
  /** Whether a 503 carries Retry-After: always, never, or decided by the PRNG ('sometimes', the default). */
  retryAfterOn503?: 'always' | 'never' | 'sometimes';
}

/** Narrows a forced fault to the request it is meant for (e.g. only upload chunks). */
export interface FaultFilter {
  method?: string;
  /** Tested against the request path (with query). */
  path?: RegExp | string;
}

export interface FaultDecision {
  kind: FaultKind;
  retryAfterSeconds: number;
  slowMs: number;
  /** For '503': whether to send Retry-After. */
  withRetryAfter: boolean;
}

/** mulberry32: tiny, fast, good enough to make fault sequences reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FaultController {
  /** Replaces the random-fault settings (unspecified fields take their defaults). */
  set(settings: FaultSettings): void;
  /** Forces `kind` on the next request (matching `filter`, if given). Calls queue up in order. */
  next(kind: FaultKind, filter?: FaultFilter): void;
  /** No more faults: rate 0 and the forced queue emptied. */
  off(): void;
  /** Faults injected so far, by kind. */
  readonly injected: Readonly<Record<FaultKind, number>>;
  /** Internal: decides the fault (if any) for one request. */
  decide(method: string, path: string): FaultDecision | undefined;
}

const DEFAULTS = { rate: 0, kinds: [...FAULT_KINDS], retryAfterSeconds: 1, slowMs: 3000, seed: 1 };

export function createFaultController(): FaultController {
  let settings: Required<FaultSettings> = { ...DEFAULTS, retryAfterOn503: 'sometimes' };
  let random = seededRandom(settings.seed);
  const forced: Array<{ kind: FaultKind; filter?: FaultFilter }> = [];
  const injected = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;

  const matches = (filter: FaultFilter | undefined, method: string, path: string): boolean => {
    if (!filter) return true;
    if (filter.method && filter.method.toUpperCase() !== method.toUpperCase()) return false;
    if (filter.path instanceof RegExp) return filter.path.test(path);
    if (typeof filter.path === 'string') return path.includes(filter.path);
    return true;
  };

  return {
    set(next) {
      for (const kind of next.kinds ?? []) {
        if (!FAULT_KINDS.includes(kind)) throw new Error(`Unknown fault kind '${kind}'`);
      }
      settings = {
        ...DEFAULTS,
        retryAfterOn503: 'sometimes',
        ...Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)),
      } as Required<FaultSettings>;
      random = seededRandom(settings.seed);
    },
    next(kind, filter) {
      if (!FAULT_KINDS.includes(kind)) throw new Error(`Unknown fault kind '${kind}'`);
      forced.push({ kind, filter });
    },
    off() {
      settings = { ...settings, rate: 0 };
      forced.length = 0;
    },
    get injected() {
      return injected;
    },
    decide(method, path) {
      let kind: FaultKind | undefined;
      const i = forced.findIndex((f) => matches(f.filter, method, path));
      if (i >= 0) {
        kind = forced[i]!.kind;
        forced.splice(i, 1);
      } else if (settings.rate > 0 && settings.kinds.length > 0 && random() < settings.rate) {
        kind = settings.kinds[Math.floor(random() * settings.kinds.length)];
      }
      if (!kind) return undefined;
      injected[kind] += 1;
      const withRetryAfter =
        kind !== '503' ||
        settings.retryAfterOn503 === 'always' ||
        (settings.retryAfterOn503 === 'sometimes' && random() < 0.5);
      return { kind, retryAfterSeconds: settings.retryAfterSeconds, slowMs: settings.slowMs, withRetryAfter };
    },
  };
}
