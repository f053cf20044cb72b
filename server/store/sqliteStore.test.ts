import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations';
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

  it('revoked sessions past their expiry are pruned', async () => {
    const store = new SqliteStore(':memory:');
    await store.revokeSession('old', Date.now() - 1000);
    await store.revokeSession('new', Date.now() + 60_000);
    expect(await store.isSessionRevoked('old')).toBe(false);
    expect(await store.isSessionRevoked('new')).toBe(true);
    await store.close();
  });
});
