import {
  LIMITS,
  MESSAGE_TOO_LONG,
  catchUpInputSchema,
  credentialsSchema,
  historyInputSchema,
  isMessageTooLong,
  markInputSchema,
  openDirectInputSchema,
  parseInput,
  registrationSchema,
  sendInputSchema,
  tokenSchema,
  typingInputSchema,
} from '../protocol';
import { ChatError } from '../transport/errors';
import { conversationNotFound, usernameTaken } from './errors';
import type {
  BootstrapResult,
  CatchUpResult,
  Change,
  ChatEvent,
  Conversation,
  ConversationId,
  ConversationSummary,
  HistoryPage,
  Message,
  ReceiptKind,
  Session,
  User,
  UserId,
  UserWithPresence,
} from '../transport/types';
import { type Clock, systemClock } from './clock';
import type { PasswordHasher, PresenceRegistry, Publisher, SessionIssuer } from './ports';
import { RateLimiter } from './rateLimiter';
import { avatarColorFor, directKey, memberOf, withStatus } from './rules';
import type { Store, UserRecord } from './store';

export interface ServiceOptions {
  store: Store;
  hasher: PasswordHasher;
  sessions: SessionIssuer;
  publisher: Publisher;
  presence: PresenceRegistry;
  clock?: Clock;
  newId?: () => string;
  /** How long a "typing" lasts without a refresh. */
  typingTtlMs?: number;
  /** Failed logins allowed per username before RATE_LIMITED, and their refill. */
  loginAttempts?: { capacity: number; refillPerSecond: number };
  /** Sends allowed per user in a burst, and their refill. */
  sendRate?: { capacity: number; refillPerSecond: number };
}

export const DEFAULT_TYPING_TTL_MS = 5000;

/**
 * The backend's rules, written once. Every method that acts for a user takes
 * the user id the caller authenticated from the session, never one from the
 * payload, and parses its input with protocol/ before touching the store.
 */
export class ChatService {
  private readonly store: Store;
  private readonly hasher: PasswordHasher;
  private readonly sessions: SessionIssuer;
  private readonly publisher: Publisher;
  private readonly presence: PresenceRegistry;
  private readonly clock: Clock;
  private readonly newId: () => string;
  private readonly typingTtlMs: number;
  private readonly loginLimiter: RateLimiter;
  private readonly sendLimiter: RateLimiter;
  private readonly typingTimers = new Map<string, unknown>();
  private dummyHash: Promise<string> | undefined;

  constructor(options: ServiceOptions) {
    this.store = options.store;
    this.hasher = options.hasher;
    this.sessions = options.sessions;
    this.publisher = options.publisher;
    this.presence = options.presence;
    this.clock = options.clock ?? systemClock;
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.typingTtlMs = options.typingTtlMs ?? DEFAULT_TYPING_TTL_MS;
    const login = options.loginAttempts ?? { capacity: 5, refillPerSecond: 1 / 30 };
    this.loginLimiter = new RateLimiter(login.capacity, login.refillPerSecond, () => this.clock.now());
    const send = options.sendRate ?? { capacity: 30, refillPerSecond: 10 };
    this.sendLimiter = new RateLimiter(send.capacity, send.refillPerSecond, () => this.clock.now());
  }

  private nowIso(): string {
    return new Date(this.clock.now()).toISOString();
  }

  // --- accounts and sessions ---

  async register(input: unknown): Promise<Session> {
    const data = parseInput(registrationSchema, input);
    if (await this.store.getUserByUsername(data.username)) {
      throw usernameTaken(data.username);
    }
    const record: UserRecord = {
      id: this.newId(),
      username: data.username,
      displayName: data.displayName ?? data.username,
      email: data.email,
      avatarColor: avatarColorFor(data.username),
      passwordHash: await this.hasher.hash(data.password),
      createdAt: this.nowIso(),
      lastSeen: null,
    };
    await this.store.createUser(record);
    return { token: await this.sessions.issue(record.id), user: publicUser(record) };
  }

  async login(input: unknown): Promise<Session> {
    const data = parseInput(credentialsSchema, input);
    const wait = this.loginLimiter.waitFor(data.username);
    if (wait > 0) {
      throw new ChatError('RATE_LIMITED', `Too many failed sign-in attempts. Try again in ${Math.ceil(wait / 1000)} seconds.`, {
        retryAfterMs: wait,
      });
    }
    const record = await this.store.getUserByUsername(data.username);
    // Verify against a dummy hash for unknown names so timing does not reveal which usernames exist.
    const ok = record
      ? await this.hasher.verify(record.passwordHash, data.password)
      : await this.hasher.verify(await this.getDummyHash(), data.password).then(() => false);
    if (!record || !ok) {
      this.loginLimiter.take(data.username);
      throw new ChatError('INVALID_CREDENTIALS');
    }
    this.loginLimiter.reset(data.username);
    return { token: await this.sessions.issue(record.id), user: publicUser(record) };
  }

