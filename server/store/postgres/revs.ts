/**
 * Revs on PostgreSQL: numbers from a SEQUENCE, taken without a lock, and a
 * "committed up to" horizon that catch-up's cursor never passes.
 *
 * Why not just a sequence: it hands out numbers at once and never waits, so
 * transaction A can take rev 7, B take rev 8, and B commit first. A catch-up
 * in between that stored cursor 8 would never ask for 7 again. Why not a
 * counter row locked until commit (what schema versions 1 and 2 did): every
 * durable write in every conversation then queues on that one row from the
 * moment it takes its rev until its commit is flushed.
 *
 * So writers take revs freely, and `HORIZON` answers the rev H such that every
 * rev <= H is committed or will never exist. Catch-up reads H first, then lists
 * changes, and never returns (so never moves a cursor past) a rev above H.
 *
 * The protocol. Every transaction that takes revs first takes a shared
 * transaction-scoped advisory lock, its marker, whose key carries k, the
 * sequence's last_value as the writer read it just before; only after the
 * marker is granted does it call nextval. Sequence values only grow, so each
 * of its revs r > k. The marker goes when the transaction ends.
 * HORIZON reads the sequence's last_value L, then (strictly after: the lock
 * scan is a subquery correlated with that row) all markers of this schema in
 * pg_locks, an atomic view of the lock table; H = min(L, every marker's k).
 *
 * Proof that every rev r <= H is committed or will never exist. Take the
 * writer w that took r, and the moment t at which HORIZON scanned the locks.
 * - w's marker was in the scan: r > k_w >= H. No such r.
 * - w's marker had not been taken by t: w's nextval came after t, so
 *   r > last_value at t >= L >= H. No such r.
 * - w's marker was gone by t: w's transaction had ended. PostgreSQL marks a
 *   transaction finished for every new snapshot before it releases the
 *   transaction's locks, so w either committed, visibly to every snapshot
 *   taken after t (the changes query that follows HORIZON), or rolled back,
 *   and r will never exist.
 * Requirements this rests on: the sequence has CACHE 1 (a session's cached
 * values would not follow last_value), nothing calls nextval('revs') without
 * the marker (allocateRevs is the only place; the append_message function of
 * schema version 8, and versions 9's and 10's that replace it, hold a copy of
 * its SQL, see migrate.ts), and a marker is
 * held by the transaction that takes the revs, never at session level. A
 * transaction may take several markers (a batch of appends: one per append,
 * each just before its rev); each rev is above its own marker's k, which is
 * all the proof uses.
 *
 * Cost: writers share no lock (a marker is shared and conflicts with nothing);
 * a catch-up scans the lock table once. A writer holds back H from its marker
 * to its commit, which is why the statement that takes revs is the last before
 * COMMIT (or commits on its own); a batch of appends (append_messages) holds it
 * from its first append's rev over the later appends, whose row-lock waits
 * are bounded (BATCH_LOCK_TIMEOUT, migrate.ts), to its commit. H does not depend on transactions of other
 * schemas, other applications, or writes that take no rev.
 *
 * The marker key is one bigint: the schema's tag (15 bits of hashtext of the
 * schema name) in bits 48..62 and k in bits 0..47, so that test schemas and
 * deployments sharing a database do not hold back each other's horizon. A tag
 * shared by two schemas (or an unrelated advisory lock with the same key) only
 * makes H lower for a while, never wrong. The sequence's MAXVALUE keeps k
 * within 48 bits: past it, writes fail loudly rather than wrap.
 */

/** The sequence revs come from (created by schema version 3, see POSTGRES_EXTRAS). */
export const REV_SEQUENCE = 'revs';

/** 2^48 - 1: the highest rev, so that k fits beside the schema's tag in one lock key. */
export const MAX_REV = 281_474_976_710_655;

/** This schema's tag, 15 bits (SQL). */
const SCHEMA_TAG = `(hashtext(current_schema()) & 32767)::bigint`;

/**
 * The data-modifying statement's CTEs that take `count` (SQL: a parameter or
 * literal) revs as `allocated (value)`, when `gate` (an uncorrelated SQL
 * condition on earlier CTEs) holds; nothing, and no row, otherwise. `marked`
 * is materialized and joined into every row whose projection calls nextval,
 * so the marker is granted before the first rev is taken. Several revs of one
 * transaction need not be consecutive; each is above the marker's k.
 */
export function allocateRevs(count: string, gate: string): string {
  return `marked AS MATERIALIZED (
    SELECT last_value AS k, pg_advisory_xact_lock_shared((${SCHEMA_TAG} << 48) | last_value) AS granted FROM ${REV_SEQUENCE} WHERE ${gate}
  ), allocated AS (
    SELECT nextval('${REV_SEQUENCE}') AS value FROM marked, generate_series(1, ${count})
  )`;
}

/**
 * The committed-up-to horizon H (see the proof above), in one statement: the
 * sequence row first, then the lock scan, a subquery correlated with it.
 * pg_locks shows a bigint advisory key as classid (high 32 bits) and objid
 * (low 32 bits) with objsubid 1.
 */
export const HORIZON = `SELECT LEAST(s.last_value, (
    SELECT MIN(((l.classid::bigint & 65535) << 32) | l.objid::bigint)
    FROM pg_locks l
    WHERE l.locktype = 'advisory' AND l.objsubid = 1
      AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
      AND l.classid::bigint >> 16 = ${SCHEMA_TAG}
      AND s.last_value IS NOT NULL
  )) AS horizon
  FROM ${REV_SEQUENCE} s`;
