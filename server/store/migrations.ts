/**
 * The schema, as ordered steps. Each step runs once, in one transaction, and
 * is recorded in `schema_migrations`. The SQL keeps to what SQLite and
 * PostgreSQL both accept (TEXT, INTEGER, BIGINT, UNIQUE, plain indexes) so the
 * PostgreSQL store can run the same steps. Never edit a released step: add one.
 */
export interface Migration {
  version: number;
  name: string;
  statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts, conversations, messages, changes',
    statements: [
      `CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        email TEXT NOT NULL,
        avatar_color TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        last_seen TEXT
      )`,
      `CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        direct_key TEXT UNIQUE,
        created_at TEXT NOT NULL,
        last_seq BIGINT NOT NULL DEFAULT 0
      )`,
      `CREATE TABLE conversation_members (
        conversation_id TEXT NOT NULL REFERENCES conversations (id),
        user_id TEXT NOT NULL REFERENCES users (id),
        position INTEGER NOT NULL,
        delivered_seq BIGINT NOT NULL DEFAULT 0,
        read_seq BIGINT NOT NULL DEFAULT 0,
        PRIMARY KEY (conversation_id, user_id)
      )`,
      `CREATE INDEX conversation_members_by_user ON conversation_members (user_id)`,
      `CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations (id),
        seq BIGINT NOT NULL,
        sender_id TEXT NOT NULL REFERENCES users (id),
        client_id TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (conversation_id, seq),
        UNIQUE (sender_id, client_id)
      )`,
      // One row per durable change; catch-up reads it by rev. A message change
      // points at its message, a receipt carries its marker, a conversation
      // change stands for the conversation as created.
      `CREATE TABLE changes (
        rev BIGINT PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations (id),
        type TEXT NOT NULL,
        message_id TEXT REFERENCES messages (id),
        user_id TEXT,
        receipt_kind TEXT,
        upto_seq BIGINT
      )`,
      `CREATE INDEX changes_by_conversation ON changes (conversation_id, rev)`,
    ],
  },
  {
    version: 2,
    name: 'revoked sessions',
    statements: [
      // Logged-out JWTs until they would have expired anyway.
      `CREATE TABLE revoked_sessions (
        jti TEXT PRIMARY KEY,
        expires_at BIGINT NOT NULL
      )`,
      `CREATE INDEX revoked_sessions_by_expiry ON revoked_sessions (expires_at)`,
    ],
  },
  {
    version: 3,
    name: 'message idempotency per conversation',
    statements: [
      // A client id is unique per sender within a conversation, no longer per sender alone: a clientId
      // reused in another conversation is a new message there. The old UNIQUE (sender_id, client_id)
      // cannot be dropped in SQLite, so both tables that hold messages are rebuilt, rows and all, in
      // the one transaction the step runs in: changes first (it refers to messages), then messages
      // under its old name. Constraint names that must not clash with the old table's are spelled out.
      `CREATE TABLE messages_v3 (
        id TEXT NOT NULL,
        conversation_id TEXT NOT NULL REFERENCES conversations (id),
        seq BIGINT NOT NULL,
        sender_id TEXT NOT NULL REFERENCES users (id),
        client_id TEXT NOT NULL,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL,
        CONSTRAINT messages_v3_pkey PRIMARY KEY (id),
        CONSTRAINT messages_seq_in_conversation UNIQUE (conversation_id, seq),
        CONSTRAINT messages_client_id_in_conversation UNIQUE (conversation_id, sender_id, client_id)
      )`,
      `INSERT INTO messages_v3 (id, conversation_id, seq, sender_id, client_id, body, created_at)
        SELECT id, conversation_id, seq, sender_id, client_id, body, created_at FROM messages`,
      `CREATE TABLE changes_v3 (
        rev BIGINT NOT NULL,
        conversation_id TEXT NOT NULL REFERENCES conversations (id),
        type TEXT NOT NULL,
        message_id TEXT REFERENCES messages_v3 (id),
        user_id TEXT,
        receipt_kind TEXT,
        upto_seq BIGINT,
        CONSTRAINT changes_v3_pkey PRIMARY KEY (rev)
      )`,
      `INSERT INTO changes_v3 (rev, conversation_id, type, message_id, user_id, receipt_kind, upto_seq)
        SELECT rev, conversation_id, type, message_id, user_id, receipt_kind, upto_seq FROM changes`,
      `DROP TABLE changes`,
      `DROP TABLE messages`,
      // Renaming the table changes_v3 refers to carries the reference along (SQLite 3.26+, PostgreSQL by identity).
      `ALTER TABLE messages_v3 RENAME TO messages`,
      `ALTER TABLE changes_v3 RENAME TO changes`,
      `CREATE INDEX changes_by_conversation ON changes (conversation_id, rev)`,
    ],
  },
  {
    version: 4,
    // Nothing shared: SQLite has one writer at a time and keeps MAX(rev) + 1. PostgreSQL's part is in POSTGRES_EXTRAS.
    name: 'revs from a sequence with a committed-up-to horizon (PostgreSQL)',
    statements: [],
  },
  {
    version: 5,
    name: 'messages by conversation and sender',
    statements: [
      // A member's own messages above their read marker, counted on the index: with the
      // conversation's last seq that is the unread count, without walking its history.
      `CREATE INDEX messages_by_sender ON messages (conversation_id, sender_id, seq)`,
    ],
  },
  {
    version: 6,
    name: 'groups and channels',
    statements: [
      // Every existing conversation is direct: the new columns are null (or 0) for it, and stay so.
      `ALTER TABLE conversations ADD COLUMN title TEXT`,
      `ALTER TABLE conversations ADD COLUMN visibility TEXT`,
      `ALTER TABLE conversations ADD COLUMN created_by TEXT`,
      // A group's creator and client id make its create idempotent; nulls (direct conversations) never clash.
      `ALTER TABLE conversations ADD COLUMN client_id TEXT`,
      `CREATE UNIQUE INDEX conversations_group_client_id ON conversations (created_by, client_id)`,
      `CREATE INDEX conversations_by_visibility ON conversations (visibility)`,
      `ALTER TABLE conversation_members ADD COLUMN role TEXT`,
      `ALTER TABLE conversation_members ADD COLUMN joined_seq BIGINT NOT NULL DEFAULT 0`,
      // A group's system entry ("Maya added Leo") as JSON; null for what a person wrote.
      `ALTER TABLE messages ADD COLUMN system_entry TEXT`,
      // When a receipt was made (message info); null for receipts from before this version.
      `ALTER TABLE changes ADD COLUMN at TEXT`,
      // A group's conversation change carries the group as it was then; a direct one stays derived from its row.
      `ALTER TABLE changes ADD COLUMN conversation_json TEXT`,
      `CREATE TABLE group_departures (
        conversation_id TEXT NOT NULL REFERENCES conversations (id),
        user_id TEXT NOT NULL REFERENCES users (id),
        left_seq BIGINT NOT NULL,
        left_rev BIGINT NOT NULL,
        conversation_json TEXT NOT NULL,
        PRIMARY KEY (conversation_id, user_id)
      )`,
      `CREATE INDEX group_departures_by_user ON group_departures (user_id)`,
    ],
  },
  {
    version: 7,
    name: 'channels and receipt times on indexes',
    statements: [
      // A group's title as channels are searched (channelTitleKey: no accents, lower case). SQL
      // cannot compute it; each store fills it for the groups stored before, once it has migrated.
      `ALTER TABLE conversations ADD COLUMN title_key TEXT`,
      // The time of the conversation's newest message (its creation while empty), kept by every append and edit.
      `ALTER TABLE conversations ADD COLUMN last_activity_at TEXT`,
      `UPDATE conversations SET last_activity_at = COALESCE(
        (SELECT m.created_at FROM messages m WHERE m.conversation_id = conversations.id AND m.seq = conversations.last_seq),
        created_at)`,
      // Browse channels walks the public groups newest activity first and stops at its limit.
      `CREATE INDEX conversations_channels ON conversations (visibility, last_activity_at, id)`,
      `DROP INDEX conversations_by_visibility`,
      // Message info: each member's first receipt of a kind at or past a seq, one seek each.
      `CREATE INDEX changes_receipts ON changes (conversation_id, user_id, receipt_kind, upto_seq) WHERE type = 'receipt'`,
    ],
  },
  {
    version: 8,
    // Nothing shared: SQLite appends in one write already. PostgreSQL's part is in POSTGRES_EXTRAS.
    name: 'the append in one round trip (PostgreSQL)',
    statements: [],
  },
  {
    version: 9,
    name: 'message actions: replies, edits, deletes and reactions',
    statements: [
      // Every existing message is as sent: no reply, never revised; the new columns are null for it.
      `ALTER TABLE messages ADD COLUMN reply_to_seq BIGINT`,
      `ALTER TABLE messages ADD COLUMN edited_at TEXT`,
      // A delete overwrites the body with '' and sets deleted_at: the row is the tombstone, and no
      // earlier body is kept anywhere (a change of type 'messageUpdate' names the message by
      // message_id, as a 'message' change does, and is read with the row as it then is).
      `ALTER TABLE messages ADD COLUMN deleted_at TEXT`,
      // [{emoji, userIds}] as JSON, in order; null for none.
      `ALTER TABLE messages ADD COLUMN reactions TEXT`,
      // The rev of the latest edit, delete or reaction; null when none since it was sent.
      `ALTER TABLE messages ADD COLUMN update_rev BIGINT`,
      // Each edit, delete or reaction applied, by its author's user id and the client's operation id:
      // one is applied at most once, ever; the message it acted on is kept for whoever reads the table.
      `CREATE TABLE applied_operations (
        user_id TEXT NOT NULL REFERENCES users (id),
        op_id TEXT NOT NULL,
        conversation_id TEXT NOT NULL REFERENCES conversations (id),
        seq BIGINT NOT NULL,
        PRIMARY KEY (user_id, op_id)
      )`,
    ],
  },
  {
    version: 10,
    // Nothing shared: SQLite reads the members in the append's own transaction already. PostgreSQL's part is in POSTGRES_EXTRAS.
    name: 'a send in one round trip: the append answers the members and checks the reply (PostgreSQL)',
    statements: [],
  },
];

