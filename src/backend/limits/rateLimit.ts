import RateLimiterMemory from 'rate-limiter-flexible/lib/RateLimiterMemory.js';

/** How much of something a key may do: `points` per window of `durationSec` seconds. */
export interface LimitRule {
  points: number;
  /** Whole seconds (Redis counts in seconds). A key's count ends with its window, so idle keys expire. */
  durationSec: number;
}

/** One limit's counters, one per key. */
export interface RateLimit {
  /** Counts `points` against `key`: 0 when allowed, else the milliseconds until it would be. */
  consume(key: string, points?: number): Promise<number>;
  /** Gives points back: an attempt that turned out not to count. */
  reward(key: string, points?: number): Promise<void>;
  /** Forgets the key's count. */
  reset(key: string): Promise<void>;
}

/**
 * Where limits keep their counts: in memory for one process or tab, in Redis
 * for the nodes of a deployment (server/cluster). The backend's rules ask for
 * a limit by name; the composition decides where it lives.
 */
export interface RateLimitStore {
  /** A limit every node counts together. */
  shared(name: string, rule: LimitRule): RateLimit;
}

/** A refused consume carries how long to wait; anything else is the store failing. */
export function waitOf(rejection: unknown): number {
  if (typeof rejection === 'object' && rejection !== null && !(rejection instanceof Error) && 'msBeforeNext' in rejection) {
    const ms = rejection.msBeforeNext;
    if (typeof ms === 'number') return Math.max(1, Math.ceil(ms));
  }
  throw rejection;
}

/** Wraps a rate-limiter-flexible limiter (memory or Redis) as a RateLimit. */
export function rateLimitOf(limiter: Pick<RateLimiterMemory, 'consume' | 'reward' | 'delete'>): RateLimit {
  return {
    consume: (key, points = 1) => limiter.consume(key, points).then(() => 0, waitOf),
    reward: async (key, points = 1) => void (await limiter.reward(key, points)),
    reset: async (key) => void (await limiter.delete(key)),
  };
}

/** A limit counted in this process (or tab) only, with its keys dropped when their window ends. */
export class MemoryRateLimit implements RateLimit {
  private readonly limiter: RateLimiterMemory;
  private readonly limit: RateLimit;

  constructor(rule: LimitRule) {
    this.limiter = new RateLimiterMemory({ points: rule.points, duration: rule.durationSec });
    this.limit = rateLimitOf(this.limiter);
  }

  consume(key: string, points?: number): Promise<number> {
    return this.limit.consume(key, points);
  }

  reward(key: string, points?: number): Promise<void> {
    return this.limit.reward(key, points);
  }

  reset(key: string): Promise<void> {
    return this.limit.reset(key);
  }

  /** How many keys are counted now: for tests and metrics. */
  get size(): number {
    return this.limiter.dump().storage.length;
  }
}

/** Every limit in this process: one server alone, a browser tab, a test. */
export const memoryRateLimits: RateLimitStore = {
  shared: (_name, rule) => new MemoryRateLimit(rule),
};
