import { ChatError } from '../../transport/errors';
import type { UserId } from '../../transport/types';

export const STREAM_TICKET_TTL_MS = 30_000;

export interface IssuedStreamTicket {
  ticket: string;
  expiresInMs: number;
}

/** Who a redeemed ticket lets in, and the session it was asked for (what signing out ends, see SessionStreams). */
export interface StreamGrant {
  userId: UserId;
  sessionId: string;
}

/**
 * Tickets that open the event stream. A browser's EventSource can send no
 * Authorization header, and a session token in a URL would end up in access
 * logs. A ticket ends up there too, so it is worth next to nothing: it opens
 * one stream, once, within a few seconds, and only while the session it was
 * asked for is still signed in. Nothing else accepts it.
 */
export interface StreamTickets {
  /** A ticket for `userId`, bound to the session (`sessionToken`, already authenticated) that asked for it. */
  issue(userId: UserId, sessionToken: string): Promise<IssuedStreamTicket>;
  /** The ticket's user and session, once: UNAUTHENTICATED when forged, unknown, used, expired or its session signed out. */
  redeem(ticket: string): Promise<StreamGrant>;
}

export function invalidStreamTicket(): ChatError {
  return new ChatError('UNAUTHENTICATED', 'The event stream ticket is invalid or expired.');
}

/**
 * Tickets held in this process: random strings mapped to their user and
 * session. Right for one process (the MSW mocks); the server, which may run
 * as several nodes, uses SignedStreamTickets (server/http).
 */
export class MemoryStreamTickets implements StreamTickets {
  private readonly tickets = new Map<string, { userId: UserId; sessionToken: string; expiresAt: number }>();

  constructor(
    /** Rejects (UNAUTHENTICATED) when the session has been signed out since the ticket was issued. */
    private readonly checkSession: (sessionToken: string) => Promise<unknown>,
    private readonly now: () => number = () => Date.now(),
    private readonly ttlMs = STREAM_TICKET_TTL_MS,
  ) {}

  async issue(userId: UserId, sessionToken: string): Promise<IssuedStreamTicket> {
    this.sweep();
    const bytes = crypto.getRandomValues(new Uint8Array(24));
    const ticket = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    this.tickets.set(ticket, { userId, sessionToken, expiresAt: this.now() + this.ttlMs });
    return { ticket, expiresInMs: this.ttlMs };
  }

  async redeem(ticket: string): Promise<StreamGrant> {
    const record = this.tickets.get(ticket);
    this.tickets.delete(ticket);
    if (!record || record.expiresAt <= this.now()) throw invalidStreamTicket();
    await this.checkSession(record.sessionToken);
    // The token names its session here: opaque tokens have no id of their own, and it stays in this process.
    return { userId: record.userId, sessionId: record.sessionToken };
  }

  private sweep(): void {
    const now = this.now();
    for (const [ticket, record] of this.tickets) if (record.expiresAt <= now) this.tickets.delete(ticket);
  }
}
