import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatError, type Conversation } from '../../transport';
import type { NewDirect, UserRecord } from '../store';
import { DEXIE_STORE_TABLES, DEXIE_STORE_TABLES_V2, DexieStore } from './dexieStore';

const open: DexieStore[] = [];
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
});

/** Two handles on one fresh database: two tabs of one browser. */
function twoTabs(): [DexieStore, DexieStore] {
  const name = `dexie-store-${crypto.randomUUID()}`;
  const tabs: [DexieStore, DexieStore] = [new DexieStore(name), new DexieStore(name)];
  open.push(...tabs);
  return tabs;
}

function user(username: string): UserRecord {
  const id = crypto.randomUUID();
  return { id, username, displayName: username, email: `${username}@example.com`, avatarColor: '#6d28d9', passwordHash: 'x', createdAt: new Date().toISOString(), lastSeen: null };
}

function direct(a: string, b: string): NewDirect {
  return { id: crypto.randomUUID(), memberIds: [a, b], createdAt: new Date().toISOString() };
}

describe('DexieStore across tabs', () => {
  it('lets exactly one of two tabs register a username at once, in any case', async () => {
    const [tab1, tab2] = twoTabs();
    const results = await Promise.allSettled([tab1.createUser(user('racer')), tab2.createUser(user('RACER'))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(ChatError);
    expect(rejected?.status === 'rejected' && (rejected.reason as ChatError).code).toBe('USERNAME_TAKEN');
    expect(await tab1.listUsers()).toHaveLength(1);
  });

  it('creates one direct conversation when both members open it from two tabs at once', async () => {
    const [tab1, tab2] = twoTabs();
    const [a, b] = [user('ann'), user('ben')];
    await tab1.createUser(a);
    await tab1.createUser(b);
    const [x, y] = await Promise.all([tab1.getOrCreateDirect(direct(a.id, b.id)), tab2.getOrCreateDirect(direct(b.id, a.id))]);
    expect(x.conversation.id).toBe(y.conversation.id);
    expect([x.change, y.change].filter(Boolean)).toHaveLength(1);
    expect(await tab2.listConversations(a.id)).toHaveLength(1);
  });

  it('keeps one rev sequence across tabs and pages changes of many conversations by rev', async () => {
    const [tab1, tab2] = twoTabs();
    const me = user('me');
    await tab1.createUser(me);
    const conversations: Conversation[] = [];
    for (const name of ['p1', 'p2', 'p3']) {
      const peer = user(name);
      await tab1.createUser(peer);
      conversations.push((await tab1.getOrCreateDirect(direct(me.id, peer.id))).conversation);
    }
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (i % 2 ? tab1 : tab2).appendMessage({
          id: crypto.randomUUID(),
          conversationId: conversations[i % 3]!.id,
          senderId: me.id,
          clientId: crypto.randomUUID(),
          body: `m${i}`,
          createdAt: new Date().toISOString(),
        }),
      ),
    );
    const ids = conversations.map((c) => c.id);
    const all = await tab2.changesSince(ids, 0, 1000);
    expect(all.map((c) => c.rev)).toEqual(Array.from({ length: 33 }, (_, i) => i + 1));
    const pages: number[] = [];
    for (let cursor = 0; ; ) {
      const page = await tab1.changesSince(ids, cursor, 7);
      if (page.length === 0) break;
      pages.push(...page.map((c) => c.rev));
      cursor = page.at(-1)!.rev;
    }
    expect(pages).toEqual(all.map((c) => c.rev));
    expect(await tab1.currentRev()).toBe(33);
  });

  it('works inside a database that declares more tables than the store', async () => {
    const db = new Dexie(`dexie-store-shared-${crypto.randomUUID()}`);
    db.version(1).stores({ ...DEXIE_STORE_TABLES, extra: 'key' });
    db.version(2).stores(DEXIE_STORE_TABLES_V2);
    const store = new DexieStore(db);
    await store.createUser(user('shared'));
    expect(await store.getUserByUsername('Shared')).toMatchObject({ username: 'shared' });
    db.close();
  });
});
