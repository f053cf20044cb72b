import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, newestVersion, SchemaTooNewError } from './migrations';
import { SqliteStore, migrate } from './sqliteStore';

describe('SqliteStore migrations', () => {
  const dirs: string[] = [];
  const tempDb = () => {
    const dir = mkdtempSync(join(tmpdir(), 'violetchat-migrate-'));
    dirs.push(dir);
    return join(dir, 'nested', 'chat.db');
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('creates the file and its folder on first start, in WAL mode, at the newest version', async () => {
    const path = tempDb();
    const store = new SqliteStore(path);
    expect(store.schemaVersion()).toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('applies each step once: reopening keeps the data and records no step twice', async () => {
    const path = tempDb();
    const first = new SqliteStore(path);
    await first.revokeSession('jti-1', Date.now() + 60_000);
    await first.close();
    const second = new SqliteStore(path);
    expect(await second.isSessionRevoked('jti-1')).toBe(true);
    await second.close();
    const db = new Database(path, { readonly: true });
    const versions = (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version);
    db.close();
    expect(versions).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('applies only the steps a database has not had, in order, and a failing step leaves no trace', () => {
    const db = new Database(':memory:');
    migrate(db, [{ version: 1, name: 'one', statements: ['CREATE TABLE a (x INTEGER)'] }]);
    const steps = [
      { version: 3, name: 'three', statements: ['CREATE TABLE c (x INTEGER REFERENCES b (x))'] },
      { version: 1, name: 'one', statements: ['CREATE TABLE a (x INTEGER)'] },
      { version: 2, name: 'two', statements: ['CREATE TABLE b (x INTEGER PRIMARY KEY)'] },
    ];
    migrate(db, steps);
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('a','b','c') ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(['a', 'b', 'c']);
    expect(() => migrate(db, [{ version: 4, name: 'broken', statements: ['CREATE TABLE d (x INTEGER)', 'NOT SQL AT ALL'] }])).toThrow();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'd'").get()).toBeUndefined();
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: 3 });
    db.close();
  });

  it('refuses a database migrated by a newer server, naming both versions, and leaves it untouched', async () => {
    const path = tempDb();
    const current = newestVersion(MIGRATIONS);
    const first = new SqliteStore(path);
    await first.revokeSession('jti-1', Date.now() + 60_000);
    await first.close();
    // What a newer server would leave behind: one more step recorded, with its table.
    const newer = new Database(path);
    newer.exec('CREATE TABLE from_the_future (x INTEGER)');
    newer.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(current + 1, 'from the future', new Date().toISOString());
    newer.close();
    const snapshot = () => {
      const db = new Database(path, { readonly: true });
      try {
        return {
          versions: db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all(),
          tables: db.prepare('SELECT name, sql FROM sqlite_master ORDER BY name').all(),
          revoked: db.prepare('SELECT * FROM revoked_sessions').all(),
        };
      } finally {
        db.close();
      }
    };
    const before = snapshot();

    expect(() => new SqliteStore(path)).toThrow(SchemaTooNewError);
    expect(() => new SqliteStore(path)).toThrow(
      `The SQLite database ${path} is at schema version ${current + 1}, but this server only knows schema versions up to ${current}`,
    );
    expect(snapshot()).toEqual(before);
  });

  it('writes issued together share a commit, yet each is atomic: a failing one leaves no trace and others stand', async () => {
    const store = new SqliteStore(tempDb());
    const user = (id: string) => ({ id, username: id, displayName: id, email: `${id}@example.com`, avatarColor: '#6d28d9', passwordHash: 'h', createdAt: new Date().toISOString(), lastSeen: null });
    await Promise.all([store.createUser(user('ann')), store.createUser(user('ben'))]);
    const { conversation } = await store.getOrCreateDirect({ id: 'c1', memberIds: ['ann', 'ben'], createdAt: new Date().toISOString() });
    const append = (id: string, senderId: string) =>
      store.appendMessage({ id, conversationId: conversation.id, senderId, clientId: `client-${id}`, body: id, createdAt: new Date().toISOString() });
    // The middle one bumps the conversation's seq, then fails on its sender (no such user): the bump must roll back.
    const results = await Promise.allSettled([append('m1', 'ann'), append('m2', 'nobody'), append('m3', 'ben')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await store.history(conversation.id, undefined, 10)).map((m) => [m.id, m.seq])).toEqual([['m3', 2], ['m1', 1]]);
    expect((await store.getConversation(conversation.id))!.lastSeq).toBe(2);
    expect((await store.changesSince([conversation.id], 0, 10)).map((c) => c.type)).toEqual(['conversation', 'message', 'message']);
    await store.close();
  });

  it('revoked sessions past their expiry are pruned', async () => {
    const store = new SqliteStore(':memory:');
    await store.revokeSession('old', Date.now() - 1000);
    await store.revokeSession('new', Date.now() + 60_000);
    expect(await store.isSessionRevoked('old')).toBe(false);
    expect(await store.isSessionRevoked('new')).toBe(true);
    await store.close();
  });
});

describe('SqliteStore deletes', () => {
  it("leaves no trace of a deleted message's words in the database file or its WAL", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'violetchat-delete-'));
    try {
      const path = join(dir, 'chat.db');
      const store = new SqliteStore(path);
      const user = { username: 'ann', displayName: 'Ann', avatarColor: '#000', email: 'ann@example.com', passwordHash: 'x', createdAt: new Date(0).toISOString(), lastSeen: null };
      await store.createUser({ id: 'u1', ...user });
      await store.createUser({ id: 'u2', ...user, username: 'bea' });
      const { conversation } = await store.getOrCreateDirect({ id: 'c1', memberIds: ['u1', 'u2'], createdAt: new Date(0).toISOString() });
      const words = 'the-secret-plan-that-was-sent-by-mistake '.repeat(40);
      await store.appendMessage({ id: 'm1', conversationId: conversation.id, senderId: 'u1', clientId: 'client-1', body: words, createdAt: new Date(0).toISOString() });
      // Closing checkpoints the WAL: the words are in the database file itself before the delete.
      await store.close();
      expect(readFileSync(path).includes(words)).toBe(true);
      const reopened = new SqliteStore(path);
      await reopened.reviseMessage({
        conversationId: conversation.id,
        seq: 1,
        userId: 'u1',
        opId: 'operation-1',
        decide: () => ({ body: '', editedAt: null, deletedAt: new Date(1).toISOString(), reactions: [] }),
      });
      // While the server runs on: neither the file nor its WAL holds them (the WAL kept the old page until scrubbed).
      const onDisk = () => [path, `${path}-wal`].filter((file) => existsSync(file) && readFileSync(file).includes(words));
      expect(onDisk()).toEqual([]);
      await reopened.close();
      expect(onDisk()).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
