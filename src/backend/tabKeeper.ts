import type { Clock } from './clock';
import type { ChatService } from './service';
import { TabPresence, type TabPresenceDatabase } from './tabPresence';
import { type WebLocks, heldLocksUnder, holdLock } from '../protocol/locks/webLocks';

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
    private readonly onError: (error: unknown) => void = (e) => console.warn('[tabs] heartbeat', e),
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

export interface JoinTabsOptions {
  /** The database every tab of this backend opens; its name also names the tabs' locks. */
  db: TabPresenceDatabase;
  clock: Clock;
  heartbeatMs: number;
  /** A tab silent for this long is gone (when Web Locks cannot tell). Default: four heartbeats. */
  staleAfterMs?: number;
  /** Web Locks for liveness: a closed tab's lock is released at once. null: heartbeats alone. */
  locks: WebLocks | null;
  onError?: (error: unknown) => void;
}

/** This tab's place among the tabs sharing one database: its presence and, once kept, its heartbeat. */
export interface TabMembership {
  tabId: string;
  presence: TabPresence;
  /** Starts the heartbeat, disconnecting dead tabs' connections through `service` (the one given `presence`). */
  keep(service: ChatService): Promise<TabKeeper>;
  /** Stops the heartbeat and forgets this tab; disconnect its connections first. */
  leave(): Promise<void>;
}

/**
 * Joins the tabs of `db`: holds a Web Lock named after this tab for its whole
 * life (its release is how the other tabs learn this one closed) and reads
 * the others' liveness from theirs, or from heartbeats where locks are missing.
 */
export async function joinTabs(options: JoinTabsOptions): Promise<TabMembership> {
  const { db, clock, heartbeatMs, locks } = options;
  const tabId = crypto.randomUUID();
  const lockPrefix = `${db.name}:tab:`;
  const releaseLock = locks ? await holdLock(locks, lockPrefix + tabId) : () => {};
  const presence = new TabPresence(db, tabId, clock, {
    staleAfterMs: options.staleAfterMs ?? heartbeatMs * 4,
    liveTabIds: locks ? () => heldLocksUnder(locks, lockPrefix) : undefined,
  });
  let keeper: TabKeeper | null = null;
  return {
    tabId,
    presence,
    async keep(service) {
      keeper ??= new TabKeeper(presence, service, clock, heartbeatMs, options.onError);
      await keeper.start();
      return keeper;
    },
    async leave() {
      await keeper?.stop();
      await presence.leave();
      releaseLock();
    },
  };
}
