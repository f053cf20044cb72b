import type { Clock } from '../../../src/backend/clock';

/** A demo's time as its player moves it: it runs while the demo plays and stands still otherwise. */
export interface DemoTimeline {
  /** Milliseconds since the demo's start. */
  position(): number;
  /** Time moves at real speed from where it is. */
  run(): void;
  /** Time stands still where it is. */
  freeze(): void;
  /** Moves time on to `position`; never back (what happened stays in the past). */
  advanceTo(position: number): void;
}

export type TimelineClock = Clock & DemoTimeline;

/**
 * A scripted demo's clock: "now" is the scenario's instant plus the demo's position, which moves
 * with real time only while the demo plays and jumps to a step's time when stepping. So in step mode
 * a message sent at step "0:12" is stamped exactly instant + 12 s on every run, and a paused demo's
 * "5 minutes ago" stays put. Timers stay real (`setTimeout` is the platform's): latency, retries and
 * the typing TTL work while time stands still, where a frozen manual clock would hang every request.
 * It starts frozen at position 0.
 */
export function timelineClock(
  instant: number,
  realNow: () => number = () => performance.now(),
  timers: Pick<Clock, 'setTimeout' | 'clearTimeout'> = {
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  },
): TimelineClock {
  /** The position when time last started or stopped, and the real time it started at (null: stopped). */
  let base = 0;
  let runningSince: number | null = null;
  const position = () => (runningSince === null ? base : base + (realNow() - runningSince));
  return {
    now: () => instant + position(),
    position,
    run() {
      if (runningSince === null) runningSince = realNow();
    },
    freeze() {
      base = position();
      runningSince = null;
    },
    advanceTo(to) {
      base = Math.max(position(), to);
      if (runningSince !== null) runningSince = realNow();
    },
    setTimeout: (fn, ms) => timers.setTimeout(fn, ms),
    clearTimeout: (handle) => timers.clearTimeout(handle),
  };
}
