import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupEntry, NewDirect, NewGroup, NewMessage, Store, UserRecord } from '../../src/backend/store';
import { newDirectConversation } from '../../src/backend/rules';
import { newGroupConversation, planAdd, planJoin, planLeave, planRemove, planRename, type GroupPlan } from '../../src/backend/groups';
import type { Conversation, SystemEntry } from '../../src/transport';
import { ChatError } from '../../src/transport';

/** When a test's receipts are made. */
const AT = '2025-01-01T00:00:00.000Z';

export interface StoreHarness {
  store: Store;
  /** A second handle on the SAME data (another connection, tab or node), when the store has one. */
  peer?: () => Promise<Store>;
  close(): Promise<void>;
}

let n = 0;
const uid = (p: string) => `${p}-${++n}-${Math.random().toString(36).slice(2, 8)}`;
const now = () => new Date().toISOString();

export function userRecord(username = uid('user')): UserRecord {
  return {
    id: uid('u'),
    username: username.toLowerCase(),
    displayName: username,
    email: `${username}@example.com`,
    avatarColor: '#6d28d9',
    passwordHash: 'hash',
    createdAt: now(),
    lastSeen: null,
  };
}

export function direct(a: string, b: string): NewDirect {
  return { id: uid('c'), memberIds: [a, b], createdAt: now() };
}

export function entry(senderId: string, system: SystemEntry): GroupEntry {
  return { id: uid('e'), senderId, clientId: `system:${uid('k')}`, body: system.type, createdAt: now(), system };
}

export function newGroup(createdBy: string, memberIds: string[], visibility: 'private' | 'public' = 'private', clientId = crypto.randomUUID()): NewGroup {
  return { id: uid('g'), clientId, title: 'Launch', visibility, createdBy, memberIds, createdAt: now(), entry: entry(createdBy, { type: 'created', title: 'Launch', memberIds }) };
}

/** A store edit as the service makes it from a plan. */
function edited(actor: string, plan: (group: Conversation) => GroupPlan | null) {
  return (group: Conversation) => {
    const decided = plan(group);
    if (!decided) return null;
    return {
      entry: entry(actor, decided.system),
      ...(decided.title === undefined ? {} : { title: decided.title }),
      ...(decided.add ? { add: decided.add.map((userId) => ({ userId, role: 'member' as const })) } : {}),
      ...(decided.remove ? { remove: decided.remove } : {}),
      ...(decided.promote ? { promote: decided.promote } : {}),
    };
  };
}

export function message(conversationId: string, senderId: string, body = 'hi', clientId = crypto.randomUUID()): NewMessage {
  return { id: uid('m'), conversationId, senderId, clientId, body, createdAt: now() };
}

/**
 * The persistence contract every Store keeps (memory, Dexie, SQLite,
 * PostgreSQL): the service's guarantees rest on these.
 */
