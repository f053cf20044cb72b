import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../server/store/migrations';
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

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(PostgresStore.open({ connectionString: DATABASE_URL, schema: 'x; DROP SCHEMA public' })).rejects.toThrow(/Invalid PostgreSQL schema name/);
  });
});
