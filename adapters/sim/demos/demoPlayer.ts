import type { Clock } from '../../../src/backend/clock';
import { ChatError, type ErrorCode } from '../../../src/transport';
import type { DemoTimeline } from './timelineClock';

/**
 * Why the demo stopped at a step: it could not be done (a refusal, a step naming what is not there),
 * or it was done but the app did not settle after it within the bound.
 */
export type DemoFailure =
  | { step: number; kind: 'failed'; error: { code: ErrorCode; message: string } }
  | { step: number; kind: 'unsettled'; afterMs: number };

export interface DemoPlayerState {
  /** Steps done (a failed one counts: the demo goes on past it). */
  done: number;
  total: number;
  /** The demo plays: steps run at their times. */
  playing: boolean;
  /** A step is being carried out, or the app is settling after it. */
  busy: boolean;
  /** The last step the demo stopped at, and why; cleared by the next play or step. */
  failure: DemoFailure | null;
}

/**
 * How long the app may take to settle after a step. Generous: settling waits for my outbox, whose
 * retries back off up to 30 s; what takes longer is stuck (a conversation that stays loading offline)
 * and is reported rather than waited on for ever.
 */
export const DEMO_SETTLE_LIMIT_MS = 60_000;

export interface DemoPlayerDeps<S> {
  steps: readonly S[];
  /** A step's time, in ms from the start. */
  timeOf(step: S): number;
  timeline: DemoTimeline;
  /** Real time, for waiting until a step's time while playing and for the settling bound. */
  timers: Pick<Clock, 'setTimeout' | 'clearTimeout'>;
  /** Carries the step out. */
  execute(step: S, index: number): Promise<void>;
  /**
   * Resolves once the simulation and the app are quiet again (sim settled, app synced and painted).
   * `signal` aborts when the player stops waiting (the bound), so the waiting can stop too.
   */
  settle(signal: AbortSignal): Promise<void>;
  /** How long settling may take before the step is reported as not settled; DEMO_SETTLE_LIMIT_MS by default. */
  settleLimitMs?: number;
  /** Back to the start, afresh (a reload); `playing`: the demo was playing when Restart was pressed. */
  restart(options: { playing: boolean }): void;
}

/**
 * Plays a demo's steps, the same way every time. Pure: the clock, the timers and what a step does are
 * injected. The demo's time runs only while it waits for the next step, up to that step's time, and
 * stands still while a step is carried out and the app settles: so in play mode, as in step mode, what
 * a step makes has exactly its time, however long the app takes (the real gap between two steps is
 * their written one plus the first's settling). Never two steps at once, never one before the state of
 * the one before is on screen. Stepping pauses, moves time on to the next step's time and carries it
 * out.
 */
export class DemoPlayer<S> {
  private done = 0;
  private playing = false;
  private busy = false;
  private failure: DemoFailure | null = null;
  private timer: unknown = undefined;
  /** The step under way (carried out and settling), resolved once it is done. */
  private current: Promise<void> | null = null;
  private readonly listeners = new Set<(state: DemoPlayerState) => void>();
  private snapshot: DemoPlayerState;

  constructor(private readonly deps: DemoPlayerDeps<S>) {
    this.snapshot = this.state();
  }

  getState(): DemoPlayerState {
    return this.snapshot;
  }

