import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { directKey, markerMoves, newDirectConversation, unreadAbove } from '../../src/backend/rules';
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
} from '../../src/backend/store';
import { applyGroupEdit, channelTitleKey, entryMessage, newGroupConversation } from '../../src/backend/groups';
import { conversationNotFound, notInConversation, replyNotInConversation, replyPastLast, usernameTaken } from '../../src/backend/errors';
import { applyRevision, messageNotFound } from '../../src/backend/messageActions';
import type { Change, ChannelListing, Conversation, ConversationId, Message, ReceiptKind, UserId } from '../../src/transport/types';
import { MIGRATIONS, type Migration, pendingMigrations } from './migrations';
import type { ServerStore } from './serverStore';
import {
  type ChangeColumns,
  type ChannelRow,
  type ConversationColumns,
  channelsQuery,
  containsPattern,
  receiptTimesQuery,
  toChannelListing,
  toReceiptTime,
  type DepartureRow,
  type MemberColumns,
  type MessageRow,
  joinedMessageSelect,
  messageInsert,
  messageValues,
  revisionValues,
  toChangeOf,
  toConversationOf,
  toDeparture,
  toMessage,
  toUser,
  type UserRow,
} from './rows';

export interface SqliteStoreOptions {
  /**
   * FULL syncs the WAL on every commit, so an acknowledged message survives a
   * power cut; NORMAL survives a crashed or killed process but not the OS.
   */
  synchronous?: 'FULL' | 'NORMAL';
}

type ConversationRow = ConversationColumns;

interface MemberRow extends MemberColumns {
  conversation_id: string;
}

const CONVERSATION_COLUMNS = 'c.id, c.kind, c.created_at, c.last_seq, c.title, c.visibility, c.created_by';

/**
 * The server's embedded Store: SQLite through better-sqlite3, in WAL mode.
 * better-sqlite3 is synchronous, so each method runs as one transaction (a
 * savepoint inside a group commit, see write()) that no other request can
 * interleave with; seq and rev are allocated inside it.
 */
export class SqliteStore implements ServerStore {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly inTransaction: Database.Transaction<(work: () => unknown) => unknown>;
  private readonly pending: { work: () => unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void }[] = [];
  /** A delete committed in the batch being written: scrub the WAL once it has (scrubWal). */
  private scrubAfterCommit = false;

