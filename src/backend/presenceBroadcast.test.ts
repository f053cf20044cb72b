import { describe, expect, it } from 'vitest';
import type { ChatEvent, UserId } from '../transport/types';
import type { Publisher } from './ports';
import { MemoryPresence } from './presence';
import { ChatService } from './service';
import { MemoryStore } from './stores/memoryStore';
import { MemorySessionRecords, TokenSessions } from './tokenSessions';
import { plainHasher } from '../../tests/support/plainHasher';

/** A store whose directory listing waits until the test lets it go, as a busy database would. */
class SlowDirectoryStore extends MemoryStore {
  gate: Promise<void> | null = null;
  onList: (() => void) | null = null;
  override async listUsers() {
    this.onList?.();
    await this.gate;
    return super.listUsers();
  }
}

// A server shutting down waits for connect/disconnect and then closes its store
// and Redis: the presence publication must be part of them, not left behind.
describe('presence publications', () => {
  it.each(['connect', 'disconnect'] as const)('%s resolves only after the presence event is published', async (step) => {
    const store = new SlowDirectoryStore();
    const published: ChatEvent[] = [];
    const publisher: Publisher = { publish: (_to: readonly UserId[], event: ChatEvent) => void published.push(event) };
    const service = new ChatService({ store, hasher: plainHasher, sessions: new TokenSessions(new MemorySessionRecords()), publisher, presence: new MemoryPresence() });
    const { user } = await service.register({ username: 'ann', email: 'ann@example.com', password: 'long enough' });
    if (step === 'disconnect') await service.connect(user.id, 'c1');
    published.length = 0;

    let release!: () => void;
    store.gate = new Promise((resolve) => (release = resolve));
    const listing = new Promise<void>((resolve) => (store.onList = resolve));
    const done = step === 'connect' ? service.connect(user.id, 'c1') : service.disconnect(user.id, 'c1');
    await listing;
    // Everything here is promise work on a memory store: by the next macrotask it has run as far as it can.
    const state = await Promise.race([done.then(() => 'settled'), new Promise((resolve) => setImmediate(() => resolve('waiting')))]);
    expect(state).toBe('waiting');

    release();
    await done;
    expect(published).toEqual([expect.objectContaining({ type: 'presence', userId: user.id, presence: step === 'connect' ? 'online' : 'offline' })]);
    service.dispose();
  });
});
