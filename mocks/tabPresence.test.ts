import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../tests/support/manualClock';
import type { ChatEvent, Session } from '../src/transport/types';
import { openTabBackend, type TabBackend } from './backend';
import { MockDatabase } from './mockDatabase';
import { plainHasher } from '../tests/support/plainHasher';
import { LOCAL_CALLER } from '../src/backend/limits/caller';

// IndexedDB is fake-indexeddb here (tests/setup): two msw "tabs" are two mock backends over one database.
const opened: { backend: TabBackend; db: MockDatabase }[] = [];
afterEach(async () => {
  for (const { backend, db } of opened.splice(0)) {
    await backend.dispose();
    db.close();
  }
});

const HEARTBEAT_MS = 60_000;
const STALE_MS = 10_000;

/** One browser tab in msw mode, with a clock of its own: a tab whose clock stands still is one whose timers never run. */
async function tab(name: string, clock: ManualClock): Promise<TabBackend> {
  const db = new MockDatabase(name);
  const backend = await openTabBackend({ db, clock, heartbeatMs: HEARTBEAT_MS, staleAfterMs: STALE_MS, locks: null, hasher: plainHasher });
  opened.push({ backend, db });
  return backend;
}

function signUp(backend: TabBackend, username: string): Promise<Session> {
  return backend.service.register({ username, email: `${username}@example.com`, password: 'correct horse battery' }, LOCAL_CALLER);
}

/** What `viewer` sees of `userId` in the directory tab `backend` answers. */
async function seenIn(backend: TabBackend, viewer: Session, userId: string) {
  const user = (await backend.service.users(viewer.user.id)).find((u) => u.id === userId)!;
  return { presence: user.presence, lastSeen: user.lastSeen };
}

describe('presence in msw mode, across tabs', () => {
  it('each tab sees the users online in the other; a tab that stops beating has its users go offline with lastSeen announced', async () => {
    const name = `violetchat-msw-test-${crypto.randomUUID()}`;
    const start = Date.UTC(2026, 2, 1, 12);
    const [clockA, clockB] = [new ManualClock(start), new ManualClock(start)];
    const [a, b] = [await tab(name, clockA), await tab(name, clockB)];
    const alice = await signUp(a, 'alice');
    const bob = await signUp(b, 'bob');
    // Presence events go to the people one shares a conversation with.
    await a.service.openDirect(alice.user.id, { userId: bob.user.id });
    // What opening an event stream does in each tab.
    await a.service.connect(alice.user.id, 'alice-in-a');
    await b.service.connect(bob.user.id, 'bob-in-b');

    expect((await seenIn(b, bob, alice.user.id)).presence).toBe('online');
    expect((await seenIn(a, alice, bob.user.id)).presence).toBe('online');

    // Tab A goes silent without a goodbye (no Web Locks here to tell at once).
    await a.keeper.stop();
    await clockB.advance(STALE_MS + 1);
    expect((await seenIn(b, bob, alice.user.id)).presence).toBe('offline');

    const announced: ChatEvent[] = [];
    b.hub.subscribe(bob.user.id, (event) => announced.push(event));
    await b.keeper.beatNow();
    const lastSeen = new Date(clockB.now()).toISOString();
    expect(announced).toContainEqual({ type: 'presence', userId: alice.user.id, presence: 'offline', lastSeen });
    expect(await seenIn(b, bob, alice.user.id)).toEqual({ presence: 'offline', lastSeen });
    expect((await seenIn(b, bob, bob.user.id)).presence).toBe('online');
  });

  it('one user in two tabs stays online until the second one disconnects', async () => {
    const name = `violetchat-msw-test-${crypto.randomUUID()}`;
    const clock = new ManualClock();
    const [a, b] = [await tab(name, clock), await tab(name, clock)];
    const alice = await signUp(a, 'alice');
    const bob = await signUp(b, 'bob');
    await a.service.connect(alice.user.id, 'alice-in-a');
    await b.service.connect(alice.user.id, 'alice-in-b');

    await a.service.disconnect(alice.user.id, 'alice-in-a');
    expect((await seenIn(b, bob, alice.user.id)).presence).toBe('online');
    await b.service.disconnect(alice.user.id, 'alice-in-b');
    expect((await seenIn(a, bob, alice.user.id)).presence).toBe('offline');
  });
});
