import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, SchemaTooNewError } from '../../server/store/migrations';
import { migrate } from '../../server/store/postgres/migrate';
import { PostgresStore } from '../../server/store/postgres/postgresStore';
import { DATABASE_URL } from './serviceUrls';
import { createTestSchema, type TestSchema } from './testSchema';

describe('PostgreSQL migrations', () => {
  let schema: TestSchema;
  beforeEach(async () => {
    schema = await createTestSchema();
  });
  afterEach(async () => {
    await schema.drop();
  });

  const versions = MIGRATIONS.map((m) => m.version).sort((a, b) => a - b);

  it('applies the shared steps once when two nodes start together on an empty schema', async () => {
    const applied = await Promise.all([migrate(schema.pool()), migrate(schema.pool())]);
    // The advisory lock lets one node run every step; the other then finds nothing to do.
    expect(applied.map((a) => a.length).sort()).toEqual([0, versions.length]);
    expect(applied.flat()).toEqual(versions);

    const { rows } = await schema.pool().query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(rows).toEqual([...MIGRATIONS].sort((a, b) => a.version - b.version).map(({ version, name }) => ({ version, name })));
    const counter = await schema.pool().query('SELECT value FROM rev_counter');
    expect(counter.rowCount).toBe(1);
  });

  it('applies only the steps a database has not had yet', async () => {
    const [first, ...rest] = [...MIGRATIONS].sort((a, b) => a.version - b.version);
    expect(await migrate(schema.pool(), [first!])).toEqual([first!.version]);
    expect(await migrate(schema.pool())).toEqual(rest.map((m) => m.version));
    expect(await migrate(schema.pool())).toEqual([]);
  });

  it('opens a store at the newest version', async () => {
    const store = await PostgresStore.open({ connectionString: DATABASE_URL, schema: schema.name });
    try {
      expect(await store.schemaVersion()).toBe(versions.at(-1));
      expect(await store.currentRev()).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('refuses a schema migrated by a newer server, naming both versions, and leaves it untouched', async () => {
    const current = versions.at(-1)!;
    const first = await PostgresStore.open({ connectionString: DATABASE_URL, schema: schema.name });
    await first.revokeSession('jti-1', Date.now() + 60_000);
    await first.close();
    // What a newer server would leave behind: one more step recorded, with its table.
    const pool = schema.pool();
    await pool.query('CREATE TABLE from_the_future (x INTEGER)');
    await pool.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [current + 1, 'from the future', new Date().toISOString()]);
    const snapshot = async () => ({
      versions: (await pool.query('SELECT version, name, applied_at FROM schema_migrations ORDER BY version')).rows,
      tables: (await pool.query('SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name', [schema.name])).rows,
      revoked: (await pool.query('SELECT jti, expires_at FROM revoked_sessions')).rows,
      revCounter: (await pool.query('SELECT value FROM rev_counter')).rows,
    });
    const before = await snapshot();

    const opening = PostgresStore.open({ connectionString: DATABASE_URL, schema: schema.name });
    await expect(opening).rejects.toBeInstanceOf(SchemaTooNewError);
    await expect(opening).rejects.toThrow(
      `The PostgreSQL schema "${schema.name}" in database "${new URL(DATABASE_URL).pathname.slice(1)}" is at schema version ${current + 1}, ` +
        `but this server only knows schema versions up to ${current}`,
    );
    await expect(opening).rejects.toThrow(/Upgrade this server/);
    await expect(migrate(pool)).rejects.toMatchObject({ databaseVersion: current + 1, serverVersion: current });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(PostgresStore.open({ connectionString: DATABASE_URL, schema: 'x; DROP SCHEMA public' })).rejects.toThrow(/Invalid PostgreSQL schema name/);
  });
});
