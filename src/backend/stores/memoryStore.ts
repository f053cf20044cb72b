import { conversationNotFound, notInConversation, replyNotInConversation, replyPastLast, usernameTaken } from '../errors';
import type { Change, ChannelListing, Conversation, ConversationId, Message, ReceiptKind, UserId } from '../../transport/types';
import { directKey, markerMoves, newDirectConversation, unreadAbove } from '../rules';
import { applyRevision, messageNotFound } from '../messageActions';
import { RECEIPT_KINDS, applyGroupEdit, channelListing, entryMessage, listsAsChannel, newGroupConversation, newerChannelFirst } from '../groups';
import type {
  AppendResult,
  ChannelQuery,
  Departure,
  GroupEdit,
  GroupEditResult,
  NewDirect,
  NewGroup,
  MessageRevise,
  NewMessage,
  ReceiptTime,
  ReviseResult,
  Store,
  StoredSummary,
  UserRecord,
} from '../store';

/**
 * A Store in memory: for tests, the MSW backend in Node and anything that
 * needs no persistence. Single-threaded JavaScript makes each method atomic.
 */
export class MemoryStore implements Store {
  private readonly users = new Map<UserId, UserRecord>();
  private readonly conversations = new Map<ConversationId, Conversation>();
  private readonly directKeys = new Map<string, ConversationId>();
  private readonly messages = new Map<ConversationId, Message[]>();
  private readonly byClientId = new Map<string, Message>();
  /** Per conversation and sender, the seqs of the sender's messages, ascending: the index unread counts use. */
  private readonly seqsBySender = new Map<string, number[]>();
  private readonly changes: { conversationId: ConversationId; change: Change }[] = [];
  /** Groups by creator and client id: a retried create finds its group. */
  private readonly groupKeys = new Map<string, ConversationId>();
  /** Per user, the groups they left. */
  private readonly departures = new Map<UserId, Map<ConversationId, Departure>>();
  /** Public groups, the newest activity first (newerChannelFirst): the index Browse channels walks. */
  private readonly channels: { id: ConversationId; lastActivityAt: string }[] = [];
  /** Per conversation, member and kind, the receipts' (uptoSeq, at), ascending: the index message info seeks in. */
  private readonly receipts = new Map<string, { uptoSeq: number; at: string | null }[]>();
  private rev = 0;
  /** (userId, opId) of every message action applied: each is applied at most once. */
  private readonly appliedOps = new Set<string>();

  async createUser(user: UserRecord): Promise<void> {
    if ([...this.users.values()].some((u) => u.username === user.username.toLowerCase())) {
      throw usernameTaken(user.username);
    }
    this.users.set(user.id, structuredClone(user));
  }

  async getUserById(id: UserId) {
    return clone(this.users.get(id));
  }

  async getUserByUsername(username: string) {
    return clone([...this.users.values()].find((u) => u.username === username.toLowerCase()));
  }

  async listUsers() {
    return [...this.users.values()].map((u) => structuredClone(u));
  }

  async setLastSeen(id: UserId, lastSeen: string) {
    const user = this.users.get(id);
    if (user) user.lastSeen = lastSeen;
  }

  async getOrCreateDirect(input: NewDirect) {
    const key = directKey(input.memberIds);
    const existing = this.directKeys.get(key);
    if (existing) return { conversation: structuredClone(this.conversations.get(existing)!), change: null };
    const conversation = newDirectConversation(input);
    this.conversations.set(conversation.id, conversation);
    this.directKeys.set(key, conversation.id);
    this.messages.set(conversation.id, []);
    const change = this.record(conversation.id, (rev) => ({ type: 'conversation', rev, conversation: structuredClone(conversation) }));
    return { conversation: structuredClone(conversation), change };
  }

  async getConversation(id: ConversationId) {
    return clone(this.conversations.get(id));
  }

  async listConversations(userId: UserId) {
    return [...this.conversations.values()].filter((c) => c.members.some((m) => m.userId === userId)).map((c) => structuredClone(c));
  }

  async appendMessage(input: NewMessage): Promise<AppendResult> {
    const conversation = this.conversations.get(input.conversationId);
    if (!conversation) throw conversationNotFound();
    // The checks before the retry's answer, as every store orders them: someone no longer a member is refused.
    if (!conversation.members.some((m) => m.userId === input.senderId)) throw notInConversation();
    if (replyPastLast(input.replyToSeq, conversation.lastSeq)) throw replyNotInConversation();
    const existing = this.byClientId.get(`${input.conversationId}\u0000${input.senderId}\u0000${input.clientId}`);
    if (existing) return { message: structuredClone(existing), created: false, change: null, recipients: [] };
    conversation.lastSeq += 1;
    const message: Message = { ...input, seq: conversation.lastSeq, status: 'sent' };
    const change = this.storeMessage(message);
    this.touchChannel(conversation, message.createdAt);
    return { message: structuredClone(message), created: true, change, recipients: conversation.members.map((m) => m.userId) };
  }

