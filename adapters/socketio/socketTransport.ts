import { type Socket, io } from 'socket.io-client';
import { z } from 'zod/mini';
import { parseOutput } from '../../src/protocol/parse';
import {
  bootstrapResultSchema,
  catchUpResultSchema,
  chatEventSchema,
  conversationSchema,
  conversationSummarySchema,
  historyPageSchema,
  messageSchema,
  userWithPresenceSchema,
} from '../../src/protocol/schemas';
import { channelListingSchema, messageInfoSchema } from '../../src/protocol/groups';
import {
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SocketRequest,
  ackEnvelopeSchema,
  connectErrorDataSchema,
} from '../../src/protocol/socket';
import { ChatError, isErrorCode } from '../../src/transport/errors';
import { DEVICE_OFFLINE, type OnlineSource, windowOnlineSource } from '../../src/transport/onlineSource';
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
import { ApiClient } from '../api/apiClient';
import { checkPayloadSize } from './payloadSize';

export interface SocketTransportOptions {
  /** The server's base URL, e.g. http://localhost:3001. */
  url: string;
  /** How long a request waits for its acknowledgement before TIMEOUT. */
  ackTimeoutMs?: number;
  /** How long an HTTP auth request may take. */
  httpTimeoutMs?: number;
  /** Reconnection backoff: first delay and cap (Socket.IO adds jitter). */
  reconnectDelayMs?: number;
  reconnectDelayMaxMs?: number;
  /** WebSocket first; long-polling for networks that block it. */
  transports?: ('websocket' | 'polling')[];
  /** The device's network state: the window's online/offline events by default, none outside a browser. */
  online?: OnlineSource | null;
}

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type Payload<E extends SocketRequest> = Parameters<ClientToServerEvents[E]>[0];

const done = z.null();

/**
 * ChatTransport over Socket.IO. Auth is HTTP; everything else is a socket
 * request answered by an acknowledgement. The socket opens on the first
 * request (not counted for presence, no events); connect() makes it live,
 * and every reconnection makes it live again. Catch-up after a reconnection
 * is the client engine's: this adapter reports the state changes.
 *
 * It follows the device's network too: Socket.IO alone notices a dead network
 * only when the heartbeat times out (its client closes on the browser's
 * `offline` event except for a server on `localhost`), and after a drop it
 * waits out its backoff even when the network is back.
 */
class SocketTransport implements ChatTransport {
  readonly name = 'socket';
  /** Sign-up, sign-in, session check and sign-out are HTTP requests, so a session exists before any socket opens with it. */
  private readonly api: ApiClient;
  private readonly ackTimeoutMs: number;
  private session: Session | null = null;
  private socket: ClientSocket | null = null;
  private live = false;
  private readonly signals = new TransportSignals();
  private readonly device: OnlineSource | null;
  private stopWatchingDevice: Unsubscribe | null = null;
  /** Requests waiting for the socket to connect: told at once when it is closed under them. */
  private readonly waiting = new Set<(error: ChatError) => void>();

  constructor(private readonly options: SocketTransportOptions) {
    this.api = new ApiClient({ baseUrl: options.url, timeoutMs: options.httpTimeoutMs });
    this.ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
    this.device = options.online === undefined ? windowOnlineSource() : options.online;
  }

  // --- session ---

  async register(input: Registration): Promise<Session> {
    return this.adopt(await this.api.call('register', input));
  }

  async login(input: Credentials): Promise<Session> {
    return this.adopt(await this.api.call('login', input));
  }

  async resume(session: Session): Promise<Session> {
    if (typeof session?.token !== 'string' || session.token === '') throw new ChatError('UNAUTHENTICATED');
    return this.adopt(await this.api.call('session', {}, session.token));
  }

  async logout(): Promise<void> {
    const token = this.session?.token;
    this.disconnect();
    this.session = null;
    // Signing out locally must work offline too; the server side is best effort then.
    if (token) await this.api.call('logout', {}, token).catch(() => undefined);
  }

  private adopt(session: Session): Session {
    if (this.session?.token !== session.token) this.closeSocket();
    this.session = session;
    return session;
  }

  // --- connection and events ---

  connect(session: Session): void {
    this.adopt(session);
    this.live = true;
    this.stopWatchingDevice ??= this.device?.subscribe(() => this.deviceChanged()) ?? null;
    if (!this.deviceOnline()) return this.setState(DEVICE_OFFLINE);
    const socket = this.ensureSocket(session.token);
    if (socket.connected) void this.goLive(socket);
    else this.setState({ status: 'connecting' });
  }

  disconnect(): void {
    this.stopLive();
    this.closeSocket();
    this.setState({ status: 'offline', reason: 'Disconnected.' });
  }

  private stopLive(): void {
    this.live = false;
    this.stopWatchingDevice?.();
    this.stopWatchingDevice = null;
  }

  private deviceOnline(): boolean {
    return this.device?.online() ?? true;
  }