  /** Called with the new state on every change; returns the unsubscribe. */
  subscribe(listener: (state: DemoPlayerState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get finished(): boolean {
    return this.done >= this.deps.steps.length;
  }

  play(): void {
    if (this.playing || this.finished) return;
    this.playing = true;
    this.failure = null;
    this.changed();
    this.schedule();
  }

  pause(): void {
    if (!this.playing) return;
    this.playing = false;
    this.cancelTimer();
    this.deps.timeline.freeze();
    this.changed();
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  /**
   * Pauses, then carries out the next step at its time; resolves once it has settled. While playing
   * with a step under way, it pauses at once and takes the next step once that one has settled. While
   * a step it took is under way it does nothing (a second press would otherwise run two at once), nor
   * after the last.
   */
  async step(): Promise<void> {
    if (this.finished) return;
    if (this.busy) {
      if (!this.playing) return;
      this.pause();
      await this.current;
      // Play was pressed meanwhile (the later command wins), or the step was the last.
      if (this.busy || this.playing || this.finished) return;
    }
    this.pause();
    this.failure = null;
    this.deps.timeline.advanceTo(this.deps.timeOf(this.deps.steps[this.done]!));
    await this.runNext();
  }

  restart(): void {
    const playing = this.playing;
    this.pause();
    this.deps.restart({ playing });
  }

  /** While playing: the next step now if its time has come, else time runs up to it and a timer wakes the player then. */
  private schedule(): void {
    this.cancelTimer();
    if (!this.playing || this.busy) return;
    if (this.finished) {
      // The end: time stops with the last step, as on pause, so the final state stays as it is.
      this.playing = false;
      this.deps.timeline.freeze();
      this.changed();
      return;
    }
    const at = this.deps.timeOf(this.deps.steps[this.done]!);
    const wait = at - this.deps.timeline.position();
    if (wait <= 0) {
      void this.runNext();
      return;
    }
    // Time stops at the step's time even if the timer fires late (a busy or hidden tab).
    this.deps.timeline.run(at);
    this.timer = this.deps.timers.setTimeout(() => {
      this.timer = undefined;
      this.schedule();
    }, wait);
  }

  private runNext(): Promise<void> {
    this.current = this.carryOut(this.done);
    return this.current;
  }

  private async carryOut(index: number): Promise<void> {
    this.busy = true;
    // Time stands still while the step is carried out and the app settles (see the class comment).
    this.deps.timeline.freeze();
    this.changed();
    try {
      await this.deps.execute(this.deps.steps[index]!, index);
    } catch (error) {
      this.fail(index, error);
    }
    await this.settle(index);
    this.done = index + 1;
    this.busy = false;
    this.current = null;
    this.changed();
    this.schedule();
  }

  /** Waits for the app to settle, up to the bound; past it the step is reported as not settled and the demo pauses there. */
  private async settle(index: number): Promise<void> {
    const limit = this.deps.settleLimitMs ?? DEMO_SETTLE_LIMIT_MS;
    const abort = new AbortController();
    let timer: unknown;
    const timedOut = new Promise<'timed out'>((resolve) => {
      timer = this.deps.timers.setTimeout(() => resolve('timed out'), limit);
    });
    try {
      // A settling that ends (or fails) after the bound is ignored: race has already answered.
      const outcome = await Promise.race([this.deps.settle(abort.signal).then(() => 'settled' as const), timedOut]);
      if (outcome === 'timed out') {
        abort.abort(new Error(`demo step ${index + 1} did not settle within ${limit} ms`));
        console.warn(`[violetchat] demo step ${index + 1} has not settled after ${limit} ms: something is still loading`);
        this.stop({ step: index, kind: 'unsettled', afterMs: limit });
      }
    } catch (error) {
      this.fail(index, error);
    } finally {
      this.deps.timers.clearTimeout(timer);
    }
  }

  /** A step that could not be done: said in the panel, and the demo pauses there for the presenter to decide. */
  private fail(step: number, error: unknown): void {
    console.error(`[violetchat] demo step ${step + 1} could not be done`, error);
    const code: ErrorCode = error instanceof ChatError ? error.code : 'INTERNAL';
    this.stop({ step, kind: 'failed', error: { code, message: error instanceof Error ? error.message : String(error) } });
  }

  private stop(failure: DemoFailure): void {
    this.failure = failure;
    if (this.playing) {
      this.playing = false;
      this.cancelTimer();
      this.deps.timeline.freeze();
    }
  }

  private cancelTimer(): void {
    if (this.timer === undefined) return;
    this.deps.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private state(): DemoPlayerState {
    return { done: this.done, total: this.deps.steps.length, playing: this.playing, busy: this.busy, failure: this.failure };
  }

  private changed(): void {
    this.snapshot = this.state();
    for (const listener of [...this.listeners]) listener(this.snapshot);
  }
}
