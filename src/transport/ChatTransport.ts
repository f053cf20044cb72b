import type {
  BootstrapResult,
  CatchUpResult,
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
} from './types';

/**
 * The port between the app and any backend. Every method that talks to the
 * backend rejects with a ChatError carrying one of ERROR_CODES.
 */
export interface ChatTransport {
  /** A short name for logs and the UI ("sim", "http", "socket"). */
  readonly name: string;

  /** USERNAME_TAKEN, INVALID_INPUT. */
  register(input: Registration): Promise<Session>;
  /** INVALID_CREDENTIALS, RATE_LIMITED. */
  login(input: Credentials): Promise<Session>;
  /** Checks a stored session; UNAUTHENTICATED when it is no longer valid. */
  resume(session: Session): Promise<Session>;
  /** Ends the session on the backend and disconnects. */
  logout(): Promise<void>;

  /** Starts the event flow for a session; presence shows the user online. */
  connect(session: Session): void;
  /** Stops events; the user's presence drops when no other connection remains. */
  disconnect(): void;
  connectionState(): ConnectionState;
  onConnection(listener: (state: ConnectionState) => void): Unsubscribe;
  subscribe(listener: (event: ChatEvent) => void): Unsubscribe;

  users(): Promise<UserWithPresence[]>;
  conversations(): Promise<ConversationSummary[]>;
  /**
   * A device's first sync in one round trip: the conversation summaries, the
   * directory and the cursor they are current to; catchUp(cursor) then brings
   * every later change. History is not included: ask for pages with history().
   */
  bootstrap(): Promise<BootstrapResult>;
  /** The 1:1 conversation with a user, created on first use and the same ever after. */
  openDirect(userId: UserId): Promise<Conversation>;
  history(conversationId: ConversationId, query: HistoryQuery): Promise<HistoryPage>;
  /** Every durable change in my conversations after `since`, in rev order. */
  catchUp(since: Cursor): Promise<CatchUpResult>;

  /** Idempotent by clientId: an ack means the message is stored durably. */
  send(input: SendInput): Promise<Message>;
  /** My device has received messages up to `uptoSeq`; only moves forward. */
  markDelivered(conversationId: ConversationId, uptoSeq: number): Promise<void>;
  /** I have read messages up to `uptoSeq`; only moves forward. */
  markRead(conversationId: ConversationId, uptoSeq: number): Promise<void>;
  /** Ephemeral, fire and forget. */
  setTyping(conversationId: ConversationId, typing: boolean): void;
}

/** What main.tsx gets from an adapter module. */
export type TransportFactory = () => ChatTransport | Promise<ChatTransport>;
