import type { Table } from 'dexie';
import type { UserId } from '../../transport/types';
import type { SessionRecords } from '../tokenSessions';

/** A session as a browser backend stores it: the token's hash, never the token. */
export interface SessionRow {
  tokenHash: string;
  userId: UserId;
  expiresAt: number;
}

/** A database with a `sessions` table keyed by tokenHash (the sim's and the MSW mocks' both have one). */
export interface SessionDatabase {
  sessions: Table<SessionRow, string>;
}

/** Session tokens (their hashes) in the browser database, so a session survives a reload and is shared by tabs. */
export class DexieSessionRecords implements SessionRecords {
  constructor(private readonly db: SessionDatabase) {}

  async put(tokenHash: string, record: { userId: UserId; expiresAt: number }): Promise<void> {
    await this.db.sessions.put({ tokenHash, userId: record.userId, expiresAt: record.expiresAt });
  }

  async get(tokenHash: string): Promise<{ userId: UserId; expiresAt: number } | undefined> {
    const row = await this.db.sessions.get(tokenHash);
    return row && { userId: row.userId, expiresAt: row.expiresAt };
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.sessions.delete(tokenHash);
  }
}
