import { ChatError } from '../../src/transport/errors';
import { type OnlineSource, windowOnlineSource } from '../../src/transport/onlineSource';
import type { ChatTransport } from '../../src/transport/ChatTransport';
import { TransportSignals } from '../../src/transport/transportSignals';
import type {
  BootstrapResult,
  CatchUpResult,
  ChannelListing,
  ChannelQuery,
  CreateGroupInput,
  EditInput,
  MessageInfo,
  MessageOperation,
  ReactInput,
  ChatEvent,
  ConnectionState,
  Conversation,
  ConversationId,
  ConversationSummary,
  Credentials,
  Cursor,
  HistoryPage,
  HistoryQuery,
  Message,
  Registration,
  SendInput,
  Session,
  Unsubscribe,
  UserId,
  UserWithPresence,
} from '../../src/transport/types';
import type { RouteInput, RouteName, RouteOutput } from '../../src/protocol/http';
import { ApiClient } from '../api/apiClient';
import type { BackoffOptions } from '../../src/protocol/rules/backoff';
import { type EventSourceConstructor, EventStreamClient } from './eventStreamClient';

export interface HttpTransportOptions {
  /** The server's origin; '' for the page's own origin (what MSW answers in msw mode). */
  baseUrl: string;
  fetch?: typeof fetch;
  /** The platform's EventSource in browsers; the `eventsource` package in Node. */
  EventSource?: EventSourceConstructor;
  timeoutMs?: number;
  reconnect?: BackoffOptions;
  /** The device's network state: the window's online/offline events by default, none outside a browser. */
  online?: OnlineSource | null;
}

/** ChatTransport over the HTTP API: fetch for requests, Server-Sent Events for events. */
class HttpTransport implements ChatTransport {
  readonly name = 'http';
  private session: Session | null = null;
  private readonly signals = new TransportSignals();
  private readonly api: ApiClient;
  private readonly stream: EventStreamClient;

  constructor(options: HttpTransportOptions) {
    this.api = new ApiClient(options);
    const EventSourceImpl = options.EventSource ?? (globalThis.EventSource as EventSourceConstructor | undefined);
    if (!EventSourceImpl) throw new Error('No EventSource: pass one (e.g. the `eventsource` package) outside a browser.');
    this.stream = new EventStreamClient({
      api: this.api,
      EventSource: EventSourceImpl,
      backoff: options.reconnect,
      openTimeoutMs: options.timeoutMs,
      online: options.online === undefined ? windowOnlineSource() : options.online,
      onEvent: (event) => {
        this.signals.emit(event);
      },
      onState: (state) => this.setState(state),
    });
  }

  // --- session ---

  async register(input: Registration): Promise<Session> {
    this.session = await this.api.call('register', input);
    return this.session;
  }

  async login(input: Credentials): Promise<Session> {
    this.session = await this.api.call('login', input);
    return this.session;
  }

  async resume(session: Session): Promise<Session> {
    const resumed = await this.api.call('session', {}, session?.token);
    this.session = resumed;
    return resumed;
  }

  async logout(): Promise<void> {
    const token = this.session?.token;
    this.disconnect();
    this.session = null;
    // Signed out here even when the server cannot be told: the token is forgotten either way.
    if (token) await this.api.call('logout', {}, token).catch(() => undefined);
  }

  // --- connection and events ---

  connect(session: Session): void {
    this.session = session;
    this.stream.start(session.token);
  }

  disconnect(): void {
    this.stream.stop();
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

  private setState(state: ConnectionState): void {
    this.signals.setState(state);
  }

  // --- requests ---

  private authed<K extends RouteName>(name: K, input: RouteInput<K>): Promise<RouteOutput<K>> {
    const token = this.session?.token;
    if (!token) return Promise.reject(new ChatError('UNAUTHENTICATED', 'Sign in first.'));
    return this.api.call(name, input, token);
  }

  users(): Promise<UserWithPresence[]> {
    return this.authed('users', {});
  }

  conversations(): Promise<ConversationSummary[]> {
    return this.authed('conversations', {});
  }

  openDirect(userId: UserId): Promise<Conversation> {
    return this.authed('openDirect', { userId });
  }

  history(conversationId: ConversationId, query: HistoryQuery): Promise<HistoryPage> {
    return this.authed('history', { conversationId, ...query });
  }

  bootstrap(): Promise<BootstrapResult> {
    return this.authed('bootstrap', {});
  }

  catchUp(since: Cursor): Promise<CatchUpResult> {
    return this.authed('catchUp', { since });
  }

  send(input: SendInput): Promise<Message> {
    return this.authed('send', input);
  }

  editMessage(input: EditInput): Promise<Message> {
    return this.authed('editMessage', input);
  }

  deleteMessage(input: MessageOperation): Promise<Message> {
    return this.authed('deleteMessage', input);
  }

  react(input: ReactInput): Promise<Message> {
    return this.authed('react', input);
  }

  markDelivered(conversationId: ConversationId, uptoSeq: number): Promise<void> {
    return this.authed('markDelivered', { conversationId, uptoSeq });
  }

  markRead(conversationId: ConversationId, uptoSeq: number): Promise<void> {
    return this.authed('markRead', { conversationId, uptoSeq });
  }

  setTyping(conversationId: ConversationId, typing: boolean): void {
    this.authed('typing', { conversationId, typing }).catch(() => undefined);
  }

  createGroup(input: CreateGroupInput): Promise<Conversation> {
    return this.authed('createGroup', input);
  }

  addMembers(conversationId: ConversationId, userIds: UserId[]): Promise<Conversation> {
    return this.authed('addMembers', { conversationId, userIds });
  }

  removeMember(conversationId: ConversationId, userId: UserId): Promise<Conversation> {
    return this.authed('removeMember', { conversationId, userId });
  }

  leaveGroup(conversationId: ConversationId): Promise<void> {
    return this.authed('leaveGroup', { conversationId });
  }

  renameGroup(conversationId: ConversationId, title: string): Promise<Conversation> {
    return this.authed('renameGroup', { conversationId, title });
  }

  browseChannels(query: ChannelQuery = {}): Promise<ChannelListing[]> {
    return this.authed('browseChannels', query);
  }

  joinChannel(conversationId: ConversationId): Promise<Conversation> {
    return this.authed('joinChannel', { conversationId });
  }

  messageInfo(conversationId: ConversationId, seq: number): Promise<MessageInfo> {
    return this.authed('messageInfo', { conversationId, seq });
  }
}

export function createHttpTransport(options: HttpTransportOptions): ChatTransport {
  return new HttpTransport(options);
}
