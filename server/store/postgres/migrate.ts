import type { Pool } from 'pg';
import { MIGRATIONS, type Migration, pendingMigrations } from '../migrations';
import { allocateRevs, MAX_REV, REV_SEQUENCE } from './revs';
import { inTransaction } from './transaction';

/**
 * `append_message(id, conversation_id, sender_id, client_id, body, created_at)`,
 * appendMessage in one round trip, the guarantee of a transaction kept: called
 * on its own, it is one statement and commits with it. Its statements run in
 * order, each (the function is VOLATILE, at READ COMMITTED) with a snapshot
 * taken when it starts:
 * 1. the conversation's row lock (FOR NO KEY UPDATE, which editGroup's FOR
 *    UPDATE excludes): it waits for an edit that holds it to commit;
 * 2. the message already stored under (sender, client_id), returned as it is
 *    (outcome 'stored'): a retry writes nothing;
 * 3. the sender's membership, read after the wait, so a removal committed
 *    meanwhile is seen (outcome 'not-member', nothing written); a check in
 *    the lock's own statement would read the snapshot from before the wait;
 * 4. the next seq, the message, then a rev (see revs.ts) and its change,
 *    each step fed by the one before; the statement that takes the rev is the
 *    last, so the horizon is held back for the commit only (outcome 'created').
 * 'no-conversation' when there is no such conversation. Another append to the
 * conversation waits at step 1, so a duplicate client id cannot commit between
 * steps 2 and 4 (were one to, the INSERT's unique violation rolls it all back).
 * Tables are found on the caller's search_path, as every statement of the store's are.
 * allocateRevs' SQL is copied in when this step runs: a change to it needs a
 * new step that replaces this function.
 */
const APPEND_MESSAGE_FUNCTION = `CREATE FUNCTION append_message(
    p_id TEXT, p_conversation_id TEXT, p_sender_id TEXT, p_client_id TEXT, p_body TEXT, p_created_at TEXT,
    OUT outcome TEXT, OUT new_seq BIGINT, OUT new_rev BIGINT,
    OUT id TEXT, OUT conversation_id TEXT, OUT seq BIGINT, OUT sender_id TEXT, OUT client_id TEXT,
    OUT body TEXT, OUT created_at TEXT, OUT system_entry TEXT
  ) LANGUAGE plpgsql VOLATILE AS $fn$
  #variable_conflict use_column
  BEGIN
    PERFORM FROM conversations c WHERE c.id = p_conversation_id FOR NO KEY UPDATE;
    IF NOT FOUND THEN
      outcome := 'no-conversation';
      RETURN;
    END IF;
    SELECT m.id, m.conversation_id, m.seq, m.sender_id, m.client_id, m.body, m.created_at, m.system_entry
      INTO id, conversation_id, seq, sender_id, client_id, body, created_at, system_entry
      FROM messages m WHERE m.conversation_id = p_conversation_id AND m.sender_id = p_sender_id AND m.client_id = p_client_id;
    IF FOUND THEN
      outcome := 'stored';
      RETURN;
    END IF;
    PERFORM FROM conversation_members cm WHERE cm.conversation_id = p_conversation_id AND cm.user_id = p_sender_id;
    IF NOT FOUND THEN
      outcome := 'not-member';
      RETURN;
    END IF;
    WITH bumped AS (
      UPDATE conversations c SET last_seq = c.last_seq + 1, last_activity_at = p_created_at WHERE c.id = p_conversation_id
      RETURNING c.last_seq
    ), inserted AS (
      INSERT INTO messages (id, conversation_id, seq, sender_id, client_id, body, created_at)
      SELECT p_id, p_conversation_id, b.last_seq, p_sender_id, p_client_id, p_body, p_created_at FROM bumped b
      RETURNING messages.seq
    ), ${allocateRevs('1', 'EXISTS (SELECT FROM inserted)')}, recorded AS (
      INSERT INTO changes (rev, conversation_id, type, message_id) SELECT a.value, p_conversation_id, 'message', p_id FROM allocated a
      RETURNING changes.rev
    )
    SELECT (SELECT i.seq FROM inserted i), (SELECT r.rev FROM recorded r) INTO new_seq, new_rev;
    outcome := 'created';
  END
  $fn$`;

