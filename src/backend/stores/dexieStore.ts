import Dexie, { type Table, type Transaction } from 'dexie';
import { conversationNotFound, notInConversation, replyNotInConversation, replyPastLast, usernameTaken } from '../errors';
import type { Change, ChannelListing, Conversation, ConversationId, Message, ReceiptKind, UserId } from '../../transport/types';
import { directKey, markerMoves, newDirectConversation, unreadAbove } from '../rules';
import { RECEIPT_KINDS, applyGroupEdit, channelListing, channelTitleKey, entryMessage, newGroupConversation } from '../groups';
import { applyRevision, messageNotFound } from '../messageActions';
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
  Store,
  StoredSummary,
  UserRecord,
} from '../store';

/** A conversation row: the domain object plus the keys that index it. */
interface ConversationRow extends Conversation {
  /** Direct conversations only. */
  directKey?: string;
  memberIds: UserId[];
  /** Groups only: creator and client id, which make a create idempotent. */
  groupKey?: string;
  /** Groups only (version 5): channelTitleKey of the title, what Browse channels searches. */
  titleKey?: string;
  /** Public groups only (version 5): the time of the newest message; with the id, the index Browse channels walks. */
  channelActivity?: string;
}

/**
 * A change as its row keeps it (version 6): a message's change, as sent or as
 * revised, names the message, and catch-up reads the message's row as it then
 * is, so no row holds an earlier body. The other kinds are kept whole.
 */
type StoredChange = Exclude<Change, { message: Message }> | { type: 'message' | 'messageUpdate'; rev: number; messageId: string };

interface ChangeRow {
  rev: number;
  conversationId: ConversationId;
  change: StoredChange;
  /** When a receipt was made (message info's times); absent on others and on receipts stored before version 4. */
  at?: string;
}

type DepartureRow = Departure;

/** An edit, delete or reaction applied (version 6): its (userId, opId) is applied at most once, ever. */
interface AppliedOpRow {
  userId: UserId;
  opId: string;
  conversationId: ConversationId;
  seq: number;
}

/**
 * The tables a DexieStore needs, for a database that also holds other tables
 * (the simulation keeps sessions and presence next to them), as they first
 * shipped. Unique indexes enforce the Store's keys even across tabs. Never
 * edit it: a database declares it as the version it first had, then each
 * later change below as a version of its own, so stored data is upgraded.
 */
export const DEXIE_STORE_TABLES = {
  users: 'id, &username',
  conversations: 'id, &directKey, *memberIds',
  messages: 'id, &[conversationId+seq], &[senderId+clientId]',
  changes: 'rev, [conversationId+rev]',
} as const;

/**
 * Second version of the store's tables: a client id is unique per sender
 * within a conversation, not per sender alone (the old index was stricter,
 * so stored data fits the new one).
 */
export const DEXIE_STORE_TABLES_V2 = {
  messages: 'id, &[conversationId+seq], &[conversationId+senderId+clientId]',
} as const;

/**
 * Third version: messages by (conversation, sender, seq) count a member's own
 * messages above their read marker, which is all an unread count needs
 * besides the conversation row.
 */
export const DEXIE_STORE_TABLES_V3 = {
  messages: 'id, &[conversationId+seq], &[conversationId+senderId+clientId], [conversationId+senderId+seq]',
} as const;

/**
 * Fourth version: groups. A group's row has a groupKey (its creator and client
 * id, unique, so a retried create finds it) and its visibility (to list the
 * public ones); departures keep what a member who left may still read. Existing
 * rows are direct conversations and keep their keys.
 */
export const DEXIE_STORE_TABLES_V4 = {
  conversations: 'id, &directKey, *memberIds, &groupKey, group.visibility',
  departures: '[conversationId+userId], userId',
} as const;

/**
 * Fifth version: Browse channels and message info on indexes. A public group
 * keeps its newest activity (channelActivity, absent on other rows, so the
 * index holds only channels) and every group its title key; receipts are
 * found by (conversation, member, kind, uptoSeq), an index only receipt
 * changes have all the parts of. upgradeDexieStoreToV5 fills the new fields
 * of the groups already stored.
 */
