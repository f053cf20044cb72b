import { describe, expect, it } from 'vitest';
import type { ChatEvent, UserId } from '../transport/types';
import { LOCAL_CALLER } from './limits/caller';
import { ManualClock } from '../../tests/support/manualClock';
import type { Publisher } from './ports';
import { MemoryPresence } from './presence';
import { ChatService } from './service';
import { MemoryStore } from './stores/memoryStore';
import { MemorySessionRecords, TokenSessions } from './tokenSessions';
import { plainHasher } from '../../tests/support/plainHasher';

/** A store whose conversation listing (who hears of a presence change) waits until the test lets it go, as a busy database would. */
class SlowConversationsStore extends MemoryStore {
  gate: Promise<void> | null = null;
  onList: (() => void) | null = null;
  override async listConversations(userId: UserId) {
    this.onList?.();
    await this.gate;
    return super.listConversations(userId);
  }
}

const QUIET_MS = 2000;

async function setUp() {
  const store = new SlowConversationsStore();
  const clock = new ManualClock();
  const published: ChatEvent[] = [];
  const publisher: Publisher = { publish: (_to: readonly UserId[], event: ChatEvent) => void published.push(event) };
  const service = new ChatService({
    store,
    clock,
    hasher: plainHasher,
    sessions: new TokenSessions(new MemorySessionRecords()),
    publisher,
    presence: new MemoryPresence(),
    limits: { presenceQuietMs: QUIET_MS },
  });
  const { user } = await service.register({ username: 'ann', email: 'ann@example.com', password: 'long enough' }, LOCAL_CALLER);
  return { store, clock, published, service, user };
}

/** Runs `step` with the store's listing held, checks it waits for it, then lets it go. */
async function waitsForTheListing(store: SlowConversationsStore, step: () => Promise<void>): Promise<void> {
  let release!: () => void;
  store.gate = new Promise((resolve) => (release = resolve));
  const listing = new Promise<void>((resolve) => (store.onList = resolve));
  const done = step();
  await listing;
  // Everything here is promise work on a memory store: by the next macrotask it has run as far as it can.
  const state = await Promise.race([done.then(() => 'settled'), new Promise((resolve) => setImmediate(() => resolve('waiting')))]);
  expect(state).toBe('waiting');
  release();
  await done;
  store.gate = null;
}

// A server shutting down waits for connect/disconnect (and then for the presence
// changes held back by the quiet window) before it closes its store and Redis:
// the presence publication must be part of them, not left behind.
describe('presence publications', () => {
  it('connect resolves only after the presence event is published', async () => {
    const { store, published, service, user } = await setUp();
    await waitsForTheListing(store, () => service.connect(user.id, 'c1'));
    expect(published).toEqual([expect.objectContaining({ type: 'presence', userId: user.id, presence: 'online' })]);
    service.dispose();
  });

  it('disconnect after a quiet spell resolves only after the presence event is published', async () => {
    const { store, clock, published, service, user } = await setUp();
    await service.connect(user.id, 'c1');
    await clock.advance(QUIET_MS);
    published.length = 0;
    await waitsForTheListing(store, () => service.disconnect(user.id, 'c1'));
    expect(published).toEqual([expect.objectContaining({ type: 'presence', userId: user.id, presence: 'offline' })]);
    service.dispose();
  });

  it('a change held back by the quiet window is published by flushPresence, which resolves only after it', async () => {
    const { store, published, service, user } = await setUp();
    await service.connect(user.id, 'c1');
    published.length = 0;
    await service.disconnect(user.id, 'c1');
    expect(published).toEqual([]);
    await waitsForTheListing(store, () => service.flushPresence());
    expect(published).toEqual([expect.objectContaining({ type: 'presence', userId: user.id, presence: 'offline' })]);
    expect((await store.getUserById(user.id))?.lastSeen).not.toBeNull();
    service.dispose();
  });
});
