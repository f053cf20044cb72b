import { ChatError } from '../../transport/errors';
import type { Change, Conversation, ConversationId, Message, ReceiptKind, UserId } from '../../transport/types';
import { directKey, nextMarker } from '../rules';
import type { AppendResult, NewMessage, Store, UserRecord } from '../store';

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
  private readonly changes: { conversationId: ConversationId; change: Change }[] = [];
  private rev = 0;

  async createUser(user: UserRecord): Promise<void> {
    if ([...this.users.values()].some((u) => u.username === user.username)) {
      throw new ChatError('USERNAME_TAKEN', `The username "${user.username}" is already taken.`, { field: 'username' });
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

  async getOrCreateDirect(candidate: Conversation) {
    const key = directKey(candidate.members.map((m) => m.userId));
    const existing = this.directKeys.get(key);
    if (existing) return { conversation: structuredClone(this.conversations.get(existing)!), change: null };
    const conversation = structuredClone(candidate);
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
    const key = `${input.conversationId}\u0000${input.senderId}\u0000${input.clientId}`;
    const existing = this.byClientId.get(key);
    if (existing) return { message: structuredClone(existing), created: false, change: null };
    const conversation = this.conversations.get(input.conversationId);
    if (!conversation) throw new ChatError('NOT_FOUND', 'That conversation does not exist.');
    conversation.lastSeq += 1;
    const message: Message = { ...input, seq: conversation.lastSeq, status: 'sent' };
    this.messages.get(conversation.id)!.push(message);
    this.byClientId.set(key, message);
    const change = this.record(conversation.id, (rev) => ({ type: 'message', rev, message: structuredClone(message) }));
    return { message: structuredClone(message), created: true, change };
  }

  async history(conversationId: ConversationId, beforeSeq: number | undefined, limit: number) {
    const all = this.messages.get(conversationId) ?? [];
    // seq is 1-based and gap-free, so it indexes the array directly.
    const end = beforeSeq === undefined ? all.length : Math.min(all.length, Math.max(0, beforeSeq - 1));
    return all.slice(Math.max(0, end - limit), end).reverse().map((m) => structuredClone(m));
  }

  async countUnread(conversationId: ConversationId, userId: UserId, afterSeq: number) {
    const all = this.messages.get(conversationId) ?? [];
    return all.slice(afterSeq).filter((m) => m.senderId !== userId).length;
  }

  async advanceMarker(conversationId: ConversationId, userId: UserId, kind: ReceiptKind, uptoSeq: number) {
    const conversation = this.conversations.get(conversationId);
    const member = conversation?.members.find((m) => m.userId === userId);
    if (!conversation || !member) return [];
    const changes: Change[] = [];
    const kinds: ReceiptKind[] = kind === 'read' ? ['delivered', 'read'] : ['delivered'];
    for (const k of kinds) {
      const field = k === 'read' ? 'readSeq' : 'deliveredSeq';
      const next = nextMarker(member[field], uptoSeq, conversation.lastSeq);
      if (next === null) continue;
      member[field] = next;
      changes.push(this.record(conversationId, (rev) => ({ type: 'receipt', rev, conversationId, userId, kind: k, uptoSeq: next })));
    }
    return changes;
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

function clone<T>(value: T | undefined): T | undefined {
  return value === undefined ? undefined : structuredClone(value);
}
