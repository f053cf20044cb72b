import { DatabaseError, Pool, TypeOverrides, types as pgTypes, type PoolClient } from 'pg';
import { directKey, markerMoves, newDirectConversation } from '../../../src/backend/rules';
import type {
  AppendResult,
  ChannelQuery,
  Departure,
  GroupEdit,
  GroupEditResult,
  MessageRevise,
  NewDirect,
  NewGroup,
  NewMessage,
  ReceiptTime,
  ReviseResult,
  StoredSummary,
  UserRecord,
} from '../../../src/backend/store';
import { applyGroupEdit, channelTitleKey, entryMessage, newGroupConversation } from '../../../src/backend/groups';
import {
  type ChannelRow,
  type DepartureRow,
  type JoinedMessageColumns,
  MESSAGE_COLUMNS,
  channelsQuery,
  containsPattern,
  joinedMessage,
  joinedMessageSelect,
  messageInsert,
  messageValues,
  revisionValues,
  receiptTimesQuery,
  toChannelListing,
  toDeparture,
  toReceiptTime,
} from '../rows';
import { conversationNotFound, notInConversation, replyNotInConversation, usernameTaken } from '../../../src/backend/errors';
import { applyRevision, messageNotFound } from '../../../src/backend/messageActions';
import type { Change, ChannelListing, Conversation, ConversationId, ConversationMember, Message, ReceiptKind, UserId } from '../../../src/transport/types';
import type { ServerStore } from '../serverStore';
import { migrate } from './migrate';
import { toChange, toConversations, toMessage, toSummaries, toUser, type ChangeRow, type ConversationMemberRow, type MessageRow, type SummaryRow, type UserRow } from './rows';
import { toConversationOf } from '../rows';
import { allocateRevs, HORIZON } from './revs';
import { inTransaction } from './transaction';
import { Batcher } from './appendBatcher';

export interface PostgresStoreOptions {
  /** e.g. postgres://user:password@host:5432/violetchat */
  connectionString: string;
  /** The schema to work in (set as every connection's search_path); the role's default when omitted. */
  schema?: string;
  /** Connections this node may hold open at once. */
  maxConnections?: number;
  /** Batches of appends out at once (see Batcher); 4 unless set. */
  appendBatchesInFlight?: number;
  /** An idle pooled connection failed (database restart, network cut); the pool replaces it. */
  onIdleError?: (error: Error) => void;
}

type Queryable = Pool | PoolClient;

/**
 * The append, one statement committed on its own: append_message (schema
 * version 8, taking the reply's seq since version 9, answering the members and
 * checking the reply since version 10, see migrate.ts) locks the conversation's
 * row, then, by later statements that see any group edit committed while it
 * waited, returns the message already stored under (sender, client_id), refuses
 * a non-member or a reply past the last seq, or appends under the next seq and
 * a rev and answers the members.
 */
const APPEND_MESSAGE = 'SELECT * FROM append_message($1, $2, $3, $4, $5, $6, $7)';

/** Several appends in one statement (append_messages, schema version 10): a row each, with its place in the arrays (ord, from 1). */
const APPEND_MESSAGES = 'SELECT * FROM append_messages($1, $2, $3, $4, $5, $6, $7)';

/**
 * Batches of appends out at once: a few, so that a busy node's sends share
 * round trips and commits while the pool keeps connections for everything else.
 */
const APPEND_BATCHES_IN_FLIGHT = 4;
/** The most appends in one batch. */
const APPEND_BATCH_LIMIT = 64;

/**
 * reviseMessage's second statement, after the conversation's row lock (so it
 * sees whatever committed while the lock was awaited): whether (user $3,
 * operation $4) was applied, whether $3 is a member, and the message at seq
 * $2 of conversation $1 as m_* columns (all null when there is none).
 */
const MESSAGE_FOR_REVISION = `SELECT
    EXISTS (SELECT FROM applied_operations op WHERE op.user_id = $3 AND op.op_id = $4) AS applied,
    EXISTS (SELECT FROM conversation_members cm WHERE cm.conversation_id = $1 AND cm.user_id = $3) AS member,
    ${joinedMessageSelect('m')}
  FROM (SELECT) AS one LEFT JOIN messages m ON m.conversation_id = $1 AND m.seq = $2`;

/**
 * The end of a revision, inside reviseMessage's transaction (which holds the
 * conversation row): the operation ($3, $4) recorded, then a rev, the message
 * $5 overwritten ($6 body, $7 edited_at, $8 deleted_at, $9 reactions) with
 * the rev as its update_rev, and its messageUpdate change. Returns the rev;
 * null when the operation was recorded meanwhile (the same id raced in
 * another conversation), and then nothing is written.
 */
