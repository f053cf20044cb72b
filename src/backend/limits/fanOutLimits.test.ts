import { describe, expect, it } from 'vitest';
import { ChatError } from '../../transport/errors';
import type { ChatEvent, UserId } from '../../transport/types';
import { MemoryStore } from '../stores/memoryStore';
import { testService } from '../../../tests/support/testService';
import { LOCAL_CALLER } from './caller';
import { DEFAULT_ABUSE_LIMITS } from './abuseLimits';

const PASSWORD = 'correct horse battery';

/** Counts the directory reads a presence change makes. */
class CountingStore extends MemoryStore {
  listings = 0;
  override async listUsers() {
    this.listings += 1;
    return super.listUsers();
  }
}

async function team(options: Parameters<typeof testService>[0] = {}) {
  const store = new CountingStore();
  const backend = testService({ ...options, store });
  const register = (username: string) => backend.service.register({ username, email: `${username}@example.com`, password: PASSWORD }, LOCAL_CALLER);
  const [ann, bob, eve] = await Promise.all([register('ann'), register('bob'), register('eve')]);
  const conversation = await backend.service.openDirect(ann.user.id, { userId: bob.user.id });
  return { ...backend, store, ann: ann.user.id, bob: bob.user.id, eve: eve.user.id, conversation };
}