export const DEXIE_STORE_TABLES_V5 = {
  conversations: 'id, &directKey, *memberIds, &groupKey, [channelActivity+id]',
  changes: 'rev, [conversationId+rev], [conversationId+change.userId+change.kind+change.uptoSeq]',
} as const;

/**
 * Sixth version: message actions. appliedOps keeps the (userId, opId) of each
 * edit, delete and reaction applied (with the message's conversation and seq),
 * so a retried operation is answered, not applied again. A message change now
 * names its message instead of holding a copy (StoredChange), so an edit or a
 * delete leaves its earlier body nowhere; upgradeDexieStoreToV6 turns the
 * copies stored before into references.
 */
export const DEXIE_STORE_TABLES_V6 = {
  appliedOps: '[userId+opId]',
} as const;

const CHANNEL_INDEX = '[channelActivity+id]';
const RECEIPT_INDEX = '[conversationId+change.userId+change.kind+change.uptoSeq]';

/** A group row's version 5 fields, its newest activity being `at`. */
function channelFields(conversation: Conversation, at: string): Pick<ConversationRow, 'titleKey' | 'channelActivity'> {
  if (!conversation.group) return {};
  return { titleKey: channelTitleKey(conversation.group.title), ...(conversation.group.visibility === 'public' ? { channelActivity: at } : {}) };
}

/** Version 5's upgrade, for every database that declares DEXIE_STORE_TABLES_V5: the stored groups get their title key and activity. */
export async function upgradeDexieStoreToV5(tx: Transaction): Promise<void> {
  const conversations = tx.table<ConversationRow, ConversationId>('conversations');
  const messages = tx.table<Message, string>('messages');
  const groups = await conversations.filter((row) => row.kind === 'group').toArray();
  for (const row of groups) {
    const last = await messages.where('[conversationId+seq]').equals([row.id, row.lastSeq]).first();
    await conversations.update(row.id, channelFields(row, last?.createdAt ?? row.createdAt));
  }
}

/** Version 6's upgrade, for every database that declares DEXIE_STORE_TABLES_V6: each message change keeps its message's id, not a copy of it. */
export async function upgradeDexieStoreToV6(tx: Transaction): Promise<void> {
  await tx
    .table<{ change: Change | StoredChange }, number>('changes')
    .filter((row) => 'message' in row.change)
    .modify((row) => {
      const change = row.change as Extract<Change, { message: Message }>;
      row.change = { type: change.type, rev: change.rev, messageId: change.message.id };
    });
}

const TABLE_NAMES = [...new Set([DEXIE_STORE_TABLES, DEXIE_STORE_TABLES_V4, DEXIE_STORE_TABLES_V6].flatMap((tables) => Object.keys(tables)))];

/**
 * A Store in IndexedDB through Dexie: the simulated backend's and the MSW
 * mocks' database. Several tabs may open the same database and write at once;
 * every method runs its read-modify-write inside one `rw` transaction over
 * the tables it touches, and IndexedDB serializes overlapping `rw`
 * transactions, so seq, rev and the unique keys hold across tabs.
 */
export class DexieStore implements Store {
  readonly db: Dexie;
  private readonly ownsDb: boolean;

  /** A database name (this store declares the schema), or an open Dexie whose schema includes DEXIE_STORE_TABLES and its later versions. */
  constructor(database: string | Dexie) {
    if (typeof database === 'string') {
      this.db = new Dexie(database);
      this.db.version(1).stores(DEXIE_STORE_TABLES);
      this.db.version(2).stores(DEXIE_STORE_TABLES_V2);
      this.db.version(3).stores(DEXIE_STORE_TABLES_V3);
      this.db.version(4).stores(DEXIE_STORE_TABLES_V4);
      this.db.version(5).stores(DEXIE_STORE_TABLES_V5).upgrade(upgradeDexieStoreToV5);
      this.db.version(6).stores(DEXIE_STORE_TABLES_V6).upgrade(upgradeDexieStoreToV6);
      this.ownsDb = true;
    } else {
      this.db = database;
      this.ownsDb = false;
    }
  }