const STAMP_REVISION = `WITH applied AS (
    INSERT INTO applied_operations (user_id, op_id, conversation_id, seq) VALUES ($3, $4, $1, $2) ON CONFLICT DO NOTHING RETURNING 1
  ), ${allocateRevs('1', 'EXISTS (SELECT FROM applied)')}, revised AS (
    UPDATE messages SET body = $6, edited_at = $7, deleted_at = $8, reactions = $9, update_rev = a.value
    FROM allocated a WHERE messages.id = $5
    RETURNING messages.update_rev
  ), recorded AS (
    INSERT INTO changes (rev, conversation_id, type, message_id) SELECT r.update_rev, $1, 'messageUpdate', $5 FROM revised r RETURNING rev
  )
  SELECT (SELECT rev FROM recorded) AS rev`;

/**
 * getOrCreateDirect in one statement, run on its own: the conversation unless
 * its direct_key is taken (ON CONFLICT waits for a concurrent creator to
 * commit), its members, and its change under the next rev. Returns the rev, or
 * null when the pair already had a conversation and nothing was written.
 */
const CREATE_DIRECT = `WITH created AS (
    INSERT INTO conversations (id, kind, direct_key, created_at, last_seq, last_activity_at) VALUES ($1, $2, $3, $4, 0, $4)
    ON CONFLICT (direct_key) DO NOTHING RETURNING id
  ), members AS (
    INSERT INTO conversation_members (conversation_id, user_id, position, delivered_seq, read_seq)
    SELECT created.id, t.user_id, t.position - 1, 0, 0 FROM created, unnest($5::text[]) WITH ORDINALITY AS t (user_id, position)
  ), ${allocateRevs('1', 'EXISTS (SELECT FROM created)')}, recorded AS (
    INSERT INTO changes (rev, conversation_id, type) SELECT value, $1, 'conversation' FROM allocated RETURNING rev
  )
  SELECT (SELECT rev FROM recorded) AS rev`;

/**
 * The end of advanceMarker, inside its transaction (which holds the member
 * row): the member's new markers ($3, $4), $5 revs, and one receipt change per
 * (kind, upto_seq) of $6, $7, the n-th of them under the n-th lowest rev.
 * Returns the revs, ascending.
 */
const STAMP_RECEIPTS = `WITH updated AS (
    UPDATE conversation_members SET delivered_seq = $3, read_seq = $4 WHERE conversation_id = $1 AND user_id = $2 RETURNING 1
  ), ${allocateRevs('$5', 'EXISTS (SELECT FROM updated)')}, numbered AS (
    SELECT value, row_number() OVER (ORDER BY value) AS position FROM allocated
  ), recorded AS (
    INSERT INTO changes (rev, conversation_id, type, user_id, receipt_kind, upto_seq, at)
    SELECT numbered.value, $1, 'receipt', $2, t.kind, t.upto_seq, $8
    FROM numbered JOIN unnest($6::text[], $7::bigint[]) WITH ORDINALITY AS t (kind, upto_seq, position) ON t.position = numbered.position
    RETURNING rev
  )
  SELECT rev FROM recorded ORDER BY rev`;

/**
 * The end of a group's create or edit, inside its transaction (which holds the
 * conversation row): two revs, the conversation change ($2, the group as JSON)
 * under the lower and the entry's message change ($3) under the higher, and a
 * departure at the entry's seq ($4) and the higher rev for each of $5.
 * Returns the two revs, ascending.
 */
const STAMP_GROUP_CHANGE = `WITH ${allocateRevs('2', 'true')}, numbered AS (
    SELECT value, row_number() OVER (ORDER BY value) AS position FROM allocated
  ), recorded AS (
    INSERT INTO changes (rev, conversation_id, type, message_id, conversation_json)
    SELECT value, $1, CASE WHEN position = 1 THEN 'conversation' ELSE 'message' END,
           CASE WHEN position = 2 THEN $3 END, CASE WHEN position = 1 THEN $2 END
    FROM numbered
    RETURNING rev
  ), departed AS (
    INSERT INTO group_departures (conversation_id, user_id, left_seq, left_rev, conversation_json)
    SELECT $1, u.user_id, $4, (SELECT MAX(value) FROM numbered), $2 FROM unnest($5::text[]) AS u (user_id)
    ON CONFLICT (conversation_id, user_id) DO UPDATE SET left_seq = excluded.left_seq, left_rev = excluded.left_rev, conversation_json = excluded.conversation_json
  )
  SELECT rev FROM recorded ORDER BY rev`;

