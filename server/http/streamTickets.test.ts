import { describe, expect, it } from 'vitest';
import { ChatError } from '../../src/transport/errors';
import { MemoryRedeemedTickets, MemoryStreamTickets, STREAM_TICKET_TTL_MS } from './streamTickets';

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

describe('MemoryRedeemedTickets', () => {
  it.each([
    { claims: [['t1', 0]], results: [true] },
    { claims: [['t1', 0], ['t1', 0]], results: [true, false] },
    { claims: [['t1', 0], ['t2', 0]], results: [true, true] },
    // Once t1's ticket has expired its id is forgotten (its ticket is refused for its expiry anyway).
    { claims: [['t1', 0], ['t1', 200]], results: [true, true] },
  ] as { claims: [string, number][]; results: boolean[] }[])('claims $claims answer $results', async ({ claims, results }) => {
    let now = 0;
    const redeemed = new MemoryRedeemedTickets(() => now);
    const answers = [];
    for (const [id, at] of claims) {
      now = at;
      answers.push(await redeemed.claim(id, 100));
    }
    expect(answers).toEqual(results);
  });
});
