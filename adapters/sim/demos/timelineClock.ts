import type { Clock } from '../../../src/backend/clock';

/** A demo's time as its player moves it: it runs while the demo plays and stands still otherwise. */
export interface DemoTimeline {
  /** Milliseconds since the demo's start. */
  position(): number;
  /**
   * Time moves at real speed from where it is, and stops at `until` (the next step's time) when it
   * gets there: a timer that fires late does not carry the step past its time.
   */
  run(until?: number): void;
  /** Time stands still where it is. */
  freeze(): void;
  /** Moves time on to `position`; never back (what happened stays in the past). */
  advanceTo(position: number): void;
}

export type TimelineClock = Clock & DemoTimeline;

/**
 * A scripted demo's clock: "now" is the scenario's instant plus the demo's position, which moves
 * with real time only while the demo waits for its next step and jumps to a step's time when stepping.
 * So a message sent at step "0:12" is stamped exactly instant + 12 s on every run, and a paused
 * demo's "5 minutes ago" stays put. Timers stay real (`setTimeout` is the platform's): latency,
 * retries and the typing TTL work while time stands still, where a frozen manual clock would hang
 * every request. It starts frozen at position 0.
 */
export function timelineClock(
  instant: number,
  realNow: () => number = () => performance.now(),
  timers: Pick<Clock, 'setTimeout' | 'clearTimeout'> = {
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  },
): TimelineClock {
  /** The position when time last started or stopped, the real time it started at (null: stopped), and where it stops. */
  let base = 0;
  let runningSince: number | null = null;
  let until = Infinity;
  const position = () => (runningSince === null ? base : Math.min(until, base + (realNow() - runningSince)));
  return {
    now: () => instant + position(),
    position,
    run(stopAt = Infinity) {
      base = position();
      runningSince = realNow();
      until = Math.max(base, stopAt);
    },
    freeze() {
      base = position();
      runningSince = null;
      until = Infinity;
    },
    advanceTo(to) {
      base = Math.max(position(), to);
      if (runningSince === null) return;
      runningSince = realNow();
      until = Math.max(until, base);
    },
    setTimeout: (fn, ms) => timers.setTimeout(fn, ms),
    clearTimeout: (handle) => timers.clearTimeout(handle),
  };
}
