import pg from 'pg';
import { DATABASE_URL } from './serviceUrls';

export interface TestSchema {
  /** vc_test_<random>: a fresh, empty schema of its own for one test file. */
  name: string;
  /** A pool whose connections work in this schema, for tests that talk SQL directly. */
  pool(): pg.Pool;
  /** Ends the pools made here and drops the schema with everything in it. */
  drop(): Promise<void>;
}

export async function createTestSchema(): Promise<TestSchema> {
  const name = `vc_test_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${name}`);
  } finally {
    await admin.end();
  }
  const pools: pg.Pool[] = [];
  return {
    name,
    pool() {
      const pool = new pg.Pool({ connectionString: DATABASE_URL, options: `-c search_path=${name}`, max: 4 });
      pools.push(pool);
      return pool;
    },
    async drop() {
      await Promise.all(pools.map((p) => p.end()));
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA ${name} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
