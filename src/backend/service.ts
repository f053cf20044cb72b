import {
  LIMITS,
  MESSAGE_TOO_LONG,
  addMembersInputSchema,
  browseChannelsInputSchema,
  createGroupInputSchema,
  describeSystemEntry,
  editInputSchema,
  messageOperationSchema,
  reactInputSchema,
  groupInputSchema,
  messageInfoInputSchema,
  removeMemberInputSchema,
  renameGroupInputSchema,
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
import { conversationNotFound, notInConversation, usernameTaken } from './errors';
import type {
  BootstrapResult,
  CatchUpResult,
  Change,
  ChannelListing,
  MessageInfo,
  ChatEvent,
  Conversation,
  ConversationId,
  ConversationSummary,
  HistoryPage,
  Message,
  ReceiptKind,
  Session,
  SystemEntry,
  User,
  UserId,
  UserWithPresence,
} from '../transport/types';
import { type GroupPlan, channelTitleKey, initialMembers, messageInfoOf, planAdd, planJoin, planLeave, planRemove, planRename } from './groups';
import { type Clock, systemClock } from './clock';
import { AbuseGuard, type AbuseLimits } from './limits/abuseLimits';
import type { Caller } from './limits/caller';
import { type RateLimitStore, memoryRateLimits } from './limits/rateLimit';
import type { PasswordHasher, PresenceRegistry, Publisher, SessionIssuer } from './ports';
import { PresenceAnnouncer, type PresenceState } from './presenceAnnouncer';
import { avatarColorFor, changeConversationId, directKey, memberOf, withStatus } from './rules';
import { messageNotFound, planDelete, planEdit, planReaction } from './messageActions';
import type { Departure, GroupEntry, MessageRevision, Store, UserRecord } from './store';

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
  /** Abuse limits; the defaults fill in what is not given. */
  limits?: Partial<AbuseLimits>;
  /** Where limits count: memory (the default) in one process or tab, Redis across nodes. */
  rateLimits?: RateLimitStore;
  /** Work nobody awaits (a presence announcement from a timer) failed. */
  onBackgroundError?: (error: unknown) => void;
}

export const DEFAULT_TYPING_TTL_MS = 5000;