/**
 * Schema version 9's append_message: version 8's (see APPEND_MESSAGE_FUNCTION,
 * the same steps, locks and reasoning) with the reply's seq (p_reply_to_seq,
 * stored as reply_to_seq) and, on a retry, the stored message's version 9
 * columns too (reply, edit, delete, reactions, updateRev), as it now is. Its
 * arguments and result change, so the step drops version 8's function and
 * creates this one; allocateRevs' SQL is copied in as the step runs.
 */
const APPEND_MESSAGE_FUNCTION_V9 = `CREATE FUNCTION append_message(
    p_id TEXT, p_conversation_id TEXT, p_sender_id TEXT, p_client_id TEXT, p_body TEXT, p_created_at TEXT, p_reply_to_seq BIGINT,
    OUT outcome TEXT, OUT new_seq BIGINT, OUT new_rev BIGINT,
    OUT id TEXT, OUT conversation_id TEXT, OUT seq BIGINT, OUT sender_id TEXT, OUT client_id TEXT,
    OUT body TEXT, OUT created_at TEXT, OUT system_entry TEXT,
    OUT reply_to_seq BIGINT, OUT edited_at TEXT, OUT deleted_at TEXT, OUT reactions TEXT, OUT update_rev BIGINT
  ) LANGUAGE plpgsql VOLATILE AS $fn$
  #variable_conflict use_column
  BEGIN
    PERFORM FROM conversations c WHERE c.id = p_conversation_id FOR NO KEY UPDATE;
    IF NOT FOUND THEN
      outcome := 'no-conversation';
      RETURN;
    END IF;
    SELECT m.id, m.conversation_id, m.seq, m.sender_id, m.client_id, m.body, m.created_at, m.system_entry,
           m.reply_to_seq, m.edited_at, m.deleted_at, m.reactions, m.update_rev
      INTO id, conversation_id, seq, sender_id, client_id, body, created_at, system_entry,
           reply_to_seq, edited_at, deleted_at, reactions, update_rev
      FROM messages m WHERE m.conversation_id = p_conversation_id AND m.sender_id = p_sender_id AND m.client_id = p_client_id;
    IF FOUND THEN
      outcome := 'stored';
      RETURN;
    END IF;
    PERFORM FROM conversation_members cm WHERE cm.conversation_id = p_conversation_id AND cm.user_id = p_sender_id;
    IF NOT FOUND THEN
      outcome := 'not-member';
      RETURN;
    END IF;
    WITH bumped AS (
      UPDATE conversations c SET last_seq = c.last_seq + 1, last_activity_at = p_created_at WHERE c.id = p_conversation_id
      RETURNING c.last_seq
    ), inserted AS (
      INSERT INTO messages (id, conversation_id, seq, sender_id, client_id, body, created_at, reply_to_seq)
      SELECT p_id, p_conversation_id, b.last_seq, p_sender_id, p_client_id, p_body, p_created_at, p_reply_to_seq FROM bumped b
      RETURNING messages.seq
    ), ${allocateRevs('1', 'EXISTS (SELECT FROM inserted)')}, recorded AS (
      INSERT INTO changes (rev, conversation_id, type, message_id) SELECT a.value, p_conversation_id, 'message', p_id FROM allocated a
      RETURNING changes.rev
    )
    SELECT (SELECT i.seq FROM inserted i), (SELECT r.rev FROM recorded r) INTO new_seq, new_rev;
    outcome := 'created';
  END
  $fn$`;