  private get users(): Table<UserRecord, UserId> {
    return this.db.table('users');
  }
  private get conversations(): Table<ConversationRow, ConversationId> {
    return this.db.table('conversations');
  }
  private get messages(): Table<Message, string> {
    return this.db.table('messages');
  }
  private get changes(): Table<ChangeRow, number> {
    return this.db.table('changes');
  }
  private get departures(): Table<DepartureRow, [ConversationId, UserId]> {
    return this.db.table('departures');
  }
  private get appliedOps(): Table<AppliedOpRow, [UserId, string]> {
    return this.db.table('appliedOps');
  }

  /** Every table of the store, for a caller's own transaction that wraps several store calls. */
  get tableNames(): string[] {
    return [...TABLE_NAMES];
  }

  async createUser(user: UserRecord): Promise<void> {
    const taken = () => usernameTaken(user.username);
    const record = { ...user, username: user.username.toLowerCase() };
    try {
      await this.db.transaction('rw', this.users, async () => {
        if (await this.users.where('username').equals(record.username).count()) throw taken();
        await this.users.add(record);
      });
    } catch (error) {
      // The unique index is the last word if another tab added the name in between.
      if (isConstraintError(error)) throw taken();
      throw error;
    }
  }

  async getUserById(id: UserId) {
    return this.users.get(id);
  }

  async getUserByUsername(username: string) {
    return this.users.where('username').equals(username.toLowerCase()).first();
  }

  async listUsers() {
    return this.users.toArray();
  }

  async setLastSeen(id: UserId, lastSeen: string) {
    await this.users.update(id, { lastSeen });
  }

  async getOrCreateDirect(input: NewDirect): Promise<{ conversation: Conversation; change: Change | null }> {
    const conversation = newDirectConversation(input);
    const memberIds = conversation.members.map((m) => m.userId);
    const key = directKey(memberIds);
    return this.db.transaction('rw', [this.conversations, this.changes], async () => {
      const existing = await this.conversations.where('directKey').equals(key).first();
      if (existing) return { conversation: toConversation(existing), change: null };
      await this.conversations.add({ ...structuredClone(conversation), directKey: key, memberIds });
      const change = await this.record(conversation.id, (rev) => ({ type: 'conversation', rev, conversation: structuredClone(conversation) }));
      return { conversation, change };
    });
  }

  async getConversation(id: ConversationId) {
    const row = await this.conversations.get(id);
    return row && toConversation(row);
  }

  async listConversations(userId: UserId) {
    const rows = await this.conversations.where('memberIds').equals(userId).toArray();
    return rows.map(toConversation);
  }

  async appendMessage(input: NewMessage): Promise<AppendResult> {
    return this.db.transaction('rw', [this.conversations, this.messages, this.changes], async () => {
      const conversation = await this.conversations.get(input.conversationId);
      if (!conversation) throw conversationNotFound();
      // Inside the transaction: a removal committed before it is seen, one after it gets a higher seq.
      // The checks come before the retry's answer, as every store orders them.
      if (!conversation.memberIds.includes(input.senderId)) throw notInConversation();
      if (replyPastLast(input.replyToSeq, conversation.lastSeq)) throw replyNotInConversation();
      const existing = await this.messages
        .where('[conversationId+senderId+clientId]')
        .equals([input.conversationId, input.senderId, input.clientId])
        .first();
      if (existing) return { message: existing, created: false, change: null, recipients: [] };
      const seq = conversation.lastSeq + 1;
      await this.conversations.update(conversation.id, { lastSeq: seq, ...(conversation.channelActivity === undefined ? {} : { channelActivity: input.createdAt }) });
      const message: Message = { ...input, seq, status: 'sent' };
      await this.messages.add(message);
      const change = await this.record(conversation.id, (rev) => ({ type: 'message', rev, message: structuredClone(message) }));
      return { message, created: true, change, recipients: [...conversation.memberIds] };
    });
  }

