import { type Clock, systemClock } from '../../src/backend/clock';
import { LOCAL_CALLER } from '../../src/backend/limits/caller';
import type { ChatService } from '../../src/backend/service';
import {
  ChatError,
  type BootstrapResult,
  type CatchUpResult,
  type ChannelListing,
  type ChannelQuery,
  type CreateGroupInput,
  type EditInput,
  type MessageOperation,
  type ReactInput,
  type MessageInfo,
  type ChatEvent,
  type ChatTransport,
  type ConnectionState,
  DEVICE_OFFLINE,
  type Conversation,
  type ConversationId,
  type ConversationSummary,
  type Credentials,
  type Cursor,
  type HistoryPage,
  type HistoryQuery,
  type Message,
  type Registration,
  type SendInput,
  type Session,
  TransportSignals,
  type Unsubscribe,
  type UserId,
  type UserWithPresence,
} from '../../src/transport';

/** The simulated network between a tab and the in-browser backend. */
export interface Link {
  /** Runs a request across the link: latency, failures and the offline switch apply. */
  call<T>(request: () => Promise<T>): Promise<T>;
  /** Delays an event on its way to the tab; drops it (resolves false) while offline. */
  deliver(): Promise<boolean>;
  isOnline(): boolean;
  onChange(listener: (online: boolean) => void): Unsubscribe;
}

/** Where a tab's events come from: its user's share of the backend's publications. */
export interface EventFeed {
  subscribe(userId: UserId, listener: (event: ChatEvent) => void): Unsubscribe;
}

/** After a transient failure to connect, the next attempt comes this much later (as a socket client's would). */
export const RECONNECT_DELAY_MS = 500;

/** A link with no latency, no failures, always online. */
export const directLink: Link = {
  call: (request) => request(),
  deliver: async () => true,
  isOnline: () => true,
  onChange: () => () => {},
};

/**
 * ChatTransport over a ChatService running in the same JavaScript realm: the
 * sim adapter's tab-side half. Everything crosses `link`, so latency, failures
 * and offline behave as they would over a network, and the service sees only
 * the session token, never a user id from the caller; every tab of the
 * browser is the same local address to it.
 */
export class ServiceTransport implements ChatTransport {
  private session: Session | null = null;
  private connected: { userId: UserId; connectionId: string; unsubscribe: Unsubscribe } | null = null;
  private wantConnected: Session | null = null;
  private readonly signals = new TransportSignals();
  private readonly stopLinkWatch: Unsubscribe;
  private connectAttempt = 0;
  private retryTimer: unknown = null;
  /** Connects and disconnects the backend is still carrying out: dispose() waits for them. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly service: ChatService,
    private readonly feed: EventFeed,
    private readonly link: Link = directLink,
    readonly name = 'sim',
    private readonly clock: Clock = systemClock,
  ) {
    this.stopLinkWatch = link.onChange((online) => {
      if (!this.wantConnected) return;
      if (online) void this.establish(this.wantConnected);
      else void this.drop(DEVICE_OFFLINE.reason);
    });
  }

  // --- session ---

  async register(input: Registration): Promise<Session> {
    const session = await this.link.call(() => this.service.register(input, LOCAL_CALLER));
    this.session = session;
    return session;
  }

  async login(input: Credentials): Promise<Session> {
    const session = await this.link.call(() => this.service.login(input, LOCAL_CALLER));
    this.session = session;
    return session;
  }

  async resume(session: Session): Promise<Session> {
    const resumed = await this.link.call(() => this.service.resume(session?.token));
    this.session = resumed;
    return resumed;
  }

  async logout(): Promise<void> {
    const token = this.session?.token;
    const dropped = this.disconnect();
    this.session = null;
    await dropped.catch(() => undefined);
    if (token) await this.link.call(() => this.service.logout(token)).catch(() => undefined);
  }

  // --- connection and events ---

  connect(session: Session): void {
    this.session = session;
    this.wantConnected = session;
    void this.establish(session);
  }

  /**
   * The port's disconnect() returns nothing; this one also resolves once the
   * backend has dropped the connection (presence and last seen written), for
   * callers that hold a ServiceTransport. `reason` is the offline state's: the
   * backend ending the connection (its session signed out) says why.
   */
  disconnect(reason = 'Disconnected.'): Promise<void> {
    this.wantConnected = null;
    return this.drop(reason);
  }

