import type { Pool } from 'pg';
import { MIGRATIONS, type Migration, pendingMigrations } from '../migrations';
import { MAX_REV, REV_SEQUENCE } from './revs';
import { inTransaction } from './transaction';

/**
 * What PostgreSQL needs on top of a shared step, applied in the same
 * transaction and under the same version number, so a PostgreSQL and a SQLite
 * database at version N have the same tables.
 *
 * Revs: SQLite has one writer at a time, so `MAX(rev) + 1` is safe there;
 * PostgreSQL has many. Versions 1 and 2 kept a counter row whose lock put revs
 * in commit order (and serialized every write); version 3 replaces it with a
 * sequence and a committed-up-to horizon (see revs.ts).
 */
export const POSTGRES_EXTRAS: Readonly<Record<number, readonly string[]>> = {
  1: [
    `CREATE TABLE rev_counter (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      value BIGINT NOT NULL
    )`,
    `INSERT INTO rev_counter (id, value) VALUES (1, 0)`,
  ],
  4: [
    // Waits for writes still stamping revs from the counter (a node not yet upgraded) and keeps new
    // ones out; after the DROP such a node's writes fail rather than stamp revs beside the sequence's.
    `LOCK TABLE rev_counter IN ACCESS EXCLUSIVE MODE`,
    // CACHE 1: the horizon's proof needs every nextval to follow last_value (see revs.ts).
    `CREATE SEQUENCE ${REV_SEQUENCE} AS BIGINT MINVALUE 0 MAXVALUE ${MAX_REV} START WITH 0 CACHE 1 NO CYCLE`,
    // Revs go on from the last one stamped; is_called = true so that the next is that + 1 and last_value is the highest taken.
    `SELECT setval('${REV_SEQUENCE}', GREATEST((SELECT value FROM rev_counter WHERE id = 1), (SELECT COALESCE(MAX(rev), 0) FROM changes)), true)`,
    `DROP TABLE rev_counter`,
  ],
};

/** Keeps the migration lock apart from any other advisory lock in the database; the second key is the schema. */
const MIGRATION_LOCK_CLASS = 0x7663; // "vc"

/**
 * Brings the schema on `pool`'s search_path up to the newest version. Two
 * nodes starting together both call this: the transaction-scoped advisory
 * lock makes the second wait for the first, then find its versions applied.
 * All pending steps commit together or not at all (PostgreSQL DDL is
 * transactional). A schema newer than `migrations` is refused
 * (SchemaTooNewError) and left as it was. Returns the versions it applied.
 */
export function migrate(pool: Pool, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return inTransaction(pool, async (client) => {
    await client.query("SELECT pg_advisory_xact_lock($1, hashtext(coalesce(current_schema(), '')))", [MIGRATION_LOCK_CLASS]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const { rows: [where] } = await client.query<{ database: string; schema: string }>('SELECT current_database() AS database, current_schema() AS schema');
    // Throws for a schema migrated by a newer server: the transaction rolls back and leaves it as it was.
    const pending = pendingMigrations(rows.map((r) => r.version), migrations, `PostgreSQL schema "${where?.schema}" in database "${where?.database}"`);
    for (const migration of pending) {
      for (const statement of [...migration.statements, ...(POSTGRES_EXTRAS[migration.version] ?? [])]) await client.query(statement);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        new Date().toISOString(),
      ]);
    }
    return pending.map((m) => m.version);
  });
}
