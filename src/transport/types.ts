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
  /** Who wrote it; for a system entry, who did what it records (the actor). */
  senderId: UserId;
  /** What was written; for a system entry, the same in plain English with the names at the time (a fallback: show `system`). */
  body: string;
  createdAt: string;
  /** Order inside the conversation, from 1, without gaps. */
  seq: number;
  status: ServerMessageStatus;
  /** Present on a group's system entries only ("Maya added Leo"): what happened, for the UI to put in words. */
  system?: SystemEntry;
  /** A reply: the seq of the message of the same conversation it answers (which may since have been deleted). */
  replyToSeq?: number;
  /** When its author last changed its body; absent when never edited. */
  editedAt?: string;
  /** When its author deleted it: the body is '' (gone from the store, not hidden) and it has no reactions. */
  deletedAt?: string;
  /** Emoji reactions, each emoji in the order it was first used, its people in the order they reacted; absent when none. */
  reactions?: Reaction[];
  /**
   * The rev of the message's latest edit, delete or reaction; absent when none since it was sent.
   * A device keeps the state with the higher updateRev, so a late or replayed answer never undoes a newer one.
   */
  updateRev?: number;
}

/** One emoji on a message and who put it there (one per person and emoji). */
export interface Reaction {
  /** One grapheme of the Unicode emoji set (isReactionEmoji). */
  emoji: string;
  userIds: UserId[];
}

/**
 * A group's timeline entry for a change of membership or title. The actor is
 * the message's senderId; the entry is durable, with a seq and a rev, so
 * catch-up and history carry it like a message.
 */
export type SystemEntry =
  /** The actor created the group titled `title` with `memberIds` (the others) in it. */
  | { type: 'created'; title: string; memberIds: UserId[] }
  /** The actor added `userIds`. */
  | { type: 'added'; userIds: UserId[] }
  /** The actor removed `userId`. */
  | { type: 'removed'; userId: UserId }
  /** The actor left; `newOwnerId` took over when the last owner left, else null. */
  | { type: 'left'; newOwnerId: UserId | null }
  /** The actor joined a public channel. */
  | { type: 'joined' }
  /** The actor renamed the group to `title`. */
  | { type: 'renamed'; title: string };

export type SystemEntryType = SystemEntry['type'];

export type ConversationKind = 'direct' | 'group';
/** private: members add members; public: a channel anyone on the team can find and join. */
export type GroupVisibility = 'private' | 'public';
export type MemberRole = 'owner' | 'member';

export interface ConversationMember {
  userId: UserId;
  /** Highest seq this member's device has received. */
  deliveredSeq: number;
  /** Highest seq this member has read. */
  readSeq: number;
  /** Groups only: what the member may do (absent in a direct conversation). */
  role?: MemberRole;
  /**
   * Groups only: the seq of the entry that brought the member in (0 for the
   * founders). Receipts of messages up to it leave the member out: they were
   * not there when it was sent. Absent means 0.
   */
  joinedSeq?: number;
}

/** What a group has besides its members. */
export interface GroupInfo {
  /** 1-80 characters. */
  title: string;
  visibility: GroupVisibility;
  createdBy: UserId;
}

export interface Conversation {
  id: ConversationId;
  kind: ConversationKind;
  /** Who is in it now (a group's departed members are not). */
  members: ConversationMember[];
  createdAt: string;
  /** Highest seq stored in the conversation (0 when empty). */
  lastSeq: number;
  /** Present exactly when kind is 'group'. */
  group?: GroupInfo;
}

export interface CreateGroupInput {
  /** Makes the create idempotent: a retry with the same client id answers the group made first. */
  clientId: ClientId;
  title: string;
  visibility: GroupVisibility;
  /** The others to add (the creator is the owner and always in it); may be empty. */
  memberIds: UserId[];
}

/** A public channel as Browse channels lists it. */
export interface ChannelListing {
  id: ConversationId;
  title: string;
  memberCount: number;
  createdBy: UserId;
  createdAt: string;
  /** When its newest message or entry came (createdAt while empty). */
  lastActivityAt: string;
}

export interface ChannelQuery {
  /** Matches titles containing it, ignoring case; all channels when absent or blank. */
  search?: string;
  limit?: number;
}

/** One member's receipt of a message: when it happened, null when the backend does not know (marked before times were kept). */
export interface MessageReceipt {
  userId: UserId;
  at: string | null;
}

/** Who has a message: every member but its sender who was in the conversation when it was sent. */
export interface MessageInfo {
  conversationId: ConversationId;
  seq: number;
  /** Read it, earliest first. */
  read: MessageReceipt[];
  /** Their device has it, not yet read, earliest first. */
  delivered: MessageReceipt[];
  /** Neither yet. */
  pending: UserId[];
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
  | { type: 'conversation'; rev: number; conversation: Conversation }
  /** A message edited, deleted or reacted to: the message as it now is (never an earlier body: stores keep none). */
  | { type: 'messageUpdate'; rev: number; message: Message };

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
  /** A reply to the message with this seq in the same conversation. */
  replyToSeq?: number;
}

/**
 * What edit, delete and react act on, and the client's id for the operation:
 * an operation id is applied at most once, so a retry answers what the first
 * made of the message (and undoes nothing done after it).
 */
export interface MessageOperation {
  conversationId: ConversationId;
  seq: number;
  opId: ClientId;
}

/** The author changes the body; the seq stays, `editedAt` is set. */
export interface EditInput extends MessageOperation {
  body: string;
}

/** Adds (`on`) or takes back my `emoji` on a message. */
export interface ReactInput extends MessageOperation {
  emoji: string;
  on: boolean;
}

export type Unsubscribe = () => void;