  constructor(path: string, options: SqliteStoreOptions = {}) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    try {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
      this.db.pragma('foreign_keys = ON');
      // A deleted message's words are overwritten where the row was, not left in the file's free space
      // (the WAL may hold an old page until it is checkpointed over).
      this.db.pragma('secure_delete = ON');
      this.db.pragma('busy_timeout = 5000');
      migrate(this.db, MIGRATIONS, path === ':memory:' ? 'in-memory SQLite database' : `SQLite database ${path}`);
      this.db.transaction(() => fillTitleKeys(this.db)).immediate();
    } catch (error) {
      this.db.close();
      throw error;
    }
    // One wrapper for every transaction: better-sqlite3 builds a new one per db.transaction() call.
    this.inTransaction = this.db.transaction((work: () => unknown) => work());
  }

  /** The schema version this database is at. */
  schemaVersion(): number {
    return (this.q('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
  }

  // --- users ---

  async createUser(user: UserRecord): Promise<void> {
    await this.write(() => {
      if (this.q('SELECT 1 FROM users WHERE username = ?').get(user.username.toLowerCase())) {
        throw usernameTaken(user.username);
      }
      this.q(
          `INSERT INTO users (id, username, display_name, email, avatar_color, password_hash, created_at, last_seen)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(user.id, user.username.toLowerCase(), user.displayName, user.email, user.avatarColor, user.passwordHash, user.createdAt, user.lastSeen);
    });
  }

  async getUserById(id: UserId): Promise<UserRecord | undefined> {
    const row = this.q('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return row && toUser(row);
  }

  async getUserByUsername(username: string): Promise<UserRecord | undefined> {
    const row = this.q('SELECT * FROM users WHERE username = ?').get(username.toLowerCase()) as UserRow | undefined;
    return row && toUser(row);
  }

  async listUsers(): Promise<UserRecord[]> {
    return (this.q('SELECT * FROM users ORDER BY created_at, id').all() as UserRow[]).map(toUser);
  }

  async setLastSeen(id: UserId, lastSeen: string): Promise<void> {
    await this.write(() => this.q('UPDATE users SET last_seen = ? WHERE id = ?').run(lastSeen, id));
  }

  // --- conversations ---

  async getOrCreateDirect(input: NewDirect): Promise<{ conversation: Conversation; change: Change | null }> {
    const conversation = newDirectConversation(input);
    const key = directKey(input.memberIds);
    return this.write(() => {
      const existing = this.q('SELECT id FROM conversations WHERE direct_key = ?').get(key) as { id: string } | undefined;
      if (existing) return { conversation: this.conversation(existing.id)!, change: null };
      this.q('INSERT INTO conversations (id, kind, direct_key, created_at, last_seq, last_activity_at) VALUES (?, ?, ?, ?, 0, ?)')
        .run(conversation.id, conversation.kind, key, conversation.createdAt, conversation.createdAt);
      const addMember = this.q(
        'INSERT INTO conversation_members (conversation_id, user_id, position, delivered_seq, read_seq) VALUES (?, ?, ?, 0, 0)',
      );
      conversation.members.forEach((m, position) => addMember.run(conversation.id, m.userId, position));
      const rev = this.insertChange(conversation.id, 'conversation', {});
      return { conversation, change: { type: 'conversation', rev, conversation: structuredClone(conversation) } };
    });
  }

  async getConversation(id: ConversationId): Promise<Conversation | undefined> {
    return this.read(() => this.conversation(id));
  }

  async listConversations(userId: UserId): Promise<Conversation[]> {
    return this.read(() => this.conversationsOf(userId));
  }

  // --- messages ---

  async appendMessage(input: NewMessage): Promise<AppendResult> {
    return this.write((): AppendResult => {
      const conversation = this.q('SELECT last_seq FROM conversations WHERE id = ?').get(input.conversationId) as { last_seq: number } | undefined;
      if (!conversation) throw conversationNotFound();
      // In the same transaction as the append, so a removal is wholly before it (refused) or after it (a higher seq).
      const members = (this.q('SELECT user_id FROM conversation_members WHERE conversation_id = ? ORDER BY position').all(input.conversationId) as { user_id: string }[]).map(
        (row) => row.user_id,
      );
      if (!members.includes(input.senderId)) throw notInConversation();
      if (replyPastLast(input.replyToSeq, conversation.last_seq)) throw replyNotInConversation();
      // After the checks, as every store orders them: a retry by someone no longer a member is refused.
      const existing = this.q('SELECT * FROM messages WHERE conversation_id = ? AND sender_id = ? AND client_id = ?').get(input.conversationId, input.senderId, input.clientId) as
        | MessageRow
        | undefined;
      if (existing) return { message: toMessage(existing), created: false, change: null, recipients: [] };
      // last_activity_at orders the channel directory and nothing else: it moves for public groups only.
      const bumped = this.q(
        "UPDATE conversations SET last_seq = last_seq + 1, last_activity_at = CASE WHEN visibility = 'public' THEN ? ELSE last_activity_at END WHERE id = ? RETURNING last_seq",
      ).get(input.createdAt, input.conversationId) as { last_seq: number };
      const message: Message = { ...input, seq: bumped.last_seq, status: 'sent' };
      this.insertMessage(message);
      const rev = this.insertChange(input.conversationId, 'message', { messageId: input.id });
      return { message, created: true, change: { type: 'message', rev, message }, recipients: members };
    });
  }

  async reviseMessage(input: MessageRevise): Promise<ReviseResult> {
    return this.write((): ReviseResult => {
      const row = this.q('SELECT * FROM messages WHERE conversation_id = ? AND seq = ?').get(input.conversationId, input.seq) as MessageRow | undefined;
      const applied = this.q('SELECT 1 FROM applied_operations WHERE user_id = ? AND op_id = ?').get(input.userId, input.opId);
      if (row && applied) return { message: toMessage(row), change: null };
      // In the same transaction as the write, as an append checks: a removal is wholly before it or after it.
      const member = this.q('SELECT 1 FROM conversation_members WHERE conversation_id = ? AND user_id = ?').get(input.conversationId, input.userId);
      if (!member) throw this.q('SELECT 1 FROM conversations WHERE id = ?').get(input.conversationId) ? notInConversation() : conversationNotFound();
      if (!row) throw messageNotFound();
      const message = toMessage(row);
      // A refusal throws here and the savepoint rolls back: nothing is written, the operation id included.
      const revision = input.decide(structuredClone(message));
      this.q('INSERT INTO applied_operations (user_id, op_id, conversation_id, seq) VALUES (?, ?, ?, ?)').run(input.userId, input.opId, input.conversationId, input.seq);
      if (!revision) return { message, change: null };
      if (revision.deletedAt && !message.deletedAt) this.scrubAfterCommit = true;
      applyRevision(message, revision);
      const rev = this.insertChange(input.conversationId, 'messageUpdate', { messageId: message.id });
      message.updateRev = rev;
      // Over the row: the earlier body is gone, and the change reads the row as it now is.
      this.q('UPDATE messages SET body = ?, edited_at = ?, deleted_at = ?, reactions = ?, update_rev = ? WHERE id = ?').run(...revisionValues(message), rev, message.id);
      return { message, change: { type: 'messageUpdate', rev, message: structuredClone(message) } };
    });
  }

  async createGroup(input: NewGroup): Promise<{ conversation: Conversation; created: boolean; changes: Change[] }> {
    return this.write(() => {
      const existing = this.q('SELECT id FROM conversations WHERE created_by = ? AND client_id = ?').get(input.createdBy, input.clientId) as { id: string } | undefined;
      if (existing) return { conversation: this.conversation(existing.id)!, created: false, changes: [] };
      const conversation = newGroupConversation(input);
      const { title, visibility, createdBy } = conversation.group!;
      this.q(
        `INSERT INTO conversations (id, kind, created_at, last_seq, title, visibility, created_by, client_id, title_key, last_activity_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(conversation.id, conversation.kind, conversation.createdAt, conversation.lastSeq, title, visibility, createdBy, input.clientId, channelTitleKey(title), input.entry.createdAt);
      this.saveMembers(conversation);
      return { conversation, created: true, changes: this.recordGroupChange(conversation, entryMessage(input.entry, conversation.id, 1)) };
    });
  }

  async editGroup(conversationId: ConversationId, decide: (group: Conversation) => GroupEdit | null): Promise<GroupEditResult> {
    return this.write(() => {
      const current = this.conversation(conversationId);
      if (!current) throw conversationNotFound();
      const edit = decide(structuredClone(current));
      if (!edit) return { conversation: current, changes: [] };
      const seq = current.lastSeq + 1;
      const next = applyGroupEdit(current, edit, seq);
      const title = next.group?.title ?? null;
      this.q('UPDATE conversations SET last_seq = ?, title = ?, title_key = ?, last_activity_at = ? WHERE id = ?')
        .run(seq, title, title === null ? null : channelTitleKey(title), edit.entry.createdAt, conversationId);
      const staying = new Set(next.members.map((m) => m.userId));
      for (const m of current.members) {
        if (!staying.has(m.userId)) this.q('DELETE FROM conversation_members WHERE conversation_id = ? AND user_id = ?').run(conversationId, m.userId);
      }
      this.saveMembers(next);
      const changes = this.recordGroupChange(next, entryMessage(edit.entry, conversationId, seq));
      for (const { userId } of edit.add ?? []) this.q('DELETE FROM group_departures WHERE conversation_id = ? AND user_id = ?').run(conversationId, userId);
      const snapshot = JSON.stringify(next);
      for (const userId of edit.remove ?? []) {
        this.q(
          `INSERT INTO group_departures (conversation_id, user_id, left_seq, left_rev, conversation_json) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (conversation_id, user_id) DO UPDATE SET left_seq = excluded.left_seq, left_rev = excluded.left_rev, conversation_json = excluded.conversation_json`,
        ).run(conversationId, userId, seq, changes[1]!.rev, snapshot);
      }
      return { conversation: next, changes };
    });
  }

  async listDepartures(userId: UserId): Promise<Departure[]> {
    return (this.q('SELECT * FROM group_departures WHERE user_id = ?').all(userId) as DepartureRow[]).map(toDeparture);
  }

  async browseChannels({ userId, titleKey, limit }: ChannelQuery): Promise<ChannelListing[]> {
    return (this.q(channelsQuery((name) => `@${name}`)).all({ user: userId, pattern: containsPattern(titleKey), limit }) as ChannelRow[]).map(toChannelListing);
  }

  async receiptTimes(conversationId: ConversationId, seq: number): Promise<ReceiptTime[]> {
    const rows = this.q(receiptTimesQuery((name) => `@${name}`)).all({ conversation: conversationId, seq }) as { user_id: string; receipt_kind: string; at: string | null }[];
    return rows.map(toReceiptTime);
  }

  async history(conversationId: ConversationId, beforeSeq: number | undefined, limit: number): Promise<Message[]> {
    const rows = this.q('SELECT * FROM messages WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?')
      .all(conversationId, beforeSeq ?? Number.MAX_SAFE_INTEGER, limit) as MessageRow[];
    return rows.map(toMessage);
  }

  async listSummaries(userId: UserId): Promise<StoredSummary[]> {
    return this.read(() =>
      this.conversationsOf(userId).map((conversation) => {
        const readSeq = conversation.members.find((m) => m.userId === userId)?.readSeq ?? 0;
        const last = this.q('SELECT * FROM messages WHERE conversation_id = ? AND seq = ?').get(conversation.id, conversation.lastSeq) as MessageRow | undefined;
        // On messages_by_sender: only the member's own messages above the marker are visited.
        const own = this.q('SELECT COUNT(*) AS n FROM messages WHERE conversation_id = ? AND sender_id = ? AND seq > ?')
          .get(conversation.id, userId, readSeq) as { n: number };
        return { conversation, lastMessage: last ? toMessage(last) : null, unreadCount: unreadAbove(conversation.lastSeq, readSeq, own.n) };
      }),
    );
  }

  async advanceMarker(conversationId: ConversationId, userId: UserId, kind: ReceiptKind, uptoSeq: number, at: string): Promise<Change[]> {
    return this.write(() => {
      const conversation = this.q('SELECT last_seq FROM conversations WHERE id = ?').get(conversationId) as { last_seq: number } | undefined;
      const member = this.q('SELECT delivered_seq, read_seq FROM conversation_members WHERE conversation_id = ? AND user_id = ?')
        .get(conversationId, userId) as Pick<MemberRow, 'delivered_seq' | 'read_seq'> | undefined;
      if (!conversation || !member) return [];
      const changes: Change[] = [];
      const current = { deliveredSeq: member.delivered_seq, readSeq: member.read_seq };
      for (const move of markerMoves(current, kind, uptoSeq, conversation.last_seq)) {
        const column = move.field === 'readSeq' ? 'read_seq' : 'delivered_seq';
        this.q(`UPDATE conversation_members SET ${column} = ? WHERE conversation_id = ? AND user_id = ?`).run(move.uptoSeq, conversationId, userId);
        const rev = this.insertChange(conversationId, 'receipt', { userId, receiptKind: move.kind, uptoSeq: move.uptoSeq, at });
        changes.push({ type: 'receipt', rev, conversationId, userId, kind: move.kind, uptoSeq: move.uptoSeq });
      }
      return changes;
    });
  }

  async changesSince(conversationIds: ConversationId[], since: number, limit: number): Promise<Change[]> {
    if (conversationIds.length === 0) return [];
    return this.read(() => {
      const placeholders = conversationIds.map(() => '?').join(', ');
      // Not cached: the statement's shape depends on how many conversations there are.
      const rows = this.db
        .prepare(
          `SELECT c.rev, c.conversation_id, c.type, c.user_id, c.receipt_kind, c.upto_seq, c.conversation_json, ${joinedMessageSelect('m')}
           FROM changes c LEFT JOIN messages m ON m.id = c.message_id
           WHERE c.rev > ? AND c.conversation_id IN (${placeholders})
           ORDER BY c.rev LIMIT ?`,
        )
        .all(since, ...conversationIds, limit) as ChangeColumns[];
      return rows.map((row) => toChangeOf(row, () => asCreated(this.conversation(row.conversation_id)!)));
    });
  }

  async currentRev(): Promise<number> {
    return (this.q('SELECT MAX(rev) AS rev FROM changes').get() as { rev: number | null }).rev ?? 0;
  }

  // --- sessions ---

  async revokeSession(jti: string, expiresAtMs: number): Promise<void> {
    await this.write(() => {
      this.q('INSERT INTO revoked_sessions (jti, expires_at) VALUES (?, ?) ON CONFLICT (jti) DO NOTHING').run(jti, expiresAtMs);
      // Expired entries refuse themselves; keep the table to the live ones.
      this.q('DELETE FROM revoked_sessions WHERE expires_at < ?').run(Date.now());
    });
  }

  async isSessionRevoked(jti: string): Promise<boolean> {
    return this.q('SELECT 1 FROM revoked_sessions WHERE jti = ?').get(jti) !== undefined;
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.flush();
    this.db.close();
  }

  // --- helpers (run inside the caller's transaction) ---

  /** better-sqlite3 does not cache prepared statements; preparing is most of a small query's cost. */
  private q(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** A consistent view across several statements, even with other connections writing. */
  private read<T>(work: () => T): T {
    return this.inTransaction.deferred(work) as T;
  }

  /**
   * Group commit: the writes that arrive in one turn of the event loop share
   * one transaction, each in its own savepoint (better-sqlite3 nests them), so
   * each method is still atomic on its own and fails alone, while the costly
   * part, syncing the WAL to disk, happens once per batch instead of once per
   * message. A write's promise settles only after its batch has committed.
   */
  private write<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (this.pending.length === 1) setImmediate(() => this.flush());
    });
  }

  /**
   * A message was deleted: its words are overwritten in the database file (secure_delete), but the WAL
   * keeps the page as it was until it is checkpointed over, which on a quiet server may be never. So
   * the WAL is checkpointed into the file and truncated at once. Best effort: a reader holding an old
   * snapshot keeps its frames until it ends (the next delete scrubs again).
   */
  private scrubWal(): void {
    this.scrubAfterCommit = false;
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch (error) {
      console.warn('[store] could not checkpoint the WAL after a delete', error);
    }
  }

  private flush(): void {
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.inTransaction.immediate(() => {
        for (const item of batch) {
          try {
            // Nested inside the batch's transaction, better-sqlite3 makes this a savepoint.
            outcomes.push({ ok: true, value: this.inTransaction(item.work) });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // The commit itself failed: nothing in the batch is stored.
      this.scrubAfterCommit = false;
      for (const item of batch) item.reject(error);
      return;
    }
    if (this.scrubAfterCommit) this.scrubWal();
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  private conversationsOf(userId: UserId): Conversation[] {
    const rows = this.q(
        `SELECT ${CONVERSATION_COLUMNS} FROM conversations c
         JOIN conversation_members m ON m.conversation_id = c.id
         WHERE m.user_id = ? ORDER BY c.created_at, c.id`,
      )
      .all(userId) as ConversationRow[];
    return rows.map((row) => toConversationOf(row, this.members(row.id)));
  }

  private conversation(id: ConversationId): Conversation | undefined {
    const row = this.q(`SELECT ${CONVERSATION_COLUMNS} FROM conversations c WHERE c.id = ?`).get(id) as ConversationRow | undefined;
    return row && toConversationOf(row, this.members(id));
  }

  private members(conversationId: ConversationId): MemberRow[] {
    return this.q('SELECT conversation_id, user_id, delivered_seq, read_seq, role, joined_seq FROM conversation_members WHERE conversation_id = ? ORDER BY position')
      .all(conversationId) as MemberRow[];
  }

  private insertMessage(message: Message): void {
    this.q(messageInsert(() => '?')).run(...messageValues(message));
  }

  /** A group's members as `group` has them: new ones added after the others, everyone's role; markers are left alone. */
  private saveMembers(group: Conversation): void {
    const { next } = this.q('SELECT COALESCE(MAX(position), -1) + 1 AS next FROM conversation_members WHERE conversation_id = ?').get(group.id) as { next: number };
    let position = next;
    for (const m of group.members) {
      this.q(
        `INSERT INTO conversation_members (conversation_id, user_id, position, delivered_seq, read_seq, role, joined_seq) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (conversation_id, user_id) DO UPDATE SET role = excluded.role`,
      ).run(group.id, m.userId, position++, m.deliveredSeq, m.readSeq, m.role ?? null, m.joinedSeq ?? 0);
    }
  }

  /** A group's entry and its two changes: the group as it now is, then the entry. */
  private recordGroupChange(group: Conversation, entry: Message): Change[] {
    this.insertMessage(entry);
    const conversationRev = this.insertChange(group.id, 'conversation', { conversationJson: JSON.stringify(group) });
    const messageRev = this.insertChange(group.id, 'message', { messageId: entry.id });
    return [
      { type: 'conversation', rev: conversationRev, conversation: structuredClone(group) },
      { type: 'message', rev: messageRev, message: entry },
    ];
  }

  private insertChange(
    conversationId: ConversationId,
    type: Change['type'],
    fields: { messageId?: string; userId?: string; receiptKind?: ReceiptKind; uptoSeq?: number; at?: string; conversationJson?: string },
  ): number {
    const { rev } = this.q('SELECT COALESCE(MAX(rev), 0) + 1 AS rev FROM changes').get() as { rev: number };
    this.q('INSERT INTO changes (rev, conversation_id, type, message_id, user_id, receipt_kind, upto_seq, at, conversation_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(rev, conversationId, type, fields.messageId ?? null, fields.userId ?? null, fields.receiptKind ?? null, fields.uptoSeq ?? null, fields.at ?? null, fields.conversationJson ?? null);
    return rev;
  }
}

/**
 * Applies the migrations this database has not had yet, each in its own
 * transaction. A database newer than `migrations` is refused
 * (SchemaTooNewError) before anything is written to it.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[], database = 'SQLite database'): void {
  // A no-op on any database that could be refused: only one with recorded versions can be newer.
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version);
  const pending = pendingMigrations(applied, migrations, database);
  for (const migration of pending) {
    db.transaction(() => {
      for (const statement of migration.statements) db.exec(statement);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
    }).immediate();
  }
}

/**
 * The title keys of the groups stored before schema version 7 (SQL cannot fold
 * accents): nothing once they are filled.
 */
export function fillTitleKeys(db: Database.Database): void {
  const rows = db.prepare("SELECT id, title FROM conversations WHERE kind = 'group' AND title_key IS NULL").all() as { id: string; title: string | null }[];
  const update = db.prepare('UPDATE conversations SET title_key = ? WHERE id = ?');
  for (const row of rows) update.run(channelTitleKey(row.title ?? ''), row.id);
}

/** A conversation change stands for the conversation as it was created: empty, no markers. */
function asCreated(conversation: Conversation): Conversation {
  return newDirectConversation({ id: conversation.id, memberIds: conversation.members.map((m) => m.userId), createdAt: conversation.createdAt });
}