  /** Keeps a message with its seq already taken, and stamps its change. */
  private storeMessage(message: Message): Change {
    this.messages.get(message.conversationId)!.push(message);
    this.byClientId.set(`${message.conversationId}\u0000${message.senderId}\u0000${message.clientId}`, message);
    const senderKey = `${message.conversationId}\u0000${message.senderId}`;
    const own = this.seqsBySender.get(senderKey);
    if (own) own.push(message.seq);
    else this.seqsBySender.set(senderKey, [message.seq]);
    // The change holds the stored message itself, not a copy: catch-up reads it as it now is (an edit
    // or a delete shows through, and a deleted body is kept nowhere).
    return this.record(message.conversationId, (rev) => ({ type: 'message', rev, message }));
  }

  async reviseMessage(input: MessageRevise): Promise<ReviseResult> {
    const conversation = this.conversations.get(input.conversationId);
    if (!conversation) throw conversationNotFound();
    const message = this.messages.get(input.conversationId)![input.seq - 1];
    const opKey = `${input.userId}\u0000${input.opId}`;
    if (this.appliedOps.has(opKey) && message) return { message: structuredClone(message), change: null };
    if (!conversation.members.some((m) => m.userId === input.userId)) throw notInConversation();
    if (!message) throw messageNotFound();
    const revision = input.decide(structuredClone(message));
    this.appliedOps.add(opKey);
    if (!revision) return { message: structuredClone(message), change: null };
    applyRevision(message, revision);
    const change = this.record(message.conversationId, (rev) => {
      message.updateRev = rev;
      return { type: 'messageUpdate', rev, message };
    });
    return { message: structuredClone(message), change };
  }

  async createGroup(input: NewGroup) {
    const key = `${input.createdBy}\u0000${input.clientId}`;
    const existing = this.groupKeys.get(key);
    if (existing) return { conversation: structuredClone(this.conversations.get(existing)!), created: false, changes: [] };
    const conversation = newGroupConversation(input);
    this.conversations.set(conversation.id, conversation);
    this.groupKeys.set(key, conversation.id);
    this.messages.set(conversation.id, []);
    const changes = [
      this.record(conversation.id, (rev) => ({ type: 'conversation', rev, conversation: structuredClone(conversation) })),
      this.storeMessage(entryMessage(input.entry, conversation.id, 1)),
    ];
    this.touchChannel(conversation, input.entry.createdAt);
    return { conversation: structuredClone(conversation), created: true, changes };
  }

  async editGroup(conversationId: ConversationId, decide: (group: Conversation) => GroupEdit | null): Promise<GroupEditResult> {
    const current = this.conversations.get(conversationId);
    if (!current) throw conversationNotFound();
    const edit = decide(structuredClone(current));
    if (!edit) return { conversation: structuredClone(current), changes: [] };
    const seq = current.lastSeq + 1;
    const next = applyGroupEdit(current, edit, seq);
    this.conversations.set(conversationId, next);
    const changes = [
      this.record(conversationId, (rev) => ({ type: 'conversation', rev, conversation: structuredClone(next) })),
      this.storeMessage(entryMessage(edit.entry, conversationId, seq)),
    ];
    this.touchChannel(next, edit.entry.createdAt);
    for (const { userId } of edit.add ?? []) this.departures.get(userId)?.delete(conversationId);
    for (const userId of edit.remove ?? []) {
      const mine = this.departures.get(userId) ?? new Map<ConversationId, Departure>();
      mine.set(conversationId, { conversationId, userId, leftSeq: seq, leftRev: changes[1]!.rev, conversation: structuredClone(next) });
      this.departures.set(userId, mine);
    }
    return { conversation: structuredClone(next), changes };
  }

  async listDepartures(userId: UserId): Promise<Departure[]> {
    return [...(this.departures.get(userId)?.values() ?? [])].map((d) => structuredClone(d));
  }

  async browseChannels({ userId, titleKey, limit }: ChannelQuery): Promise<ChannelListing[]> {
    const listed: ChannelListing[] = [];
    for (const { id, lastActivityAt } of this.channels) {
      if (listed.length >= limit) break;
      const conversation = this.conversations.get(id)!;
      if (listsAsChannel(conversation, userId, titleKey)) listed.push(channelListing(structuredClone(conversation), lastActivityAt));
    }
    return listed;
  }

