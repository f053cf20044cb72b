import { ChatError } from '../../src/transport/errors';
import type { UserId } from '../../src/transport/types';

export const STREAM_TICKET_TTL_MS = 30_000;

/**
 * Single-use tickets that open the event stream. A browser's EventSource can
 * send no Authorization header, and a long-lived session token in a URL would
 * end up in access logs; a ticket is worth one stream for a few seconds.
 * Held in this process: with several server nodes, the ticket request and the
 * stream must reach the same node (sticky routing of /api/events*).
 */
export class StreamTickets {
  private readonly tickets = new Map<string, { userId: UserId; expiresAt: number }>();

  constructor(
    private readonly now: () => number = () => Date.now(),
    private readonly ttlMs = STREAM_TICKET_TTL_MS,
  ) {}

  issue(userId: UserId): { ticket: string; expiresInMs: number } {
    this.sweep();
    const bytes = crypto.getRandomValues(new Uint8Array(24));
    const ticket = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    this.tickets.set(ticket, { userId, expiresAt: this.now() + this.ttlMs });
    return { ticket, expiresInMs: this.ttlMs };
  }

  /** The ticket's user, once: UNAUTHENTICATED when unknown, used or expired. */
  redeem(ticket: string): UserId {
    const record = this.tickets.get(ticket);
    this.tickets.delete(ticket);
    if (!record || record.expiresAt <= this.now()) {
      throw new ChatError('UNAUTHENTICATED', 'The event stream ticket is invalid or expired.');
    }
    return record.userId;
  }

  private sweep(): void {
    const now = this.now();
    for (const [ticket, record] of this.tickets) if (record.expiresAt <= now) this.tickets.delete(ticket);
  }
}
