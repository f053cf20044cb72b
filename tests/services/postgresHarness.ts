import type pg from 'pg';
import { PostgresStore } from '../../server/store/postgres/postgresStore';
import type { StoreHarness } from '../store/storeSuite';
import { DATABASE_URL } from './serviceUrls';
import { createTestSchema } from './testSchema';

export interface PostgresHarness extends StoreHarness {
  store: PostgresStore;
  peer(): Promise<PostgresStore>;
  /** A pool of plain connections in the same schema, for tests that talk SQL directly. */
  sql(): pg.Pool;
}

/**
 * A PostgresStore in a fresh schema; `peer()` opens another pool on the same
 * schema, as a second server node would, so concurrent calls are concurrent
 * transactions in PostgreSQL, not interleavings in one pool. close() closes
 * them all and drops the schema.
 */
export async function postgresHarness(): Promise<PostgresHarness> {
  const schema = await createTestSchema();
  const open = () => PostgresStore.open({ connectionString: DATABASE_URL, schema: schema.name, maxConnections: 8 });
  const stores = [await open()];
  let reader: pg.Pool | undefined;
  return {
    store: stores[0]!,
    peer: async () => {
      const peer = await open();
      stores.push(peer);
      return peer;
    },
    sql: () => schema.pool(),
    storedText: async () => {
      reader ??= schema.pool();
      const { rows: tables } = await reader.query<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
      );
      // Each row as PostgreSQL writes it out: every column of every table, as text.
      const contents = await Promise.all(tables.map(async ({ name }) => (await reader!.query<{ row: string }>(`SELECT t::text AS row FROM "${name}" t`)).rows.map((r) => r.row)));
      return contents.flat().join('\n');
    },
    close: async () => {
      await Promise.all(stores.map((s) => s.close()));
      await schema.drop();
    },
  };
}
