import { ChatError } from '../../transport';
import { type BackoffOptions, retryDelay } from '../../protocol/rules/backoff';

export interface JobContext {
  signal: AbortSignal;
  isOnline(): boolean;
  timing: { backoff: BackoffOptions };
  random(): number;
  onUnauthenticated(): void;
  onError(error: unknown): void;
}

/** Resolves after `ms`, or at once when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * A piece of network work that runs one at a time and again when asked during
 * a run. Transient failures retry with backoff while online; offline, it waits
 * for the next request (the engine asks again when the connection returns).
 */
export class Job {
  private dirty = false;
  private running = false;
  private attempt = 0;

  constructor(
    private readonly ctx: JobContext,
    private readonly step: () => Promise<void>,
  ) {}

  request(): void {
    this.dirty = true;
    if (!this.running) void this.loop();
  }

  private async loop(): Promise<void> {
    this.running = true;
    try {
      while (this.dirty && !this.ctx.signal.aborted && this.ctx.isOnline()) {
        this.dirty = false;
        try {
          await this.step();
          this.attempt = 0;
        } catch (error) {
          if (this.ctx.signal.aborted) return;
          if (!(error instanceof ChatError)) {
            this.ctx.onError(error);
            continue;
          }
          if (error.code === 'UNAUTHENTICATED') return this.ctx.onUnauthenticated();
          if (!error.transient) {
            this.ctx.onError(error);
            continue;
          }
          this.dirty = true;
          this.attempt += 1;
          await sleep(retryDelay(this.attempt, this.ctx.random(), error.details.retryAfterMs, this.ctx.timing.backoff), this.ctx.signal);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
