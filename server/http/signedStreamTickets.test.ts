import { describe, expect, it } from 'vitest';
import { ChatError } from '../../src/transport/errors';
import { JwtSessions } from '../auth/jwtSessions';
import { SqliteStore } from '../store/sqliteStore';
import { SignedStreamTickets } from './signedStreamTickets';
import { STREAM_TICKET_TTL_MS } from '../../src/backend/http/streamTickets';
import { MemoryRedeemedTickets } from './redeemedTickets';

const SECRET = 'unit-test-secret-that-is-32-bytes-long!';

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ChatError);
  return (error as ChatError).code;
}

/** One server's sessions, and `nodes` ticket issuers sharing its secret, store and redeemed tickets, as cluster nodes do. */
function setup(options: { nodes?: number; sessionTtlSeconds?: number } = {}) {
  // Starts near the real time (the sessions' expiry, which bounds a ticket's, is on the real clock),
  // on a whole second, as JWT expiry counts.
  const clock = { now: Math.ceil(Date.now() / 1000) * 1000 };
  const sessions = new JwtSessions(SECRET, new SqliteStore(':memory:'), options.sessionTtlSeconds);
  const redeemed = new MemoryRedeemedTickets(() => clock.now);
  const nodes = Array.from({ length: options.nodes ?? 1 }, () => new SignedStreamTickets({ secret: SECRET, sessions, redeemed, now: () => clock.now }));
  return { clock, sessions, nodes };
}

describe('SignedStreamTickets', () => {
  it('a ticket names its user and session and opens one stream, on whichever node redeems it first', async () => {
    const { sessions, nodes: [a, b] } = setup({ nodes: 2 });
    const token = await sessions.issue('alice');
    const issued = await a!.issue('alice', token);
    expect(issued.expiresInMs).toBe(STREAM_TICKET_TTL_MS);
    expect(await b!.redeem(issued.ticket)).toEqual({ userId: 'alice', sessionId: (await sessions.check(token)).jti });
    expect(await refusal(a!.redeem(issued.ticket))).toBe('UNAUTHENTICATED');
    expect(await refusal(b!.redeem(issued.ticket))).toBe('UNAUTHENTICATED');
  });

  it('expires after its short life, and never outlives its session', async () => {
    const { clock, sessions, nodes: [node] } = setup();
    const token = await sessions.issue('alice');
    const late = await node!.issue('alice', token);
    const onTime = await node!.issue('alice', token);
    clock.now += STREAM_TICKET_TTL_MS - 1_000;
    expect((await node!.redeem(onTime.ticket)).userId).toBe('alice');
    clock.now += 1_000;
    expect(await refusal(node!.redeem(late.ticket))).toBe('UNAUTHENTICATED');

    const short = setup({ sessionTtlSeconds: 10 });
    const ticket = await short.nodes[0]!.issue('bob', await short.sessions.issue('bob'));
    expect(ticket.expiresInMs).toBeLessThanOrEqual(10_000);
  });

  it('signing the session out makes its unused tickets worthless', async () => {
    const { sessions, nodes: [node] } = setup();
    const [token, other] = [await sessions.issue('alice'), await sessions.issue('alice')];
    const mine = await node!.issue('alice', token);
    const theirs = await node!.issue('alice', other);
    await sessions.revoke(token);
    expect(await refusal(node!.redeem(mine.ticket))).toBe('UNAUTHENTICATED');
    expect((await node!.redeem(theirs.ticket)).userId).toBe('alice');
    expect(await refusal(node!.issue('alice', token))).toBe('UNAUTHENTICATED');
  });

  it('is good for nothing else: a ticket is no session, a session is no ticket, another secret signs no ticket', async () => {
    const { sessions, nodes: [node] } = setup();
    const token = await sessions.issue('alice');
    const { ticket } = await node!.issue('alice', token);
    expect(await refusal(sessions.verify(ticket))).toBe('UNAUTHENTICATED');
    expect(await refusal(node!.redeem(token))).toBe('UNAUTHENTICATED');
    const otherSecret = 'another-secret-that-is-also-32-bytes-long';
    const foreign = new SignedStreamTickets({ secret: otherSecret, sessions: new JwtSessions(otherSecret, new SqliteStore(':memory:')), redeemed: new MemoryRedeemedTickets() });
    const forged = await foreign.issue('alice', await new JwtSessions(otherSecret, new SqliteStore(':memory:')).issue('alice'));
    expect(await refusal(node!.redeem(forged.ticket))).toBe('UNAUTHENTICATED');
    // A tampered payload breaks the signature.
    const [header, payload, signature] = ticket.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const tampered = [header, Buffer.from(JSON.stringify({ ...claims, sub: 'mallory' })).toString('base64url'), signature].join('.');
    expect(await refusal(node!.redeem(tampered))).toBe('UNAUTHENTICATED');
    for (const garbage of ['', 'garbage', 'a.b.c']) expect(await refusal(node!.redeem(garbage))).toBe('UNAUTHENTICATED');
  });

  it('fits the protocol: the ticket is well under its 1024 characters', async () => {
    const { sessions, nodes: [node] } = setup();
    const userId = crypto.randomUUID();
    const { ticket } = await node!.issue(userId, await sessions.issue(userId));
    expect(ticket.length).toBeLessThan(400);
  });
});
