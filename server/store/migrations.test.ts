import { describe, expect, it } from 'vitest';
import { type Migration, MIGRATIONS, newestVersion, pendingMigrations, SchemaTooNewError } from './migrations';

const step = (version: number): Migration => ({ version, name: `step ${version}`, statements: [] });
const known = [step(3), step(1), step(2)];

describe('pendingMigrations', () => {
  it.each([
    { applied: [], pending: [1, 2, 3] },
    { applied: [1], pending: [2, 3] },
    { applied: [1, 2], pending: [3] },
    { applied: [1, 2, 3], pending: [] },
    { applied: [2], pending: [1, 3] },
  ])('a database at $applied still needs $pending', ({ applied, pending }) => {
    expect(pendingMigrations(applied, known, 'test database').map((m) => m.version)).toEqual(pending);
  });

  it.each([
    { applied: [1, 2, 3, 4], databaseVersion: 4, serverVersion: 3 },
    { applied: [1, 2, 3, 4, 7], databaseVersion: 7, serverVersion: 3 },
    { applied: [5], databaseVersion: 5, serverVersion: 3 },
  ])('refuses a database at version $databaseVersion when the server knows up to $serverVersion', ({ applied, databaseVersion, serverVersion }) => {
    let thrown: unknown;
    try {
      pendingMigrations(applied, known, 'SQLite database data/chat.db');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SchemaTooNewError);
    const error = thrown as SchemaTooNewError;
    expect(error).toMatchObject({ databaseVersion, serverVersion, database: 'SQLite database data/chat.db' });
    // What an operator reads in the log: which database, both versions, what to do.
    expect(error.message).toContain('SQLite database data/chat.db');
    expect(error.message).toContain(`schema version ${databaseVersion}`);
    expect(error.message).toContain(`up to ${serverVersion}`);
    expect(error.message).toMatch(/Upgrade this server/);
  });

  it('the newest version is the highest step, whatever the order', () => {
    expect(newestVersion(known)).toBe(3);
    expect(newestVersion([])).toBe(0);
    expect(newestVersion(MIGRATIONS)).toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
  });
});
