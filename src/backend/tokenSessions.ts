import { ChatError } from '../transport/errors';
import type { UserId } from '../transport/types';
import type { SessionIssuer } from './ports';

/** Where opaque session tokens are kept: a Map in memory, a Dexie table in the simulation. */
export interface SessionRecords {
  put(tokenHash: string, record: { userId: UserId; expiresAt: number }): Promise<void>;
  get(tokenHash: string): Promise<{ userId: UserId; expiresAt: number } | undefined>;
  delete(tokenHash: string): Promise<void>;
}

export class MemorySessionRecords implements SessionRecords {
  private readonly map = new Map<string, { userId: UserId; expiresAt: number }>();
  async put(tokenHash: string, record: { userId: UserId; expiresAt: number }) {
    this.map.set(tokenHash, record);
  }
  async get(tokenHash: string) {
    return this.map.get(tokenHash);
  }
  async delete(tokenHash: string) {
    this.map.delete(tokenHash);
  }
}

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Random 256-bit tokens; only their SHA-256 is stored, so a copy of the
 * database does not hand out sessions. Revocable, unlike a bare JWT. A token
 * has no id of its own, so the token names its session (for `onRevoked` and
 * the event streams); it never leaves the process or tab that holds it.
 */
export class TokenSessions implements SessionIssuer {
  private readonly revokedListeners = new Set<(token: string) => void>();

  constructor(
    private readonly records: SessionRecords,
    private readonly now: () => number = () => Date.now(),
    private readonly ttlMs = SESSION_TTL_MS,
  ) {}

  async issue(userId: UserId): Promise<string> {
    const bytes = crypto.getRandomValues(new Uint8Array(32));
    const token = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    await this.records.put(await sha256(token), { userId, expiresAt: this.now() + this.ttlMs });
    return token;
  }

  async verify(token: string): Promise<UserId> {
    const record = await this.records.get(await sha256(token));
    if (!record || record.expiresAt <= this.now()) throw new ChatError('UNAUTHENTICATED');
    return record.userId;
  }

  /** Whether the token is no longer accepted (signed out or expired): what ends its event streams. */
  isRevoked(token: string): Promise<boolean> {
    return this.verify(token).then(
      () => false,
      (error: unknown) => error instanceof ChatError && error.code === 'UNAUTHENTICATED',
    );
  }

  async revoke(token: string): Promise<void> {
    await this.records.delete(await sha256(token));
    for (const listener of [...this.revokedListeners]) listener(token);
  }

  /** Called after each sign-out, with the token signed out: the same hook as the server's JwtSessions. */
  onRevoked(listener: (token: string) => void): () => void {
    this.revokedListeners.add(listener);
    return () => void this.revokedListeners.delete(listener);
  }
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