/** Lets the work a timer started (store writes, then the announcement) finish. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

const presenceOf = (userId: UserId) => (events: ChatEvent[]) => events.filter((e) => e.type === 'presence' && e.userId === userId);
const typingIn = (events: ChatEvent[]) => events.filter((e) => e.type === 'typing');

describe('presence fan-out', () => {
  it('goes to the people who share a conversation, not to everyone, and reads no directory', async () => {
    const { service, store, eventsFor, ann, bob, eve } = await team();
    const listingsBefore = store.listings;
    await service.connect(ann, 'ann-1');
    expect(presenceOf(ann)(eventsFor(bob))).toEqual([expect.objectContaining({ presence: 'online' })]);
    expect(presenceOf(ann)(eventsFor(eve))).toEqual([]);
    expect(store.listings).toBe(listingsBefore);
    // The directory still tells anyone who is online.
    expect((await service.users(eve)).find((u) => u.id === ann)?.presence).toBe('online');
  });

  // Hole 6: each connect and disconnect told every user, so a reconnect loop cost everyone two events a round.
  it('a client connecting and disconnecting in a loop costs its peers one event per quiet window, and the last state after it', async () => {
    const { service, clock, eventsFor, ann, bob } = await team();
    for (let i = 0; i < 100; i++) {
      await service.connect(ann, `ann-${i}`);
      await service.disconnect(ann, `ann-${i}`);
    }
    expect(presenceOf(ann)(eventsFor(bob)).map((e) => e.type === 'presence' && e.presence)).toEqual(['online']);
    await clock.advance(DEFAULT_ABUSE_LIMITS.presenceQuietMs, settle);
    const seen = presenceOf(ann)(eventsFor(bob));
    expect(seen.map((e) => e.type === 'presence' && e.presence)).toEqual(['online', 'offline']);
    // The last seen time is when the user really left, not when the window ended.
    expect(seen[1]).toMatchObject({ lastSeen: new Date(clock.now() - DEFAULT_ABUSE_LIMITS.presenceQuietMs).toISOString() });
  });

  it('a reconnect within the quiet window costs the peers nothing', async () => {
    const { service, clock, eventsFor, ann, bob } = await team();
    await service.connect(ann, 'ann-1');
    await service.disconnect(ann, 'ann-1');
    await service.connect(ann, 'ann-2');
    await clock.advance(DEFAULT_ABUSE_LIMITS.presenceQuietMs * 3, settle);
    expect(presenceOf(ann)(eventsFor(bob)).map((e) => e.type === 'presence' && e.presence)).toEqual(['online']);
    // After a quiet spell a change goes out at once again.
    await service.disconnect(ann, 'ann-2');
    expect(presenceOf(ann)(eventsFor(bob)).map((e) => e.type === 'presence' && e.presence)).toEqual(['online', 'offline']);
  });
});

describe('typing', () => {
  // Hole 6: every "typing" went out, as often as a client cared to send it.
  it('is announced at most once a second per conversation, however often it is sent', async () => {
    const { service, eventsFor, ann, bob, conversation } = await team();
    for (let i = 0; i < 20; i++) await service.setTyping(ann, { conversationId: conversation.id, typing: true });
    expect(typingIn(eventsFor(bob))).toHaveLength(1);
    for (let i = 0; i < 20; i++) await service.setTyping(ann, { conversationId: conversation.id, typing: i % 2 === 1 });
    // The start and the stop of the first burst; the toggles after it within the second go nowhere.
    expect(typingIn(eventsFor(bob)).map((e) => e.type === 'typing' && e.typing)).toEqual([true, false]);
    service.dispose();
  });
});

describe('connections', () => {
  // Hole 6: one user could hold 500 sockets.
  it('a user may hold only so many at once on a node; closing one makes room', () => {
    const { service } = testService({ limits: { connectionsPerUser: 3 } });
    const releases = [1, 2, 3].map(() => service.admitConnection('ann', { address: `198.51.100.1` }));
    expect(() => service.admitConnection('ann', { address: '198.51.100.2' })).toThrow(ChatError);
    expect(() => service.admitConnection('ann', { address: '198.51.100.2' })).toThrow(expect.objectContaining({ code: 'RATE_LIMITED' }));
    expect(() => service.admitConnection('bob', { address: '198.51.100.2' })).not.toThrow();
    releases[0]!();
    releases[0]!();
    expect(() => service.admitConnection('ann', { address: '198.51.100.2' })).not.toThrow();
    expect(() => service.admitConnection('ann', { address: '198.51.100.2' })).toThrow(ChatError);
  });

  it('so may an address, across users', () => {
    const { service } = testService({ limits: { connectionsPerAddress: 2 } });
    service.admitConnection('ann', { address: '198.51.100.1' });
    service.admitConnection('bob', { address: '::ffff:198.51.100.1' });
    expect(() => service.admitConnection('eve', { address: '198.51.100.1' })).toThrow(expect.objectContaining({ code: 'RATE_LIMITED' }));
    expect(() => service.admitConnection('eve', { address: '198.51.100.9' })).not.toThrow();
  });
});

describe('reads', () => {
  // Hole 6: history, the directory, markers and catch-up had no limits at all.
  it.each([
    ['history', { readsPerUser: { points: 3, durationSec: 60 } }, (s: Awaited<ReturnType<typeof team>>) => s.service.history(s.ann, { conversationId: s.conversation.id, limit: 50 })],
    ['catch-up', { readsPerUser: { points: 3, durationSec: 60 } }, (s: Awaited<ReturnType<typeof team>>) => s.service.catchUp(s.ann, { since: 0 })],
    ['the conversation list', { readsPerUser: { points: 3, durationSec: 60 } }, (s: Awaited<ReturnType<typeof team>>) => s.service.conversations(s.ann)],
    ['the directory', { directoryPerUser: { points: 3, durationSec: 60 } }, (s: Awaited<ReturnType<typeof team>>) => s.service.users(s.ann)],
    ['read markers', { markersPerUser: { points: 3, durationSec: 60 } }, (s: Awaited<ReturnType<typeof team>>) => s.service.markRead(s.ann, { conversationId: s.conversation.id, uptoSeq: 0 })],
  ] as const)('%s is limited per user', async (_what, limits, read) => {
    const setup = await team({ limits });
    // openDirect in the set-up counted as a read.
    const reads = 'readsPerUser' in limits ? 2 : 3;
    for (let i = 0; i < reads; i++) await read(setup);
    await expect(read(setup)).rejects.toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterMs: expect.any(Number) } });
    // Someone else is not held up by it.
    await expect(setup.service.conversations(setup.bob)).resolves.toBeDefined();
  });
});