  connectionState(): ConnectionState {
    return this.signals.state;
  }

  onConnection(listener: (state: ConnectionState) => void): Unsubscribe {
    return this.signals.onConnection(listener);
  }

  subscribe(listener: (event: ChatEvent) => void): Unsubscribe {
    return this.signals.subscribe(listener);
  }

  /**
   * Stops watching the link too: the transport is done for good. Resolves once
   * the backend has finished every connect and disconnect begun so far (an
   * earlier disconnect() included), so its database can be closed after it.
   */
  async dispose(): Promise<void> {
    this.wantConnected = null;
    this.stopLinkWatch();
    void this.drop('Disconnected.');
    await Promise.allSettled([...this.inFlight]);
  }

  /** The session connect() was asked for and not since disconnected, if any. */
  wantedSession(): Session | null {
    return this.wantConnected;
  }

  /** The session this tab signed in, registered or resumed with, if any. */
  currentSession(): Session | null {
    return this.session;
  }

  /** Drops the connection and makes it again, as after a server restart: the session is checked anew. */
  async reconnect(reason = 'Reconnecting.'): Promise<void> {
    await this.drop(reason);
    if (this.wantConnected) await this.establish(this.wantConnected);
  }

  private setState(state: ConnectionState): void {
    this.signals.setState(state);
  }

  private async establish(session: Session): Promise<void> {
    const attempt = ++this.connectAttempt;
    if (this.connected) return;
    if (!this.link.isOnline()) {
      this.setState(DEVICE_OFFLINE);
      return;
    }
    this.setState({ status: 'connecting' });
    try {
      const user = await this.link.call(() => this.service.authenticate(session.token));
      if (attempt !== this.connectAttempt || this.wantConnected !== session || this.connected) return;
      const connectionId = crypto.randomUUID();
      // Subscribe before announcing presence so nothing published in between is missed.
      const unsubscribe = this.feed.subscribe(user.id, (event) => void this.forward(event, connectionId));
      this.connected = { userId: user.id, connectionId, unsubscribe };
      await this.track(this.service.connect(user.id, connectionId));
      this.setState({ status: 'online' });
    } catch (error) {
      if (attempt !== this.connectAttempt) return;
      const chatError = error instanceof ChatError ? error : new ChatError('INTERNAL');
      if (chatError.code === 'UNAUTHENTICATED') {
        this.wantConnected = null;
        this.setState({ status: 'offline', reason: chatError.message });
        return;
      }
      this.setState({ status: 'offline', reason: chatError.message });
      // A transient failure to connect: try again shortly, as a socket client would.
      this.clock.clearTimeout(this.retryTimer);
      this.retryTimer = this.clock.setTimeout(() => {
        this.retryTimer = null;
        if (this.wantConnected === session && !this.connected) void this.establish(session);
      }, RECONNECT_DELAY_MS);
    }
  }

  private drop(reason: string): Promise<void> {
    this.connectAttempt++;
    this.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const current = this.connected;
    this.connected = null;
    this.setState({ status: 'offline', reason });
    if (!current) return Promise.resolve();
    current.unsubscribe();
    return this.track(this.service.disconnect(current.userId, current.connectionId));
  }

  /** Remembers backend work until it settles; its failure still reaches whoever awaits `work`. */
  private track(work: Promise<void>): Promise<void> {
    this.inFlight.add(work);
    const forget = () => void this.inFlight.delete(work);
    // This handler also keeps a rejection nobody awaits (the port's fire-and-forget disconnect) from going unhandled.
    work.then(forget, forget);
    return work;
  }