/**
 * Schema version 10's append_message: version 9's locks and reasoning (see
 * APPEND_MESSAGE_FUNCTION), so that a send is one round trip with no read of
 * the conversation before it:
 * - the members (member_ids, in position order) are read after the wait, in
 *   the statement that checks the sender is one of them, and returned with a
 *   created message: whom the server tells, as the append found them;
 * - a reply to a seq past the conversation's last is refused (outcome
 *   'reply-past-last', nothing written); the last seq comes from the locked
 *   row, which a lock that waited returns as the waited-for commit left it;
 * - the message already stored under (sender, client_id) is found by the
 *   insert itself (ON CONFLICT on that unique index, then read only when it
 *   is there), after the checks, as every store now orders them: a retry by
 *   someone no longer a member is refused like any send of theirs. A separate
 *   lookup first cost every send a planner's choice between two indexes on
 *   (conversation_id, sender_id, ...): on a table never analyzed it took the
 *   other one and walked the sender's whole history in the conversation;
 * - last_activity_at moves for public groups only (it orders the channel
 *   directory and nothing else reads it), so a direct conversation's bump
 *   changes no indexed column and can stay a heap-only update.
 * Its result changes, so the step drops version 9's function.
 */
const APPEND_MESSAGE_FUNCTION_V10 = `CREATE FUNCTION append_message(
    p_id TEXT, p_conversation_id TEXT, p_sender_id TEXT, p_client_id TEXT, p_body TEXT, p_created_at TEXT, p_reply_to_seq BIGINT,
    OUT outcome TEXT, OUT new_seq BIGINT, OUT new_rev BIGINT, OUT member_ids TEXT[],
    OUT id TEXT, OUT conversation_id TEXT, OUT seq BIGINT, OUT sender_id TEXT, OUT client_id TEXT,
    OUT body TEXT, OUT created_at TEXT, OUT system_entry TEXT,
    OUT reply_to_seq BIGINT, OUT edited_at TEXT, OUT deleted_at TEXT, OUT reactions TEXT, OUT update_rev BIGINT
  ) LANGUAGE plpgsql VOLATILE AS $fn$
  #variable_conflict use_column
  DECLARE
    v_last_seq BIGINT;
    v_public BOOLEAN;
    v_members TEXT[];
  BEGIN
    SELECT c.last_seq, c.visibility IS NOT DISTINCT FROM 'public' INTO v_last_seq, v_public
      FROM conversations c WHERE c.id = p_conversation_id FOR NO KEY UPDATE;
    IF NOT FOUND THEN
      outcome := 'no-conversation';
      RETURN;
    END IF;
    SELECT array_agg(cm.user_id ORDER BY cm.position) INTO v_members FROM conversation_members cm WHERE cm.conversation_id = p_conversation_id;
    IF v_members IS NULL OR NOT (p_sender_id = ANY (v_members)) THEN
      outcome := 'not-member';
      RETURN;
    END IF;
    IF p_reply_to_seq IS NOT NULL AND p_reply_to_seq > v_last_seq THEN
      outcome := 'reply-past-last';
      RETURN;
    END IF;
    INSERT INTO messages (id, conversation_id, seq, sender_id, client_id, body, created_at, reply_to_seq)
      VALUES (p_id, p_conversation_id, v_last_seq + 1, p_sender_id, p_client_id, p_body, p_created_at, p_reply_to_seq)
      ON CONFLICT (conversation_id, sender_id, client_id) DO NOTHING;
    IF NOT FOUND THEN
      SELECT m.id, m.conversation_id, m.seq, m.sender_id, m.client_id, m.body, m.created_at, m.system_entry,
             m.reply_to_seq, m.edited_at, m.deleted_at, m.reactions, m.update_rev
        INTO id, conversation_id, seq, sender_id, client_id, body, created_at, system_entry,
             reply_to_seq, edited_at, deleted_at, reactions, update_rev
        FROM messages m WHERE m.conversation_id = p_conversation_id AND m.sender_id = p_sender_id AND m.client_id = p_client_id;
      outcome := 'stored';
      RETURN;
    END IF;
    WITH bumped AS (
      UPDATE conversations c SET last_seq = v_last_seq + 1,
          last_activity_at = CASE WHEN v_public THEN p_created_at ELSE c.last_activity_at END
        WHERE c.id = p_conversation_id
      RETURNING c.last_seq
    ), ${allocateRevs('1', 'EXISTS (SELECT FROM bumped)')}, recorded AS (
      INSERT INTO changes (rev, conversation_id, type, message_id) SELECT a.value, p_conversation_id, 'message', p_id FROM allocated a
      RETURNING changes.rev
    )
    SELECT (SELECT b.last_seq FROM bumped b), (SELECT r.rev FROM recorded r) INTO new_seq, new_rev;
    member_ids := v_members;
    outcome := 'created';
  END
  $fn$`;

