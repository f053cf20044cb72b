import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MemoryHub } from '../../src/backend/hub';
import { MemoryPresence } from '../../src/backend/presence';
import { ChatService } from '../../src/backend/service';
import type { Store } from '../../src/backend/store';
import { MemorySessionRecords, TokenSessions } from '../../src/backend/tokenSessions';
import type { Change, ConversationId, UserId } from '../../src/transport';
import { LOCAL_CALLER } from '../../src/backend/limits/caller';
import { plainHasher } from '../support/plainHasher';
import { postgresHarness, type PostgresHarness } from './postgresHarness';

// Revs on PostgreSQL come from a sequence, so a transaction can take a rev and
// commit after one that took a higher rev. These tests make exactly that
// happen, with the server's own writes, and check that catch-up (the
// service's, over the store's committed-up-to horizon) never moves a cursor
// past a change that commits later.


function serviceOn(store: Store): ChatService {
  return new ChatService({
    store,
    hasher: plainHasher,
    sessions: new TokenSessions(new MemorySessionRecords()),
    publisher: new MemoryHub(),
    presence: new MemoryPresence(),
    limits: { sendsPerUser: { points: 1_000_000, durationSec: 1 }, readsPerUser: { points: 1_000_000, durationSec: 1 } },
  });
}

/** Every catch-up page from `since` until there are no more, as a client would fetch them. */
async function catchUpAll(service: ChatService, userId: UserId, since: number): Promise<{ changes: Change[]; cursor: number }> {
  const changes: Change[] = [];
  let cursor = since;
  for (;;) {
    const page = await service.catchUp(userId, { since: cursor, limit: 7 });
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return { changes, cursor };
  }
}

const bodies = (changes: readonly Change[]) => changes.flatMap((c) => (c.type === 'message' ? [c.message.body] : []));