  /** The user a token belongs to; UNAUTHENTICATED otherwise. */
  async authenticate(token: unknown): Promise<User> {
    const parsed = tokenSchema.safeParse(token);
    if (!parsed.success) throw new ChatError('UNAUTHENTICATED');
    const userId = await this.sessions.verify(parsed.data);
    const record = await this.store.getUserById(userId);
    if (!record) throw new ChatError('UNAUTHENTICATED');
    return publicUser(record);
  }

  async resume(token: unknown): Promise<Session> {
    const user = await this.authenticate(token);
    return { token: token as string, user };
  }

  async logout(token: unknown): Promise<void> {
    const parsed = tokenSchema.safeParse(token);
    if (parsed.success) await this.sessions.revoke(parsed.data);
  }

  private getDummyHash(): Promise<string> {
    this.dummyHash ??= this.hasher.hash('not-a-real-password-' + this.newId());
    return this.dummyHash;
  }

  // --- directory and presence ---

  async users(_userId: UserId): Promise<UserWithPresence[]> {
    const [records, online] = await Promise.all([this.store.listUsers(), this.presence.onlineUsers()]);
    return records
      .map((r) => ({ ...publicUser(r), presence: online.has(r.id) ? ('online' as const) : ('offline' as const), lastSeen: r.lastSeen }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  async connect(userId: UserId, connectionId: string): Promise<void> {
    if (await this.presence.connect(userId, connectionId)) {
      const record = await this.store.getUserById(userId);
      await this.broadcast({ type: 'presence', userId, presence: 'online', lastSeen: record?.lastSeen ?? null });
    }
  }

  async disconnect(userId: UserId, connectionId: string): Promise<void> {
    if (await this.presence.disconnect(userId, connectionId)) {
      const lastSeen = this.nowIso();
      await this.store.setLastSeen(userId, lastSeen);
      await this.broadcast({ type: 'presence', userId, presence: 'offline', lastSeen });
    }
  }

  // Awaited by connect/disconnect: a server shutting down waits for those, and
  // must not close its store or Redis under a publication still on its way.
  private async broadcast(event: ChatEvent): Promise<void> {
    const users = await this.store.listUsers();
    this.publisher.publish(users.map((u) => u.id), event);
  }

  // --- conversations ---

  async conversations(userId: UserId): Promise<ConversationSummary[]> {
    const stored = await this.store.listSummaries(userId);
    const summaries = stored.map(({ conversation, lastMessage, unreadCount }): ConversationSummary => ({
      ...conversation,
      lastMessage: lastMessage ? withStatus(lastMessage, conversation) : null,
      unreadCount,
    }));
    const activity = (s: ConversationSummary) => s.lastMessage?.createdAt ?? s.createdAt;
    return summaries.sort((a, b) => activity(b).localeCompare(activity(a)));
  }

  /**
   * What a device with nothing cached needs to show the app, in one answer:
   * the conversation summaries, the directory, and the cursor to catch up
   * from. The horizon is read first, as catchUp reads it: every change up to
   * it is committed, so the summaries read after it hold them all, and a
   * catch-up from it brings whatever came after (some perhaps already in the
   * summaries: applying a change twice changes nothing). History is not in
   * it: the device asks for pages as they come on screen.
   */
  async bootstrap(userId: UserId): Promise<BootstrapResult> {
    const cursor = await this.store.currentRev();
    const [conversations, users] = await Promise.all([this.conversations(userId), this.users(userId)]);
    return { conversations, users, cursor };
  }

  async openDirect(userId: UserId, input: unknown): Promise<Conversation> {
    const { userId: otherId } = parseInput(openDirectInputSchema, input);
    if (otherId === userId) throw new ChatError('INVALID_INPUT', 'You cannot start a conversation with yourself.', { field: 'userId' });
    if (!(await this.store.getUserById(otherId))) throw new ChatError('NOT_FOUND', 'That person does not exist.');
    const { conversation, change } = await this.store.getOrCreateDirect({ id: this.newId(), memberIds: [userId, otherId], createdAt: this.nowIso() });
    if (change) this.publish(conversation, change);
    return conversation;
  }

  /** The conversation if the user is in it: NOT_FOUND or FORBIDDEN otherwise. */
  private async conversationFor(userId: UserId, conversationId: ConversationId): Promise<Conversation> {
    const conversation = await this.store.getConversation(conversationId);
    if (!conversation) throw conversationNotFound();
    if (!memberOf(conversation, userId)) throw new ChatError('FORBIDDEN', 'You are not in that conversation.');
    return conversation;
  }

  private publish(conversation: Conversation, event: ChatEvent, exclude?: UserId): void {
    const recipients = conversation.members.map((m) => m.userId).filter((id) => id !== exclude);
    this.publisher.publish(recipients, event);
  }

  // --- messages ---

  async history(userId: UserId, input: unknown): Promise<HistoryPage> {
    const { conversationId, beforeSeq, limit } = parseInput(historyInputSchema, input);
    const conversation = await this.conversationFor(userId, conversationId);
    const rows = await this.store.history(conversationId, beforeSeq, limit + 1);
    const page = rows.slice(0, limit).reverse();
    return { messages: page.map((m) => withStatus(m, conversation)), hasMore: rows.length > limit };
  }

  async send(userId: UserId, input: unknown): Promise<Message> {
    if (isRecord(input) && typeof input.body === 'string' && isMessageTooLong(input.body)) {
      throw new ChatError('PAYLOAD_TOO_LARGE', MESSAGE_TOO_LONG, { field: 'body' });
    }
    const data = parseInput(sendInputSchema, input);
    const conversation = await this.conversationFor(userId, data.conversationId);
    const wait = this.sendLimiter.take(userId);
    if (wait > 0) {
      throw new ChatError('RATE_LIMITED', 'You are sending messages too quickly. Slow down a little.', { retryAfterMs: wait });
    }
    const result = await this.store.appendMessage({
      id: this.newId(),
      conversationId: conversation.id,
      senderId: userId,
      clientId: data.clientId,
      body: data.body,
      createdAt: this.nowIso(),
    });
    if (result.created) {
      this.stopTyping(conversation, userId);
      if (result.change) this.publish(conversation, result.change);
      return result.message;
    }
    // A retry of a stored message: answer with what is stored, with its current status.
    const current = await this.store.getConversation(conversation.id);
    return current ? withStatus(result.message, current) : result.message;
  }

  markDelivered(userId: UserId, input: unknown): Promise<void> {
    return this.mark(userId, input, 'delivered');
  }

  markRead(userId: UserId, input: unknown): Promise<void> {
    return this.mark(userId, input, 'read');
  }

  private async mark(userId: UserId, input: unknown, kind: ReceiptKind): Promise<void> {
    const { conversationId, uptoSeq } = parseInput(markInputSchema, input);
    const conversation = await this.conversationFor(userId, conversationId);
    const changes = await this.store.advanceMarker(conversationId, userId, kind, uptoSeq);
    for (const change of changes) this.publish(conversation, change);
  }

  async catchUp(userId: UserId, input: unknown): Promise<CatchUpResult> {
    const { since, limit = LIMITS.catchUpPageMax } = parseInput(catchUpInputSchema, input);
    // Read the rev horizon first: every change up to it is committed (stores make revs visible in
    // commit order), so the conversations listed next include any created up to it. Changes past
    // it, possibly in a conversation created after the listing, wait for the next call: without
    // the horizon the cursor could move past a new conversation's changes and skip them for good.
    const horizon = await this.store.currentRev();
    const conversations = await this.store.listConversations(userId);
    const fetched = await this.store.changesSince(
      conversations.map((c) => c.id),
      since,
      limit + 1,
    );
    const rows = fetched.filter((change) => change.rev <= horizon);
    const byId = new Map(conversations.map((c) => [c.id, c]));
    const changes: Change[] = rows.slice(0, limit).map((change) => {
      if (change.type !== 'message') return change;
      const conversation = byId.get(change.message.conversationId);
      return conversation ? { ...change, message: withStatus(change.message, conversation) } : change;
    });
    const last = changes.at(-1);
    return { changes, cursor: last ? last.rev : since, hasMore: rows.length > limit };
  }

  // --- typing ---

  async setTyping(userId: UserId, input: unknown): Promise<void> {
    const { conversationId, typing } = parseInput(typingInputSchema, input);
    const conversation = await this.conversationFor(userId, conversationId);
    const key = `${conversationId}\u0000${userId}`;
    const timer = this.typingTimers.get(key);
    if (timer !== undefined) this.clock.clearTimeout(timer);
    this.typingTimers.delete(key);
    if (typing) {
      this.typingTimers.set(
        key,
        this.clock.setTimeout(() => this.stopTyping(conversation, userId), this.typingTtlMs),
      );
    }
    if (typing || timer !== undefined) {
      this.publish(conversation, { type: 'typing', conversationId, userId, typing }, userId);
    }
  }

  private stopTyping(conversation: Conversation, userId: UserId): void {
    const key = `${conversation.id}\u0000${userId}`;
    const timer = this.typingTimers.get(key);
    if (timer === undefined) return;
    this.clock.clearTimeout(timer);
    this.typingTimers.delete(key);
    this.publish(conversation, { type: 'typing', conversationId: conversation.id, userId, typing: false }, userId);
  }

  /** Stops timers so a process or test can end cleanly. */
  dispose(): void {
    for (const timer of this.typingTimers.values()) this.clock.clearTimeout(timer);
    this.typingTimers.clear();
  }
}

export function publicUser(record: UserRecord): User {
  return { id: record.id, username: record.username, displayName: record.displayName, avatarColor: record.avatarColor };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export { directKey };