/** How long a batch waits for any one row lock before it gives up (and its appends go on their own). */
export const BATCH_LOCK_TIMEOUT = '50ms';

/**
 * Schema version 10's append_messages: several appends in one statement, so
 * one round trip and one commit carry the sends that arrived together (see
 * appendBatcher.ts). Each is append_message's, called in turn in the order of
 * the conversation ids (then of the arrays: a conversation's appends keep
 * their order), so every batch takes conversation row locks in one order and
 * two batches never wait on each other in a cycle; another node's batch
 * holding a conversation is waited for, as its commit comes within the
 * batch's own time. A conversation held longer (a group edit, a stuck
 * transaction) is waited for at most BATCH_LOCK_TIMEOUT (lock_timeout, set
 * around that row lock alone: no other wait of the batch is cut short): the
 * statement then fails with lock_not_available, rolls back whole,
 * and the caller appends its appends on their own, outside the batches. So
 * one held conversation holds up a batch's others, and the committed-up-to
 * horizon (which a batch holds back from its first rev to its commit,
 * revs.ts), for that long at most per conversation. Each call's statements take their
 * snapshots as they start, as on their own; a later append sees an earlier
 * one of the same batch (a repeated client id is 'stored'). A row per append:
 * its place in the arrays (ord, from 1) and append_message's columns. What one
 * append raises rolls back them all: the caller then appends each on its own.
 */
const APPEND_MESSAGES_FUNCTION = `CREATE FUNCTION append_messages(
    p_ids TEXT[], p_conversation_ids TEXT[], p_sender_ids TEXT[], p_client_ids TEXT[], p_bodies TEXT[], p_created_ats TEXT[], p_reply_to_seqs BIGINT[]
  ) RETURNS TABLE (
    ord INT, outcome TEXT, new_seq BIGINT, new_rev BIGINT, member_ids TEXT[],
    id TEXT, conversation_id TEXT, seq BIGINT, sender_id TEXT, client_id TEXT,
    body TEXT, created_at TEXT, system_entry TEXT,
    reply_to_seq BIGINT, edited_at TEXT, deleted_at TEXT, reactions TEXT, update_rev BIGINT
  ) LANGUAGE plpgsql VOLATILE AS $fn$
  DECLARE
    i INT;
    v_lock_timeout TEXT := current_setting('lock_timeout');
  BEGIN
    FOR i IN SELECT u.o FROM unnest(p_conversation_ids) WITH ORDINALITY AS u (c, o) ORDER BY u.c, u.o LOOP
      -- Only the wait for the conversation's row is bounded; append_message then finds it held already.
      PERFORM set_config('lock_timeout', '${BATCH_LOCK_TIMEOUT}', true);
      PERFORM FROM conversations c WHERE c.id = p_conversation_ids[i] FOR NO KEY UPDATE;
      PERFORM set_config('lock_timeout', v_lock_timeout, true);
      RETURN QUERY SELECT i, a.* FROM append_message(
        p_ids[i], p_conversation_ids[i], p_sender_ids[i], p_client_ids[i], p_bodies[i], p_created_ats[i], p_reply_to_seqs[i]
      ) a;
    END LOOP;
  END
  $fn$`;

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
  8: [APPEND_MESSAGE_FUNCTION],
  // In the step that adds reply_to_seq: an append after it stores the reply, on every node that migrated.
  9: [`DROP FUNCTION append_message(TEXT, TEXT, TEXT, TEXT, TEXT, TEXT)`, APPEND_MESSAGE_FUNCTION_V9],
  10: [`DROP FUNCTION append_message(TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, BIGINT)`, APPEND_MESSAGE_FUNCTION_V10, APPEND_MESSAGES_FUNCTION],
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
