import type { ChatEvent, UserId } from '../transport/types';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** Issues and checks session tokens: random tokens in the simulation, JWTs on the server. */
export interface SessionIssuer {
  issue(userId: UserId): Promise<string>;
  /** The user the token belongs to; throws ChatError UNAUTHENTICATED when invalid or expired. */
  verify(token: string): Promise<UserId>;
  revoke(token: string): Promise<void>;
}

/** Delivers events to every live connection of the given users (on any node or tab). */
export interface Publisher {
  publish(recipients: readonly UserId[], event: ChatEvent): void;
}

/**
 * Counts live connections per user, wherever they are. connect/disconnect say
 * whether the user's presence flipped, so only the flip is announced.
 */
export interface PresenceRegistry {
  connect(userId: UserId, connectionId: string): Promise<boolean>;
  disconnect(userId: UserId, connectionId: string): Promise<boolean>;
  onlineUsers(): Promise<ReadonlySet<UserId>>;
}