/** append_message's one row: what it did, the stored message's columns when it was there, the new seq and rev when it appended. */
type AppendRow = {
  outcome: 'created' | 'stored' | 'not-member' | 'reply-past-last' | 'no-conversation';
  new_seq: number | null;
  new_rev: number | null;
  /** With 'created': the members in position order, read after the lock. */
  member_ids: string[] | null;
} & {
  [K in keyof MessageRow]: MessageRow[K] | null;
};

// The columns of UserRow (and MessageRow, MESSAGE_COLUMNS), named rather than *, so that a prepared
// statement's result keeps its shape whatever a later schema version adds to the table.
const USER_COLUMNS = 'id, username, display_name, email, avatar_color, password_hash, created_at, last_seen';

const CONVERSATION_ROWS = `SELECT c.id, c.kind, c.created_at, c.last_seq, c.title, c.visibility, c.created_by, m.user_id, m.delivered_seq, m.read_seq, m.role, m.joined_seq
  FROM conversations c JOIN conversation_members m ON m.conversation_id = c.id`;

/**
 * The server's Store on PostgreSQL, for several server nodes sharing one
 * database. Each method is one transaction at READ COMMITTED; what keeps
 * concurrent nodes correct is row locks and unique constraints, not the
 * isolation level:
 * - seq: `UPDATE conversations SET last_seq = last_seq + 1` locks the
 *   conversation row until commit, so sends to one conversation take seqs one
 *   after another and a rolled-back send leaves no gap.
 * - idempotency: UNIQUE (conversation_id, sender_id, client_id); a concurrent duplicate waits
 *   for the first insert to commit, then finds it stored.
 * - rev: from a sequence, with a committed-up-to horizon (see revs.ts). Each
 *   write that takes a rev does so in its last statement (which commits with
 *   it, or is followed only by COMMIT), so that it holds the horizon back for
 *   no round trip to us. The append, the most frequent, is one round trip in
 *   all (a function, see APPEND_MESSAGE).
 * Every statement a request runs is named (prepared once per connection):
 * PostgreSQL then skips parsing and planning it, which is most of what the
 * small reads on the send path cost it.
 */