  async reviseMessage(input: MessageRevise): Promise<ReviseResult> {
    return this.db.transaction('rw', [this.conversations, this.messages, this.changes, this.appliedOps], async () => {
      const conversation = await this.conversations.get(input.conversationId);
      if (!conversation) throw conversationNotFound();
      const message = await this.messages.where('[conversationId+seq]').equals([input.conversationId, input.seq]).first();
      if (message && (await this.appliedOps.get([input.userId, input.opId]))) return { message, change: null };
      // Inside the transaction, as an append checks: a removal committed before it is seen.
      if (!conversation.memberIds.includes(input.userId)) throw notInConversation();
      if (!message) throw messageNotFound();
      // A refusal throws here and the transaction writes nothing, the operation id included: a retry is decided again.
      const revision = input.decide(structuredClone(message));
      await this.appliedOps.add({ userId: input.userId, opId: input.opId, conversationId: input.conversationId, seq: input.seq });
      if (!revision) return { message, change: null };
      applyRevision(message, revision);
      const change = await this.record(conversation.id, (rev) => {
        message.updateRev = rev;
        return { type: 'messageUpdate', rev, message: structuredClone(message) };
      });
      // put, not update: the fields a revision takes away (editedAt, reactions) go from the row too.
      await this.messages.put(message);
      return { message, change };
    });
  }

  async createGroup(input: NewGroup): Promise<{ conversation: Conversation; created: boolean; changes: Change[] }> {
    const groupKey = `${input.createdBy}\u0000${input.clientId}`;
    return this.db.transaction('rw', [this.conversations, this.messages, this.changes], async () => {
      const existing = await this.conversations.where('groupKey').equals(groupKey).first();
      if (existing) return { conversation: toConversation(existing), created: false, changes: [] };
      const conversation = newGroupConversation(input);
      await this.conversations.add({
        ...structuredClone(conversation),
        memberIds: conversation.members.map((m) => m.userId),
        groupKey,
        ...channelFields(conversation, input.entry.createdAt),
      });
      const message = entryMessage(input.entry, conversation.id, 1);
      await this.messages.add(message);
      const changes = [
        await this.record(conversation.id, (rev) => ({ type: 'conversation', rev, conversation: structuredClone(conversation) })),
        await this.record(conversation.id, (rev) => ({ type: 'message', rev, message: structuredClone(message) })),
      ];
      return { conversation, created: true, changes };
    });
  }

  async editGroup(conversationId: ConversationId, decide: (group: Conversation) => GroupEdit | null): Promise<GroupEditResult> {
    return this.db.transaction('rw', [this.conversations, this.messages, this.changes, this.departures], async () => {
      const row = await this.conversations.get(conversationId);
      if (!row) throw conversationNotFound();
      const current = toConversation(row);
      const edit = decide(structuredClone(current));
      if (!edit) return { conversation: current, changes: [] };
      const seq = current.lastSeq + 1;
      const next = applyGroupEdit(current, edit, seq);
      await this.conversations.put({ ...row, ...structuredClone(next), memberIds: next.members.map((m) => m.userId), ...channelFields(next, edit.entry.createdAt) });
      const message = entryMessage(edit.entry, conversationId, seq);
      await this.messages.add(message);
      const changes = [
        await this.record(conversationId, (rev) => ({ type: 'conversation', rev, conversation: structuredClone(next) })),
        await this.record(conversationId, (rev) => ({ type: 'message', rev, message: structuredClone(message) })),
      ];
      const added = (edit.add ?? []).map((a): [ConversationId, UserId] => [conversationId, a.userId]);
      if (added.length > 0) await this.departures.bulkDelete(added);
      const leftRev = changes[1]!.rev;
      const departed = (edit.remove ?? []).map((userId): DepartureRow => ({ conversationId, userId, leftSeq: seq, leftRev, conversation: structuredClone(next) }));
      if (departed.length > 0) await this.departures.bulkPut(departed);
      return { conversation: next, changes };
    });
  }

