import { EventEmitter } from 'node:events';
import { SignJWT, jwtVerify } from 'jose';
import type { SessionIssuer } from '../../src/backend/ports';
import { ChatError } from '../../src/transport/errors';
import type { UserId } from '../../src/transport/types';
import type { RevokedSessions } from '../store/serverStore';

const SESSION_TTL_SECONDS = 30 * 24 * 60 * 60;

/** HS256 wants a key at least as long as its hash: 32 bytes. */
export const MIN_SECRET_BYTES = 32;

export interface VerifiedSession {
  userId: UserId;
  /** The token's id: what logout revokes and what a socket is grouped by. */
  jti: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

/**
 * Sessions as HS256 JWTs. A bare JWT cannot be taken back, so each carries a
 * `jti` and logout puts it on a denylist in the store until it would have
 * expired; `revoked` lets the socket layer close that session's sockets.
 */
export class JwtSessions implements SessionIssuer {
  private readonly key: Uint8Array;
  private readonly events = new EventEmitter<{ revoked: [jti: string] }>();

  constructor(
    secret: string | Uint8Array,
    private readonly revoked: RevokedSessions,
    private readonly ttlSeconds = SESSION_TTL_SECONDS,
  ) {
    this.key = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
    if (this.key.length < MIN_SECRET_BYTES) throw new Error(`The JWT secret must be at least ${MIN_SECRET_BYTES} bytes.`);
  }

  async issue(userId: UserId): Promise<string> {
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setJti(crypto.randomUUID())
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }

  async verify(token: string): Promise<UserId> {
    return (await this.check(token)).userId;
  }

  /** The session a token stands for; UNAUTHENTICATED when forged, expired or logged out. */
  async check(token: string): Promise<VerifiedSession> {
    const session = await this.decode(token);
    if (await this.revoked.isSessionRevoked(session.jti)) throw new ChatError('UNAUTHENTICATED', 'This session has been signed out.');
    return session;
  }

  /** Whether the session with this id has been signed out. */
  isRevoked(jti: string): Promise<boolean> {
    return this.revoked.isSessionRevoked(jti);
  }

  async revoke(token: string): Promise<void> {
    const session = await this.decode(token).catch(() => null);
    if (!session) return;
    await this.revoked.revokeSession(session.jti, session.expiresAt * 1000);
    this.events.emit('revoked', session.jti);
  }

  onRevoked(listener: (jti: string) => void): () => void {
    this.events.on('revoked', listener);
    return () => this.events.off('revoked', listener);
  }

  private async decode(token: string): Promise<VerifiedSession> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.jti !== 'string' || typeof payload.exp !== 'number') {
        throw new Error('incomplete claims');
      }
      return { userId: payload.sub, jti: payload.jti, expiresAt: payload.exp };
    } catch {
      throw new ChatError('UNAUTHENTICATED');
    }
  }
}
