import type { UserId } from '../transport/types';
import type { PresenceRegistry } from './ports';

/** Presence for one process: a set of connection ids per user. */
export class MemoryPresence implements PresenceRegistry {
  private readonly connections = new Map<UserId, Set<string>>();

  async connect(userId: UserId, connectionId: string): Promise<boolean> {
    const set = this.connections.get(userId) ?? new Set<string>();
    const wasOnline = set.size > 0;
    set.add(connectionId);
    this.connections.set(userId, set);
    return !wasOnline;
  }

  async disconnect(userId: UserId, connectionId: string): Promise<boolean> {
    const set = this.connections.get(userId);
    if (!set?.delete(connectionId)) return false;
    if (set.size > 0) return false;
    this.connections.delete(userId);
    return true;
  }

  async onlineUsers(): Promise<ReadonlySet<UserId>> {
    return new Set(this.connections.keys());
  }
}
