import type { Clock } from '../../../src/backend/clock';
import { ChatError, type ErrorCode } from '../../../src/transport';
import type { DemoTimeline } from './timelineClock';

export interface DemoPlayerState {
  /** Steps done (a failed one counts: the demo goes on past it). */
  done: number;
  total: number;
  /** The demo plays: steps run at their times. */
  playing: boolean;
  /** A step is being carried out, or the app is settling after it. */
  busy: boolean;
  /** The last step that could not be done, and why; cleared by the next play or step. */
  failure: { step: number; error: { code: ErrorCode; message: string } } | null;
}

export interface DemoPlayerDeps<S> {
  steps: readonly S[];
  /** A step's time, in ms from the start. */
  timeOf(step: S): number;
  timeline: DemoTimeline;
  /** Real time, for waiting until a step's time while playing. */
  timers: Pick<Clock, 'setTimeout' | 'clearTimeout'>;
  /** Carries the step out. */
  execute(step: S, index: number): Promise<void>;
  /** Resolves once the simulation and the app are quiet again (sim settled, app synced and painted). */
  settle(): Promise<void>;
  /** Back to the start, afresh (a reload). */
  restart(): void;
}

/**
 * Plays a demo's steps, the same way every time. Pure: the clock, the timers and what a step does are
 * injected. While playing, a step runs at its time or, when the step before is still settling then,
 * right after it has settled: never two at once, never one before the state of the one before is
 * on screen. Stepping pauses, moves time on to the next step's time and carries it out, so a step's
 * messages have exactly its time.
 */
export class DemoPlayer<S> {
  private done = 0;
  private playing = false;
  private busy = false;
  private failure: DemoPlayerState['failure'] = null;
  private timer: unknown = undefined;
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
    this.deps.timeline.run();
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
   * Pauses, then carries out the next step at its time; resolves once it has settled. Nothing while a
   * step is under way (a second press would otherwise run two at once) or after the last.
   */
  async step(): Promise<void> {
    if (this.busy || this.finished) return;
    this.pause();
    this.failure = null;
    this.deps.timeline.advanceTo(this.deps.timeOf(this.deps.steps[this.done]!));
    await this.runNext();
  }

  restart(): void {
    this.pause();
    this.deps.restart();
  }

  /** While playing: the next step now if its time has come, else a timer for when it comes. */
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
    const wait = this.deps.timeOf(this.deps.steps[this.done]!) - this.deps.timeline.position();
    if (wait <= 0) void this.runNext();
    else
      this.timer = this.deps.timers.setTimeout(() => {
        this.timer = undefined;
        this.schedule();
      }, wait);
  }

  private async runNext(): Promise<void> {
    const index = this.done;
    this.busy = true;
    this.changed();
    try {
      await this.deps.execute(this.deps.steps[index]!, index);
    } catch (error) {
      this.fail(index, error);
    }
    try {
      await this.deps.settle();
    } catch (error) {
      this.fail(index, error);
    }
    this.done = index + 1;
    this.busy = false;
    this.changed();
    this.schedule();
  }

  /** A step that could not be done: said in the panel, and the demo pauses there for the presenter to decide. */
  private fail(step: number, error: unknown): void {
    console.error(`[violetchat] demo step ${step + 1} could not be done`, error);
    const code: ErrorCode = error instanceof ChatError ? error.code : 'INTERNAL';
    this.failure = { step, error: { code, message: error instanceof Error ? error.message : String(error) } };
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