/** The newest schema version these steps build. */
export function newestVersion(migrations: readonly Migration[]): number {
  return migrations.reduce((newest, m) => Math.max(newest, m.version), 0);
}

/**
 * The database was migrated by a newer server than this one. Running on would
 * mean reading and writing tables whose meaning this code does not know, so
 * the store refuses to open and touches nothing.
 */
export class SchemaTooNewError extends Error {
  constructor(
    readonly databaseVersion: number,
    readonly serverVersion: number,
    /** Which database, for the operator: a file path or a PostgreSQL schema. */
    readonly database: string,
  ) {
    super(
      `The ${database} is at schema version ${databaseVersion}, but this server only knows schema versions up to ${serverVersion}: ` +
        `a newer VioletChat server has migrated it. Upgrade this server to a version that knows schema version ${databaseVersion} ` +
        '(or point it at another database). The database was not changed.',
    );
    this.name = 'SchemaTooNewError';
  }
}

/**
 * The steps a database with `applied` versions still needs, oldest first.
 * Throws SchemaTooNewError when the database is newer than every step this
 * code knows, before anything runs.
 */
export function pendingMigrations(applied: readonly number[], migrations: readonly Migration[], database: string): Migration[] {
  const databaseVersion = applied.reduce((newest, v) => Math.max(newest, v), 0);
  const serverVersion = newestVersion(migrations);
  if (databaseVersion > serverVersion) throw new SchemaTooNewError(databaseVersion, serverVersion, database);
  const done = new Set(applied);
  return migrations.filter((m) => !done.has(m.version)).sort((a, b) => a.version - b.version);
}
