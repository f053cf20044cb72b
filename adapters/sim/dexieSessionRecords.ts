import type { SessionRecords } from '../../src/backend/tokenSessions';
import type { UserId } from '../../src/transport';
import type { SimDatabase } from './simDatabase';

/** Session tokens (their hashes) in the sim database, so a session survives a reload and is shared by tabs. */
export class DexieSessionRecords implements SessionRecords {
  constructor(private readonly db: SimDatabase) {}

  async put(tokenHash: string, record: { userId: UserId; expiresAt: number }): Promise<void> {
    await this.db.sessions.put({ tokenHash, ...record });
  }

  async get(tokenHash: string): Promise<{ userId: UserId; expiresAt: number } | undefined> {
    const row = await this.db.sessions.get(tokenHash);
    return row && { userId: row.userId, expiresAt: row.expiresAt };
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.sessions.delete(tokenHash);
  }
}
