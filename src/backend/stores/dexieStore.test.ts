import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatError, type Conversation } from '../../transport';
import { newDirectConversation } from '../rules';
import type { NewDirect, UserRecord } from '../store';
import { DEXIE_STORE_TABLES, DEXIE_STORE_TABLES_V2, DEXIE_STORE_TABLES_V3, DexieStore } from './dexieStore';

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

describe('DexieStore upgrades', () => {
  it('a database of the first version keeps its messages when client ids become per conversation', async () => {
    const name = `dexie-store-upgrade-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    old.version(1).stores(DEXIE_STORE_TABLES);
    const [a, b, c] = [user('ann'), user('ben'), user('cat')];
    await old.table('users').bulkAdd([a, b, c]);
    const withBen = newDirectConversation(direct(a.id, b.id));
    const withCat = newDirectConversation(direct(a.id, c.id));
    const rowOf = (conversation: Conversation) => ({ ...conversation, directKey: conversation.id, memberIds: conversation.members.map((m) => m.userId) });
    await old.table('conversations').bulkAdd([{ ...rowOf(withBen), lastSeq: 1 }, rowOf(withCat)]);
    const stored = { id: 'm-1', conversationId: withBen.id, senderId: a.id, clientId: 'client-id-1', body: 'before', createdAt: new Date(0).toISOString(), seq: 1, status: 'sent' };
    await old.table('messages').add(stored);
    old.close();

    const store = new DexieStore(name);
    open.push(store);
    expect(await store.history(withBen.id, undefined, 10)).toEqual([stored]);
    const input = { id: 'm-2', senderId: a.id, clientId: 'client-id-1', body: 'after', createdAt: new Date().toISOString() };
    expect((await store.appendMessage({ ...input, conversationId: withBen.id })).message.id).toBe('m-1');
    expect((await store.appendMessage({ ...input, conversationId: withCat.id })).created).toBe(true);
  });

  it('a database of version 3 keeps every account, conversation, marker, message and change when groups arrive', async () => {
    const name = `dexie-store-upgrade-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    old.version(1).stores(DEXIE_STORE_TABLES);
    old.version(2).stores(DEXIE_STORE_TABLES_V2);
    old.version(3).stores(DEXIE_STORE_TABLES_V3);
    const [a, b] = [user('ann'), user('ben')];
    await old.table('users').bulkAdd([a, b]);
    const conversation = { ...newDirectConversation(direct(a.id, b.id)), lastSeq: 1 };
    conversation.members[1] = { ...conversation.members[1]!, deliveredSeq: 1, readSeq: 1 };
    const key = [a.id, b.id].sort().join(',');
    await old.table('conversations').add({ ...conversation, directKey: key, memberIds: conversation.members.map((m) => m.userId) });
    const stored = { id: 'm-1', conversationId: conversation.id, senderId: a.id, clientId: 'client-id-1', body: 'before', createdAt: new Date(0).toISOString(), seq: 1, status: 'sent' as const };
    await old.table('messages').add(stored);
    const changes = [
      { rev: 1, conversationId: conversation.id, change: { type: 'conversation', rev: 1, conversation: newDirectConversation({ id: conversation.id, memberIds: [a.id, b.id], createdAt: conversation.createdAt }) } },
      { rev: 2, conversationId: conversation.id, change: { type: 'message', rev: 2, message: stored } },
    ];
    await old.table('changes').bulkAdd(changes);
    old.close();

    const store = new DexieStore(name);
    open.push(store);
    expect(await store.listUsers()).toHaveLength(2);
    expect(await store.getConversation(conversation.id)).toEqual(conversation);
    expect(await store.listConversations(b.id)).toEqual([conversation]);
    expect(await store.history(conversation.id, undefined, 10)).toEqual([stored]);
    expect(await store.changesSince([conversation.id], 0, 10)).toEqual(changes.map((c) => c.change));
    expect((await store.getOrCreateDirect(direct(b.id, a.id))).change).toBeNull();
    expect(await store.listPublicGroups()).toEqual([]);
    expect(await store.listDepartures(a.id)).toEqual([]);
  });
});
