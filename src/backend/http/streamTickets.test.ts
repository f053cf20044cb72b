import { describe, expect, it } from 'vitest';
import { ChatError } from '../../transport/errors';
import { MemoryStreamTickets, STREAM_TICKET_TTL_MS } from './streamTickets';

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ChatError);
  return (error as ChatError).code;
}

describe('MemoryStreamTickets', () => {
  const signedOut = new Set<string>();
  const checkSession = async (token: string) => {
    if (signedOut.has(token)) throw new ChatError('UNAUTHENTICATED', 'This session has been signed out.');
  };

  it('opens one stream, before it expires, while its session is signed in', async () => {
    let now = 1_000;
    const tickets = new MemoryStreamTickets(checkSession, () => now);
    const once = await tickets.issue('alice', 'session-1');
    expect(once.expiresInMs).toBe(STREAM_TICKET_TTL_MS);
    expect(await tickets.redeem(once.ticket)).toEqual({ userId: 'alice', sessionId: 'session-1' });
    expect(await refusal(tickets.redeem(once.ticket))).toBe('UNAUTHENTICATED');

    const expiring = await tickets.issue('alice', 'session-1');
    now += STREAM_TICKET_TTL_MS;
    expect(await refusal(tickets.redeem(expiring.ticket))).toBe('UNAUTHENTICATED');

    const orphaned = await tickets.issue('alice', 'session-2');
    signedOut.add('session-2');
    expect(await refusal(tickets.redeem(orphaned.ticket))).toBe('UNAUTHENTICATED');
    expect(await refusal(tickets.redeem('never-issued'))).toBe('UNAUTHENTICATED');
  });
});