  async receiptTimes(conversationId: ConversationId, seq: number): Promise<ReceiptTime[]> {
    const members = this.conversations.get(conversationId)?.members ?? [];
    return members.flatMap(({ userId }) =>
      RECEIPT_KINDS.flatMap((kind): ReceiptTime[] => {
        const list = this.receipts.get(receiptKey(conversationId, userId, kind)) ?? [];
        const first = list[countBelow(list, seq)];
        return first ? [{ userId, kind, at: first.at }] : [];
      }),
    );
  }

  /** Keeps a public group's place in the channel index: its activity is now `at`. */
  private touchChannel(conversation: Conversation, at: string): void {
    if (conversation.group?.visibility !== 'public') return;
    const known = this.channels.findIndex((c) => c.id === conversation.id);
    if (known >= 0) this.channels.splice(known, 1);
    const entry = { id: conversation.id, lastActivityAt: at };
    let lo = 0;
    let hi = this.channels.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newerChannelFirst(this.channels[mid]!, entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    this.channels.splice(lo, 0, entry);
  }

  async history(conversationId: ConversationId, beforeSeq: number | undefined, limit: number) {
    const all = this.messages.get(conversationId) ?? [];
    // seq is 1-based and gap-free, so it indexes the array directly.
    const end = beforeSeq === undefined ? all.length : Math.min(all.length, Math.max(0, beforeSeq - 1));
    return all.slice(Math.max(0, end - limit), end).reverse().map((m) => structuredClone(m));
  }

  async listSummaries(userId: UserId): Promise<StoredSummary[]> {
    return [...this.conversations.values()].flatMap((conversation) => {
      const member = conversation.members.find((m) => m.userId === userId);
      if (!member) return [];
      // seq is 1-based and gap-free, so it indexes the array directly.
      const last = this.messages.get(conversation.id)?.[conversation.lastSeq - 1];
      const own = this.seqsBySender.get(`${conversation.id}\u0000${userId}`) ?? [];
      return [
        {
          conversation: structuredClone(conversation),
          lastMessage: clone(last) ?? null,
          unreadCount: unreadAbove(conversation.lastSeq, member.readSeq, own.length - countAtMost(own, member.readSeq)),
        },
      ];
    });
  }

  async advanceMarker(conversationId: ConversationId, userId: UserId, kind: ReceiptKind, uptoSeq: number, at: string) {
    const conversation = this.conversations.get(conversationId);
    const member = conversation?.members.find((m) => m.userId === userId);
    if (!conversation || !member) return [];
    return markerMoves(member, kind, uptoSeq, conversation.lastSeq).map((move) => {
      member[move.field] = move.uptoSeq;
      const key = receiptKey(conversationId, userId, move.kind);
      const list = this.receipts.get(key) ?? [];
      list.push({ uptoSeq: move.uptoSeq, at });
      this.receipts.set(key, list);
      return this.record(conversationId, (rev) => ({ type: 'receipt', rev, conversationId, userId, kind: move.kind, uptoSeq: move.uptoSeq }));
    });
  }

  async changesSince(conversationIds: ConversationId[], since: number, limit: number) {
    const wanted = new Set(conversationIds);
    const out: Change[] = [];
    // Changes are appended in rev order; skip the older ones by binary search.
    let lo = 0;
    let hi = this.changes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.changes[mid]!.change.rev <= since) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.changes.length && out.length < limit; i++) {
      const row = this.changes[i]!;
      if (wanted.has(row.conversationId)) out.push(structuredClone(row.change));
    }
    return out;
  }

  async currentRev() {
    return this.rev;
  }

  private record(conversationId: ConversationId, make: (rev: number) => Change): Change {
    this.rev += 1;
    const change = make(this.rev);
    this.changes.push({ conversationId, change });
    return structuredClone(change);
  }
}

function receiptKey(conversationId: ConversationId, userId: UserId, kind: ReceiptKind): string {
  return `${conversationId}\u0000${userId}\u0000${kind}`;
}

/** How many of the receipts (ascending uptoSeq) stop below `seq`: the index of the first that covers it. */
function countBelow(receipts: readonly { uptoSeq: number }[], seq: number): number {
  let lo = 0;
  let hi = receipts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (receipts[mid]!.uptoSeq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many of the ascending `seqs` are <= `seq`: a binary search. */
function countAtMost(seqs: readonly number[], seq: number): number {
  let lo = 0;
  let hi = seqs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (seqs[mid]! <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function clone<T>(value: T | undefined): T | undefined {
  return value === undefined ? undefined : structuredClone(value);
}
