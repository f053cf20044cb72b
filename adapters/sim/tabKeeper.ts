import type { Clock } from '../../src/backend/clock';
import type { ChatService } from '../../src/backend/service';
import type { TabPresence } from './tabPresence';

/**
 * Keeps this tab's presence honest: a heartbeat, and on each beat the
 * connections of tabs that died are disconnected through the service (so
 * their users go offline with a lastSeen, announced to everyone) and our own
 * connections swept while we looked dead are connected again.
 */
export class TabKeeper {
  private timer: unknown;
  private stopped = false;
  private beating: Promise<void> = Promise.resolve();

  constructor(
    private readonly presence: TabPresence,
    private readonly service: ChatService,
    private readonly clock: Clock,
    private readonly heartbeatMs: number,
    private readonly onError: (error: unknown) => void = (e) => console.warn('[sim] heartbeat', e),
  ) {}

  async start(): Promise<void> {
    await this.beatNow();
    this.schedule();
  }

  /** One heartbeat and sweep now; resolves when its consequences are applied. */
  beatNow(): Promise<void> {
    this.beating = this.beating.then(() => this.beat()).catch(this.onError);
    return this.beating;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    await this.beating;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = this.clock.setTimeout(() => {
      void this.beatNow().then(() => this.schedule());
    }, this.heartbeatMs);
  }

  private async beat(): Promise<void> {
    if (this.stopped) return;
    const { orphaned, lost } = await this.presence.beat();
    for (const c of orphaned) await this.service.disconnect(c.userId, c.id);
    for (const c of lost) await this.service.connect(c.userId, c.id);
  }
}
