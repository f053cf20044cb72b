import type { Store } from '../../src/backend/store';

/** Logged-out sessions, kept until they would have expired anyway. */
export interface RevokedSessions {
  revokeSession(jti: string, expiresAtMs: number): Promise<void>;
  isSessionRevoked(jti: string): Promise<boolean>;
}

/** What the server needs from its database: the backend's Store plus session revocation. */
export type ServerStore = Store & RevokedSessions & { close(): Promise<void> };
