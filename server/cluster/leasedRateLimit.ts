import type { LimitRule, RateLimit } from '../../src/backend/limits/rateLimit';

/**
 * Where the shared count of a limit lives (Redis across nodes): a counter per
 * key that ends with its window, from which a node takes points in blocks.
 */
export interface LeaseSource {
  /** Whether the source can be asked now; while not, the node counts on its own (the insurance). */
  ready(): boolean;
  /**
   * Takes up to `want` points from the key's count, never past `points` in
   * the window (opening a window of `windowMs` when there is none): how many
   * were granted, and how long the window has left.
   */
  take(key: string, want: number, points: number, windowMs: number): Promise<{ granted: number; ttlMs: number }>;
  /** Gives points back to the key's count, if it still has a window. */
  give(key: string, points: number): Promise<void>;
  /** Forgets the key's count. */
  forget(key: string): Promise<void>;
}

/** A block is at most this share of the limit: what other nodes may be refused early (see below). */
export const LEASE_SHARE = 4;
/** And at most this many points, however high the limit. */
export const MAX_LEASE = 64;

/** The biggest block a node takes of a limit: a quarter of it, at least 1 (small limits are counted point by point), at most MAX_LEASE. */
export function leaseCap(points: number): number {
  return Math.max(1, Math.min(MAX_LEASE, Math.floor(points / LEASE_SHARE)));
}

/**
 * How many points to take when this node's block of a key runs out: the
 * first block of a window is what the node spent of the key in the window
 * before (a key spent steadily costs one request per window), else 1 (a key
 * used now and then costs one request per use, as without blocks); each
 * further block in the window doubles, all within `leaseCap`.
 */
export function nextLease(cap: number, previous: { leasesThisWindow: number; lastLease: number; spentLastWindow: number }): number {
  const size = previous.leasesThisWindow === 0 ? previous.spentLastWindow : previous.lastLease * 2;
  return Math.max(1, Math.min(cap, size));
}

interface KeyState {
  /** Points this node holds for the key in the current window. */
  tokens: number;
  windowEnd: number;
  /** The source said the window's points are all taken: refuse until windowEnd without asking again. */
  exhausted: boolean;
  spent: number;
  spentLastWindow: number;
  leasesThisWindow: number;
  lastLease: number;
  pending: Promise<void> | null;
  /** Points wanted by consumes waiting for the pending request: the next block covers them. */
  waiting: number;
}

/**
 * A shared limit spent from blocks ("leases") each node takes of the shared
 * count, rather than one request to Redis per point.
 *
 * - Never more than the limit: every point spent anywhere was taken from the
 *   one count first, and the count grants no more than `points` per window.
 * - The cost of sharing: points a node took and has not spent are not
 *   available to the other nodes until the window ends, so a person using
 *   several nodes at once may be refused up to one block (`leaseCap`: a
 *   quarter of the limit, at most 64) per other node before the limit.
 *   Limits of 7 points or fewer (sign-in guesses) are taken point by point:
 *   nothing is held, as before.
 * - Per node, a key is asked of Redis at most once at a time: concurrent
 *   consumes wait for the one request and share its block.
 * - A key refused by Redis is refused here, without asking again, until its
 *   window ends (as the in-memory block of rate-limiter-flexible did).
 * - While the source is unreachable, the node counts in its own memory
 *   (`insurance`) instead of refusing everyone.
 */
export class LeasedRateLimit implements RateLimit {
  private readonly keys = new Map<string, KeyState>();
  private readonly windowMs: number;
  private readonly cap: number;
  private lastSweep: number;

  constructor(
    private readonly rule: LimitRule,
    private readonly source: LeaseSource,
    private readonly insurance: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.windowMs = rule.durationSec * 1000;
    this.cap = leaseCap(rule.points);
    this.lastSweep = now();
  }

  async consume(key: string, points = 1): Promise<number> {
    if (!this.source.ready()) return this.insurance.consume(key, points);
    for (;;) {
      const state = this.current(key);
      if (state.tokens >= points) {
        state.tokens -= points;
        state.spent += points;
        return 0;
      }
      if (state.exhausted) return Math.max(1, Math.ceil(state.windowEnd - this.now()));
      // One request per key at a time; consumes that come meanwhile wait for it, and if its block
      // does not cover them, the next request asks for what they still want.
      const starting = !state.pending;
      if (!state.pending) state.pending = this.lease(key, state, Math.max(points + state.waiting, nextLease(this.cap, state)));
      else state.waiting += points;
      try {
        await state.pending;
      } catch {
        return this.insurance.consume(key, points);
      } finally {
        if (!starting) state.waiting -= points;
      }
    }
  }

  async reward(key: string, points = 1): Promise<void> {
    const state = this.keys.get(key);
    if (state && this.now() < state.windowEnd) {
      // Back to this node's block: it goes back to the count when the window ends, with the rest.
      state.tokens += points;
      state.spent = Math.max(0, state.spent - points);
      return;
    }
    if (this.source.ready()) await this.source.give(key, points);
    else await this.insurance.reward(key, points);
  }

  async reset(key: string): Promise<void> {
    this.keys.delete(key);
    await Promise.all([this.source.ready() ? this.source.forget(key) : undefined, this.insurance.reset(key)]);
  }

  /** Keys this node holds state for: for tests. */
  get size(): number {
    return this.keys.size;
  }

  private async lease(key: string, state: KeyState, want: number): Promise<void> {
    try {
      await this.takeBlock(key, want);
    } finally {
      state.pending = null;
    }
  }

  private async takeBlock(key: string, want: number): Promise<void> {
    const { granted, ttlMs } = await this.source.take(key, want, this.rule.points, this.windowMs);
    // The grant belongs to the window Redis counts in, which may have rolled over meanwhile: its end is Redis's.
    const current = this.current(key);
    current.tokens += granted;
    current.leasesThisWindow += 1;
    current.lastLease = want;
    current.windowEnd = this.now() + ttlMs;
    if (granted < want) current.exhausted = true;
  }

  /** The key's state, its window rolled over when it ended; old keys swept now and then. */
  private current(key: string): KeyState {
    const now = this.now();
    if (now - this.lastSweep >= this.windowMs) this.sweep(now);
    let state = this.keys.get(key);
    if (!state) {
      state = { tokens: 0, windowEnd: 0, exhausted: false, spent: 0, spentLastWindow: 0, leasesThisWindow: 0, lastLease: 0, pending: null, waiting: 0 };
      this.keys.set(key, state);
    } else if (now >= state.windowEnd && state.windowEnd > 0) {
      // What was spent counts as demand only if that window ended just now, not a while ago.
      const recent = now < state.windowEnd + this.windowMs;
      state.spentLastWindow = recent ? state.spent : 0;
      state.tokens = 0;
      state.spent = 0;
      state.exhausted = false;
      state.leasesThisWindow = 0;
      state.windowEnd = 0;
    }
    return state;
  }

  /** Drops keys idle for a whole window after theirs ended: nothing of them is needed any more. */
  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [key, state] of this.keys) {
      if (!state.pending && now >= state.windowEnd + this.windowMs) this.keys.delete(key);
    }
  }
}
