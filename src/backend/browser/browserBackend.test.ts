import Dexie, { type Table } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../transport/types';
import { LOCAL_CALLER } from '../limits/caller';
import { DEXIE_STORE_TABLES, DEXIE_STORE_TABLES_V2, DEXIE_STORE_TABLES_V3, DEXIE_STORE_TABLES_V4, DEXIE_STORE_TABLES_V5, DEXIE_STORE_TABLES_V6 } from '../stores/dexieStore';
import { type ConnectionRow, TAB_PRESENCE_TABLES, type TabRow } from '../tabPresence';
import { type BrowserBackend, openBrowserBackend } from './browserBackend';
import type { SessionRow } from './dexieSessionRecords';

// IndexedDB is fake-indexeddb here (tests/setup), BroadcastChannel Node's own: two backends over one database are two tabs.
class TabsDatabase extends Dexie {
  declare sessions: Table<SessionRow, string>;
  declare tabs: Table<TabRow, string>;
  declare connections: Table<ConnectionRow, string>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({ ...DEXIE_STORE_TABLES, sessions: 'tokenHash', ...TAB_PRESENCE_TABLES });
    this.version(2).stores(DEXIE_STORE_TABLES_V2);
    this.version(3).stores(DEXIE_STORE_TABLES_V3);
    this.version(4).stores(DEXIE_STORE_TABLES_V4);
    this.version(5).stores(DEXIE_STORE_TABLES_V5);
    this.version(6).stores(DEXIE_STORE_TABLES_V6);
  }
}

const opened: { backend: BrowserBackend; db: TabsDatabase }[] = [];
afterEach(async () => {
  for (const { backend, db } of opened.splice(0)) {
    await backend.close();
    db.close();
  }
});

async function tabs(): Promise<[BrowserBackend, BrowserBackend]> {
  const name = `browser-backend-test-${crypto.randomUUID()}`;
  const open = async () => {
    const db = new TabsDatabase(name);
    const backend = await openBrowserBackend({ db, locks: null });
    opened.push({ backend, db });
    return backend;
  };
  return [await open(), await open()];
}

const PASSWORD = 'correct horse battery';

describe('the browser backend of two tabs', () => {
  it('shares accounts and sessions: a session made in one tab is good in the other', async () => {
    const [a, b] = await tabs();
    const alice = await a.service.register({ username: 'alice', email: 'a@example.com', password: PASSWORD }, LOCAL_CALLER);
    expect((await b.service.resume(alice.token)).user.id).toBe(alice.user.id);
  });

  it('an event published in one tab reaches the subscribers in the other', async () => {
    const [a, b] = await tabs();
    const alice = await a.service.register({ username: 'alice', email: 'a@example.com', password: PASSWORD }, LOCAL_CALLER);
    const bob = await a.service.register({ username: 'bob', email: 'b@example.com', password: PASSWORD }, LOCAL_CALLER);
    const heard: ChatEvent[] = [];
    b.hub.subscribe(bob.user.id, (event) => heard.push(event));
    const conversation = await a.service.openDirect(alice.user.id, { userId: bob.user.id });
    await a.service.send(alice.user.id, { conversationId: conversation.id, clientId: crypto.randomUUID(), body: 'across tabs' });
    await expect.poll(() => heard.some((e) => e.type === 'message' && e.message.body === 'across tabs')).toBe(true);
  });

  it('the sign-out hook names the session in the tab that signed it out, and tells the other tabs to check theirs', async () => {
    const [a, b] = await tabs();
    const alice = await a.service.register({ username: 'alice', email: 'a@example.com', password: PASSWORD }, LOCAL_CALLER);
    const inA: (string | null)[] = [];
    const inB: (string | null)[] = [];
    a.onSignedOut((sessionId) => inA.push(sessionId));
    b.onSignedOut((sessionId) => inB.push(sessionId));

    await a.service.logout(alice.token);
    expect(inA).toEqual([alice.token]);
    await expect.poll(() => inB).toEqual([null]);
    expect(await b.sessions.isRevoked(alice.token)).toBe(true);
  });
});