/**
 * The backend's rules, written once. Every method that acts for a user takes
 * the user id the caller authenticated from the session, never one from the
 * payload, and parses its input with protocol/ before touching the store.
 * Where a rule needs the client's address, the transport edge passes it as a
 * Caller.
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
  private readonly guard: AbuseGuard;
  private readonly announcer: PresenceAnnouncer;
  /** Who is typing where: the expiry timer, and whether peers were told (a throttled start is not). */
  private readonly typingStates = new Map<string, { timer: unknown; announced: boolean }>();
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
    this.guard = new AbuseGuard(options.limits, options.rateLimits ?? memoryRateLimits);
    this.announcer = new PresenceAnnouncer({
      clock: this.clock,
      quietMs: this.guard.settings.presenceQuietMs,
      announce: (userId, state, at) => this.announcePresence(userId, state, at),
      isOnline: async (userId) => (await this.presence.onlineUsers()).has(userId),
      failed: options.onBackgroundError ?? ((error) => console.error('[backend] presence announcement failed', error)),
    });
  }

  private nowIso(): string {
    return new Date(this.clock.now()).toISOString();
  }

  // --- accounts and sessions ---

  async register(input: unknown, caller: Caller): Promise<Session> {
    const data = parseInput(registrationSchema, input);
    await this.guard.registration(caller);
    if (await this.store.getUserByUsername(data.username)) {
      throw usernameTaken(data.username);
    }
    const record: UserRecord = {
      id: this.newId(),
      username: data.username,
      displayName: data.displayName ?? data.username,
      email: data.email,
      avatarColor: avatarColorFor(data.username),
      passwordHash: await this.guard.hash(caller, () => this.hasher.hash(data.password)),
      createdAt: this.nowIso(),
      lastSeen: null,
    };
    await this.store.createUser(record);
    return { token: await this.sessions.issue(record.id), user: publicUser(record) };
  }

  async login(input: unknown, caller: Caller): Promise<Session> {
    const data = parseInput(credentialsSchema, input);
    // Counted before the slow check, so guesses sent in parallel meet the limit too.
    const attempt = await this.guard.loginAttempt(data.username, caller);
    const record = await this.store.getUserByUsername(data.username);
    let ok: boolean;
    try {
      // Verify against a dummy hash for unknown names so timing does not reveal which usernames exist.
      ok = await this.guard.hash(caller, async () =>
        record ? this.hasher.verify(record.passwordHash, data.password) : this.hasher.verify(await this.getDummyHash(), data.password).then(() => false),
      );
    } catch (error) {
      await attempt.unchecked();
      throw error;
    }
    if (!record || !ok) throw new ChatError('INVALID_CREDENTIALS');
    await attempt.succeeded();
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

  /** Everyone, with their presence now: the directory view's source of presence, besides the events peers get. */
  async users(userId: UserId): Promise<UserWithPresence[]> {
    await this.guard.read(userId, 'directory');
    const [records, online] = await Promise.all([this.store.listUsers(), this.presence.onlineUsers()]);
    return records
      .map((r) => ({ ...publicUser(r), presence: online.has(r.id) ? ('online' as const) : ('offline' as const), lastSeen: r.lastSeen }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  /**
   * Counts an open connection (socket, event stream) of `userId` from
   * `caller` against the per-user and per-address caps; RATE_LIMITED past
   * them. Call the returned release once the connection has ended.
   */
  admitConnection(userId: UserId, caller: Caller): () => void {
    return this.guard.admitConnection(userId, caller);
  }

  async connect(userId: UserId, connectionId: string): Promise<void> {
    if (await this.presence.connect(userId, connectionId)) await this.announcer.changed(userId, 'online', this.nowIso());
  }

  async disconnect(userId: UserId, connectionId: string): Promise<void> {
    if (await this.presence.disconnect(userId, connectionId)) await this.announcer.changed(userId, 'offline', this.nowIso());
  }

  /** Announces every presence change still held back by the quiet window: before a server closes its store. */
  flushPresence(): Promise<void> {
    return this.announcer.flush();
  }

  // Awaited by connect/disconnect (and flushPresence): a server shutting down waits for those, and
  // must not close its store or Redis under a publication still on its way. Presence goes only to
  // the people who share a conversation with the user; anyone else reads it from the directory.
  private async announcePresence(userId: UserId, presence: PresenceState, at: string): Promise<void> {
    let lastSeen: string | null = at;
    if (presence === 'offline') await this.store.setLastSeen(userId, at);
    else lastSeen = (await this.store.getUserById(userId))?.lastSeen ?? null;
    const peers = new Set<UserId>([userId]);
    for (const conversation of await this.store.listConversations(userId)) for (const member of conversation.members) peers.add(member.userId);
    this.publisher.publish([...peers], { type: 'presence', userId, presence, lastSeen });
  }

  // --- conversations ---

  async conversations(userId: UserId): Promise<ConversationSummary[]> {
    await this.guard.read(userId, 'pages');
    const [stored, departures] = await Promise.all([this.store.listSummaries(userId), this.store.listDepartures(userId)]);
    const summaries = stored.map(({ conversation, lastMessage, unreadCount }): ConversationSummary => ({
      ...conversation,
      lastMessage: lastMessage ? withStatus(lastMessage, conversation) : null,
      unreadCount,
    }));
    // A group I left stays in my list as it was when I left, with nothing unread: I can no longer mark it read.
    for (const departure of departures) {
      const [last] = await this.store.history(departure.conversationId, departure.leftSeq + 1, 1);
      summaries.push({ ...departure.conversation, lastMessage: last ? withStatus(last, departure.conversation) : null, unreadCount: 0 });
    }
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
    await this.guard.read(userId, 'pages');
    if (!(await this.store.getUserById(otherId))) throw new ChatError('NOT_FOUND', 'That person does not exist.');
    const { conversation, change } = await this.store.getOrCreateDirect({ id: this.newId(), memberIds: [userId, otherId], createdAt: this.nowIso() });
    if (change) this.publish(conversation, change);
    return conversation;
  }

  /** The conversation if the user is in it: NOT_FOUND or FORBIDDEN otherwise. */
  private async conversationFor(userId: UserId, conversationId: ConversationId): Promise<Conversation> {
    const conversation = await this.store.getConversation(conversationId);
    if (!conversation) throw conversationNotFound();
    if (!memberOf(conversation, userId)) throw notInConversation();
    return conversation;
  }

  /**
   * The conversation if the user may read it: a member reads all of it, a
   * departed member of a group up to where they left (`upto`, null for all).
   */
  private async readableFor(userId: UserId, conversationId: ConversationId): Promise<{ conversation: Conversation; upto: number | null }> {
    const conversation = await this.store.getConversation(conversationId);
    if (!conversation) throw conversationNotFound();
    if (memberOf(conversation, userId)) return { conversation, upto: null };
    const departure = conversation.kind === 'group' ? (await this.store.listDepartures(userId)).find((d) => d.conversationId === conversationId) : undefined;
    if (!departure) throw notInConversation();
    return { conversation: departure.conversation, upto: departure.leftSeq };
  }

  private publish(conversation: Conversation, event: ChatEvent, exclude?: UserId): void {
    this.publishTo(membersOf(conversation), event, exclude);
  }

  private publishTo(members: readonly UserId[], event: ChatEvent, exclude?: UserId): void {
    this.publisher.publish(exclude === undefined ? members : members.filter((id) => id !== exclude), event);
  }

  // --- messages ---

  async history(userId: UserId, input: unknown): Promise<HistoryPage> {
    const { conversationId, beforeSeq, limit } = parseInput(historyInputSchema, input);
    await this.guard.read(userId, 'pages');
    const { conversation, upto } = await this.readableFor(userId, conversationId);
    const before = upto === null ? beforeSeq : Math.min(beforeSeq ?? Infinity, upto + 1);
    const rows = await this.store.history(conversationId, before, limit + 1);
    const page = rows.slice(0, limit).reverse();
    return { messages: page.map((m) => withStatus(m, conversation)), hasMore: rows.length > limit };
  }

  async send(userId: UserId, input: unknown): Promise<Message> {
    refuseTooLongBody(input);
    const data = parseInput(sendInputSchema, input);
    // The limit first (kept in memory, or leased from Redis: no round trip for most sends), then the append alone:
    // the store checks the conversation, the membership and the reply in its transaction and answers whom to tell,
    // so a send is one round trip to the database. Past the limit, a missing conversation or membership is still
    // the answer (as alongside gives for the other writes), read only then.
    try {
      await this.guard.send(userId);
    } catch (limited) {
      await this.conversationFor(userId, data.conversationId);
      throw limited;
    }
    const result = await this.store.appendMessage({
      id: this.newId(),
      conversationId: data.conversationId,
      senderId: userId,
      clientId: data.clientId,
      body: data.body,
      createdAt: this.nowIso(),
      ...(data.replyToSeq === undefined ? {} : { replyToSeq: data.replyToSeq }),
    });
    if (result.created) {
      this.stopTyping(data.conversationId, userId, result.recipients);
      if (result.change) this.publishTo(result.recipients, result.change);
      return result.message;
    }
    // A retry of a stored message (the store found the sender a member): what is stored, with its current status.
    const current = await this.store.getConversation(data.conversationId);
    return current ? withStatus(result.message, current) : result.message;
  }

  // --- message actions: edit, delete, react (rules in messageActions.ts) ---

  async editMessage(userId: UserId, input: unknown): Promise<Message> {
    refuseTooLongBody(input);
    const { body, ...target } = parseInput(editInputSchema, input);
    const at = this.nowIso();
    return this.revise(userId, target, (message) => planEdit(message, userId, body, at));
  }

  async deleteMessage(userId: UserId, input: unknown): Promise<Message> {
    const target = parseInput(messageOperationSchema, input);
    const at = this.nowIso();
    return this.revise(userId, target, (message) => planDelete(message, userId, at));
  }

  async react(userId: UserId, input: unknown): Promise<Message> {
    const { emoji, on, ...target } = parseInput(reactInputSchema, input);
    return this.revise(userId, target, (message) => planReaction(message, userId, emoji, on));
  }

  /** One message action: a write like a send (its limit), decided in the store's transaction, published to the members. */
  private async revise(
    userId: UserId,
    target: { conversationId: ConversationId; seq: number; opId: string },
    decide: (message: Message) => MessageRevision | null,
  ): Promise<Message> {
    // A departed member is refused here (FORBIDDEN), as for a send; the store checks again in its transaction.
    const conversation = await alongside(this.guard.send(userId), this.conversationFor(userId, target.conversationId));
    if (target.seq > conversation.lastSeq) throw messageNotFound();
    const { message, change } = await this.store.reviseMessage({ ...target, userId, decide });
    // The store keeps a message as 'sent': its status comes from the members' markers, for the answer
    // and the event alike (an edit of a read message is still read).
    const current = (await this.store.getConversation(conversation.id)) ?? conversation;
    if (change?.type === 'messageUpdate') this.publish(current, { ...change, message: withStatus(change.message, current) });
    return withStatus(message, current);
  }

  markDelivered(userId: UserId, input: unknown): Promise<void> {
    return this.mark(userId, input, 'delivered');
  }

  markRead(userId: UserId, input: unknown): Promise<void> {
    return this.mark(userId, input, 'read');
  }

  private async mark(userId: UserId, input: unknown, kind: ReceiptKind): Promise<void> {
    const { conversationId, uptoSeq } = parseInput(markInputSchema, input);
    await this.guard.read(userId, 'markers');
    const conversation = await this.conversationFor(userId, conversationId);
    const changes = await this.store.advanceMarker(conversationId, userId, kind, uptoSeq, this.nowIso());
    for (const change of changes) this.publish(conversation, change);
  }

  async catchUp(userId: UserId, input: unknown): Promise<CatchUpResult> {
    const { since, limit = LIMITS.catchUpPageMax } = parseInput(catchUpInputSchema, input);
    await this.guard.read(userId, 'pages');
    // Read the rev horizon first: every change up to it is committed (stores make revs visible in
    // commit order), so the conversations listed next include any created up to it. Changes past
    // it, possibly in a conversation created after the listing, wait for the next call: without
    // the horizon the cursor could move past a new conversation's changes and skip them for good.
    const horizon = await this.store.currentRev();
    const [conversations, allDepartures] = await Promise.all([this.store.listConversations(userId), this.store.listDepartures(userId)]);
    // A group I left brings its changes up to my departure, and only while my cursor is below it.
    const departures = new Map(allDepartures.filter((d) => d.leftRev > since).map((d) => [d.conversationId, d]));
    const fetched = await this.store.changesSince(
      [...conversations.map((c) => c.id), ...departures.keys()],
      since,
      limit + 1,
    );
    const rows = fetched.filter((change) => change.rev <= horizon);
    const byId = new Map<ConversationId, Conversation>(conversations.map((c) => [c.id, c]));
    for (const [id, departure] of departures) byId.set(id, departure.conversation);
    const page = rows.slice(0, limit);
    const changes: Change[] = page.filter((change) => !afterDeparture(change, departures)).map((change) => {
      if (change.type !== 'message' && change.type !== 'messageUpdate') return change;
      const conversation = byId.get(change.message.conversationId);
      return conversation ? { ...change, message: withStatus(change.message, conversation) } : change;
    });
    // The cursor passes what was left out too: it is not this user's, now or later.
    const last = page.at(-1);
    return { changes, cursor: last ? last.rev : since, hasMore: rows.length > limit };
  }

  // --- typing ---

  /**
   * A start refreshes the expiry and is announced at most once per window
   * (the abuse limits); a stop is announced only after an announced start,
   * so toggling in a loop reaches peers at most twice per window.
   */
  async setTyping(userId: UserId, input: unknown): Promise<void> {
    const { conversationId, typing } = parseInput(typingInputSchema, input);
    const announce = typing && (await this.guard.typingMayAnnounce(userId, conversationId));
    // Read after the limit (which may wait on Redis) and used with no wait after it: a removal
    // committed before is seen, so the typing of someone no longer in the group reaches nobody.
    const conversation = await this.conversationFor(userId, conversationId);
    const key = typingKey(conversationId, userId);
    const current = this.typingStates.get(key);
    if (current) this.clock.clearTimeout(current.timer);
    if (!typing) {
      this.typingStates.delete(key);
      if (current?.announced) this.publish(conversation, { type: 'typing', conversationId, userId, typing: false }, userId);
      return;
    }
    this.typingStates.set(key, {
      timer: this.clock.setTimeout(() => this.stopTyping(conversationId, userId, membersOf(conversation)), this.typingTtlMs),
      announced: announce || (current?.announced ?? false),
    });
    if (announce) this.publish(conversation, { type: 'typing', conversationId, userId, typing: true }, userId);
  }

  /** Ends the user's typing in the conversation, telling its other `members` if it was announced. */
  private stopTyping(conversationId: ConversationId, userId: UserId, members: readonly UserId[]): void {
    const key = typingKey(conversationId, userId);
    const state = this.typingStates.get(key);
    if (!state) return;
    this.clock.clearTimeout(state.timer);
    this.typingStates.delete(key);
    if (state.announced) this.publishTo(members, { type: 'typing', conversationId, userId, typing: false }, userId);
  }

  // --- groups and channels ---

  /** I own it; idempotent by my clientId (a retry answers the group made first, as it now is). */
  async createGroup(userId: UserId, input: unknown): Promise<Conversation> {
    const data = parseInput(createGroupInputSchema, input);
    const memberIds = initialMembers(userId, data.memberIds);
    await this.guard.send(userId);
    const names = await this.namesOf([userId, ...memberIds]);
    const missing = memberIds.find((id) => !names.has(id));
    if (missing) throw new ChatError('NOT_FOUND', 'One of those people does not exist.', { field: 'memberIds' });
    const createdAt = this.nowIso();
    const system: SystemEntry = { type: 'created', title: data.title, memberIds };
    const { conversation, changes } = await this.store.createGroup({
      id: this.newId(),
      clientId: data.clientId,
      title: data.title,
      visibility: data.visibility,
      createdBy: userId,
      memberIds,
      createdAt,
      entry: this.entry(userId, system, createdAt, names),
    });
    this.publishChanges(membersOf(conversation), changes);
    return conversation;
  }

  async addMembers(userId: UserId, input: unknown): Promise<Conversation> {
    const { conversationId, userIds } = parseInput(addMembersInputSchema, input);
    await this.guard.send(userId);
    const names = await this.namesOf([userId, ...userIds]);
    if (userIds.some((id) => !names.has(id))) throw new ChatError('NOT_FOUND', 'One of those people does not exist.', { field: 'userIds' });
    return this.editGroup(userId, conversationId, (group) => planAdd(group, userId, userIds), names);
  }

  async removeMember(userId: UserId, input: unknown): Promise<Conversation> {
    const { conversationId, userId: target } = parseInput(removeMemberInputSchema, input);
    await this.guard.send(userId);
    return this.editGroup(userId, conversationId, (group) => planRemove(group, userId, target), await this.namesOf([userId, target]));
  }

  /** Leaving a group I have already left changes nothing; one I was never in is FORBIDDEN. */
  async leaveGroup(userId: UserId, input: unknown): Promise<void> {
    const { conversationId } = parseInput(groupInputSchema, input);
    await this.guard.send(userId);
    const group = await this.store.getConversation(conversationId);
    if (!group) throw conversationNotFound();
    if (!memberOf(group, userId)) {
      if ((await this.store.listDepartures(userId)).some((d) => d.conversationId === conversationId)) return;
      throw new ChatError('FORBIDDEN', 'You are not in that group.');
    }
    // The heir is decided in the store's transaction: every member's name may be needed.
    await this.editGroup(userId, conversationId, (current) => planLeave(current, userId), await this.namesOf(group.members.map((m) => m.userId)));
  }

  async renameGroup(userId: UserId, input: unknown): Promise<Conversation> {
    const { conversationId, title } = parseInput(renameGroupInputSchema, input);
    await this.guard.send(userId);
    return this.editGroup(userId, conversationId, (group) => planRename(group, userId, title), await this.namesOf([userId]));
  }

  async joinChannel(userId: UserId, input: unknown): Promise<Conversation> {
    const { conversationId } = parseInput(groupInputSchema, input);
    await this.guard.send(userId);
    return this.editGroup(userId, conversationId, (group) => planJoin(group, userId), await this.namesOf([userId]));
  }

  async browseChannels(userId: UserId, input: unknown): Promise<ChannelListing[]> {
    const { search, limit = LIMITS.channelPageMax } = parseInput(browseChannelsInputSchema, input);
    await this.guard.read(userId, 'directory');
    return this.store.browseChannels({ userId, titleKey: channelTitleKey(search ?? ''), limit });
  }

  /** Who has read the message at `seq`, who has only received it, and when. Members only. */
  async messageInfo(userId: UserId, input: unknown): Promise<MessageInfo> {
    const { conversationId, seq } = parseInput(messageInfoInputSchema, input);
    await this.guard.read(userId, 'pages');
    const conversation = await this.conversationFor(userId, conversationId);
    const [message] = seq <= conversation.lastSeq ? await this.store.history(conversationId, seq + 1, 1) : [];
    if (!message || message.seq !== seq) throw new ChatError('NOT_FOUND', 'That message does not exist.');
    return messageInfoOf(message, conversation.members, await this.store.receiptTimes(conversationId, seq));
  }

  /**
   * One change to a group, decided by `plan` on the group as the store holds
   * it; published to its members after the change and to whoever it took out
   * (their last word from the group).
   */
  private async editGroup(
    actor: UserId,
    conversationId: ConversationId,
    plan: (group: Conversation) => GroupPlan | null,
    names: ReadonlyMap<UserId, string>,
  ): Promise<Conversation> {
    const createdAt = this.nowIso();
    const { conversation, changes } = await this.store.editGroup(conversationId, (group) => {
      const decided = plan(group);
      if (!decided) return null;
      const { system, title, add, remove, promote } = decided;
      return {
        entry: this.entry(actor, system, createdAt, names),
        ...(title === undefined ? {} : { title }),
        ...(add ? { add: add.map((id) => ({ userId: id, role: 'member' as const })) } : {}),
        ...(remove ? { remove } : {}),
        ...(promote ? { promote } : {}),
      };
    });
    if (changes.length > 0) {
      const removed = changes.flatMap((c) => (c.type === 'message' && c.message.system ? removedBy(c.message.system, c.message.senderId) : []));
      this.publishChanges([...membersOf(conversation), ...removed], changes);
      for (const id of removed) this.stopTyping(conversation.id, id, membersOf(conversation));
    }
    return conversation;
  }

  /** A system entry as stored: its words use the names at the time. */
  private entry(actor: UserId, system: SystemEntry, createdAt: string, names: ReadonlyMap<UserId, string>): GroupEntry {
    const body = describeSystemEntry(system, actor, { nameOf: (id) => names.get(id) ?? 'Someone' });
    return { id: this.newId(), senderId: actor, clientId: `system:${this.newId()}`, body, createdAt, system };
  }

  private async namesOf(ids: readonly UserId[]): Promise<Map<UserId, string>> {
    const records = await Promise.all([...new Set(ids)].map((id) => this.store.getUserById(id)));
    return new Map(records.flatMap((r) => (r ? [[r.id, r.displayName] as const] : [])));
  }

  private publishChanges(recipients: readonly UserId[], changes: readonly Change[]): void {
    const to = [...new Set(recipients)];
    for (const change of changes) this.publisher.publish(to, change);
  }

  /** Stops timers so a process or test can end cleanly. */
  dispose(): void {
    for (const state of this.typingStates.values()) this.clock.clearTimeout(state.timer);
    this.typingStates.clear();
    this.announcer.dispose();
  }
}

export function publicUser(record: UserRecord): User {
  return { id: record.id, username: record.username, displayName: record.displayName, avatarColor: record.avatarColor };
}

function typingKey(conversationId: ConversationId, userId: UserId): string {
  return `${conversationId}\u0000${userId}`;
}

/** A body over the length limit is PAYLOAD_TOO_LARGE before any other check (as over the byte limit at the edge), so it is not INVALID_INPUT. */
function refuseTooLongBody(input: unknown): void {
  if (isRecord(input) && typeof input.body === 'string' && isMessageTooLong(input.body)) {
    throw new ChatError('PAYLOAD_TOO_LARGE', MESSAGE_TOO_LONG, { field: 'body' });
  }
}

function membersOf(conversation: Conversation): UserId[] {
  return conversation.members.map((m) => m.userId);
}

/** Waits for both; the work's failure wins over the limit's, so the answer does not depend on which came first. */
async function alongside<T>(limit: Promise<void>, work: Promise<T>): Promise<T> {
  const [limited, done] = await Promise.allSettled([limit, work]);
  if (done.status === 'rejected') throw done.reason;
  if (limited.status === 'rejected') throw limited.reason;
  return done.value;
}

/** A change in a group the user left, made after they left. */
function afterDeparture(change: Change, departures: ReadonlyMap<ConversationId, Departure>): boolean {
  const departure = departures.get(changeConversationId(change));
  return departure !== undefined && change.rev > departure.leftRev;
}

/** Who an entry takes out of the group. */
function removedBy(system: SystemEntry, actor: UserId): UserId[] {
  if (system.type === 'removed') return [system.userId];
  if (system.type === 'left') return [actor];
  return [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export { directKey };