export class PostgresStore implements ServerStore {
  /** Connects, brings the schema up to date (safe when several nodes start together) and returns the store. */
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const pool = new Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      types: int8AsNumber(),
      ...(options.schema === undefined ? {} : { options: `-c search_path=${checkedSchemaName(options.schema)}` }),
    });
    pool.on('error', options.onIdleError ?? ((error) => console.error('PostgreSQL: an idle connection failed', error)));
    try {
      await migrate(pool);
      await fillTitleKeys(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresStore(pool, options.appendBatchesInFlight ?? APPEND_BATCHES_IN_FLIGHT);
  }

  /** Sends that arrive while earlier ones are out go together (see Batcher): one round trip and one commit. */
  private readonly appends: Batcher<NewMessage, AppendRow>;
  /** Per conversation, the last of its appends waiting for another transaction to let go of it (see appendInTurn). */
  private readonly turns = new Map<ConversationId, Promise<void>>();

  private constructor(
    private readonly pool: Pool,
    appendBatchesInFlight: number,
  ) {
    // An append alone in its slot goes through append_messages too: no slot waits for a row lock longer than a batch would.
    this.appends = new Batcher(
      { one: async (input) => (await this.appendMany([input]))[0]!, many: (inputs) => this.appendMany(inputs) },
      appendBatchesInFlight,
      APPEND_BATCH_LIMIT,
    );
  }

  /** The schema version this database is at. */
  async schemaVersion(): Promise<number> {
    const { rows } = await this.pool.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
    return rows[0]?.v ?? 0;
  }

  // --- users ---

  async createUser(user: UserRecord): Promise<void> {
    try {
      await this.pool.query(
        `INSERT INTO users (id, username, display_name, email, avatar_color, password_hash, created_at, last_seen)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [user.id, user.username.toLowerCase(), user.displayName, user.email, user.avatarColor, user.passwordHash, user.createdAt, user.lastSeen],
      );
    } catch (error) {
      if (isUniqueViolation(error, 'users_username_key')) {
        throw usernameTaken(user.username);
      }
      throw error;
    }
  }

  async getUserById(id: UserId): Promise<UserRecord | undefined> {
    const { rows } = await this.pool.query<UserRow>({ name: 'user-by-id', text: `SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, values: [id] });
    return rows[0] && toUser(rows[0]);
  }

  async getUserByUsername(username: string): Promise<UserRecord | undefined> {
    const { rows } = await this.pool.query<UserRow>({
      name: 'user-by-username',
      text: `SELECT ${USER_COLUMNS} FROM users WHERE username = $1`,
      values: [username.toLowerCase()],
    });
    return rows[0] && toUser(rows[0]);
  }

  async listUsers(): Promise<UserRecord[]> {
    const { rows } = await this.pool.query<UserRow>({ name: 'users', text: `SELECT ${USER_COLUMNS} FROM users ORDER BY created_at, id` });
    return rows.map(toUser);
  }

  async setLastSeen(id: UserId, lastSeen: string): Promise<void> {
    await this.pool.query({ name: 'set-last-seen', text: 'UPDATE users SET last_seen = $1 WHERE id = $2', values: [lastSeen, id] });
  }

  // --- conversations ---

  async getOrCreateDirect(input: NewDirect): Promise<{ conversation: Conversation; change: Change | null }> {
    const created = newDirectConversation(input);
    const memberIds = created.members.map((m) => m.userId);
    const key = directKey(memberIds);
    // One statement, committed on its own. A concurrent creator of the same pair makes it wait for that commit, then write nothing.
    const { rows } = await this.pool.query<{ rev: number | null }>({
      name: 'create-direct',
      text: CREATE_DIRECT,
      values: [created.id, created.kind, key, created.createdAt, memberIds],
    });
    const rev = rows[0]?.rev ?? null;
    if (rev !== null) {
      return { conversation: created, change: { type: 'conversation', rev, conversation: structuredClone(created) } };
    }
    const [existing] = await this.conversationsWhere('conversation-by-key', 'c.direct_key = $1 ORDER BY m.position', [key]);
    return { conversation: existing!, change: null };
  }

  async getConversation(id: ConversationId): Promise<Conversation | undefined> {
    const [conversation] = await this.conversationsWhere('conversation-by-id', 'c.id = $1 ORDER BY m.position', [id]);
    return conversation;
  }

  async listConversations(userId: UserId): Promise<Conversation[]> {
    return this.conversationsWhere(
      'conversations-of-user',
      'c.id IN (SELECT conversation_id FROM conversation_members WHERE user_id = $1) ORDER BY c.created_at, c.id, m.position',
      [userId],
    );
  }

  // --- messages ---

  async appendMessage(input: NewMessage): Promise<AppendResult> {
    let row: AppendRow;
    try {
      row = await this.appends.submit(input).catch((error: unknown) => {
        if (!isLockTimeout(error)) throw error;
        // Its conversation was held longer than a batch waits (BATCH_LOCK_TIMEOUT): on its own, outside the
        // batches, waiting its turn as every append did before batches.
        return this.appendInTurn(input);
      });
    } catch (error) {
      if (!isUniqueViolation(error, 'messages_client_id_in_conversation')) throw error;
      // Defensive: append_message's ON CONFLICT answers a duplicate client id itself. Were one to get past it,
      // the statement rolled back (seq and rev with it, leaving no gap), and a new statement sees the winner's row.
      const stored = await this.messageByClientId(this.pool, input.conversationId, input.senderId, input.clientId);
      return { message: stored!, created: false, change: null, recipients: [] };
    }
    if (row.outcome === 'stored') return { message: toMessage(row as MessageRow), created: false, change: null, recipients: [] };
    if (row.outcome === 'not-member') throw notInConversation();
    if (row.outcome === 'reply-past-last') throw replyNotInConversation();
    if (row.outcome !== 'created' || row.new_seq === null || row.new_rev === null || row.member_ids === null) throw conversationNotFound();
    const message: Message = { ...input, seq: row.new_seq, status: 'sent' };
    return { message, created: true, change: { type: 'message', rev: row.new_rev, message: { ...message } }, recipients: row.member_ids };
  }

  /** One append, one statement: the row lock (waited for as long as it takes), the checks after it and the append commit together (see APPEND_MESSAGE). */
  private async appendOne(input: NewMessage): Promise<AppendRow> {
    const { rows } = await this.pool.query<AppendRow>({ name: 'append-message', text: APPEND_MESSAGE, values: appendValues(input) });
    return rows[0]!;
  }

  /**
   * An append whose conversation another transaction held past a batch's lock timeout, on its own and waiting for it, after the
   * earlier such appends of the same conversation: so they keep their order, and a held conversation ties up
   * one pooled connection however many sends to it come meanwhile (the rest of the node's work goes on).
   */
  private appendInTurn(input: NewMessage): Promise<AppendRow> {
    const id = input.conversationId;
    const run = () => this.appendOne(input);
    const mine = (this.turns.get(id) ?? Promise.resolve()).then(run);
    const done = mine.then(
      () => undefined,
      () => undefined,
    );
    this.turns.set(id, done);
    void done.then(() => {
      if (this.turns.get(id) === done) this.turns.delete(id);
    });
    return mine;
  }

  /** Several appends, one statement and one commit (see APPEND_MESSAGES); a row for each, in the inputs' order. */
  private async appendMany(inputs: readonly NewMessage[]): Promise<AppendRow[]> {
    const each = inputs.map(appendValues);
    const columns = each[0]!.map((_, c) => each.map((values) => values[c]));
    const { rows } = await this.pool.query<AppendRow & { ord: number }>({ name: 'append-messages', text: APPEND_MESSAGES, values: columns });
    const byOrd = new Map(rows.map((row) => [row.ord, row]));
    return inputs.map((_, i) => {
      const row = byOrd.get(i + 1);
      if (!row) throw new Error(`append_messages answered no row for append ${i + 1} of ${inputs.length}`);
      return row;
    });
  }

  async reviseMessage(input: MessageRevise): Promise<ReviseResult> {
    const { conversationId, seq, userId, opId } = input;
    return inTransaction(this.pool, async (client) => {
      // The conversation's row lock, as append_message takes it (FOR NO KEY UPDATE, which editGroup's FOR UPDATE
      // excludes): revisions of the conversation's messages take turns, and one waiting on a group edit sees it.
      const { rowCount } = await client.query({ name: 'conversation-for-revision', text: 'SELECT FROM conversations WHERE id = $1 FOR NO KEY UPDATE', values: [conversationId] });
      if (!rowCount) throw conversationNotFound();
      // A statement of its own, after the wait: the lock's statement would read the snapshot from before it.
      const { rows } = await client.query<{ applied: boolean; member: boolean } & JoinedMessageColumns>({
        name: 'message-for-revision',
        text: MESSAGE_FOR_REVISION,
        values: [conversationId, seq, userId, opId],
      });
      const row = rows[0]!;
      const message = joinedMessage(conversationId, row);
      if (message && row.applied) return { message, change: null };
      if (!row.member) throw notInConversation();
      if (!message) throw messageNotFound();
      // A refusal throws here and the transaction rolls back: nothing is written, the operation id included.
      const revision = input.decide(structuredClone(message));
      if (!revision) {
        await client.query({
          name: 'record-operation',
          text: 'INSERT INTO applied_operations (user_id, op_id, conversation_id, seq) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
          values: [userId, opId, conversationId, seq],
        });
        return { message, change: null };
      }
      const current = structuredClone(message);
      applyRevision(message, revision);
      // The operation, the rev, the row and the change in one statement: it holds back the horizon for it and COMMIT only.
      const { rows: stamped } = await client.query<{ rev: number | null }>({
        name: 'stamp-revision',
        text: STAMP_REVISION,
        values: [conversationId, seq, userId, opId, message.id, ...revisionValues(message)],
      });
      const rev = stamped[0]?.rev ?? null;
      if (rev === null) return { message: current, change: null };
      message.updateRev = rev;
      return { message, change: { type: 'messageUpdate', rev, message: structuredClone(message) } };
    });
  }

  async history(conversationId: ConversationId, beforeSeq: number | undefined, limit: number): Promise<Message[]> {
    const { rows } = await this.pool.query<MessageRow>({
      name: 'history',
      text: `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = $1 AND ($2::bigint IS NULL OR seq < $2) ORDER BY seq DESC LIMIT $3`,
      values: [conversationId, beforeSeq ?? null, limit],
    });
    return rows.map(toMessage);
  }

  async listSummaries(userId: UserId): Promise<StoredSummary[]> {
    // One statement, one snapshot. The newest message by its seq, and of the messages above the
    // user's marker only their own, on messages_by_sender: no history is walked.
    const { rows } = await this.pool.query<SummaryRow>(
      `SELECT c.id, c.kind, c.created_at, c.last_seq, c.title, c.visibility, c.created_by,
              m.user_id, m.delivered_seq, m.read_seq, m.role, m.joined_seq, ${joinedMessageSelect('last')},
              (SELECT COUNT(*) FROM messages own
               WHERE own.conversation_id = c.id AND own.sender_id = me.user_id AND own.seq > me.read_seq) AS own_above
       FROM conversation_members me
       JOIN conversations c ON c.id = me.conversation_id
       JOIN conversation_members m ON m.conversation_id = c.id
       LEFT JOIN messages last ON last.conversation_id = c.id AND last.seq = c.last_seq
       WHERE me.user_id = $1
       ORDER BY c.created_at, c.id, m.position`,
      [userId],
    );
    return toSummaries(rows, userId);
  }

  async advanceMarker(conversationId: ConversationId, userId: UserId, kind: ReceiptKind, uptoSeq: number, at: string): Promise<Change[]> {
    return inTransaction(this.pool, async (client) => {
      // The member row lock makes two concurrent receipts for one member stamp one change, not two.
      const { rows } = await client.query<{ last_seq: number; delivered_seq: number; read_seq: number }>({
        name: 'member-for-update',
        text: `SELECT c.last_seq, m.delivered_seq, m.read_seq
         FROM conversation_members m JOIN conversations c ON c.id = m.conversation_id
         WHERE m.conversation_id = $1 AND m.user_id = $2 FOR UPDATE OF m`,
        values: [conversationId, userId],
      });
      const row = rows[0];
      if (!row) return [];
      const member = { deliveredSeq: row.delivered_seq, readSeq: row.read_seq };
      const moves = markerMoves(member, kind, uptoSeq, row.last_seq);
      if (moves.length === 0) return [];
      for (const move of moves) member[move.field] = move.uptoSeq;
      // The member's new markers, the revs and the changes in one statement: it holds back the horizon for it and COMMIT only.
      const { rows: stamped } = await client.query<{ rev: number }>({
        name: 'stamp-receipts',
        text: STAMP_RECEIPTS,
        values: [conversationId, userId, member.deliveredSeq, member.readSeq, moves.length, moves.map((m) => m.kind), moves.map((m) => m.uptoSeq), at],
      });
      const changes = moves.map(
        (move, i): Change => ({ type: 'receipt', rev: stamped[i]!.rev, conversationId, userId, kind: move.kind, uptoSeq: move.uptoSeq }),
      );
      return changes;
    });
  }

  async changesSince(conversationIds: ConversationId[], since: number, limit: number): Promise<Change[]> {
    if (conversationIds.length === 0) return [];
    // Revs may become visible out of order: a caller that moves a cursor reads currentRev() first
    // and uses no rev above it (see revs.ts).
    const { rows } = await this.pool.query<ChangeRow>({
      name: 'changes-since',
      text: `SELECT ch.rev, ch.conversation_id, ch.type, ch.user_id, ch.receipt_kind, ch.upto_seq, ch.conversation_json,
              ${joinedMessageSelect('m')}, c.created_at AS c_created_at,
              CASE WHEN ch.type = 'conversation' THEN
                (SELECT array_agg(cm.user_id ORDER BY cm.position) FROM conversation_members cm WHERE cm.conversation_id = ch.conversation_id)
              END AS c_member_ids
       FROM changes ch
       LEFT JOIN messages m ON m.id = ch.message_id
       LEFT JOIN conversations c ON ch.type = 'conversation' AND c.id = ch.conversation_id
       WHERE ch.conversation_id = ANY ($1::text[]) AND ch.rev > $2
       ORDER BY ch.rev
       LIMIT $3`,
      values: [conversationIds, since, limit],
    });
    return rows.map(toChange);
  }

  // --- groups ---

  async createGroup(input: NewGroup): Promise<{ conversation: Conversation; created: boolean; changes: Change[] }> {
    const existing = async () => {
      const { rows } = await this.pool.query<{ id: string }>({
        name: 'group-by-client-id',
        text: 'SELECT id FROM conversations WHERE created_by = $1 AND client_id = $2',
        values: [input.createdBy, input.clientId],
      });
      return rows[0] ? { conversation: (await this.getConversation(rows[0].id))!, created: false, changes: [] } : undefined;
    };
    const found = await existing();
    if (found) return found;
    try {
      return await inTransaction(this.pool, async (client) => {
        const conversation = newGroupConversation(input);
        const { title, visibility, createdBy } = conversation.group!;
        await client.query(
          `INSERT INTO conversations (id, kind, created_at, last_seq, title, visibility, created_by, client_id, title_key, last_activity_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [conversation.id, conversation.kind, conversation.createdAt, conversation.lastSeq, title, visibility, createdBy, input.clientId, channelTitleKey(title), input.entry.createdAt],
        );
        const changes = await this.writeGroupChange(client, conversation, [], entryMessage(input.entry, conversation.id, 1), []);
        return { conversation, created: true, changes };
      });
    } catch (error) {
      // A concurrent create with the same client id committed first: answer its group.
      if (!isUniqueViolation(error, 'conversations_group_client_id')) throw error;
      return (await existing())!;
    }
  }

  async editGroup(conversationId: ConversationId, decide: (group: Conversation) => GroupEdit | null): Promise<GroupEditResult> {
    return inTransaction(this.pool, async (client) => {
      // The conversation row lock: edits and sends to the group take their seqs one after another.
      const { rowCount } = await client.query('SELECT 1 FROM conversations WHERE id = $1 FOR UPDATE', [conversationId]);
      if (!rowCount) throw conversationNotFound();
      const { rows } = await client.query<ConversationMemberRow>(`${CONVERSATION_ROWS} WHERE c.id = $1 ORDER BY m.position`, [conversationId]);
      const current = toConversations(rows)[0] ?? (await this.memberlessConversation(client, conversationId));
      const edit = decide(structuredClone(current));
      if (!edit) return { conversation: current, changes: [] };
      const seq = current.lastSeq + 1;
      const next = applyGroupEdit(current, edit, seq);
      const title = next.group?.title ?? null;
      await client.query('UPDATE conversations SET last_seq = $2, title = $3, title_key = $4, last_activity_at = $5 WHERE id = $1', [
        conversationId, seq, title, title === null ? null : channelTitleKey(title), edit.entry.createdAt,
      ]);
      const staying = new Set(next.members.map((m) => m.userId));
      const leaving = current.members.map((m) => m.userId).filter((id) => !staying.has(id));
      if (leaving.length > 0) await client.query('DELETE FROM conversation_members WHERE conversation_id = $1 AND user_id = ANY ($2::text[])', [conversationId, leaving]);
      const added = (edit.add ?? []).map((a) => a.userId);
      if (added.length > 0) await client.query('DELETE FROM group_departures WHERE conversation_id = $1 AND user_id = ANY ($2::text[])', [conversationId, added]);
      const changes = await this.writeGroupChange(client, next, current.members, entryMessage(edit.entry, conversationId, seq), [...(edit.remove ?? [])]);
      return { conversation: next, changes };
    });
  }

  async listDepartures(userId: UserId): Promise<Departure[]> {
    const { rows } = await this.pool.query<DepartureRow>({ name: 'departures-of-user', text: 'SELECT * FROM group_departures WHERE user_id = $1', values: [userId] });
    return rows.map(toDeparture);
  }

  async browseChannels({ userId, titleKey, limit }: ChannelQuery): Promise<ChannelListing[]> {
    const { rows } = await this.pool.query<ChannelRow>({
      name: 'browse-channels',
      text: channelsQuery((name) => ({ user: '$1', pattern: '$2', limit: '$3' })[name]),
      values: [userId, containsPattern(titleKey), limit],
    });
    return rows.map(toChannelListing);
  }

  async receiptTimes(conversationId: ConversationId, seq: number): Promise<ReceiptTime[]> {
    const { rows } = await this.pool.query<{ user_id: string; receipt_kind: string; at: string | null }>({
      name: 'receipt-times',
      text: receiptTimesQuery((name) => ({ conversation: '$1', seq: '$2' })[name]),
      values: [conversationId, seq],
    });
    return rows.map(toReceiptTime);
  }

  /** A group everyone has left: its row without members. */
  private async memberlessConversation(client: PoolClient, conversationId: ConversationId): Promise<Conversation> {
    const { rows } = await client.query<ConversationMemberRow>(
      'SELECT id, kind, created_at, last_seq, title, visibility, created_by FROM conversations WHERE id = $1',
      [conversationId],
    );
    return toConversationOf(rows[0]!, []);
  }

  /**
   * The members `group` has that `before` lacked (after the others), everyone's role, the entry,
   * then its changes and departures in the last statement (see STAMP_GROUP_CHANGE).
   */
  private async writeGroupChange(client: PoolClient, group: Conversation, before: readonly ConversationMember[], entry: Message, departed: UserId[]): Promise<Change[]> {
    const known = new Set(before.map((m) => m.userId));
    const fresh = group.members.filter((m) => !known.has(m.userId));
    if (fresh.length > 0) {
      await client.query(
        `INSERT INTO conversation_members (conversation_id, user_id, position, delivered_seq, read_seq, role, joined_seq)
         SELECT $1, t.user_id, (SELECT COALESCE(MAX(position), -1) FROM conversation_members WHERE conversation_id = $1) + t.n, t.dl, t.rd, t.member_role, t.joined
         FROM unnest($2::text[], $3::bigint[], $4::bigint[], $5::text[], $6::bigint[]) WITH ORDINALITY AS t (user_id, dl, rd, member_role, joined, n)`,
        [group.id, fresh.map((m) => m.userId), fresh.map((m) => m.deliveredSeq), fresh.map((m) => m.readSeq), fresh.map((m) => m.role ?? 'member'), fresh.map((m) => m.joinedSeq ?? 0)],
      );
    }
    const promoted = group.members.filter((m) => known.has(m.userId) && before.find((b) => b.userId === m.userId)?.role !== m.role);
    for (const m of promoted) await client.query('UPDATE conversation_members SET role = $3 WHERE conversation_id = $1 AND user_id = $2', [group.id, m.userId, m.role ?? null]);
    await client.query(messageInsert((n) => `$${n}`), messageValues(entry));
    const { rows } = await client.query<{ rev: number }>({
      name: 'stamp-group-change',
      text: STAMP_GROUP_CHANGE,
      values: [group.id, JSON.stringify(group), entry.id, entry.seq, departed],
    });
    return [
      { type: 'conversation', rev: rows[0]!.rev, conversation: structuredClone(group) },
      { type: 'message', rev: rows[1]!.rev, message: entry },
    ];
  }

  /** The committed-up-to horizon: every rev up to it is committed or will never exist (see revs.ts). */
  async currentRev(): Promise<number> {
    const { rows } = await this.pool.query<{ horizon: number }>({ name: 'rev-horizon', text: HORIZON });
    return rows[0]?.horizon ?? 0;
  }

  // --- sessions ---

  async revokeSession(jti: string, expiresAtMs: number): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query('INSERT INTO revoked_sessions (jti, expires_at) VALUES ($1, $2) ON CONFLICT (jti) DO NOTHING', [jti, expiresAtMs]);
      // Expired entries refuse themselves; keep the table to the live ones.
      await client.query('DELETE FROM revoked_sessions WHERE expires_at < $1', [Date.now()]);
    });
  }

  async isSessionRevoked(jti: string): Promise<boolean> {
    const { rowCount } = await this.pool.query({ name: 'session-revoked', text: 'SELECT 1 FROM revoked_sessions WHERE jti = $1', values: [jti] });
    return (rowCount ?? 0) > 0;
  }

  async close(): Promise<void> {
    // The appends already asked for are answered first; any asked for from now on are refused.
    await this.appends.drain();
    if (!this.pool.ended) await this.pool.end();
  }

  // --- helpers ---

  /** `name` stands for `condition`: one prepared statement per condition. */
  private async conversationsWhere(name: string, condition: string, values: unknown[]): Promise<Conversation[]> {
    // One statement, so the conversation's last_seq and its members' markers come from one snapshot.
    const { rows } = await this.pool.query<ConversationMemberRow>({ name, text: `${CONVERSATION_ROWS} WHERE ${condition}`, values });
    return toConversations(rows);
  }

  private async messageByClientId(db: Queryable, conversationId: ConversationId, senderId: UserId, clientId: string): Promise<Message | undefined> {
    const { rows } = await db.query<MessageRow>({
      name: 'message-by-client-id',
      text: `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = $1 AND sender_id = $2 AND client_id = $3`,
      values: [conversationId, senderId, clientId],
    });
    return rows[0] && toMessage(rows[0]);
  }
}

/**
 * The title keys of the groups stored before schema version 7 (SQL cannot fold
 * accents): nothing once they are filled; nodes starting together write the same keys.
 */
async function fillTitleKeys(pool: Pool): Promise<void> {
  const { rows } = await pool.query<{ id: string; title: string | null }>("SELECT id, title FROM conversations WHERE kind = 'group' AND title_key IS NULL");
  for (const row of rows) await pool.query('UPDATE conversations SET title_key = $1 WHERE id = $2', [channelTitleKey(row.title ?? ''), row.id]);
}

/** BIGINT (seq, rev, COUNT) as a JS number, refusing values a number cannot hold exactly. */
function int8AsNumber(): TypeOverrides {
  const types = new TypeOverrides();
  types.setTypeParser(pgTypes.builtins.INT8, (text: string) => {
    const value = Number(text);
    if (!Number.isSafeInteger(value)) throw new RangeError(`PostgreSQL returned ${text}, beyond JavaScript's exact integers.`);
    return value;
  });
  return types;
}

/** The schema name goes into a connection option string, so only plain identifiers are allowed. */
/** `schema` when it is a plain lower-case identifier, safe to put in SQL unquoted; throws otherwise. */
export function checkedSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Invalid PostgreSQL schema name "${schema}": use lower-case letters, digits and _.`);
  return schema;
}

/** A lock waited for past lock_timeout (a batch's BATCH_LOCK_TIMEOUT): lock_not_available. */
function isLockTimeout(error: unknown): boolean {
  return error instanceof DatabaseError && error.code === '55P03';
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  return error instanceof DatabaseError && error.code === '23505' && error.constraint === constraint;
}

/** append_message's arguments for one append, in order. */
function appendValues(input: NewMessage): (string | number | null)[] {
  return [input.id, input.conversationId, input.senderId, input.clientId, input.body, input.createdAt, input.replyToSeq ?? null];
}
