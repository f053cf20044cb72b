import type {
  BootstrapResult,
  ChannelListing,
  ChannelQuery,
  CreateGroupInput,
  EditInput,
  MessageOperation,
  ReactInput,
  MessageInfo,
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

  /** Idempotent by clientId: an ack means the message is stored durably. A reply names a seq of the same conversation (INVALID_INPUT otherwise). */
  send(input: SendInput): Promise<Message>;

  // --- message actions: each answers the message as it now is, and is published to the
  // members as a `messageUpdate` change (catch-up carries it). Idempotent by opId.

  /** The author changes the body (FORBIDDEN for anyone else; INVALID_INPUT on a system entry or a deleted message; NOT_FOUND for a seq the conversation does not have). */
  editMessage(input: EditInput): Promise<Message>;
  /** The author deletes it: the body is gone for everyone and a tombstone stays (FORBIDDEN for anyone else, INVALID_INPUT on a system entry). Deleting again changes nothing. */
  deleteMessage(input: MessageOperation): Promise<Message>;
  /** Adds or takes back my emoji (one per person and emoji; at most 20 emoji on a message; not on a deleted message or a system entry). */
  react(input: ReactInput): Promise<Message>;
  /** My device has received messages up to `uptoSeq`; only moves forward. */
  markDelivered(conversationId: ConversationId, uptoSeq: number): Promise<void>;
  /** I have read messages up to `uptoSeq`; only moves forward. */
  markRead(conversationId: ConversationId, uptoSeq: number): Promise<void>;
  /** Ephemeral, fire and forget. */
  setTyping(conversationId: ConversationId, typing: boolean): void;

  // --- groups and channels ---
  // Each answers the group as it now is; a change is also published to the members
  // (and to whoever it removed) as a `conversation` change and a system entry.

  /** I become its owner. Idempotent by clientId. INVALID_INPUT (title, too many members), NOT_FOUND (a member), RATE_LIMITED. */
  createGroup(input: CreateGroupInput): Promise<Conversation>;
  /** Any member adds people (to a private group or a channel); those already in are skipped. FORBIDDEN, NOT_FOUND, INVALID_INPUT (past 256). */
  addMembers(conversationId: ConversationId, userIds: UserId[]): Promise<Conversation>;
  /** The owner removes someone; removing someone already gone changes nothing. FORBIDDEN. */
  removeMember(conversationId: ConversationId, userId: UserId): Promise<Conversation>;
  /** Anyone leaves; the last owner hands the group to the longest-standing member. Leaving again changes nothing. */
  leaveGroup(conversationId: ConversationId): Promise<void>;
  /** The owner renames it (1-80 characters). FORBIDDEN, INVALID_INPUT. */
  renameGroup(conversationId: ConversationId, title: string): Promise<Conversation>;
  /** Public channels I am not in, newest activity first. */
  browseChannels(query?: ChannelQuery): Promise<ChannelListing[]>;
  /** Anyone joins a public channel (FORBIDDEN for a private group); joining again changes nothing. */
  joinChannel(conversationId: ConversationId): Promise<Conversation>;
  /** Who has read, or only received, the message at `seq`, with times. Members only. */
  messageInfo(conversationId: ConversationId, seq: number): Promise<MessageInfo>;
}

/** What main.tsx gets from an adapter module. */
export type TransportFactory = () => ChatTransport | Promise<ChatTransport>;