  async listDepartures(userId: UserId): Promise<Departure[]> {
    return this.departures.where('userId').equals(userId).toArray();
  }

  async browseChannels({ userId, titleKey, limit }: ChannelQuery): Promise<ChannelListing[]> {
    // The index holds public groups only, in activity order; the walk stops at `limit` listed.
    const rows = await this.conversations
      .orderBy(CHANNEL_INDEX)
      .reverse()
      .filter((row) => !row.memberIds.includes(userId) && (row.titleKey ?? '').includes(titleKey))
      .limit(limit)
      .toArray();
    return rows.map((row) => channelListing(toConversation(row), row.channelActivity!));
  }

  async receiptTimes(conversationId: ConversationId, seq: number): Promise<ReceiptTime[]> {
    return this.db.transaction('r', [this.conversations, this.changes], async () => {
      const row = await this.conversations.get(conversationId);
      const found = await Promise.all(
        (row?.members ?? []).flatMap(({ userId }) =>
          RECEIPT_KINDS.map(async (kind): Promise<ReceiptTime[]> => {
            // The first receipt at or past seq: markers move forward, so it is the earliest.
            const first = await this.changes.where(RECEIPT_INDEX).between([conversationId, userId, kind, seq], [conversationId, userId, kind, Dexie.maxKey], true, true).first();
            return first ? [{ userId, kind, at: first.at ?? null }] : [];
          }),
        ),
      );
      return found.flat();
    });
  }

  /**
   * Stores many new messages at once (a scenario's year of history), with
   * the seq and rev appendMessage would give them, in one transaction of bulk
   * writes. Not idempotent: a (conversationId, senderId, clientId) already stored fails it all.
   */
  async appendMessagesInBulk(input: readonly NewMessage[]): Promise<Message[]> {
    return this.db.transaction('rw', [this.conversations, this.messages, this.changes], async () => {
      let rev = await this.currentRev();
      const lastSeq = new Map<ConversationId, number>();
      const channels = new Map<ConversationId, string>();
      for (const id of new Set(input.map((m) => m.conversationId))) {
        const conversation = await this.conversations.get(id);
        if (!conversation) throw conversationNotFound();
        lastSeq.set(id, conversation.lastSeq);
        if (conversation.channelActivity !== undefined) channels.set(id, conversation.channelActivity);
      }
      const messages: Message[] = [];
      const changes: ChangeRow[] = [];
      for (const m of input) {
        const seq = lastSeq.get(m.conversationId)! + 1;
        lastSeq.set(m.conversationId, seq);
        const message: Message = { ...m, seq, status: 'sent' };
        if (channels.has(m.conversationId)) channels.set(m.conversationId, m.createdAt);
        rev += 1;
        messages.push(message);
        changes.push({ rev, conversationId: m.conversationId, change: { type: 'message', rev, messageId: message.id } });
      }
      await this.messages.bulkAdd(messages);
      await this.changes.bulkAdd(changes);
      for (const [id, seq] of lastSeq) await this.conversations.update(id, { lastSeq: seq, ...(channels.has(id) ? { channelActivity: channels.get(id)! } : {}) });
      return messages;
    });
  }

  async history(conversationId: ConversationId, beforeSeq: number | undefined, limit: number) {
    return this.messages
      .where('[conversationId+seq]')
      .between([conversationId, Dexie.minKey], [conversationId, beforeSeq ?? Infinity], true, false)
      .reverse()
      .limit(limit)
      .toArray();
  }

  async listSummaries(userId: UserId): Promise<StoredSummary[]> {
    // One read transaction: each conversation's row, newest message and count from one snapshot.
    return this.db.transaction('r', [this.conversations, this.messages], async () => {
      const rows = await this.conversations.where('memberIds').equals(userId).toArray();
      return Promise.all(
        rows.map(async (row): Promise<StoredSummary> => {
          const readSeq = row.members.find((m) => m.userId === userId)?.readSeq ?? 0;
          const [last, ownAbove] = await Promise.all([
            this.messages.where('[conversationId+seq]').equals([row.id, row.lastSeq]).first(),
            // Counted by IndexedDB on the index, not read row by row.
            this.messages
              .where('[conversationId+senderId+seq]')
              .between([row.id, userId, readSeq], [row.id, userId, Infinity], false, true)
              .count(),
          ]);
          return { conversation: toConversation(row), lastMessage: last ?? null, unreadCount: unreadAbove(row.lastSeq, readSeq, ownAbove) };
        }),
      );
    });
  }

