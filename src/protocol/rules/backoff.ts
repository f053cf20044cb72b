export interface BackoffOptions {
  /** The first retry waits between half of this and all of it; each next one doubles. */
  baseMs: number;
  /** No wait is longer than this, however many attempts failed. */
  maxMs: number;
}

/**
 * How long to wait after the `attempt`-th consecutive failure (1-based):
 * exponential and capped, with "equal jitter" so many clients that lost the
 * network together do not all come back in the same instant, yet each still
 * waits at least half the step. `random` is in [0, 1). The client engine's
 * retries (outbox, sync) and the http adapter's event-stream reconnects both
 * wait with it, each with its own options.
 */
export function backoffDelay(attempt: number, random: number, options: BackoffOptions): number {
  const exponent = Math.max(0, attempt - 1);
  const step = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(exponent, 30));
  return Math.round(step / 2 + (step / 2) * random);
}

/** A server's "retry after" wins when it asks for a longer wait than the backoff. */
export function retryDelay(attempt: number, random: number, retryAfterMs: number | undefined, options: BackoffOptions): number {
  return Math.max(backoffDelay(attempt, random, options), retryAfterMs ?? 0);
}
