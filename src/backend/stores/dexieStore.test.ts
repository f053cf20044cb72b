import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatError, type Conversation } from '../../transport';
import { newDirectConversation } from '../rules';
import type { NewDirect, UserRecord } from '../store';
import { planDelete, planReaction } from '../messageActions';
import { DEXIE_STORE_TABLES, DEXIE_STORE_TABLES_V2, DEXIE_STORE_TABLES_V3, DEXIE_STORE_TABLES_V4, DEXIE_STORE_TABLES_V5, DexieStore } from './dexieStore';

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

/** A fresh database declared as the store's tables were at `version` (1 to 5), before this code opens it. */
function databaseAt(version: number): { name: string; old: Dexie } {
  const name = `dexie-store-upgrade-${crypto.randomUUID()}`;
  const old = new Dexie(name);
  [DEXIE_STORE_TABLES, DEXIE_STORE_TABLES_V2, DEXIE_STORE_TABLES_V3, DEXIE_STORE_TABLES_V4, DEXIE_STORE_TABLES_V5]
    .slice(0, version)
    .forEach((tables, i) => old.version(i + 1).stores(tables));
  return { name, old };
}

describe('DexieStore upgrades', () => {
  it('a database of the first version keeps its messages when client ids become per conversation', async () => {
    const { name, old } = databaseAt(1);
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
    const { name, old } = databaseAt(3);
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
    expect(await store.browseChannels({ userId: a.id, titleKey: '', limit: 10 })).toEqual([]);
    expect(await store.listDepartures(a.id)).toEqual([]);
  });

  it('a database of version 4 keeps its groups, which Browse channels finds by title key and activity, and its receipts, found on the new index', async () => {
    const { name, old } = databaseAt(4);
    const [a, b, c] = [user('ann'), user('ben'), user('cat')];
    await old.table('users').bulkAdd([a, b, c]);
    const members = [
      { userId: a.id, deliveredSeq: 2, readSeq: 2, role: 'owner', joinedSeq: 0 },
      { userId: b.id, deliveredSeq: 2, readSeq: 1, role: 'member', joinedSeq: 0 },
    ];
    const groupRow = (id: string, title: string, visibility: string, lastSeq: number) => ({
      id, kind: 'group', members, createdAt: '2024-01-01T00:00:00.000Z', lastSeq, group: { title, visibility, createdBy: a.id }, memberIds: [a.id, b.id], groupKey: `${a.id}\u0000${id}`,
    });
    await old.table('conversations').bulkAdd([groupRow('g-pub', 'Café Crew', 'public', 2), groupRow('g-priv', 'Café Secret', 'private', 1)]);
    const text = { senderId: a.id, status: 'sent' };
    await old.table('messages').bulkAdd([
      { ...text, id: 'e-1', conversationId: 'g-pub', clientId: 'system:1', body: 'created', createdAt: '2024-01-01T00:00:00.000Z', seq: 1, system: { type: 'created', title: 'Café Crew', memberIds: [b.id] } },
      { ...text, id: 'm-2', conversationId: 'g-pub', clientId: 'c-2', body: 'hello crew', createdAt: '2024-03-01T00:00:00.000Z', seq: 2 },
      { ...text, id: 'e-2', conversationId: 'g-priv', clientId: 'system:2', body: 'created', createdAt: '2024-01-02T00:00:00.000Z', seq: 1, system: { type: 'created', title: 'Café Secret', memberIds: [] } },
    ]);
    const receipt = (rev: number, kind: string, uptoSeq: number, at: string) => ({ rev, conversationId: 'g-pub', at, change: { type: 'receipt', rev, conversationId: 'g-pub', userId: b.id, kind, uptoSeq } });
    await old.table('changes').bulkAdd([receipt(1, 'delivered', 2, '2024-03-01T00:01:00.000Z'), receipt(2, 'read', 1, '2024-03-01T00:02:00.000Z')]);
    old.close();

    const store = new DexieStore(name);
    open.push(store);
    expect(await store.browseChannels({ userId: c.id, titleKey: 'cafe', limit: 10 })).toEqual([
      { id: 'g-pub', title: 'Café Crew', memberCount: 2, createdBy: a.id, createdAt: '2024-01-01T00:00:00.000Z', lastActivityAt: '2024-03-01T00:00:00.000Z' },
    ]);
    expect(await store.receiptTimes('g-pub', 2)).toEqual([{ userId: b.id, kind: 'delivered', at: '2024-03-01T00:01:00.000Z' }]);
    expect(await store.getConversation('g-pub')).toEqual({ id: 'g-pub', kind: 'group', members, createdAt: '2024-01-01T00:00:00.000Z', lastSeq: 2, group: { title: 'Café Crew', visibility: 'public', createdBy: a.id } });
    expect((await store.history('g-pub', undefined, 10)).map((m) => m.id)).toEqual(['m-2', 'e-1']);
  });
  it('a database of version 5 keeps every message and change; its message changes then name their message, so a delete leaves no copy of the body', async () => {
    const { name, old } = databaseAt(5);
    const [a, b] = [user('ann'), user('ben')];
    await old.table('users').bulkAdd([a, b]);
    const conversation = { ...newDirectConversation(direct(a.id, b.id)), lastSeq: 2 };
    await old.table('conversations').add({ ...conversation, directKey: [a.id, b.id].sort().join(','), memberIds: [a.id, b.id] });
    const sent = (seq: number, senderId: string, body: string) => ({
      id: `m-${seq}`, conversationId: conversation.id, senderId, clientId: `client-${seq}`, body, createdAt: new Date(seq).toISOString(), seq, status: 'sent' as const,
    });
    const [first, second] = [sent(1, a.id, 'a body to take back'), sent(2, b.id, 'and an answer')];
    await old.table('messages').bulkAdd([first, second]);
    const created = { type: 'conversation', rev: 1, conversation: newDirectConversation({ id: conversation.id, memberIds: [a.id, b.id], createdAt: conversation.createdAt }) };
    const receipt = { type: 'receipt', rev: 4, conversationId: conversation.id, userId: b.id, kind: 'read', uptoSeq: 1 };
    // Version 5 kept a copy of each message in its change.
    await old.table('changes').bulkAdd([
      { rev: 1, conversationId: conversation.id, change: created },
      { rev: 2, conversationId: conversation.id, change: { type: 'message', rev: 2, message: first } },
      { rev: 3, conversationId: conversation.id, change: { type: 'message', rev: 3, message: second } },
      { rev: 4, conversationId: conversation.id, at: '2024-01-01T00:00:00.000Z', change: receipt },
    ]);
    old.close();

    const store = new DexieStore(name);
    open.push(store);
    expect(await store.history(conversation.id, undefined, 10)).toEqual([second, first]);
    expect(await store.changesSince([conversation.id], 0, 10)).toEqual([
      created,
      { type: 'message', rev: 2, message: first },
      { type: 'message', rev: 3, message: second },
      receipt,
    ]);
    expect(await store.receiptTimes(conversation.id, 1)).toEqual([{ userId: b.id, kind: 'read', at: '2024-01-01T00:00:00.000Z' }]);
    // Message actions work on the old messages, and the change that sent one reads it as it now is.
    await store.reviseMessage({ conversationId: conversation.id, seq: 2, userId: a.id, opId: 'op-1', decide: (m) => planReaction(m, a.id, '👍', true) });
    const { message: tombstone } = await store.reviseMessage({ conversationId: conversation.id, seq: 1, userId: a.id, opId: 'op-2', decide: (m) => planDelete(m, a.id, new Date().toISOString()) });
    expect(tombstone).toMatchObject({ body: '', updateRev: 6 });
    const changes = await store.changesSince([conversation.id], 0, 10);
    expect(changes.map((c) => c.rev)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(changes[1]).toEqual({ type: 'message', rev: 2, message: tombstone });
    const everything = JSON.stringify(await Promise.all(store.db.tables.map((table) => table.toArray())));
    expect(everything).not.toContain('a body to take back');
    expect(everything).toContain('and an answer');
  });
});
