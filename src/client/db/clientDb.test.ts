import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_TABLES, CLIENT_TABLES_V2, ClientDb, closeWhenDeleted, deleteClientDb, clientDbName, operationsOf, sendRowOf } from './clientDb';

const opened: ClientDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** The same user's database as another tab holds it, with a row in it. */
async function openTab(userId: string): Promise<ClientDb> {
  const db = new ClientDb(clientDbName(userId));
  opened.push(db);
  await db.drafts.put({ conversationId: 'c1', text: 'draft', updatedAt: '2026-01-05T09:00:00.000Z' });
  return db;
}

describe('a client database deleted by another tab', () => {
  it('closes for good at once: the deletion is not blocked, and a late write fails instead of making it again', async () => {
    const userId = `user-${crypto.randomUUID()}`;
    const tab = await openTab(userId);
    let told = 0;
    closeWhenDeleted(tab, () => (told += 1));

    await deleteClientDb(userId);
    expect(told).toBe(1);
    expect(tab.isOpen()).toBe(false);
    await expect(tab.drafts.put({ conversationId: 'c1', text: 'late', updatedAt: '2026-01-05T09:00:01.000Z' })).rejects.toThrow(Dexie.DatabaseClosedError);
    expect(await Dexie.exists(clientDbName(userId))).toBe(false);
  });

  it('is what keeps it closed: on its own, Dexie reopens it for the next write and the database is back', async () => {
    const userId = `user-${crypto.randomUUID()}`;
    const tab = await openTab(userId);

    await deleteClientDb(userId);
    await tab.drafts.put({ conversationId: 'c1', text: 'late', updatedAt: '2026-01-05T09:00:01.000Z' });
    expect(await Dexie.exists(clientDbName(userId))).toBe(true);
    await deleteClientDb(userId);
  });
});

describe('the client database, versions 2 (groups) and 3 (message actions)', () => {
  it('keeps what version 1 stored: conversations, messages, the outbox, drafts and the cursor', async () => {
    const userId = `user-${crypto.randomUUID()}`;
    // Version 1 as it shipped, with a row in every table.
    const old = new Dexie(clientDbName(userId));
    old.version(1).stores(CLIENT_TABLES);
    const at = '2026-01-05T09:00:00.000Z';
    await old.table('conversations').put({ id: 'c1', kind: 'direct', members: [{ userId, deliveredSeq: 1, readSeq: 1 }], createdAt: at, lastSeq: 1, localReadSeq: 1, localDeliveredSeq: 1 });
    await old.table('messages').put({ senderId: 'ann', clientId: 'k1', id: 'm1', conversationId: 'c1', body: 'hi', createdAt: at, seq: 1, sortKey: 1, status: 'read', error: null });
    await old.table('outbox').put({ clientId: 'k2', conversationId: 'c1', body: 'later', state: 'queued', createdAt: at });
    await old.table('users').put({ id: 'ann', username: 'ann', displayName: 'Ann', avatarColor: '#6d28d9', presence: 'online', lastSeen: null });
    await old.table('meta').put({ key: 'cursor', value: 42 });
    await old.table('drafts').put({ conversationId: 'c1', text: 'draft', updatedAt: at });
    old.close();

    const db = new ClientDb(clientDbName(userId));
    opened.push(db);
    expect(await db.conversations.where('kind').equals('direct').primaryKeys()).toEqual(['c1']);
    expect((await db.messages.get(['ann', 'k1']))?.body).toBe('hi');
    expect(await db.outbox.count()).toBe(1);
    expect((await db.users.get('ann'))?.displayName).toBe('Ann');
    expect((await db.meta.get('cursor'))?.value).toBe(42);
    expect((await db.drafts.get('c1'))?.text).toBe('draft');
    expect(db.verno).toBe(3);
    db.close();
    await deleteClientDb(userId);
  });

  it('keeps a send queued by version 2 as a send, and finds operations by the message they act on', async () => {
    const userId = `user-${crypto.randomUUID()}`;
    const old = new Dexie(clientDbName(userId));
    old.version(1).stores(CLIENT_TABLES);
    old.version(2).stores(CLIENT_TABLES_V2);
    const at = '2026-01-05T09:00:00.000Z';
    await old.table('outbox').put({ clientId: 'k2', conversationId: 'c1', body: 'later', state: 'queued', createdAt: at });
    old.close();

    const db = new ClientDb(clientDbName(userId));
    opened.push(db);
    expect(await sendRowOf(db, 'k2')).toMatchObject({ clientId: 'k2', body: 'later', state: 'queued' });
    expect((await sendRowOf(db, 'k2'))?.kind).toBeUndefined();
    const target = { conversationId: 'c1', state: 'queued' as const, createdAt: at, targetSenderId: userId, targetClientId: 'k2' };
    await db.outbox.add({ ...target, clientId: 'op-2', kind: 'react', emoji: '👍', on: true });
    await db.outbox.add({ ...target, clientId: 'op-1', kind: 'edit', body: 'sooner' });
    await db.outbox.add({ ...target, clientId: 'op-3', targetClientId: 'other', kind: 'delete' });
    expect((await operationsOf(db, userId, 'k2')).map((op) => op.clientId)).toEqual(['op-2', 'op-1']);
    expect(await sendRowOf(db, 'op-1')).toBeUndefined();
    db.close();
    await deleteClientDb(userId);
  });
});
