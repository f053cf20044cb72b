import type { UserId } from '../transport/types';
import type { Clock } from './clock';

export type PresenceState = 'online' | 'offline';

export interface PresenceAnnouncerDeps {
  clock: Clock;
  /** A user's changes go out at most once per this many milliseconds. */
  quietMs: number;
  /** Tells the user's peers; `at` is when the change happened (the last-seen time of an offline). */
  announce(userId: UserId, state: PresenceState, at: string): Promise<void>;
  /** Whether the user is online now, on any node: the last word after a busy spell. */
  isOnline(userId: UserId): Promise<boolean>;
  /** An announcement made from a timer failed: nobody awaits it. */
  failed(error: unknown): void;
}

interface Spell {
  /** What was last announced. */
  announced: PresenceState;
  /** The last change seen here since, and when. */
  latest: PresenceState;
  latestAt: string;
  timer: unknown;
}

/**
 * Debounces presence announcements. A user's first change goes out at once;
 * changes in the quiet window after it are only remembered, and at its end
 * the user's state then (if it differs from the one announced) goes out. So a
 * client connecting and disconnecting in a loop costs its peers two events
 * per window, not two per loop, and a quick reconnect costs none.
 */
export class PresenceAnnouncer {
  private readonly spells = new Map<UserId, Spell>();
  private readonly ending = new Set<Promise<void>>();

  constructor(private readonly deps: PresenceAnnouncerDeps) {}

  /** This node saw the user's presence flip. Resolves once an announcement made now is out. */
  async changed(userId: UserId, state: PresenceState, at: string): Promise<void> {
    const spell = this.spells.get(userId);
    if (spell) {
      spell.latest = state;
      spell.latestAt = at;
      return;
    }
    await this.announce(userId, state, at);
  }

  /** Ends every quiet window now, announcing what is pending: before the store closes. */
  async flush(): Promise<void> {
    for (const [userId, spell] of [...this.spells]) {
      this.deps.clock.clearTimeout(spell.timer);
      this.track(this.end(userId));
    }
    while (this.ending.size > 0) await Promise.allSettled([...this.ending]);
  }

  /** Stops the timers: what is pending is dropped. */
  dispose(): void {
    for (const spell of this.spells.values()) this.deps.clock.clearTimeout(spell.timer);
    this.spells.clear();
  }

  private async announce(userId: UserId, state: PresenceState, at: string): Promise<void> {
    const timer = this.deps.clock.setTimeout(() => this.track(this.end(userId)), this.deps.quietMs);
    this.spells.set(userId, { announced: state, latest: state, latestAt: at, timer });
    await this.deps.announce(userId, state, at);
  }

  private async end(userId: UserId): Promise<void> {
    const spell = this.spells.get(userId);
    if (!spell) return;
    this.spells.delete(userId);
    if (spell.latest === spell.announced) return;
    // Another node may have seen a later change than this one did.
    const state: PresenceState = (await this.deps.isOnline(userId)) ? 'online' : 'offline';
    if (state === spell.announced || this.spells.has(userId)) return;
    await this.announce(userId, state, state === spell.latest ? spell.latestAt : new Date(this.deps.clock.now()).toISOString());
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) => this.deps.failed(error)).finally(() => this.ending.delete(tracked));
    this.ending.add(tracked);
  }
}