  private async forward(event: ChatEvent, connectionId: string): Promise<void> {
    const arrived = await this.link.deliver();
    // An event in flight when the link dropped is lost, as on a real network; catch-up recovers it.
    if (!arrived || this.connected?.connectionId !== connectionId) return;
    this.signals.emit(event);
  }

  // --- requests ---

  private authed<T>(request: (userId: UserId) => Promise<T>): Promise<T> {
    const token = this.session?.token;
    if (!token) return Promise.reject(new ChatError('UNAUTHENTICATED', 'Sign in first.'));
    return this.link.call(async () => request((await this.service.authenticate(token)).id));
  }

  users(): Promise<UserWithPresence[]> {
    return this.authed((me) => this.service.users(me));
  }

  conversations(): Promise<ConversationSummary[]> {
    return this.authed((me) => this.service.conversations(me));
  }

  openDirect(userId: UserId): Promise<Conversation> {
    return this.authed((me) => this.service.openDirect(me, { userId }));
  }

  history(conversationId: ConversationId, query: HistoryQuery): Promise<HistoryPage> {
    return this.authed((me) => this.service.history(me, { conversationId, ...query }));
  }

  bootstrap(): Promise<BootstrapResult> {
    return this.authed((me) => this.service.bootstrap(me));
  }

  catchUp(since: Cursor): Promise<CatchUpResult> {
    return this.authed((me) => this.service.catchUp(me, { since }));
  }

  send(input: SendInput): Promise<Message> {
    return this.authed((me) => this.service.send(me, input));
  }

  editMessage(input: EditInput): Promise<Message> {
    return this.authed((me) => this.service.editMessage(me, input));
  }

  deleteMessage(input: MessageOperation): Promise<Message> {
    return this.authed((me) => this.service.deleteMessage(me, input));
  }

  react(input: ReactInput): Promise<Message> {
    return this.authed((me) => this.service.react(me, input));
  }

  markDelivered(conversationId: ConversationId, uptoSeq: number): Promise<void> {
    return this.authed((me) => this.service.markDelivered(me, { conversationId, uptoSeq }));
  }

  markRead(conversationId: ConversationId, uptoSeq: number): Promise<void> {
    return this.authed((me) => this.service.markRead(me, { conversationId, uptoSeq }));
  }

  setTyping(conversationId: ConversationId, typing: boolean): void {
    this.authed((me) => this.service.setTyping(me, { conversationId, typing })).catch(() => undefined);
  }

  createGroup(input: CreateGroupInput): Promise<Conversation> {
    return this.authed((me) => this.service.createGroup(me, input));
  }

  addMembers(conversationId: ConversationId, userIds: UserId[]): Promise<Conversation> {
    return this.authed((me) => this.service.addMembers(me, { conversationId, userIds }));
  }

  removeMember(conversationId: ConversationId, userId: UserId): Promise<Conversation> {
    return this.authed((me) => this.service.removeMember(me, { conversationId, userId }));
  }

  leaveGroup(conversationId: ConversationId): Promise<void> {
    return this.authed((me) => this.service.leaveGroup(me, { conversationId }));
  }

  renameGroup(conversationId: ConversationId, title: string): Promise<Conversation> {
    return this.authed((me) => this.service.renameGroup(me, { conversationId, title }));
  }

  browseChannels(query: ChannelQuery = {}): Promise<ChannelListing[]> {
    return this.authed((me) => this.service.browseChannels(me, query));
  }

  joinChannel(conversationId: ConversationId): Promise<Conversation> {
    return this.authed((me) => this.service.joinChannel(me, { conversationId }));
  }

  messageInfo(conversationId: ConversationId, seq: number): Promise<MessageInfo> {
    return this.authed((me) => this.service.messageInfo(me, { conversationId, seq }));
  }
}