  private deviceChanged(): void {
    const session = this.session;
    if (!this.live || !session) return;
    if (!this.deviceOnline()) {
      // The socket may sit stalled until its heartbeat times out: give it up now.
      this.closeSocket();
      this.setState(DEVICE_OFFLINE);
    } else if (!this.socket?.connected) {
      // The network is back: a fresh connection now, not at the end of a reconnection backoff.
      this.closeSocket();
      this.connect(session);
    }
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

  /** The socket for requests, opened on first use and again after the server closed it. */
  private ensureSocket(token: string): ClientSocket {
    // `active` is false once the server refused or closed us: Socket.IO will not retry that one.
    if (this.socket?.active) return this.socket;
    this.closeSocket();
    const socket: ClientSocket = io(this.options.url, {
      auth: { token },
      // One connection per transport, as each tab or device has its own.
      forceNew: true,
      transports: this.options.transports ?? ['websocket', 'polling'],
      // A network that blocks WebSocket still gets through on long-polling.
      tryAllTransports: true,
      reconnectionDelay: this.options.reconnectDelayMs ?? 500,
      reconnectionDelayMax: this.options.reconnectDelayMaxMs ?? 5000,
    });
    socket.on('connect', () => {
      if (this.live) void this.goLive(socket);
    });
    socket.on('connect_error', (error) => {
      if (!this.live) return;
      const refused = refusal(error);
      if (refused?.code === 'UNAUTHENTICATED') return this.sessionEnded(refused);
      this.setState({ status: 'offline', reason: 'Cannot reach the server. Retrying…' });
      // Socket.IO retries network failures by itself, but not a refusal by the server: retry that one here.
      if (refused && !socket.active) {
        setTimeout(() => {
          if (this.socket === socket && this.live) socket.connect();
        }, this.options.reconnectDelayMaxMs ?? 5000);
      }
    });
    socket.on('disconnect', (reason) => {
      if (!this.live) return;
      if (reason === 'io server disconnect') this.sessionEnded(new ChatError('UNAUTHENTICATED'));
      else this.setState({ status: 'offline', reason: 'Connection lost. Reconnecting…' });
    });
    socket.io.on('reconnect_attempt', () => {
      if (this.live) this.setState({ status: 'connecting' });
    });
    socket.on('event', (raw) => {
      const parsed = chatEventSchema.safeParse(raw);
      // An event this client cannot read is dropped; catch-up brings durable ones back in a known shape.
      if (!parsed.success || !this.live) return;
      this.signals.emit(parsed.data);
    });
    this.socket = socket;
    return socket;
  }

  private closeSocket(): void {
    const socket = this.socket;
    this.socket = null;
    if (!socket) return;
    for (const abandon of [...this.waiting]) abandon(new ChatError('OFFLINE', 'The connection was closed before it opened.'));
    socket.removeAllListeners();
    socket.io.removeAllListeners();
    socket.disconnect();
  }

  /** Asks the server to count this socket for presence and send it events. */
  private async goLive(socket: ClientSocket): Promise<void> {
    try {
      await this.emit(socket, 'live', {}, done);
      if (this.socket === socket && this.live && socket.connected) this.setState({ status: 'online' });
    } catch (error) {
      if (this.socket !== socket || !this.live) return;
      if (error instanceof ChatError && error.code === 'UNAUTHENTICATED') return this.sessionEnded(error);
      // No answer on a connected socket: start over on a fresh connection.
      this.setState({ status: 'offline', reason: 'The server did not answer. Reconnecting…' });
      socket.disconnect().connect();
    }
  }

  private sessionEnded(error: ChatError): void {
    this.stopLive();
    this.closeSocket();
    this.setState({ status: 'offline', reason: error.message });
  }

  // --- requests ---

  private async request<E extends SocketRequest, S extends z.ZodMiniType>(event: E, payload: Payload<E>, schema: S): Promise<z.output<S>> {
    const token = this.session?.token;
    if (!token) throw new ChatError('UNAUTHENTICATED', 'Sign in first.');
    checkPayloadSize(payload);
    // Not queued behind a connection that cannot open: the caller (the outbox) retries once online.
    if (!this.deviceOnline()) throw new ChatError('OFFLINE', 'You are offline: the request was not sent.');
    const socket = await this.connected(this.ensureSocket(token));
    return this.emit(socket, event, payload, schema);
  }

  private async emit<E extends SocketRequest, S extends z.ZodMiniType>(socket: ClientSocket, event: E, payload: Payload<E>, schema: S): Promise<z.output<S>> {
    // Socket.IO would buffer it until a reconnection and only time out then: say so now instead.
    if (!socket.connected) throw new ChatError('OFFLINE', 'You are offline.');
    let response: unknown;
    try {
      // Socket.IO computes emitWithAck's parameters per literal event name, which a generic E cannot
      // satisfy; Payload<E> keeps the same guarantee for callers of request().
      const timed = socket.timeout(this.ackTimeoutMs) as unknown as { emitWithAck(event: E, payload: Payload<E>): Promise<unknown> };
      response = await timed.emitWithAck(event, payload);
    } catch {
      // Socket.IO rejects the same way for "no answer in time" and "the connection dropped".
      throw socket.connected ? new ChatError('TIMEOUT') : new ChatError('OFFLINE', 'The connection was lost before the server answered.');
    }
    const envelope = ackEnvelopeSchema.safeParse(response);
    if (!envelope.success) throw new ChatError('INTERNAL', `The server sent a malformed answer to "${event}".`);
    if (!envelope.data.ok) {
      const { code, message, details } = envelope.data.error;
      throw isErrorCode(code) ? new ChatError(code, message, details ?? {}) : new ChatError('INTERNAL', message);
    }
    return parseOutput(schema, envelope.data.data, event);
  }

  /** Waits for the socket's connection: the first one, or the next after a drop. */
  private connected(socket: ClientSocket): Promise<ClientSocket> {
    if (socket.connected) return Promise.resolve(socket);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(new ChatError('OFFLINE', 'Could not reach the server. Check your connection.')), this.ackTimeoutMs);
      const onConnect = () => finish();
      const onError = (error: Error) => finish(refusal(error) ?? new ChatError('OFFLINE', 'Could not reach the server. Check your connection.'));
      const finish = (error?: ChatError) => {
        clearTimeout(timer);
        socket.off('connect', onConnect);
        socket.off('connect_error', onError);
        this.waiting.delete(finish);
        if (error) reject(error);
        else resolve(socket);
      };
      this.waiting.add(finish);
      socket.on('connect', onConnect);
      socket.on('connect_error', onError);
    });
  }

  users(): Promise<UserWithPresence[]> {
    return this.request('users', {}, z.array(userWithPresenceSchema));
  }

  conversations(): Promise<ConversationSummary[]> {
    return this.request('conversations', {}, z.array(conversationSummarySchema));
  }

  openDirect(userId: UserId): Promise<Conversation> {
    return this.request('openDirect', { userId }, conversationSchema);
  }

  history(conversationId: ConversationId, query: HistoryQuery): Promise<HistoryPage> {
    return this.request('history', { conversationId, ...query }, historyPageSchema);
  }

  bootstrap(): Promise<BootstrapResult> {
    return this.request('bootstrap', {}, bootstrapResultSchema);
  }

  catchUp(since: Cursor): Promise<CatchUpResult> {
    return this.request('catchUp', { since }, catchUpResultSchema);
  }

  send(input: SendInput): Promise<Message> {
    return this.request('send', input, messageSchema);
  }

  editMessage(input: EditInput): Promise<Message> {
    return this.request('editMessage', input, messageSchema);
  }

  deleteMessage(input: MessageOperation): Promise<Message> {
    return this.request('deleteMessage', input, messageSchema);
  }

  react(input: ReactInput): Promise<Message> {
    return this.request('react', input, messageSchema);
  }

  async markDelivered(conversationId: ConversationId, uptoSeq: number): Promise<void> {
    await this.request('markDelivered', { conversationId, uptoSeq }, done);
  }

  async markRead(conversationId: ConversationId, uptoSeq: number): Promise<void> {
    await this.request('markRead', { conversationId, uptoSeq }, done);
  }

  setTyping(conversationId: ConversationId, typing: boolean): void {
    // Ephemeral: worth nothing later, so it is not queued behind a reconnection.
    if (!this.socket?.connected) return;
    this.request('typing', { conversationId, typing }, done).catch(() => undefined);
  }

  createGroup(input: CreateGroupInput): Promise<Conversation> {
    return this.request('createGroup', input, conversationSchema);
  }

  addMembers(conversationId: ConversationId, userIds: UserId[]): Promise<Conversation> {
    return this.request('addMembers', { conversationId, userIds }, conversationSchema);
  }

  removeMember(conversationId: ConversationId, userId: UserId): Promise<Conversation> {
    return this.request('removeMember', { conversationId, userId }, conversationSchema);
  }

  async leaveGroup(conversationId: ConversationId): Promise<void> {
    await this.request('leaveGroup', { conversationId }, done);
  }

  renameGroup(conversationId: ConversationId, title: string): Promise<Conversation> {
    return this.request('renameGroup', { conversationId, title }, conversationSchema);
  }

  browseChannels(query: ChannelQuery = {}): Promise<ChannelListing[]> {
    return this.request('browseChannels', query, z.array(channelListingSchema));
  }

  joinChannel(conversationId: ConversationId): Promise<Conversation> {
    return this.request('joinChannel', { conversationId }, conversationSchema);
  }

  messageInfo(conversationId: ConversationId, seq: number): Promise<MessageInfo> {
    return this.request('messageInfo', { conversationId, seq }, messageInfoSchema);
  }
}

/** The typed refusal a handshake's connect_error carries, or null for a network failure. */
function refusal(error: Error): ChatError | null {
  const data = connectErrorDataSchema.safeParse((error as Error & { data?: unknown }).data);
  if (!data.success || !isErrorCode(data.data.code)) return null;
  return new ChatError(data.data.code, data.data.message);
}

export function createSocketTransport(options: SocketTransportOptions): ChatTransport {
  return new SocketTransport(options);
}