  async advanceMarker(conversationId: ConversationId, userId: UserId, kind: ReceiptKind, uptoSeq: number, at: string): Promise<Change[]> {
    return this.db.transaction('rw', [this.conversations, this.changes], async () => {
      const conversation = await this.conversations.get(conversationId);
      const member = conversation?.members.find((m) => m.userId === userId);
      if (!conversation || !member) return [];
      const changes: Change[] = [];
      for (const move of markerMoves(member, kind, uptoSeq, conversation.lastSeq)) {
        member[move.field] = move.uptoSeq;
        changes.push(await this.record(conversationId, (rev) => ({ type: 'receipt', rev, conversationId, userId, kind: move.kind, uptoSeq: move.uptoSeq }), at));
      }
      if (changes.length > 0) await this.conversations.update(conversationId, { members: conversation.members });
      return changes;
    });
  }

  async changesSince(conversationIds: ConversationId[], since: number, limit: number): Promise<Change[]> {
    // One read transaction: a consistent snapshot across the per-conversation range reads and the messages they name.
    return this.db.transaction('r', [this.changes, this.messages], async () => {
      const perConversation = await Promise.all(
        [...new Set(conversationIds)].map((id) =>
          this.changes
            .where('[conversationId+rev]')
            .between([id, since], [id, Infinity], false, true)
            .limit(limit)
            .toArray(),
        ),
      );
      const rows = perConversation
        .flat()
        .sort((a, b) => a.rev - b.rev)
        .slice(0, limit);
      return this.readChanges(rows.map((row) => row.change));
    });
  }

  async currentRev() {
    return (await this.changes.orderBy('rev').last())?.rev ?? 0;
  }

  async close() {
    if (this.ownsDb) this.db.close();
  }

  /** Stamps the next rev; only call inside a transaction that includes `changes`. */
  private async record(conversationId: ConversationId, make: (rev: number) => Change, at?: string): Promise<Change> {
    const rev = (await this.currentRev()) + 1;
    const change = make(rev);
    await this.changes.add({ rev, conversationId, change: storedChange(change), ...(at === undefined ? {} : { at }) });
    return change;
  }

  /** The changes stored rows stand for, each message as it now is; only call inside a transaction that includes `messages`. */
  private async readChanges(stored: readonly StoredChange[]): Promise<Change[]> {
    const ids = stored.flatMap((change) => ('messageId' in change ? [change.messageId] : []));
    const messages = new Map((await this.messages.bulkGet(ids)).flatMap((m) => (m ? [[m.id, m] as const] : [])));
    return stored.map((change): Change => {
      if (!('messageId' in change)) return change;
      const message = messages.get(change.messageId);
      // Messages are never removed (a delete keeps a tombstone), so a change always finds its message.
      if (!message) throw new Error(`The message ${change.messageId} of the change at rev ${change.rev} is missing.`);
      // A copy each: two changes of one message are two objects, as every other store answers them.
      return { type: change.type, rev: change.rev, message: structuredClone(message) };
    });
  }
}

/** How a change is kept: a message's by its id (see StoredChange). */
function storedChange(change: Change): StoredChange {
  return change.type === 'message' || change.type === 'messageUpdate' ? { type: change.type, rev: change.rev, messageId: change.message.id } : change;
}

function toConversation(row: ConversationRow): Conversation {
  const { directKey: _key, memberIds: _ids, groupKey: _group, titleKey: _title, channelActivity: _activity, ...conversation } = row;
  return conversation;
}

function isConstraintError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ConstraintError' || (error as { inner?: Error }).inner?.name === 'ConstraintError');
}
