import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planDelete, planReaction } from '../../src/backend/messageActions';
import { MIGRATIONS, newestVersion } from './migrations';
import { channelsQuery, receiptTimesQuery } from './rows';
import { SqliteStore, migrate } from './sqliteStore';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A database file as a server of schema version `version` left it, with two users, two conversations, a message and its changes. */
function databaseAt(version: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'violetchat-migrate-'));
  dirs.push(dir);
  const path = join(dir, 'old.db');
  const db = new Database(path);
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.filter((m) => m.version <= version));
  const at = new Date(0).toISOString();
  const user = db.prepare('INSERT INTO users (id, username, display_name, email, avatar_color, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (const id of ['ann', 'ben', 'cat']) user.run(id, id, id, `${id}@example.com`, '#6d28d9', 'hash', at);
  const conversation = db.prepare("INSERT INTO conversations (id, kind, direct_key, created_at, last_seq) VALUES (?, 'direct', ?, ?, ?)");
  const member = db.prepare('INSERT INTO conversation_members (conversation_id, user_id, position) VALUES (?, ?, ?)');
  const change = db.prepare('INSERT INTO changes (rev, conversation_id, type, message_id) VALUES (?, ?, ?, ?)');
  for (const [id, peer, lastSeq, rev] of [['c-ben', 'ben', 1, 1], ['c-cat', 'cat', 0, 2]] as const) {
    conversation.run(id, `ann|${peer}`, at, lastSeq);
    member.run(id, 'ann', 0);
    member.run(id, peer, 1);
    change.run(rev, id, 'conversation', null);
  }
  db.prepare('INSERT INTO messages (id, conversation_id, seq, sender_id, client_id, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    'm-1', 'c-ben', 1, 'ann', 'client-id-1', 'before the upgrade', at,
  );
  change.run(3, 'c-ben', 'message', 'm-1');
  db.close();
  return path;
}

describe('SQLite schema version 3: client ids per conversation', () => {
  it('keeps every message and change of a version 2 database, and their links', async () => {
    const store = new SqliteStore(databaseAt(2));
    try {
      expect(store.schemaVersion()).toBe(newestVersion(MIGRATIONS));
      expect((await store.history('c-ben', undefined, 10)).map((m) => [m.id, m.body, m.clientId])).toEqual([['m-1', 'before the upgrade', 'client-id-1']]);
      const changes = await store.changesSince(['c-ben', 'c-cat'], 0, 10);
      expect(changes.map((c) => [c.rev, c.type])).toEqual([[1, 'conversation'], [2, 'conversation'], [3, 'message']]);
      expect(changes[2]).toMatchObject({ message: { id: 'm-1', body: 'before the upgrade' } });
      expect(await store.currentRev()).toBe(3);
    } finally {
      await store.close();
    }
  });

  it('then takes a client id reused in another conversation as a new message, and a retry as the old one', async () => {
    const store = new SqliteStore(databaseAt(2));
    try {
      const input = { senderId: 'ann', clientId: 'client-id-1', body: 'after', createdAt: new Date().toISOString() };
      expect((await store.appendMessage({ ...input, id: 'm-2', conversationId: 'c-ben' })).message.id).toBe('m-1');
      const elsewhere = await store.appendMessage({ ...input, id: 'm-3', conversationId: 'c-cat' });
      expect(elsewhere).toMatchObject({ created: true, message: { id: 'm-3', seq: 1 }, change: { rev: 4 } });
    } finally {
      await store.close();
    }
  });

  it('leaves the foreign keys whole: a change cannot name a message that does not exist', async () => {
    const path = databaseAt(2);
    await new SqliteStore(path).close();
    const db = new Database(path);
    try {
      db.pragma('foreign_keys = ON');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(() => db.prepare("INSERT INTO changes (rev, conversation_id, type, message_id) VALUES (9, 'c-ben', 'message', 'no-such-message')").run()).toThrow(/FOREIGN KEY/);
    } finally {
      db.close();
    }
  });
});

