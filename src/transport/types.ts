// Domain types shared by every layer. Times are ISO-8601 strings so they cross
// JSON, IndexedDB and SQL unchanged.

export type UserId = string;
export type ConversationId = string;
export type MessageId = string;
export type ClientId = string;
/** The server-wide change number of the last change a client applied. */
export type Cursor = number;

export type Presence = 'online' | 'offline';

export interface User {
  id: UserId;
  username: string;
  displayName: string;
  avatarColor: string;
}

export interface UserWithPresence extends User {
  presence: Presence;
  /** When the user was last connected; null if never. */
  lastSeen: string | null;
}

export interface Session {
  token: string;
  user: User;
}

export interface Registration {
  username: string;
  email: string;
  password: string;
  displayName?: string;
}

export interface Credentials {
  username: string;
  password: string;
}

/** What the server knows about a message. */
export type ServerMessageStatus = 'sent' | 'delivered' | 'read';
/** `pending` and `failed` exist only on the sending client. */
export type MessageStatus = 'pending' | ServerMessageStatus | 'failed';

export interface Message {
  id: MessageId;
  clientId: ClientId;
  conversationId: ConversationId;
  senderId: UserId;
  body: string;
  createdAt: string;
  /** Order inside the conversation, from 1, without gaps. */
  seq: number;
  status: ServerMessageStatus;
}

export interface ConversationMember {
  userId: UserId;
  /** Highest seq this member's device has received. */
  deliveredSeq: number;
  /** Highest seq this member has read. */
  readSeq: number;
}

export interface Conversation {
  id: ConversationId;
  kind: 'direct';
  members: ConversationMember[];
  createdAt: string;
  /** Highest seq stored in the conversation (0 when empty). */
  lastSeq: number;
}

export interface ConversationSummary extends Conversation {
  lastMessage: Message | null;
  unreadCount: number;
}

export interface HistoryPage {
  /** Ascending by seq. */
  messages: Message[];
  /** True when messages older than the first one exist. */
  hasMore: boolean;
}

export interface HistoryQuery {
  beforeSeq?: number;
  limit: number;
}

export type ReceiptKind = 'delivered' | 'read';

/** Durable changes: each carries the server-wide `rev` it was stamped with. */
export type Change =
  | { type: 'message'; rev: number; message: Message }
  | {
      type: 'receipt';
      rev: number;
      conversationId: ConversationId;
      userId: UserId;
      kind: ReceiptKind;
      uptoSeq: number;
    }
  | { type: 'conversation'; rev: number; conversation: Conversation };

export interface CatchUpResult {
  changes: Change[];
  cursor: Cursor;
  /** More changes remain after `cursor`: call again. */
  hasMore: boolean;
}

/** What a device that has never synced starts from, in one answer. */
export interface BootstrapResult {
  /** Newest activity first, each with its last message and my unread count. */
  conversations: ConversationSummary[];
  /** The directory, with presence: whom the list names, and whom search finds. */
  users: UserWithPresence[];
  /** The server's horizon when the summaries were read: catch up from it, and nothing is skipped. */
  cursor: Cursor;
}

/** Ephemeral events: not stored, not replayed by catch-up. */
export type EphemeralEvent =
  | { type: 'presence'; userId: UserId; presence: Presence; lastSeen: string | null }
  | { type: 'typing'; conversationId: ConversationId; userId: UserId; typing: boolean };

export type ChatEvent = Change | EphemeralEvent;

export type ConnectionStatus = 'online' | 'connecting' | 'offline';

export interface ConnectionState {
  status: ConnectionStatus;
  /** Why we are not online, in words a person can read. */
  reason?: string;
}

export interface SendInput {
  conversationId: ConversationId;
  clientId: ClientId;
  body: string;
}

export type Unsubscribe = () => void;
