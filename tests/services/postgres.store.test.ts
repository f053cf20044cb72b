import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store, UserRecord } from '../../src/backend/store';
import { ChatError, type Change } from '../../src/transport';
import { planEdit } from '../../src/backend/messageActions';
import { direct, message, newGroup, runStoreSuite, userRecord } from '../store/storeSuite';
import { postgresHarness, type PostgresHarness } from './postgresHarness';

/** When a test's receipts are made. */
const AT = '2025-01-01T00:00:00.000Z';

runStoreSuite('postgresql', postgresHarness);

describe('PostgreSQL store across two nodes', () => {
  let h: PostgresHarness;
  let nodes: [Store, Store];
  beforeAll(async () => {
    h = await postgresHarness();
    nodes = [h.store, await h.peer()];
  });
  afterAll(async () => {
    await h?.close();
  });

  async function newUsers(count: number) {
    const users = Array.from({ length: count }, () => userRecord());
    for (const u of users) await h.store.createUser(u);
    return users;
  }

  async function conversationBetween(count = 2) {
    const users = await newUsers(count);
    const conversation = (await h.store.getOrCreateDirect(direct(users[0]!.id, users[1]!.id))).conversation;
    return { users, conversation };
  }

  /**
   * Runs `act` while what editGroup does is held open on `groupId` (the conversation's row lock, then
   * `userId` removed), waits until `act` is queued behind it, commits the edit; answers what `act` ended with.
   */
  async function behindRemoval(groupId: string, userId: string, act: () => Promise<unknown>): Promise<unknown> {
    const editor = await h.sql().connect();
    try {
      await editor.query('BEGIN');
      await editor.query('SELECT FROM conversations WHERE id = $1 FOR UPDATE', [groupId]);
      await editor.query('DELETE FROM conversation_members WHERE conversation_id = $1 AND user_id = $2', [groupId, userId]);
      const acting = act().then(
        (result) => result,
        (error: unknown) => error,
      );
      const { rows } = await editor.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      // Until `act` is queued behind the edit (its statement began before the edit commits).
      for (;;) {
        const waiting = await h.sql().query('SELECT 1 FROM pg_stat_activity WHERE $1 = ANY (pg_blocking_pids(pid))', [rows[0]!.pid]);
        if (waiting.rowCount) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await editor.query('COMMIT');
      return await acting;
    } finally {
      editor.release();
    }
  }

  it('an append waiting on a group edit sees it once it commits: a member the edit removed is refused, nothing stored', async () => {
    const [a, b] = await newUsers(2);
    const { conversation: group } = await h.store.createGroup(newGroup(a!.id, [b!.id]));
    const outcome = await behindRemoval(group.id, b!.id, () => nodes[1].appendMessage(message(group.id, b!.id, 'late')));
    expect(outcome).toBeInstanceOf(ChatError);
    expect((outcome as ChatError).code).toBe('FORBIDDEN');
    expect(await h.store.history(group.id, undefined, 10)).toHaveLength(1);
    expect((await h.store.getConversation(group.id))?.lastSeq).toBe(1);
  });

  it('a revision waiting on a group edit sees it once it commits: a member the edit removed is refused, nothing written', async () => {
    const [a, b] = await newUsers(2);
    const { conversation: group } = await h.store.createGroup(newGroup(a!.id, [b!.id]));
    await h.store.appendMessage(message(group.id, b!.id, 'mine'));
    const rev = await h.store.currentRev();
    const outcome = await behindRemoval(group.id, b!.id, () =>
      nodes[1].reviseMessage({ conversationId: group.id, seq: 2, userId: b!.id, opId: crypto.randomUUID(), decide: (m) => planEdit(m, b!.id, 'edited after leaving', AT) }),
    );
    expect(outcome).toBeInstanceOf(ChatError);
    expect((outcome as ChatError).code).toBe('FORBIDDEN');
    expect((await h.store.history(group.id, undefined, 10)).map((m) => m.body)).toEqual(['mine', 'created']);
    expect(await h.store.currentRev()).toBe(rev);
  });

  it('50 concurrent appends into one conversation get seqs 1..50, distinct revs, and catch-up returns them in rev order', async () => {
    const { users, conversation } = await conversationBetween();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => nodes[i % 2]!.appendMessage(message(conversation.id, users[i % 2]!.id, `stress ${i}`))),
    );
    expect(results.every((r) => r.created)).toBe(true);
    expect(results.map((r) => r.message.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(results.map((r) => r.change!.rev)).size).toBe(50);

    const changes = (await h.store.changesSince([conversation.id], 0, 1000)).filter((c) => c.type === 'message');
    const revs = changes.map((c) => c.rev);
    expect(revs).toEqual([...revs].sort((x, y) => x - y));
    expect(new Set(revs)).toEqual(new Set(results.map((r) => r.change!.rev)));
    // seq is taken under the conversation's row lock and rev just before the same commit: in one conversation they agree.
    expect(changes.map((c) => c.type === 'message' && c.message.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect((await nodes[1].getConversation(conversation.id))?.lastSeq).toBe(50);
  });

  it('append_messages appends each of a batch as on its own, in the order of the conversations: created, refused, stored, in one statement', async () => {
    const { users: [a, b, c], conversation: first } = await conversationBetween(3);
    const second = (await h.store.getOrCreateDirect(direct(b!.id, c!.id))).conversation;
    const [low, high] = [first, second].sort((x, y) => (x.id < y.id ? -1 : 1)) as [typeof first, typeof first];
    const senderIn = (conversation: typeof first) => (conversation === first ? a! : c!);
    const rev = await h.store.currentRev();
    const batch = [
      message(high.id, senderIn(high).id, 'to the later conversation first'),
      message(low.id, b!.id, 'hello'),
      message(low.id, (low === first ? c! : a!).id, 'not a member'),
      { ...message(low.id, b!.id, 'a reply to what is not there'), replyToSeq: 5 },
      message('no-such-conversation', b!.id, 'nowhere'),
    ];
    // The same client id again, later in the batch: the earlier append of the batch is seen.
    batch.push({ ...batch[1]!, id: crypto.randomUUID() });
    const columns = ['id', 'conversationId', 'senderId', 'clientId', 'body', 'createdAt', 'replyToSeq'] as const;
    const { rows } = await h
      .sql()
      .query<{ ord: number; outcome: string; new_seq: string | null; new_rev: string | null; id: string | null; member_ids: string[] | null }>(
        'SELECT ord, outcome, new_seq, new_rev, id, member_ids FROM append_messages($1, $2, $3, $4, $5, $6, $7)',
        columns.map((column) => batch.map((input) => input[column] ?? null)),
      );
    const byOrd = new Map(rows.map((row) => [row.ord, row]));
    expect([...byOrd.keys()].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(byOrd.get(1)).toMatchObject({ outcome: 'created', new_seq: '1', member_ids: high.members.map((m) => m.userId) });
    expect(byOrd.get(2)).toMatchObject({ outcome: 'created', new_seq: '1' });
    expect([byOrd.get(3)?.outcome, byOrd.get(4)?.outcome, byOrd.get(5)?.outcome]).toEqual(['not-member', 'reply-past-last', 'no-conversation']);
    expect(byOrd.get(6)).toMatchObject({ outcome: 'stored', id: batch[1]!.id, new_rev: null });
    // The lower conversation id is appended (its row locked) first, whatever the order in the arrays.
    expect(Number(byOrd.get(2)!.new_rev)).toBeLessThan(Number(byOrd.get(1)!.new_rev));
    expect(await h.store.currentRev()).toBe(rev + 2);
  });

  it('a batch waits a bounded time for a conversation another transaction holds; then the others are appended and the held one\'s wait on their own', async () => {
    const { users: [a, b], conversation: held } = await conversationBetween();
    const { users: [c, d], conversation: free } = await conversationBetween();
    const holder = await h.sql().connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT FROM conversations WHERE id = $1 FOR UPDATE', [held.id]);
      const rev = await h.store.currentRev();
      const batch = [message(free.id, c!.id, 'into the free one'), message(held.id, a!.id, 'into the held one')];
      const columns = ['id', 'conversationId', 'senderId', 'clientId', 'body', 'createdAt', 'replyToSeq'] as const;
      // The statement gives up (lock_not_available) rather than wait on, and keeps nothing of the batch.
      await expect(
        h.sql().query('SELECT ord, outcome FROM append_messages($1, $2, $3, $4, $5, $6, $7)', columns.map((column) => batch.map((input) => input[column] ?? null))),
      ).rejects.toMatchObject({ code: '55P03' });
      expect((await h.store.getConversation(free.id))?.lastSeq).toBe(0);
      expect(await h.store.currentRev()).toBe(rev);

      // Through the store: sends to both, many at once (so batched); the free conversation's are all stored while the other is held.
      const toHeld = Array.from({ length: 12 }, (_, i) => h.store.appendMessage(message(held.id, i % 2 ? a!.id : b!.id, `held ${i}`)));
      const toFree = await Promise.all(Array.from({ length: 12 }, (_, i) => h.store.appendMessage(message(free.id, i % 2 ? c!.id : d!.id, `free ${i}`))));
      expect(toFree.map((r) => r.message.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      expect((await h.store.getConversation(held.id))?.lastSeq).toBe(0);
      await holder.query('COMMIT');
      expect((await Promise.all(toHeld)).map((r) => r.message.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    } finally {
      holder.release();
    }
  });

  it('sends crossing many conversations from two nodes at once never deadlock: each conversation gets gap-free seqs, a repeated client id one message', async () => {
    const pairs = await Promise.all(Array.from({ length: 6 }, () => conversationBetween()));
    const inputs = Array.from({ length: 180 }, (_, i) => {
      const { users, conversation } = pairs[(i * 7) % pairs.length]!;
      return message(conversation.id, users[i % 2]!.id, `crossing ${i}`);
    });
    // Every tenth is sent again through the other node, as a client whose first try timed out would.
    const sends = inputs.flatMap((input, i) => [{ node: i % 2, input }, ...(i % 10 === 0 ? [{ node: (i + 1) % 2, input: { ...input, id: crypto.randomUUID() } }] : [])]);
    const results = await Promise.all(sends.map(({ node, input }) => nodes[node]!.appendMessage(input)));
    for (const { conversation } of pairs) {
      const seqs = results.filter((r) => r.message.conversationId === conversation.id && r.created).map((r) => r.message.seq);
      expect(seqs.sort((x, y) => x - y)).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      expect((await h.store.getConversation(conversation.id))?.lastSeq).toBe(seqs.length);
    }
    expect(results.filter((r) => r.created)).toHaveLength(inputs.length);
    const byClientId = new Map<string, string>();
    for (const r of results) {
      expect(byClientId.get(r.message.clientId) ?? r.message.id).toBe(r.message.id);
      byClientId.set(r.message.clientId, r.message.id);
    }
  });

  it('an append that raises inside a batch costs the others nothing: each is appended on its own and answered', async () => {
    const { users, conversation } = await conversationBetween();
    const rev = await h.store.currentRev();
    // A NUL PostgreSQL cannot store fails the batch statement as a whole, whichever append carries it.
    const inputs = Array.from({ length: 24 }, (_, i) => message(conversation.id, users[i % 2]!.id, i === 13 ? 'nul \u0000 here' : `fine ${i}`));
    const results = await Promise.allSettled(inputs.map((input) => h.store.appendMessage(input)));
    expect(results.map((r) => r.status)).toEqual(inputs.map((_, i) => (i === 13 ? 'rejected' : 'fulfilled')));
    expect((await h.store.getConversation(conversation.id))?.lastSeq).toBe(23);
    expect(await h.store.currentRev()).toBe(rev + 23);
  });

  it('a catch-up reader polling while two nodes write never skips a change', async () => {
    const { users, conversation: first } = await conversationBetween(3);
    const second = (await h.store.getOrCreateDirect(direct(users[1]!.id, users[2]!.id))).conversation;
    const ids = [first.id, second.id];
    const start = await h.store.currentRev();
    const reader = await h.peer();

    let writing = true;
    const seen: Change[] = [];
    const read = async () => {
      let cursor = start;
      for (;;) {
        const wasWriting = writing;
        // As catch-up does: the committed-up-to horizon first, and no rev above it (revs may commit out of order).
        const horizon = await reader.currentRev();
        const page = (await reader.changesSince(ids, cursor, 5)).filter((c) => c.rev <= horizon);
        seen.push(...page);
        cursor = page.at(-1)?.rev ?? cursor;
        if (page.length === 0 && !wasWriting) return;
      }
    };
    const write = async (): Promise<Change[]> => {
      const made = await Promise.all(
        Array.from({ length: 60 }, async (_, i): Promise<Change[]> => {
          const node = nodes[i % 2]!;
          const conversation = i % 3 === 0 ? second : first;
          const sender = conversation === first ? users[i % 2]! : users[1 + (i % 2)]!;
          if (i % 5 === 4) return node.advanceMarker(first.id, users[1]!.id, 'read', i, AT);
          const result = await node.appendMessage(message(conversation.id, sender.id, `w${i}`));
          return result.change ? [result.change] : [];
        }),
      );
      writing = false;
      return made.flat();
    };
    const [written] = await Promise.all([write(), read()]);

    const revs = seen.map((c) => c.rev);
    expect(revs).toEqual([...revs].sort((x, y) => x - y));
    expect(new Set(revs).size).toBe(revs.length);
    expect(revs).toEqual(written.map((c) => c.rev).sort((x, y) => x - y));
  });

  it('creates one direct conversation when both members open it at once from two nodes', async () => {
    const [a, b] = (await newUsers(2)) as [UserRecord, UserRecord];
    const results = await Promise.all([nodes[0].getOrCreateDirect(direct(a.id, b.id)), nodes[1].getOrCreateDirect(direct(b.id, a.id))]);
    expect(results.filter((r) => r.change !== null)).toHaveLength(1);
    expect(results[0].conversation.id).toBe(results[1].conversation.id);
    expect((await h.store.listConversations(a.id)).filter((c) => c.members.some((m) => m.userId === b.id))).toHaveLength(1);
  });

  it('lets one of two concurrent registrations of a username win and tells the other USERNAME_TAKEN', async () => {
    const name = `race${crypto.randomUUID().slice(0, 8)}`;
    const outcomes = await Promise.allSettled([nodes[0].createUser(userRecord(name)), nodes[1].createUser(userRecord(name))]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected');
    expect(refused?.status === 'rejected' && refused.reason).toBeInstanceOf(ChatError);
    expect(refused?.status === 'rejected' && (refused.reason as ChatError).code).toBe('USERNAME_TAKEN');
  });

  it('stamps each marker move once when the same read receipt arrives at both nodes', async () => {
    const { users, conversation } = await conversationBetween();
    for (let i = 0; i < 3; i++) await h.store.appendMessage(message(conversation.id, users[0]!.id));
    const results = await Promise.all(nodes.map((node) => node.advanceMarker(conversation.id, users[1]!.id, 'read', 3, AT)));
    expect(results.flat().map((c) => c.type === 'receipt' && [c.kind, c.uptoSeq])).toEqual([
      ['delivered', 3],
      ['read', 3],
    ]);
  });
});