export function runStoreSuite(name: string, factory: () => Promise<StoreHarness>): void {
  describe(`Store contract: ${name}`, () => {
    let h: StoreHarness;
    beforeAll(async () => {
      h = await factory();
    });
    afterAll(async () => {
      await h?.close();
    });

    async function twoUsersAndConversation() {
      const a = userRecord();
      const b = userRecord();
      await h.store.createUser(a);
      await h.store.createUser(b);
      const { conversation } = await h.store.getOrCreateDirect(direct(a.id, b.id));
      return { a, b, conversation };
    }

    it('creates users and finds them by id and by lower-cased username', async () => {
      const u = userRecord(uid('Finder'));
      await h.store.createUser(u);
      expect(await h.store.getUserById(u.id)).toMatchObject({ id: u.id, username: u.username, passwordHash: 'hash' });
      expect((await h.store.getUserByUsername(u.username.toUpperCase()))?.id).toBe(u.id);
      expect(await h.store.getUserById('missing')).toBeUndefined();
      expect((await h.store.listUsers()).some((x) => x.id === u.id)).toBe(true);
    });

    it('refuses a second user with the same username as USERNAME_TAKEN', async () => {
      const u = userRecord();
      await h.store.createUser(u);
      const error = await h.store.createUser({ ...userRecord(), username: u.username }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ChatError);
      expect((error as ChatError).code).toBe('USERNAME_TAKEN');
    });

    it('stores lastSeen', async () => {
      const u = userRecord();
      await h.store.createUser(u);
      const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5)).toISOString();
      await h.store.setLastSeen(u.id, at);
      expect((await h.store.getUserById(u.id))?.lastSeen).toBe(at);
    });

    it('creates a direct conversation once, whichever member asks, as newDirectConversation makes it', async () => {
      const a = userRecord();
      const b = userRecord();
      await h.store.createUser(a);
      await h.store.createUser(b);
      const input = direct(b.id, a.id);
      const first = await h.store.getOrCreateDirect(input);
      const second = await h.store.getOrCreateDirect(direct(a.id, b.id));
      const created = newDirectConversation(input);
      expect(first.conversation).toEqual(created);
      expect(first.change).toMatchObject({ type: 'conversation', conversation: created });
      expect((await h.store.changesSince([created.id], 0, 10))[0]).toMatchObject({ type: 'conversation', conversation: created });
      expect(second.change).toBeNull();
      expect(second.conversation.id).toBe(first.conversation.id);
      expect((await h.store.listConversations(a.id)).map((c) => c.id)).toContain(first.conversation.id);
      expect(await h.store.getConversation(first.conversation.id)).toMatchObject({ id: first.conversation.id, lastSeq: 0 });
    });

    it('appends messages with consecutive seqs and increasing revs', async () => {
      const { a, b, conversation } = await twoUsersAndConversation();
      const r1 = await h.store.appendMessage(message(conversation.id, a.id, 'one'));
      const r2 = await h.store.appendMessage(message(conversation.id, b.id, 'two'));
      expect([r1.message.seq, r2.message.seq]).toEqual([1, 2]);
      expect(r1.created && r2.created).toBe(true);
      expect(r2.change!.rev).toBeGreaterThan(r1.change!.rev);
      expect((await h.store.getConversation(conversation.id))?.lastSeq).toBe(2);
    });

    it('stores one message per (sender, clientId) and returns the first on a retry', async () => {
      const { a, conversation } = await twoUsersAndConversation();
      const input = message(conversation.id, a.id, 'once');
      const first = await h.store.appendMessage(input);
      const again = await h.store.appendMessage({ ...input, id: uid('m') });
      expect(again.created).toBe(false);
      expect(again.change).toBeNull();
      expect(again.message.id).toBe(first.message.id);
      expect(await h.store.history(conversation.id, undefined, 10)).toHaveLength(1);
    });

    // Hole 8 of issue 14: a clientId reused in another conversation answered the earlier message, from the other conversation.
    it('keeps client ids per conversation: one reused in another conversation is a new message there', async () => {
      const { a, b, conversation } = await twoUsersAndConversation();
      const c = userRecord();
      await h.store.createUser(c);
      const other = (await h.store.getOrCreateDirect(direct(a.id, c.id))).conversation;
      const clientId = crypto.randomUUID();
      const first = await h.store.appendMessage(message(conversation.id, a.id, 'to b', clientId));
      const elsewhere = await h.store.appendMessage(message(other.id, a.id, 'to c', clientId));
      expect(elsewhere.created).toBe(true);
      expect(elsewhere.message).toMatchObject({ conversationId: other.id, body: 'to c', seq: 1 });
      expect(elsewhere.message.id).not.toBe(first.message.id);
      // Another sender may use the same id in the same conversation; a retry of either is still one message.
      expect((await h.store.appendMessage(message(conversation.id, b.id, 'from b', clientId))).created).toBe(true);
      expect((await h.store.appendMessage(message(other.id, a.id, 'to c again', clientId))).created).toBe(false);
      expect((await h.store.history(conversation.id, undefined, 10)).map((m) => m.body)).toEqual(['from b', 'to b']);
      expect((await h.store.history(other.id, undefined, 10)).map((m) => m.body)).toEqual(['to c']);
    });

    it('pages history newest first below a seq', async () => {
      const { a, conversation } = await twoUsersAndConversation();
      for (let i = 1; i <= 7; i++) await h.store.appendMessage(message(conversation.id, a.id, `m${i}`));
      expect((await h.store.history(conversation.id, undefined, 3)).map((m) => m.seq)).toEqual([7, 6, 5]);
      expect((await h.store.history(conversation.id, 5, 3)).map((m) => m.seq)).toEqual([4, 3, 2]);
      expect((await h.store.history(conversation.id, 2, 3)).map((m) => m.seq)).toEqual([1]);
      expect(await h.store.history(conversation.id, 1, 3)).toEqual([]);
    });

    it('summarises a member’s conversations: the newest message, and unread above their marker excluding their own', async () => {
      const { a, b, conversation } = await twoUsersAndConversation();
      const other = userRecord();
      await h.store.createUser(other);
      const { conversation: empty } = await h.store.getOrCreateDirect(direct(b.id, other.id));
      for (const [sender, body] of [[a, 'one'], [a, 'two'], [b, 'three'], [a, 'four']] as const) {
        await h.store.appendMessage(message(conversation.id, sender.id, body));
      }
      const summaryOf = async (userId: string, id: string) => (await h.store.listSummaries(userId)).find((s) => s.conversation.id === id);

      const ofB = await summaryOf(b.id, conversation.id);
      expect(ofB?.conversation).toEqual(await h.store.getConversation(conversation.id));
      expect(ofB?.lastMessage).toMatchObject({ body: 'four', seq: 4, senderId: a.id, status: 'sent' });
      expect(ofB?.unreadCount).toBe(3);
      expect((await summaryOf(a.id, conversation.id))?.unreadCount).toBe(1);
      await h.store.advanceMarker(conversation.id, b.id, 'read', 2, AT);
      expect((await summaryOf(b.id, conversation.id))?.unreadCount).toBe(1);
      // Above a's marker: b's 'three' counts, a's own 'four' does not.
      await h.store.advanceMarker(conversation.id, a.id, 'read', 2, AT);
      expect((await summaryOf(a.id, conversation.id))?.unreadCount).toBe(1);

      expect(await summaryOf(b.id, empty.id)).toMatchObject({ lastMessage: null, unreadCount: 0 });
      expect((await h.store.listSummaries(a.id)).map((s) => s.conversation.id)).toEqual([conversation.id]);
      expect(await h.store.listSummaries('nobody')).toEqual([]);
    });

    it('moves markers forward only, caps them at the last seq, and a read moves delivered too', async () => {
      const { a, b, conversation } = await twoUsersAndConversation();
      for (let i = 0; i < 3; i++) await h.store.appendMessage(message(conversation.id, a.id));
      const delivered = await h.store.advanceMarker(conversation.id, b.id, 'delivered', 2, AT);
      expect(delivered.map((c) => c.type === 'receipt' && [c.kind, c.uptoSeq])).toEqual([['delivered', 2]]);
      expect(await h.store.advanceMarker(conversation.id, b.id, 'delivered', 1, AT)).toEqual([]);
      const read = await h.store.advanceMarker(conversation.id, b.id, 'read', 99, AT);
      expect(read.map((c) => c.type === 'receipt' && [c.kind, c.uptoSeq])).toEqual([
        ['delivered', 3],
        ['read', 3],
      ]);
      const member = (await h.store.getConversation(conversation.id))!.members.find((m) => m.userId === b.id);
      expect(member).toMatchObject({ deliveredSeq: 3, readSeq: 3 });
    });

    it('lists changes since a rev for the given conversations only, in rev order, up to a limit', async () => {
      const mine = await twoUsersAndConversation();
      const other = await twoUsersAndConversation();
      const start = await h.store.currentRev();
      await h.store.appendMessage(message(mine.conversation.id, mine.a.id, 'x'));
      await h.store.appendMessage(message(other.conversation.id, other.a.id, 'not mine'));
      await h.store.advanceMarker(mine.conversation.id, mine.b.id, 'read', 1, AT);
      await h.store.appendMessage(message(mine.conversation.id, mine.b.id, 'y'));
      const changes = await h.store.changesSince([mine.conversation.id], start, 100);
      expect(changes.map((c) => c.type)).toEqual(['message', 'receipt', 'receipt', 'message']);
      const revs = changes.map((c) => c.rev);
      expect(revs).toEqual([...revs].sort((x, y) => x - y));
      expect(await h.store.changesSince([mine.conversation.id], start, 2)).toEqual(changes.slice(0, 2));
      expect(await h.store.changesSince([mine.conversation.id], changes.at(-1)!.rev, 100)).toEqual([]);
      expect(await h.store.currentRev()).toBeGreaterThanOrEqual(changes.at(-1)!.rev);
    });

    it('gives concurrent sends to one conversation distinct, gap-free seqs', async () => {
      const { a, b, conversation } = await twoUsersAndConversation();
      const stores = [h.store, h.peer ? await h.peer() : h.store];
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => stores[i % stores.length]!.appendMessage(message(conversation.id, i % 2 ? a.id : b.id, `c${i}`))),
      );
      const seqs = results.map((r) => r.message.seq).sort((x, y) => x - y);
      expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      const revs = new Set(results.map((r) => r.change!.rev));
      expect(revs.size).toBe(40);
    });

    it('keeps one message when the same clientId races from two handles', async () => {
      const { a, conversation } = await twoUsersAndConversation();
      const stores = [h.store, h.peer ? await h.peer() : h.store];
      const input = message(conversation.id, a.id, 'racing');
      const results = await Promise.all(stores.map((s, i) => s.appendMessage({ ...input, id: `${input.id}-${i}` })));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
      expect(await h.store.history(conversation.id, undefined, 10)).toHaveLength(1);
      // The loser gave back whatever seq it took: the next message is 2.
      expect((await h.store.getConversation(conversation.id))?.lastSeq).toBe(1);
    });

    // --- groups ---

    async function users(count: number): Promise<UserRecord[]> {
      const made = Array.from({ length: count }, () => userRecord());
      for (const u of made) await h.store.createUser(u);
      return made;
    }

    it('creates a group as newGroupConversation makes it, its entry at seq 1, once per creator and client id', async () => {
      const [a, b, c] = await users(3);
      const input = newGroup(a!.id, [b!.id, c!.id]);
      const first = await h.store.createGroup(input);
      expect(first.created).toBe(true);
      expect(first.conversation).toEqual(newGroupConversation(input));
      expect(first.changes.map((ch) => ch.type)).toEqual(['conversation', 'message']);
      expect(first.changes[0]!.rev).toBeLessThan(first.changes[1]!.rev);
      const again = await h.store.createGroup({ ...input, id: uid('g'), entry: entry(a!.id, input.entry.system) });
      expect(again).toMatchObject({ created: false, changes: [], conversation: { id: input.id } });
      const [stored] = await h.store.history(input.id, undefined, 10);
      expect(stored).toMatchObject({ seq: 1, senderId: a!.id, system: input.entry.system, body: 'created' });
      expect((await h.store.getConversation(input.id))?.group).toEqual({ title: 'Launch', visibility: 'private', createdBy: a!.id });
      expect((await h.store.listConversations(c!.id)).map((g) => g.id)).toContain(input.id);
      const changes = await h.store.changesSince([input.id], 0, 10);
      expect(changes).toEqual(first.changes);
    });

    it('edits a group atomically: members, roles, title, its entry and two changes; a null edit writes nothing', async () => {
      const [a, b, c, d] = await users(4);
      const { conversation: group } = await h.store.createGroup(newGroup(a!.id, [b!.id]));
      const added = await h.store.editGroup(group.id, edited(b!.id, (g) => planAdd(g, b!.id, [c!.id, d!.id])));
      expect(added.conversation.members.map((m) => [m.userId, m.role, m.joinedSeq])).toEqual([
        [a!.id, 'owner', 0],
        [b!.id, 'member', 0],
        [c!.id, 'member', 2],
        [d!.id, 'member', 2],
      ]);
      expect(added.conversation.members[2]).toMatchObject({ deliveredSeq: 1, readSeq: 1 });
      const nothing = await h.store.editGroup(group.id, edited(b!.id, (g) => planAdd(g, b!.id, [c!.id])));
      expect(nothing.changes).toEqual([]);
      const renamed = await h.store.editGroup(group.id, edited(a!.id, (g) => planRename(g, a!.id, 'Liftoff')));
      expect(renamed.conversation).toMatchObject({ lastSeq: 3, group: { title: 'Liftoff' } });
      expect(await h.store.getConversation(group.id)).toEqual(renamed.conversation);
      const changes = await h.store.changesSince([group.id], renamed.changes[0]!.rev - 1, 10);
      expect(changes).toEqual(renamed.changes);
      await expect(h.store.editGroup(group.id, edited(b!.id, (g) => planRename(g, b!.id, 'No')))).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect((await h.store.getConversation(group.id))?.lastSeq).toBe(3);
      await expect(h.store.editGroup('no-such-group', () => null)).rejects.toBeInstanceOf(ChatError);
    });

    it('keeps a departure for whoever leaves or is removed, until they are back', async () => {
      const [a, b, c] = await users(3);
      const { conversation: group } = await h.store.createGroup(newGroup(a!.id, [b!.id, c!.id], 'public'));
      const removed = await h.store.editGroup(group.id, edited(a!.id, (g) => planRemove(g, a!.id, c!.id)));
      expect(removed.conversation.members.map((m) => m.userId)).toEqual([a!.id, b!.id]);
      expect(await h.store.listDepartures(c!.id)).toEqual([
        { conversationId: group.id, userId: c!.id, leftSeq: 2, leftRev: removed.changes[1]!.rev, conversation: removed.conversation },
      ]);
      expect((await h.store.listConversations(c!.id)).map((g) => g.id)).not.toContain(group.id);
      const left = await h.store.editGroup(group.id, edited(a!.id, (g) => planLeave(g, a!.id)));
      expect(left.conversation.members).toMatchObject([{ userId: b!.id, role: 'owner' }]);
      expect((await h.store.listDepartures(a!.id)).map((d) => d.leftSeq)).toEqual([3]);
      await h.store.editGroup(group.id, edited(c!.id, (g) => planJoin(g, c!.id)));
      expect(await h.store.listDepartures(c!.id)).toEqual([]);
      expect((await h.store.getConversation(group.id))?.members.map((m) => [m.userId, m.joinedSeq])).toEqual([
        [b!.id, 0],
        [c!.id, 4],
      ]);
      expect((await h.store.listPublicGroups()).map((g) => g.id)).toContain(group.id);
    });

    it('lists public groups only, and keeps when each receipt was made', async () => {
      const [a, b] = await users(2);
      const { conversation: hidden } = await h.store.createGroup(newGroup(a!.id, [b!.id], 'private'));
      expect((await h.store.listPublicGroups()).map((g) => g.id)).not.toContain(hidden.id);
      await h.store.appendMessage(message(hidden.id, a!.id, 'two'));
      await h.store.appendMessage(message(hidden.id, a!.id, 'three'));
      await h.store.advanceMarker(hidden.id, b!.id, 'delivered', 2, '2025-01-01T10:00:00.000Z');
      await h.store.advanceMarker(hidden.id, b!.id, 'read', 3, '2025-01-01T11:00:00.000Z');
      const times = (seq: number) => h.store.receiptTimes(hidden.id, seq).then((t) => t.sort((x, y) => x.kind.localeCompare(y.kind)));
      expect(await times(2)).toEqual([
        { userId: b!.id, kind: 'delivered', at: '2025-01-01T10:00:00.000Z' },
        { userId: b!.id, kind: 'read', at: '2025-01-01T11:00:00.000Z' },
      ]);
      expect(await times(3)).toEqual([
        { userId: b!.id, kind: 'delivered', at: '2025-01-01T11:00:00.000Z' },
        { userId: b!.id, kind: 'read', at: '2025-01-01T11:00:00.000Z' },
      ]);
    });
  });
}