describe('PostgreSQL revs: catch-up never skips a change committed late', () => {
  let h: PostgresHarness;
  let sql: pg.Pool;
  let services: [ChatService, ChatService];
  let n = 0;

  beforeAll(async () => {
    h = await postgresHarness();
    sql = h.sql();
    services = [serviceOn(h.store), serviceOn(await h.peer())];
    // The hook: a change row of a conversation listed in `held` waits, after its transaction took
    // its rev and before it commits, for the test to open the gate (an advisory lock of two int
    // keys, which the horizon's scan of single bigint keys does not count).
    await sql.query('CREATE TABLE held (conversation_id TEXT PRIMARY KEY, gate INTEGER NOT NULL)');
    await sql.query(`CREATE FUNCTION wait_at_gate() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE gate INTEGER;
      BEGIN
        SELECT held.gate INTO gate FROM held WHERE conversation_id = NEW.conversation_id;
        IF gate IS NOT NULL THEN PERFORM pg_advisory_xact_lock_shared(7663, gate); END IF;
        RETURN NEW;
      END $$`);
    await sql.query('CREATE TRIGGER wait_at_gate BEFORE INSERT ON changes FOR EACH ROW EXECUTE FUNCTION wait_at_gate()');
  });
  afterEach(async () => {
    await sql.query('DELETE FROM held');
  });
  afterAll(async () => {
    for (const service of services ?? []) service.dispose();
    await h?.close();
  });

  async function register(): Promise<UserId> {
    const username = `rev${++n}x${crypto.randomUUID().slice(0, 6)}`;
    return (await services[0].register({ username, email: `${username}@example.com`, password: 'long enough' }, LOCAL_CALLER)).user.id;
  }

  /** Ann, with a conversation with Ben and one with Cat; Ben and Cat share one Ann is not in. */
  async function people() {
    const [ann, ben, cat] = [await register(), await register(), await register()];
    const withBen = (await services[0].openDirect(ann, { userId: ben })).id;
    const withCat = (await services[0].openDirect(ann, { userId: cat })).id;
    const benCat = (await services[0].openDirect(ben, { userId: cat })).id;
    return { ann, ben, cat, withBen, withCat, benCat };
  }

  /**
   * Holds every write to `conversationId` after it took its rev, until `open()`. `waiter(write)`
   * is the held backend once there is one; it throws if `write` ends without being held.
   */
  async function gateFor(conversationId: ConversationId) {
    const key = 1 + Math.floor(Math.random() * 1_000_000);
    const keeper = await sql.connect();
    await keeper.query('SELECT pg_advisory_lock(7663, $1)', [key]);
    const { rows: [me] } = await keeper.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await sql.query('INSERT INTO held (conversation_id, gate) VALUES ($1, $2)', [conversationId, key]);
    return {
      async waiter(write: Promise<unknown>): Promise<number> {
        let ended = false;
        void write.then(
          () => (ended = true),
          () => (ended = true),
        );
        for (;;) {
          if (ended) throw new Error('the write ended without waiting at the gate');
          const { rows } = await sql.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE $1 = ANY (pg_blocking_pids(pid))', [me!.pid]);
          if (rows[0]) return rows[0].pid;
        }
      },
      async open(): Promise<void> {
        await keeper.query('SELECT pg_advisory_unlock(7663, $1)', [key]);
        keeper.release();
      },
    };
  }

  it('a send that took its rev first and commits last: the catch-up in between stops before it, the next one returns both', async () => {
    const { ann, ben, cat, withBen, withCat } = await people();
    const start = await catchUpAll(services[1], ann, 0);
    const gate = await gateFor(withBen);
    const slow = services[0].send(ben, { conversationId: withBen, clientId: 'slow-send', body: 'slow' });
    try {
      await gate.waiter(slow);
      // The slow send holds a rev; this one takes a higher rev and commits first.
      await services[1].send(cat, { conversationId: withCat, clientId: 'fast-send', body: 'fast' });
      expect(bodies((await h.store.changesSince([withBen, withCat], start.cursor, 10)))).toEqual(['fast']);

      const between = await catchUpAll(services[1], ann, start.cursor);
      expect(between.changes).toEqual([]);
      expect(between.cursor).toBe(start.cursor);
    } finally {
      await gate.open();
    }
    await slow;
    const after = await catchUpAll(services[1], ann, start.cursor);
    expect(bodies(after.changes)).toEqual(['slow', 'fast']);
    expect(await h.store.currentRev()).toBeGreaterThanOrEqual(after.cursor);
  });

  it('a send that took its rev and then rolled back holds catch-up back only until it ends', async () => {
    const { ann, ben, cat, withBen, withCat } = await people();
    const start = await catchUpAll(services[1], ann, 0);
    const gate = await gateFor(withBen);
    const doomed = services[0].send(ben, { conversationId: withBen, clientId: 'doomed-send', body: 'doomed' });
    const outcome = doomed.then(
      () => 'committed',
      () => 'failed',
    );
    try {
      const pid = await gate.waiter(doomed);
      await services[1].send(cat, { conversationId: withCat, clientId: 'fast-send', body: 'fast' });
      expect((await catchUpAll(services[1], ann, start.cursor)).changes).toEqual([]);
      // Its statement is cancelled: the transaction rolls back and its rev will never exist.
      await sql.query('SELECT pg_cancel_backend($1)', [pid]);
      expect(await outcome).toBe('failed');
    } finally {
      await gate.open();
    }
    const after = await catchUpAll(services[1], ann, start.cursor);
    expect(bodies(after.changes)).toEqual(['fast']);
    expect((await h.store.history(withBen, undefined, 10)).map((m) => m.body)).toEqual([]);
  });

  it('a reader catching up over and over while two nodes send and mark in overlapping transactions gets every change once, in rev order', async () => {
    const { ann, ben, cat, withBen, withCat, benCat } = await people();
    // The reader on a node of its own, so its polls never queue behind the writers' for a connection.
    const reader = serviceOn(await h.peer());
    const start = await catchUpAll(reader, ann, 0);
    // Every change row waits a random few milliseconds after its rev is taken, so commits overlap and often land out of rev order.
    await sql.query(`CREATE OR REPLACE FUNCTION jitter() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_sleep(random() * 0.004); RETURN NEW; END $$`);
    await sql.query('CREATE TRIGGER jitter BEFORE INSERT ON changes FOR EACH ROW EXECUTE FUNCTION jitter()');
    try {
      let writing = true;
      const seen: Change[] = [];
      const read = async () => {
        let cursor = start.cursor;
        for (;;) {
          const wasWriting = writing;
          const page = await catchUpAll(reader, ann, cursor);
          seen.push(...page.changes);
          cursor = page.cursor;
          if (!wasWriting) return;
        }
      };
      const write = async () => {
        await Promise.all(
          Array.from({ length: 90 }, (_, i) => {
            const service = services[i % 2]!;
            const clientId = `write-no-${i}`;
            switch (i % 6) {
              case 0:
              case 1:
                return service.send(ben, { conversationId: withBen, clientId, body: clientId });
              case 2:
                return service.send(cat, { conversationId: withCat, clientId, body: clientId });
              case 3:
                return service.send(ben, { conversationId: benCat, clientId, body: clientId });
              case 4:
                return service.markRead(ann, { conversationId: withBen, uptoSeq: i });
              default:
                return service.send(ann, { conversationId: withCat, clientId, body: clientId });
            }
          }),
        );
        writing = false;
      };
      await Promise.all([write(), read()]);

      const everything = await h.store.changesSince([withBen, withCat], start.cursor, 1000);
      const revs = seen.map((c) => c.rev);
      expect(revs).toEqual([...revs].sort((x, y) => x - y));
      expect(new Set(revs).size).toBe(revs.length);
      expect(revs).toEqual(everything.map((c) => c.rev));
      // Sends into Ben and Cat's conversation are not Ann's to see.
      expect(bodies(seen)).toHaveLength(60);
    } finally {
      reader.dispose();
      await sql.query('DROP TRIGGER jitter ON changes');
    }
  });
});
