export interface GateLimits {
  /** At most this many run at once. */
  concurrent: number;
  /** At most this many wait for a turn; past that a newcomer is refused at once. */
  queued: number;
  /** At most this many (running or waiting) for one key, so one client cannot fill the queue. */
  perKey: number;
}

/**
 * Bounds expensive work (password hashing): a few run, a few wait in order,
 * and the rest are refused at once instead of queueing without bound, where
 * everyone's wait would grow with the flood.
 */
export class ConcurrencyGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly held = new Map<string, number>();

  constructor(
    private readonly limits: GateLimits,
    /** The error a refused newcomer gets. */
    private readonly refusal: () => Error,
  ) {}

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const held = this.held.get(key) ?? 0;
    const full = this.running >= this.limits.concurrent;
    if (held >= this.limits.perKey || (full && this.waiting.length >= this.limits.queued)) throw this.refusal();
    this.held.set(key, held + 1);
    try {
      if (full) await new Promise<void>((resolve) => this.waiting.push(resolve));
      else this.running += 1;
      try {
        return await work();
      } finally {
        // The slot passes straight to the next in line, so a newcomer cannot overtake it.
        const next = this.waiting.shift();
        if (next) next();
        else this.running -= 1;
      }
    } finally {
      const left = (this.held.get(key) ?? 1) - 1;
      if (left > 0) this.held.set(key, left);
      else this.held.delete(key);
    }
  }

  /** Running and waiting now: for tests and metrics. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}
