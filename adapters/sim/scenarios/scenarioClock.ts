import type { Clock } from '../../../src/backend/clock';

/**
 * A clock that starts at a fixed instant and then runs at real speed: each
 * load of a scenario sees the same "now", so "Yesterday" and "5 minutes ago"
 * read the same every time, while timers, rate limits and expiries still
 * behave (a frozen clock would never refill the send rate limit).
 */
export function clockStartingAt(instant: number, realNow: () => number = () => Date.now()): Clock {
  const startedAt = realNow();
  return {
    now: () => instant + (realNow() - startedAt),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}
