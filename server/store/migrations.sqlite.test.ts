import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, newestVersion } from './migrations';
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
