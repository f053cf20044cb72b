import { jwtVerify, SignJWT } from 'jose';
import { createHmac } from 'node:crypto';
import type { UserId } from '../../src/transport/types';
import type { JwtSessions } from '../auth/jwtSessions';
import { type IssuedStreamTicket, invalidStreamTicket, STREAM_TICKET_TTL_MS, type StreamGrant, type StreamTickets } from '../../src/backend/http/streamTickets';
import type { RedeemedTickets } from './redeemedTickets';

const STREAM_TICKET_AUDIENCE = 'stream';

export interface SignedStreamTicketsOptions {
  /** The server's JWT secret; tickets are signed with a key derived from it, never with the session key. */
  secret: string;
  sessions: Pick<JwtSessions, 'check' | 'isRevoked'>;
  /** Where used tickets are remembered: this process on one node, Redis when there are several. */
  redeemed: RedeemedTickets;
  now?: () => number;
  ttlMs?: number;
}

/**
 * Event stream tickets as short-lived signed tokens (HS256 JWTs), so any node
 * can check a ticket another node issued: no sticky routing for the event
 * stream. Why each part:
 * - A ticket sits in the stream's URL, and URLs end up in logs, so it must be
 *   useless for anything but opening that stream, and not for long: audience
 *   "stream", a key of its own (derived from the JWT secret, so a ticket can
 *   never pass as a session token, nor a session token as a ticket), and an
 *   expiry of STREAM_TICKET_TTL_MS (the client uses it at once).
 * - Bound to the session that asked for it (`sid`, the session's jti):
 *   signing that session out makes its unused tickets worthless too, and
 *   ends the streams they opened (the grant names the session).
 * - Single use: a signature alone cannot say "already used", so redeeming
 *   claims the ticket's own id in `redeemed` until it expires (Redis across
 *   nodes). A ticket read from a log after the client opened its stream is
 *   refused, as it was when tickets lived in one node's memory. That record is
 *   the only state, and it holds no identity: who and until when is in the
 *   signed ticket.
 * Nodes' clocks must agree to within a few seconds (they must for session
 * expiry already).
 */
export class SignedStreamTickets implements StreamTickets {
  private readonly key: Uint8Array;
  private readonly now: () => number;
  private readonly ttlMs: number;

  constructor(private readonly options: SignedStreamTicketsOptions) {
    this.key = createHmac('sha256', options.secret).update('violetchat event stream tickets').digest();
    this.now = options.now ?? (() => Date.now());
    this.ttlMs = options.ttlMs ?? STREAM_TICKET_TTL_MS;
  }

  async issue(userId: UserId, sessionToken: string): Promise<IssuedStreamTicket> {
    const session = await this.options.sessions.check(sessionToken);
    const now = this.now();
    // In whole seconds, as JWTs count; never past the session's own expiry.
    const expiresAt = Math.floor(Math.min(now + this.ttlMs, session.expiresAt * 1000) / 1000);
    const ticket = await new SignJWT({ sid: session.jti })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setAudience(STREAM_TICKET_AUDIENCE)
      .setJti(crypto.randomUUID())
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { ticket, expiresInMs: Math.max(1, Math.floor(expiresAt * 1000 - now)) };
  }

  async redeem(ticket: string): Promise<StreamGrant> {
    let claims: { userId: UserId; sessionId: string; ticketId: string; expiresAtMs: number };
    try {
      const { payload } = await jwtVerify(ticket, this.key, {
        algorithms: ['HS256'],
        audience: STREAM_TICKET_AUDIENCE,
        requiredClaims: ['sub', 'sid', 'jti', 'exp'],
        currentDate: new Date(this.now()),
        clockTolerance: 0,
      });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || typeof payload.jti !== 'string' || typeof payload.exp !== 'number') {
        throw new Error('malformed claims');
      }
      claims = { userId: payload.sub, sessionId: payload.sid, ticketId: payload.jti, expiresAtMs: payload.exp * 1000 };
    } catch {
      throw invalidStreamTicket();
    }
    if (await this.options.sessions.isRevoked(claims.sessionId)) throw invalidStreamTicket();
    if (!(await this.options.redeemed.claim(claims.ticketId, claims.expiresAtMs))) throw invalidStreamTicket();
    return { userId: claims.userId, sessionId: claims.sessionId };
  }
}