describe('SQLite schema version 6: groups and channels', () => {
  it('keeps every account, conversation, marker, message and change of a version 5 database, unchanged', async () => {
    const path = databaseAt(5);
    const before = new Database(path);
    before.prepare("UPDATE conversation_members SET delivered_seq = 1, read_seq = 1 WHERE conversation_id = 'c-ben' AND user_id = 'ben'").run();
    before.prepare("INSERT INTO changes (rev, conversation_id, type, user_id, receipt_kind, upto_seq) VALUES (4, 'c-ben', 'receipt', 'ben', 'read', 1)").run();
    before.close();
    const store = new SqliteStore(path);
    try {
      expect(store.schemaVersion()).toBe(newestVersion(MIGRATIONS));
      expect((await store.listUsers()).map((u) => u.username)).toEqual(['ann', 'ben', 'cat']);
      const conversation = await store.getConversation('c-ben');
      expect(conversation).toEqual({
        id: 'c-ben',
        kind: 'direct',
        createdAt: new Date(0).toISOString(),
        lastSeq: 1,
        members: [
          { userId: 'ann', deliveredSeq: 0, readSeq: 0 },
          { userId: 'ben', deliveredSeq: 1, readSeq: 1 },
        ],
      });
      expect(await store.history('c-ben', undefined, 10)).toEqual([
        { id: 'm-1', clientId: 'client-id-1', conversationId: 'c-ben', senderId: 'ann', body: 'before the upgrade', createdAt: new Date(0).toISOString(), seq: 1, status: 'sent' },
      ]);
      const changes = await store.changesSince(['c-ben', 'c-cat'], 0, 10);
      expect(changes.map((c) => [c.rev, c.type])).toEqual([[1, 'conversation'], [2, 'conversation'], [3, 'message'], [4, 'receipt']]);
      expect(changes[0]).toMatchObject({ conversation: { id: 'c-ben', kind: 'direct', members: [{ userId: 'ann' }, { userId: 'ben' }] } });
      expect((await store.listSummaries('ann')).map((s) => [s.conversation.id, s.lastMessage?.body ?? null, s.unreadCount])).toEqual([
        ['c-ben', 'before the upgrade', 0],
        ['c-cat', null, 0],
      ]);
      expect(await store.receiptTimes('c-ben', 1)).toEqual([{ userId: 'ben', kind: 'read', at: null }]);
      expect(await store.listDepartures('ann')).toEqual([]);
      expect(await store.browseChannels({ userId: 'cat', titleKey: '', limit: 10 })).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('then makes groups beside the old conversations, whose next rev follows the old ones', async () => {
    const store = new SqliteStore(databaseAt(5));
    try {
      const created = await store.createGroup({
        id: 'g-1',
        clientId: 'client-group-1',
        title: 'After the upgrade',
        visibility: 'public',
        createdBy: 'ann',
        memberIds: ['ben'],
        createdAt: new Date().toISOString(),
        entry: { id: 'e-1', senderId: 'ann', clientId: 'system:1', body: 'ann created it', createdAt: new Date().toISOString(), system: { type: 'created', title: 'After the upgrade', memberIds: ['ben'] } },
      });
      expect(created.changes.map((c) => c.rev)).toEqual([4, 5]);
      expect((await store.listConversations('ann')).map((c) => [c.id, c.kind])).toEqual([
        ['c-ben', 'direct'],
        ['c-cat', 'direct'],
        ['g-1', 'group'],
      ]);
    } finally {
      await store.close();
    }
  });
});

/** Groups as a version 6 server stored them: a public one with a message and receipts, a private one. */
function groupsAtVersion6(path: string): void {
  const db = new Database(path);
  const group = db.prepare(
    "INSERT INTO conversations (id, kind, created_at, last_seq, title, visibility, created_by, client_id) VALUES (?, 'group', ?, ?, ?, ?, 'ann', ?)",
  );
  group.run('g-pub', '2024-01-01T00:00:00.000Z', 2, 'Café Crew', 'public', 'k-1');
  group.run('g-priv', '2024-01-02T00:00:00.000Z', 1, 'Café Secret', 'private', 'k-2');
  const member = db.prepare('INSERT INTO conversation_members (conversation_id, user_id, position, delivered_seq, read_seq, role, joined_seq) VALUES (?, ?, ?, ?, ?, ?, 0)');
  member.run('g-pub', 'ann', 0, 2, 2, 'owner');
  member.run('g-pub', 'ben', 1, 2, 1, 'member');
  member.run('g-priv', 'ann', 0, 1, 1, 'owner');
  const message = db.prepare('INSERT INTO messages (id, conversation_id, seq, sender_id, client_id, body, created_at, system_entry) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  message.run('e-pub', 'g-pub', 1, 'ann', 'system:1', 'ann created Café Crew', '2024-01-01T00:00:00.000Z', JSON.stringify({ type: 'created', title: 'Café Crew', memberIds: ['ben'] }));
  message.run('m-pub', 'g-pub', 2, 'ann', 'c-2', 'hello crew', '2024-03-01T00:00:00.000Z', null);
  message.run('e-priv', 'g-priv', 1, 'ann', 'system:2', 'ann created Café Secret', '2024-01-02T00:00:00.000Z', JSON.stringify({ type: 'created', title: 'Café Secret', memberIds: [] }));
  const change = db.prepare('INSERT INTO changes (rev, conversation_id, type, message_id, user_id, receipt_kind, upto_seq, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  change.run(10, 'g-pub', 'message', 'm-pub', null, null, null, null);
  change.run(11, 'g-pub', 'receipt', null, 'ben', 'delivered', 2, '2024-03-01T00:01:00.000Z');
  change.run(12, 'g-pub', 'receipt', null, 'ben', 'read', 1, '2024-03-01T00:02:00.000Z');
  db.close();
}

describe('SQLite schema version 7: channels and receipt times on indexes', () => {
  it('keeps the groups of a version 6 database and finds them by title key and activity; receipt times as before', async () => {
    const path = databaseAt(6);
    groupsAtVersion6(path);
    const store = new SqliteStore(path);
    try {
      expect(store.schemaVersion()).toBe(newestVersion(MIGRATIONS));
      expect(await store.browseChannels({ userId: 'cat', titleKey: 'cafe', limit: 10 })).toEqual([
        { id: 'g-pub', title: 'Café Crew', memberCount: 2, createdBy: 'ann', createdAt: '2024-01-01T00:00:00.000Z', lastActivityAt: '2024-03-01T00:00:00.000Z' },
      ]);
      expect(await store.browseChannels({ userId: 'ben', titleKey: '', limit: 10 })).toEqual([]);
      expect(await store.receiptTimes('g-pub', 2)).toEqual([{ userId: 'ben', kind: 'delivered', at: '2024-03-01T00:01:00.000Z' }]);
      expect((await store.history('g-pub', undefined, 10)).map((m) => m.id)).toEqual(['m-pub', 'e-pub']);
      expect((await store.getConversation('g-priv'))?.group).toEqual({ title: 'Café Secret', visibility: 'private', createdBy: 'ann' });
      // What comes after keeps the new columns.
      await store.appendMessage({ id: 'm-3', conversationId: 'g-pub', senderId: 'ben', clientId: 'c-3', body: 'later', createdAt: '2024-04-01T00:00:00.000Z' });
      expect((await store.browseChannels({ userId: 'cat', titleKey: 'crew', limit: 10 }))[0]?.lastActivityAt).toBe('2024-04-01T00:00:00.000Z');
    } finally {
      await store.close();
    }
  });

  it('answers Browse channels and message info from their indexes, not by reading every group or receipt', () => {
    const path = databaseAt(7);
    const db = new Database(path);
    const plan = (sql: string, params: Record<string, unknown>) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail).join('\n');
    try {
      const channels = plan(channelsQuery((name) => `@${name}`), { user: 'ann', pattern: '%', limit: 10 });
      expect(channels).toMatch(/SEARCH c USING INDEX conversations_channels/);
      expect(channels).not.toMatch(/TEMP B-TREE/);
      const receipts = plan(receiptTimesQuery((name) => `@${name}`), { conversation: 'c-ben', seq: 1 });
      expect(receipts).toMatch(/SEARCH r USING (COVERING )?INDEX changes_receipts/);
    } finally {
      db.close();
    }
  });
});

describe('SQLite schema version 9: message actions', () => {
  it('keeps every message and change of a version 8 database as sent, then replies to, reacts to and deletes them', async () => {
    const path = databaseAt(8);
    groupsAtVersion6(path);
    const store = new SqliteStore(path);
    try {
      expect(store.schemaVersion()).toBe(newestVersion(MIGRATIONS));
      const before = { id: 'm-1', clientId: 'client-id-1', conversationId: 'c-ben', senderId: 'ann', body: 'before the upgrade', createdAt: new Date(0).toISOString(), seq: 1, status: 'sent' };
      expect(await store.history('c-ben', undefined, 10)).toEqual([before]);
      expect(Object.keys((await store.history('g-pub', undefined, 10))[0]!).sort()).toEqual(['body', 'clientId', 'conversationId', 'createdAt', 'id', 'senderId', 'seq', 'status']);
      const changes = await store.changesSince(['c-ben', 'g-pub'], 0, 20);
      expect(changes.map((c) => [c.rev, c.type])).toEqual([[1, 'conversation'], [3, 'message'], [10, 'message'], [11, 'receipt'], [12, 'receipt']]);
      expect(changes[1]).toEqual({ type: 'message', rev: 3, message: before });

      const reply = await store.appendMessage({ id: 'm-2', conversationId: 'c-ben', senderId: 'ben', clientId: 'c-2', body: 'a reply', createdAt: new Date().toISOString(), replyToSeq: 1 });
      expect(reply).toMatchObject({ created: true, message: { seq: 2, replyToSeq: 1 }, change: { rev: 13 } });
      await store.reviseMessage({ conversationId: 'g-pub', seq: 2, userId: 'ben', opId: 'op-1', decide: (m) => planReaction(m, 'ben', '👍', true) });
      expect((await store.history('g-pub', 3, 1))[0]).toMatchObject({ body: 'hello crew', reactions: [{ emoji: '👍', userIds: ['ben'] }], updateRev: 14 });
      const { message: tombstone } = await store.reviseMessage({ conversationId: 'c-ben', seq: 1, userId: 'ann', opId: 'op-1', decide: (m) => planDelete(m, 'ann', new Date().toISOString()) });
      expect((await store.changesSince(['c-ben'], 0, 20)).find((c) => c.rev === 3)).toEqual({ type: 'message', rev: 3, message: tombstone });
    } finally {
      await store.close();
    }
    const db = new Database(path, { readonly: true });
    try {
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.prepare("SELECT COUNT(*) AS n FROM messages WHERE body LIKE '%before the upgrade%'").get()).toEqual({ n: 0 });
      expect(db.prepare('SELECT user_id, op_id, conversation_id, seq FROM applied_operations ORDER BY user_id').all()).toEqual([
        { user_id: 'ann', op_id: 'op-1', conversation_id: 'c-ben', seq: 1 },
        { user_id: 'ben', op_id: 'op-1', conversation_id: 'g-pub', seq: 2 },
      ]);
    } finally {
      db.close();
    }
  });
});
