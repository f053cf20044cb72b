import Dexie from 'dexie';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { DexieSessionRecords } from '../src/backend/browser/dexieSessionRecords';
import { DEXIE_STORE_TABLES, DexieStore } from '../src/backend/stores/dexieStore';
import { openTabBackend, type TabBackend } from './backend';
import { MockDatabase } from './mockDatabase';

// IndexedDB is fake-indexeddb here (tests/setup); in the browser it is the real one, with the same Dexie code.
const opened: { backend: TabBackend; db: MockDatabase }[] = [];
afterEach(async () => {
  for (const { backend, db } of opened.splice(0)) {
    await backend.dispose();
    db.close();
  }
});

/** What a page load does in msw mode: open the database and a mock backend over it. */
async function load(name: string): Promise<TabBackend> {
  const db = new MockDatabase(name);
  const backend = await openTabBackend({ db, locks: null });
  opened.push({ backend, db });
  return backend;
}

describe('the msw-mode backend in the browser', () => {
  it('keeps accounts, messages and sessions across a reload', async () => {
    const name = `violetchat-msw-test-${crypto.randomUUID()}`;
    const first = await load(name);
    const alice = await first.service.register({ username: 'alice', email: 'a@example.com', password: 'correct horse battery' });
    const bob = await first.service.register({ username: 'bob', email: 'b@example.com', password: 'correct horse battery' });
    const conversation = await first.service.openDirect(alice.user.id, { userId: bob.user.id });
    await first.service.send(alice.user.id, { conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'still here?' });

    const reloaded = await load(name);
    expect((await reloaded.service.resume(bob.token)).user.id).toBe(bob.user.id);
    const page = await reloaded.service.history(bob.user.id, { conversationId: conversation.id, limit: 10 });
    expect(page.messages.map((m) => m.body)).toEqual(['still here?']);
  });

  it('a logout is remembered too', async () => {
    const name = `violetchat-msw-test-${crypto.randomUUID()}`;
    const first = await load(name);
    const carol = await first.service.register({ username: 'carol', email: 'c@example.com', password: 'correct horse battery' });
    await first.service.logout(carol.token);
    await expect((await load(name)).service.resume(carol.token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('a database of the first version keeps its data when it gains the tabs tables and the unread index', async () => {
    const name = `violetchat-msw-test-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    old.version(1).stores({ ...DEXIE_STORE_TABLES, sessions: 'tokenHash' });
    const dan = { id: 'u-dan', username: 'dan', displayName: 'Dan', avatarColor: '#7c3aed', email: 'd@example.com', passwordHash: 'h', createdAt: new Date(0).toISOString(), lastSeen: null };
    const eve = { ...dan, id: 'u-eve', username: 'eve', displayName: 'Eve' };
    const oldStore = new DexieStore(old);
    await oldStore.createUser(dan);
    await oldStore.createUser(eve);
    const { conversation } = await oldStore.getOrCreateDirect({ id: 'c-1', memberIds: [dan.id, eve.id], createdAt: new Date(0).toISOString() });
    for (const sender of [eve, dan, eve]) {
      await oldStore.appendMessage({ id: crypto.randomUUID(), conversationId: conversation.id, senderId: sender.id, clientId: crypto.randomUUID(), body: 'hi', createdAt: new Date(0).toISOString() });
    }
    await old.table('sessions').put({ tokenHash: 'abc', userId: dan.id, expiresAt: 1 });
    old.close();

    const db = new MockDatabase(name);
    onTestFinished(() => db.close());
    expect(await new DexieStore(db).getUserByUsername('dan')).toEqual(dan);
    expect(await new DexieSessionRecords(db).get('abc')).toEqual({ userId: dan.id, expiresAt: 1 });
    // Messages stored before the index was declared are in it: Eve's two count as Dan's unread.
    expect((await new DexieStore(db).listSummaries(dan.id)).map((s) => s.unreadCount)).toEqual([2]);
    await db.tabs.put({ id: 'tab', heartbeatAt: 0 });
    expect(await db.tabs.count()).toBe(1);
  });
});
