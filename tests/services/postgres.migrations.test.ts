import type pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planDelete, planReaction } from '../../src/backend/messageActions';
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

  /** The one append_message function a schema at the newest version has (version 9's arguments: the reply's seq; version 10 keeps them). */
  const APPEND_SIGNATURE = 'append_message(text,text,text,text,text,text,bigint)';

  it('applies the shared steps once when two nodes start together on an empty schema', async () => {
    const applied = await Promise.all([migrate(schema.pool()), migrate(schema.pool())]);
    // The advisory lock lets one node run every step; the other then finds nothing to do.
    expect(applied.map((a) => a.length).sort()).toEqual([0, versions.length]);
    expect(applied.flat()).toEqual(versions);

    const { rows } = await schema.pool().query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(rows).toEqual([...MIGRATIONS].sort((a, b) => a.version - b.version).map(({ version, name }) => ({ version, name })));
    const revs = await schema.pool().query('SELECT last_value, is_called FROM revs');
    expect(revs.rows).toEqual([{ last_value: '0', is_called: true }]);
    expect(await appendFunctionsIn(schema.name)).toEqual([APPEND_SIGNATURE]);
  });

  /** The append_message functions in `schemaName` (version 8), with their argument types. */
  async function appendFunctionsIn(schemaName: string): Promise<string[]> {
    const { rows } = await schema.pool().query<{ signature: string }>(
      `SELECT p.oid::regprocedure::text AS signature FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = $1 AND p.proname = 'append_message'`,
      [schemaName],
    );
    return rows.map((r) => r.signature.replace(`${schemaName}.`, ''));
  }

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

  it('moves the revs of a version 2 database to the sequence: old changes stay, new revs go on above them, the counter is gone', async () => {
    const pool = schema.pool();
    await migrate(pool, MIGRATIONS.filter((m) => m.version <= 2));
    // What a version 2 server left: a conversation, two messages, revs 1..3 from the counter.
    const at = new Date().toISOString();
    for (const id of ['ann', 'bob']) {
      await pool.query("INSERT INTO users VALUES ($1, $1, $1, $1, '#000', 'hash', $2, NULL)", [id, at]);
    }
    await pool.query("INSERT INTO conversations VALUES ('c1', 'direct', 'ann|bob', $1, 2)", [at]);
    await pool.query("INSERT INTO conversation_members VALUES ('c1', 'ann', 0, 0, 0), ('c1', 'bob', 1, 0, 0)");
    await pool.query("INSERT INTO messages VALUES ('m1', 'c1', 1, 'ann', 'k1', 'one', $1), ('m2', 'c1', 2, 'bob', 'k2', 'two', $1)", [at]);
    await pool.query("INSERT INTO changes (rev, conversation_id, type, message_id) VALUES (1, 'c1', 'conversation', NULL), (2, 'c1', 'message', 'm1'), (3, 'c1', 'message', 'm2')");
    await pool.query('UPDATE rev_counter SET value = 3');

    const store = await PostgresStore.open({ connectionString: DATABASE_URL, schema: schema.name });
    try {
      expect(await store.currentRev()).toBe(3);
      const appended = await store.appendMessage({ id: 'm3', conversationId: 'c1', senderId: 'ann', clientId: 'k3', body: 'three', createdAt: at });
      expect(appended.change?.rev).toBe(4);
      expect(appended.message.seq).toBe(3);
      expect((await store.changesSince(['c1'], 0, 10)).map((c) => c.rev)).toEqual([1, 2, 3, 4]);
      expect(await store.currentRev()).toBe(4);
      const { rows } = await pool.query("SELECT to_regclass('rev_counter') AS counter");
      expect(rows).toEqual([{ counter: null }]);
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
      revs: (await pool.query('SELECT last_value FROM revs')).rows,
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

  it('version 3 keeps the messages and changes of a version 2 schema, and makes client ids per conversation', async () => {
    const pool = schema.pool();
    expect(await migrate(pool, MIGRATIONS.filter((m) => m.version <= 2))).toEqual([1, 2]);
    const at = new Date(0).toISOString();
    for (const id of ['ann', 'ben', 'cat']) {
      await pool.query('INSERT INTO users (id, username, display_name, email, avatar_color, password_hash, created_at) VALUES ($1, $1, $1, $2, $3, $4, $5)', [
        id, `${id}@example.com`, '#6d28d9', 'hash', at,
      ]);
    }
    for (const [id, peer, lastSeq, rev] of [['c-ben', 'ben', 1, 1], ['c-cat', 'cat', 0, 2]] as const) {
      await pool.query("INSERT INTO conversations (id, kind, direct_key, created_at, last_seq) VALUES ($1, 'direct', $2, $3, $4)", [id, `ann|${peer}`, at, lastSeq]);
      await pool.query('INSERT INTO conversation_members (conversation_id, user_id, position) VALUES ($1, $2, 0), ($1, $3, 1)', [id, 'ann', peer]);
      await pool.query("INSERT INTO changes (rev, conversation_id, type) VALUES ($1, $2, 'conversation')", [rev, id]);
    }
    await pool.query('INSERT INTO messages (id, conversation_id, seq, sender_id, client_id, body, created_at) VALUES ($1, $2, 1, $3, $4, $5, $6)', [
      'm-1', 'c-ben', 'ann', 'client-id-1', 'before the upgrade', at,
    ]);
    await pool.query("INSERT INTO changes (rev, conversation_id, type, message_id) VALUES (3, 'c-ben', 'message', 'm-1')");
    await pool.query('UPDATE rev_counter SET value = 3');

    const store = await PostgresStore.open({ connectionString: DATABASE_URL, schema: schema.name });
    try {
      expect(await store.schemaVersion()).toBe(versions.at(-1));
      expect((await store.history('c-ben', undefined, 10)).map((m) => [m.id, m.clientId])).toEqual([['m-1', 'client-id-1']]);
      expect((await store.changesSince(['c-ben', 'c-cat'], 0, 10)).map((c) => [c.rev, c.type])).toEqual([[1, 'conversation'], [2, 'conversation'], [3, 'message']]);
      const input = { senderId: 'ann', clientId: 'client-id-1', body: 'after', createdAt: new Date().toISOString() };
      expect((await store.appendMessage({ ...input, id: 'm-2', conversationId: 'c-ben' })).message.id).toBe('m-1');
      expect(await store.appendMessage({ ...input, id: 'm-3', conversationId: 'c-cat' })).toMatchObject({ created: true, message: { seq: 1 }, change: { rev: 4 } });
    } finally {
      await store.close();
    }
    await expect(pool.query("INSERT INTO changes (rev, conversation_id, type, message_id) VALUES (9, 'c-ben', 'message', 'no-such-message')")).rejects.toThrow(/foreign key/);
  });

  it('version 6 (groups) keeps every account, conversation, marker, message and change of a version 5 schema', async () => {
    const pool = schema.pool();
    expect(await migrate(pool, MIGRATIONS.filter((m) => m.version <= 5))).toEqual([1, 2, 3, 4, 5]);
    const at = new Date(0).toISOString();
    for (const id of ['ann', 'ben']) {
      await pool.query('INSERT INTO users (id, username, display_name, email, avatar_color, password_hash, created_at) VALUES ($1, $1, $1, $2, $3, $4, $5)', [
        id, `${id}@example.com`, '#6d28d9', 'hash', at,
      ]);
    }
    await pool.query("INSERT INTO conversations (id, kind, direct_key, created_at, last_seq) VALUES ('c-ben', 'direct', 'ann|ben', $1, 1)", [at]);
    await pool.query("INSERT INTO conversation_members (conversation_id, user_id, position, delivered_seq, read_seq) VALUES ('c-ben', 'ann', 0, 0, 0), ('c-ben', 'ben', 1, 1, 1)");
    await pool.query("INSERT INTO messages (id, conversation_id, seq, sender_id, client_id, body, created_at) VALUES ('m-1', 'c-ben', 1, 'ann', 'client-id-1', 'before the upgrade', $1)", [at]);
    await pool.query(
      `INSERT INTO changes (rev, conversation_id, type, message_id, user_id, receipt_kind, upto_seq) VALUES
       (1, 'c-ben', 'conversation', NULL, NULL, NULL, NULL), (2, 'c-ben', 'message', 'm-1', NULL, NULL, NULL), (3, 'c-ben', 'receipt', NULL, 'ben', 'read', 1)`,
    );
    await pool.query("SELECT setval('revs', 3, true)");

    const store = await PostgresStore.open({ connectionString: DATABASE_URL, schema: schema.name });
    try {
      expect(await store.schemaVersion()).toBe(versions.at(-1));
      expect(await store.getConversation('c-ben')).toEqual({
        id: 'c-ben',
        kind: 'direct',
        createdAt: at,
        lastSeq: 1,
        members: [
          { userId: 'ann', deliveredSeq: 0, readSeq: 0 },
          { userId: 'ben', deliveredSeq: 1, readSeq: 1 },
        ],
      });
      expect(await store.history('c-ben', undefined, 10)).toEqual([
        { id: 'm-1', clientId: 'client-id-1', conversationId: 'c-ben', senderId: 'ann', body: 'before the upgrade', createdAt: at, seq: 1, status: 'sent' },
      ]);
      expect((await store.changesSince(['c-ben'], 0, 10)).map((c) => [c.rev, c.type])).toEqual([[1, 'conversation'], [2, 'message'], [3, 'receipt']]);
      expect((await store.listSummaries('ann')).map((s) => [s.conversation.id, s.lastMessage?.body, s.unreadCount])).toEqual([['c-ben', 'before the upgrade', 0]]);
      expect(await store.receiptTimes('c-ben', 1)).toEqual([{ userId: 'ben', kind: 'read', at: null }]);
      const entry = { id: 'e-1', senderId: 'ann', clientId: 'system:1', body: 'ann created it', createdAt: at, system: { type: 'created' as const, title: 'After', memberIds: ['ben'] } };
      const created = await store.createGroup({ id: 'g-1', clientId: 'client-group-1', title: 'After', visibility: 'public', createdBy: 'ann', memberIds: ['ben'], createdAt: at, entry });
      expect(created.changes.map((c) => c.rev)).toEqual([4, 5]);
      expect((await store.listConversations('ben')).map((c) => [c.id, c.kind])).toEqual([
        ['c-ben', 'direct'],
        ['g-1', 'group'],
      ]);
    } finally {
      await store.close();
    }
  });

  it('version 7 (channels and receipt times on indexes) keeps the groups of a version 6 schema and finds them by title key and activity', async () => {
    const pool = schema.pool();
    expect(await migrate(pool, MIGRATIONS.filter((m) => m.version <= 6))).toEqual([1, 2, 3, 4, 5, 6]);
    for (const id of ['ann', 'ben', 'cat']) {
      await pool.query('INSERT INTO users (id, username, display_name, email, avatar_color, password_hash, created_at) VALUES ($1, $1, $1, $2, $3, $4, $5)', [
        id, `${id}@example.com`, '#6d28d9', 'hash', '2024-01-01T00:00:00.000Z',
      ]);
    }
    await pool.query(
      `INSERT INTO conversations (id, kind, created_at, last_seq, title, visibility, created_by, client_id) VALUES
       ('g-pub', 'group', '2024-01-01T00:00:00.000Z', 2, 'Café Crew', 'public', 'ann', 'k-1'),
       ('g-priv', 'group', '2024-01-02T00:00:00.000Z', 1, 'Café Secret', 'private', 'ann', 'k-2')`,
    );
    await pool.query(
      `INSERT INTO conversation_members (conversation_id, user_id, position, delivered_seq, read_seq, role, joined_seq) VALUES
       ('g-pub', 'ann', 0, 2, 2, 'owner', 0), ('g-pub', 'ben', 1, 2, 1, 'member', 0), ('g-priv', 'ann', 0, 1, 1, 'owner', 0)`,
    );
    await pool.query(
      `INSERT INTO messages (id, conversation_id, seq, sender_id, client_id, body, created_at) VALUES
       ('e-pub', 'g-pub', 1, 'ann', 'system:1', 'created', '2024-01-01T00:00:00.000Z'),
       ('m-pub', 'g-pub', 2, 'ann', 'c-2', 'hello crew', '2024-03-01T00:00:00.000Z'),
       ('e-priv', 'g-priv', 1, 'ann', 'system:2', 'created', '2024-01-02T00:00:00.000Z')`,
    );
    await pool.query(
      `INSERT INTO changes (rev, conversation_id, type, message_id, user_id, receipt_kind, upto_seq, at) VALUES
       (1, 'g-pub', 'message', 'm-pub', NULL, NULL, NULL, NULL),
       (2, 'g-pub', 'receipt', NULL, 'ben', 'delivered', 2, '2024-03-01T00:01:00.000Z'),
       (3, 'g-pub', 'receipt', NULL, 'ben', 'read', 1, '2024-03-01T00:02:00.000Z')`,
    );
    await pool.query("SELECT setval('revs', 3, true)");

    const store = await PostgresStore.open({ connectionString: DATABASE_URL, schema: schema.name });
    try {
      expect(await store.schemaVersion()).toBe(versions.at(-1));
      expect(await store.browseChannels({ userId: 'cat', titleKey: 'cafe', limit: 10 })).toEqual([
        { id: 'g-pub', title: 'Café Crew', memberCount: 2, createdBy: 'ann', createdAt: '2024-01-01T00:00:00.000Z', lastActivityAt: '2024-03-01T00:00:00.000Z' },
      ]);
      expect(await store.browseChannels({ userId: 'ben', titleKey: '', limit: 10 })).toEqual([]);
      expect(await store.receiptTimes('g-pub', 2)).toEqual([{ userId: 'ben', kind: 'delivered', at: '2024-03-01T00:01:00.000Z' }]);
      expect((await store.history('g-pub', undefined, 10)).map((m) => m.id)).toEqual(['m-pub', 'e-pub']);
      await store.appendMessage({ id: 'm-3', conversationId: 'g-pub', senderId: 'ben', clientId: 'c-3', body: 'later', createdAt: '2024-04-01T00:00:00.000Z' });
      expect((await store.browseChannels({ userId: 'cat', titleKey: 'crew', limit: 10 }))[0]?.lastActivityAt).toBe('2024-04-01T00:00:00.000Z');
    } finally {
      await store.close();
    }
  });

  /**
   * A schema at `version` (7 or later) as its server left it: ann, ben and cat; ann and ben's direct
   * conversation with ann's message 'before' (m-1, client id k-1) at seq 1; revs 1 (the conversation) and 2 (the message).
   */
  async function directConversationAt(version: number): Promise<{ pool: pg.Pool; at: string }> {
    const pool = schema.pool();
    expect(await migrate(pool, MIGRATIONS.filter((m) => m.version <= version))).toEqual(versions.filter((v) => v <= version));
    const at = new Date(0).toISOString();
    for (const id of ['ann', 'ben', 'cat']) {
      await pool.query('INSERT INTO users (id, username, display_name, email, avatar_color, password_hash, created_at) VALUES ($1, $1, $1, $2, $3, $4, $5)', [
        id, `${id}@example.com`, '#6d28d9', 'hash', at,
      ]);
    }
    await pool.query("INSERT INTO conversations (id, kind, direct_key, created_at, last_seq, last_activity_at) VALUES ('c-ben', 'direct', 'ann|ben', $1, 1, $1)", [at]);
    await pool.query("INSERT INTO conversation_members (conversation_id, user_id, position) VALUES ('c-ben', 'ann', 0), ('c-ben', 'ben', 1)");
    await pool.query("INSERT INTO messages (id, conversation_id, seq, sender_id, client_id, body, created_at) VALUES ('m-1', 'c-ben', 1, 'ann', 'k-1', 'before', $1)", [at]);
    await pool.query("INSERT INTO changes (rev, conversation_id, type) VALUES (1, 'c-ben', 'conversation')");
    await pool.query("INSERT INTO changes (rev, conversation_id, type, message_id) VALUES (2, 'c-ben', 'message', 'm-1')");
    await pool.query("SELECT setval('revs', 2, true)");
    return { pool, at };
  }

  it('version 8 makes the append one function: a version 7 schema appends, answers a retry and refuses a non-member through it', async () => {
    const { at } = await directConversationAt(7);
    expect(await appendFunctionsIn(schema.name)).toEqual([]);

    const store = await PostgresStore.open({ connectionString: DATABASE_URL, schema: schema.name });
    try {
      expect(await store.schemaVersion()).toBe(versions.at(-1));
      expect(await appendFunctionsIn(schema.name)).toEqual([APPEND_SIGNATURE]);
      const input = { senderId: 'ann', conversationId: 'c-ben', body: 'after', createdAt: new Date().toISOString() };
      expect(await store.appendMessage({ ...input, id: 'm-2', clientId: 'k-1' })).toEqual({
        message: { id: 'm-1', conversationId: 'c-ben', seq: 1, senderId: 'ann', clientId: 'k-1', body: 'before', createdAt: at, status: 'sent' },
        created: false,
        change: null,
        recipients: [],
      });
      expect(await store.appendMessage({ ...input, id: 'm-3', clientId: 'k-3' })).toMatchObject({ created: true, message: { seq: 2 }, change: { rev: 3 } });
      await expect(store.appendMessage({ ...input, id: 'm-4', clientId: 'k-4', senderId: 'cat' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(store.appendMessage({ ...input, id: 'm-5', clientId: 'k-5', conversationId: 'c-none' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await store.history('c-ben', undefined, 10)).map((m) => m.id)).toEqual(['m-3', 'm-1']);
      expect(await store.currentRev()).toBe(3);
    } finally {
      await store.close();
    }
  });

  it('version 9 (message actions) keeps a version 8 schema\'s messages as sent; its append stores a reply, and old messages are reacted to and deleted', async () => {
    const { pool, at } = await directConversationAt(8);
    const before = { id: 'm-1', conversationId: 'c-ben', seq: 1, senderId: 'ann', clientId: 'k-1', body: 'before', createdAt: at, status: 'sent' };

    const store = await PostgresStore.open({ connectionString: DATABASE_URL, schema: schema.name });
    try {
      expect(await store.schemaVersion()).toBe(versions.at(-1));
      expect(await appendFunctionsIn(schema.name)).toEqual([APPEND_SIGNATURE]);
      expect(await store.history('c-ben', undefined, 10)).toEqual([before]);
      expect((await store.changesSince(['c-ben'], 0, 10))[1]).toEqual({ type: 'message', rev: 2, message: before });
      const reply = { id: 'm-2', conversationId: 'c-ben', senderId: 'ben', clientId: 'k-2', body: 'a reply', createdAt: at, replyToSeq: 1 };
      const appended = await store.appendMessage(reply);
      expect(appended).toMatchObject({ created: true, message: { seq: 2, replyToSeq: 1 }, change: { rev: 3 } });
      expect((await store.appendMessage({ ...reply, id: 'm-3' })).message).toEqual(appended.message);
      await expect(store.appendMessage({ ...reply, id: 'm-4', clientId: 'k-4', senderId: 'cat' })).rejects.toMatchObject({ code: 'FORBIDDEN' });

      await store.reviseMessage({ conversationId: 'c-ben', seq: 1, userId: 'ben', opId: 'op-1', decide: (m) => planReaction(m, 'ben', '👍', true) });
      const { message: tombstone, change } = await store.reviseMessage({ conversationId: 'c-ben', seq: 1, userId: 'ann', opId: 'op-1', decide: (m) => planDelete(m, 'ann', at) });
      expect(tombstone).toEqual({ ...before, body: '', deletedAt: at, updateRev: 5 });
      expect(change).toEqual({ type: 'messageUpdate', rev: 5, message: tombstone });
      expect((await store.changesSince(['c-ben'], 0, 10)).map((c) => [c.rev, c.type])).toEqual([[1, 'conversation'], [2, 'message'], [3, 'message'], [4, 'messageUpdate'], [5, 'messageUpdate']]);
      expect((await store.changesSince(['c-ben'], 1, 1))[0]).toEqual({ type: 'message', rev: 2, message: tombstone });
    } finally {
      await store.close();
    }
    expect((await pool.query("SELECT COUNT(*)::int AS n FROM messages WHERE body = 'before'")).rows).toEqual([{ n: 0 }]);
    expect((await pool.query('SELECT user_id, op_id, conversation_id, seq FROM applied_operations ORDER BY user_id')).rows).toEqual([
      { user_id: 'ann', op_id: 'op-1', conversation_id: 'c-ben', seq: '1' },
      { user_id: 'ben', op_id: 'op-1', conversation_id: 'c-ben', seq: '1' },
    ]);
  });

  it('version 10 (a send in one round trip) keeps a version 9 schema; its append answers the members, refuses a reply past the last seq, and moves activity for channels only', async () => {
    const { pool, at } = await directConversationAt(9);
    await pool.query(
      `INSERT INTO conversations (id, kind, created_at, last_seq, title, visibility, created_by, client_id, title_key, last_activity_at) VALUES
       ('g-pub', 'group', $1, 0, 'Crew', 'public', 'ann', 'k-g', 'crew', $1)`,
      [at],
    );
    await pool.query("INSERT INTO conversation_members (conversation_id, user_id, position, role, joined_seq) VALUES ('g-pub', 'cat', 0, 'owner', 0), ('g-pub', 'ann', 1, 'member', 0)");
    const activity = async () =>
      Object.fromEntries((await pool.query<{ id: string; last_activity_at: string }>('SELECT id, last_activity_at FROM conversations ORDER BY id')).rows.map((r) => [r.id, r.last_activity_at]));

    const store = await PostgresStore.open({ connectionString: DATABASE_URL, schema: schema.name });
    try {
      expect(await store.schemaVersion()).toBe(versions.at(-1));
      expect(await appendFunctionsIn(schema.name)).toEqual([APPEND_SIGNATURE]);
      const later = '2024-05-01T00:00:00.000Z';
      const input = { conversationId: 'c-ben', senderId: 'ben', body: 'hi', createdAt: later };
      expect(await store.appendMessage({ ...input, id: 'm-2', clientId: 'k-2', replyToSeq: 1 })).toMatchObject({ created: true, message: { seq: 2, replyToSeq: 1 }, change: { rev: 3 }, recipients: ['ann', 'ben'] });
      // A retry answers the stored message and nobody to tell; a reply to seq 3 (not there yet) writes nothing.
      expect(await store.appendMessage({ ...input, id: 'm-x', clientId: 'k-2', replyToSeq: 1 })).toMatchObject({ created: false, message: { id: 'm-2' }, change: null, recipients: [] });
      await expect(store.appendMessage({ ...input, id: 'm-3', clientId: 'k-3', replyToSeq: 3 })).rejects.toMatchObject({ code: 'INVALID_INPUT', details: { field: 'replyToSeq' } });
      expect((await store.getConversation('c-ben'))?.lastSeq).toBe(2);
      expect(await store.currentRev()).toBe(3);
      expect(await store.appendMessage({ ...input, conversationId: 'g-pub', senderId: 'ann', id: 'm-4', clientId: 'k-4' })).toMatchObject({ created: true, message: { seq: 1 }, recipients: ['cat', 'ann'] });
      // last_activity_at orders the channel directory: a direct conversation's stays as it was.
      expect(await activity()).toEqual({ 'c-ben': at, 'g-pub': later });
    } finally {
      await store.close();
    }
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(PostgresStore.open({ connectionString: DATABASE_URL, schema: 'x; DROP SCHEMA public' })).rejects.toThrow(/Invalid PostgreSQL schema name/);
  });
});
