import type Dexie from 'dexie';
import type { Table } from 'dexie';
import type { UserId } from '../transport/types';
import type { Clock } from './clock';
import type { PresenceRegistry } from './ports';

/** An open tab (one in-browser backend) and when it last proved it is alive. */
export interface TabRow {
  id: string;
  heartbeatAt: number;
  /** Another tab found it dead and is disconnecting its connections. */
  swept?: boolean;
}

/** A live connection of a user, owned by the tab that holds it. */
export interface ConnectionRow {
  id: string;
  userId: UserId;
  tabId: string;
}

/** The tables TabPresence needs, for a database that holds other tables beside them (the sim's, the MSW mocks'). */
export const TAB_PRESENCE_TABLES = {
  tabs: 'id',
  connections: 'id, userId, tabId',
} as const;

/** A browser database every tab of one backend opens, with the tables of TAB_PRESENCE_TABLES. */
export type TabPresenceDatabase = Dexie & {
  tabs: Table<TabRow, string>;
  connections: Table<ConnectionRow, string>;
};

export interface TabPresenceOptions {
  /** A tab whose heartbeat is older than this is gone (when liveness is not known from locks). */
  staleAfterMs: number;
  /**
   * The ids of tabs known to be alive (from Web Locks), or null when unknown.
   * When given it decides alone, so a closed tab drops at once and a
   * throttled background tab is not mistaken for a closed one.
   */
  liveTabIds?: () => Promise<ReadonlySet<string> | null>;
}

/** What a heartbeat found for the caller to act on through the service. */
export interface BeatResult {
  /** Connections held by tabs that are gone: to disconnect, announcing the user offline if it was their last. */
  orphaned: ConnectionRow[];
  /** Our own connections a sweep removed while we looked dead: to connect again. */
  lost: ConnectionRow[];
}

/**
 * Presence shared by every tab: live connections in the shared database, each
 * owned by a tab that proves it is alive by a heartbeat (or a held lock).
 * Connections of a dead tab do not count, so a closed tab does not leave its
 * user online; `beat` hands them to the caller to disconnect properly.
 */
export class TabPresence implements PresenceRegistry {
  private readonly mine = new Map<string, UserId>();

  constructor(
    private readonly db: TabPresenceDatabase,
    readonly tabId: string,
    private readonly clock: Clock,
    private readonly options: TabPresenceOptions,
  ) {}

  async connect(userId: UserId, connectionId: string): Promise<boolean> {
    this.mine.set(connectionId, userId);
    const held = await this.heldTabs();
    return this.db.transaction('rw', this.db.tabs, this.db.connections, async () => {
      const isLive = this.liveness(await this.db.tabs.toArray(), held);
      const existing = await this.db.connections.where('userId').equals(userId).toArray();
      const wasOnline = existing.some((c) => isLive(c.tabId));
      // A dead tab's connections of this user would only announce a stale "offline" later.
      await this.db.connections.bulkDelete(existing.filter((c) => !isLive(c.tabId) && c.id !== connectionId).map((c) => c.id));
      await this.db.connections.put({ id: connectionId, userId, tabId: this.tabId });
      return !wasOnline;
    });
  }

  async disconnect(userId: UserId, connectionId: string): Promise<boolean> {
    this.mine.delete(connectionId);
    const held = await this.heldTabs();
    return this.db.transaction('rw', this.db.tabs, this.db.connections, async () => {
      const removed = await this.db.connections.get(connectionId);
      if (!removed || removed.userId !== userId) return false;
      const isLive = this.liveness(await this.db.tabs.toArray(), held);
      const others = (await this.db.connections.where('userId').equals(userId).toArray()).filter((c) => c.id !== connectionId);
      await this.db.connections.bulkDelete([connectionId, ...others.filter((c) => !isLive(c.tabId)).map((c) => c.id)]);
      return !others.some((c) => isLive(c.tabId));
    });
  }

  async onlineUsers(): Promise<ReadonlySet<UserId>> {
    const held = await this.heldTabs();
    return this.db.transaction('r', this.db.tabs, this.db.connections, async () => {
      const isLive = this.liveness(await this.db.tabs.toArray(), held);
      const connections = await this.db.connections.toArray();
      return new Set(connections.filter((c) => isLive(c.tabId)).map((c) => c.userId));
    });
  }

  /**
   * Proves this tab alive, and reports the connections of dead tabs and our
   * own connections that went missing. Dead tabs without connections are forgotten.
   */
  async beat(): Promise<BeatResult> {
    const held = await this.heldTabs();
    return this.db.transaction('rw', this.db.tabs, this.db.connections, async () => {
      const before = await this.db.tabs.get(this.tabId);
      // Swept: another tab took us for dead (a throttled background tab) and dropped our connections.
      const wasSwept = before === undefined || before.swept === true;
      await this.db.tabs.put({ id: this.tabId, heartbeatAt: this.clock.now() });
      const tabs = await this.db.tabs.toArray();
      const isLive = this.liveness(tabs, held);
      const connections = await this.db.connections.toArray();
      const orphaned = connections.filter((c) => !isLive(c.tabId));
      const present = new Set(connections.filter((c) => c.tabId === this.tabId).map((c) => c.id));
      const lost: ConnectionRow[] = [];
      for (const [id, userId] of [...this.mine]) {
        if (present.has(id)) continue;
        // Missing while we were alive: disconnected on purpose elsewhere (e.g. a teammate sent offline from another tab).
        if (wasSwept) lost.push({ id, userId, tabId: this.tabId });
        else this.mine.delete(id);
      }
      const withConnections = new Set(connections.map((c) => c.tabId));
      const dead = tabs.filter((t) => !isLive(t.id));
      await this.db.tabs.bulkDelete(dead.filter((t) => !withConnections.has(t.id)).map((t) => t.id));
      await this.db.tabs.bulkPut(dead.filter((t) => withConnections.has(t.id)).map((t) => ({ ...t, swept: true })));
      return { orphaned, lost };
    });
  }

  /** Forgets this tab (its connections must be disconnected first). */
  async leave(): Promise<void> {
    await this.db.tabs.delete(this.tabId);
  }

  private async heldTabs(): Promise<ReadonlySet<string> | null> {
    return (await this.options.liveTabIds?.()) ?? null;
  }

  private liveness(tabs: TabRow[], held: ReadonlySet<string> | null): (tabId: string) => boolean {
    if (held) return (tabId) => tabId === this.tabId || held.has(tabId);
    const cutoff = this.clock.now() - this.options.staleAfterMs;
    const fresh = new Set(tabs.filter((t) => t.heartbeatAt >= cutoff).map((t) => t.id));
    return (tabId) => tabId === this.tabId || fresh.has(tabId);
  }
}
