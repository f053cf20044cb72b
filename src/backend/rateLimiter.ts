/**
 * A token bucket per key: `capacity` requests at once, refilled at
 * `refillPerSecond`. Pure over an injected clock so tests need no waiting.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
    private readonly now: () => number,
  ) {}

  /** Takes one token; returns 0 when allowed, else the milliseconds to wait. */
  take(key: string): number {
    const t = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: t };
    const tokens = Math.min(this.capacity, bucket.tokens + ((t - bucket.at) / 1000) * this.refillPerSecond);
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, at: t });
      return 0;
    }
    this.buckets.set(key, { tokens, at: t });
    return Math.ceil(((1 - tokens) / this.refillPerSecond) * 1000);
  }

  /** Milliseconds until one token is available, without taking it. */
  waitFor(key: string): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return 0;
    const tokens = Math.min(this.capacity, bucket.tokens + ((this.now() - bucket.at) / 1000) * this.refillPerSecond);
    return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) / this.refillPerSecond) * 1000);
  }

  reset(key: string): void {
    this.buckets.delete(key);
  }
}
