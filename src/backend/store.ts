import type {
  Change,
  ChannelListing,
  Conversation,
  ConversationId,
  GroupVisibility,
  MemberRole,
  Message,
  Reaction,
  ReceiptKind,
  SystemEntry,
  User,
  UserId,
} from '../transport/types';

/** A stored account: the public user plus what only the backend sees. */
export interface UserRecord extends User {
  /** Lower-cased; unique. */
  username: string;
  email: string;
  passwordHash: string;
  createdAt: string;
  lastSeen: string | null;
}

export interface NewMessage {
  id: string;
  conversationId: ConversationId;
  senderId: UserId;
  clientId: string;
  body: string;
  createdAt: string;
  /** A reply: the seq of a message of the same conversation (the store refuses one past its last seq: replyNotInConversation). */
  replyToSeq?: number;
}

/**
 * What an edit, a delete or a reaction leaves of a message (messageActions.ts
 * decides it): everything about it that can change after it was sent. A delete
 * is body '' with deletedAt and no reactions: the store overwrites the body, and
 * keeps no earlier copy anywhere (changes read the message as it now is).
 */
export interface MessageRevision {
  body: string;
  editedAt: string | null;
  deletedAt: string | null;
  reactions: Reaction[];
}

/** One edit, delete or reaction, as the service asks the store to make it. */
export interface MessageRevise {
  conversationId: ConversationId;
  seq: number;
  /** Who acts: must be a member (checked in the store's transaction, as appendMessage does). */
  userId: UserId;
  /** The client's operation id: one (userId, opId) is applied at most once, ever. */
  opId: string;
  /** Pure and synchronous (it runs inside the transaction): the next state, null for none, or throws a ChatError. */
  decide: (message: Message) => MessageRevision | null;
}

export interface ReviseResult {
  /** The message as it now is (stored as 'sent': the service derives the status), with its updateRev. */
  message: Message;
  /** The messageUpdate change stamped, null when nothing changed or the operation was applied before. */
  change: Change | null;
}

/** A direct conversation to create: the store makes it with newDirectConversation. */
export interface NewDirect {
  id: ConversationId;
  /** In any order: the conversation is the same whichever side opens it. */
  memberIds: readonly UserId[];
  createdAt: string;
}

export interface AppendResult {
  /** Stored with status 'sent'; the service derives the status it reports. */
  message: Message;
  /** False when (conversationId, senderId, clientId) was already stored: the earlier message is returned. */
  created: boolean;
  change: Change | null;
  /**
   * When created: the conversation's members as the append found them, inside its transaction (whom its change
   * is published to), so a send needs no read of the conversation before it. Empty when not created.
   */
  recipients: UserId[];
}

/** A group to create: the store makes it with newGroupConversation, its 'created' entry at seq 1. */
export interface NewGroup {
  id: ConversationId;
  /** Unique per creator: a second create with it answers the first group. */
  clientId: string;
  title: string;
  visibility: GroupVisibility;
  createdBy: UserId;
  /** The others, without the creator and without repeats. */
  memberIds: readonly UserId[];
  createdAt: string;
  /** The 'created' entry. */
  entry: GroupEntry;
}

/** A system entry to store as the group's next message (the store gives it its seq and rev). */
export interface GroupEntry {
  id: string;
  /** The actor. */
  senderId: UserId;
  clientId: string;
  /** The entry in words with the names at the time (describeSystemEntry). */
  body: string;
  createdAt: string;
  system: SystemEntry;
}

/** What one change to a group does, as the service's rules decided it from the group the store holds. */
export interface GroupEdit {
  entry: GroupEntry;
  title?: string;
  /** New members: they join at the entry's seq. */
  add?: readonly { userId: UserId; role: MemberRole }[];
  /** Members who leave or are removed: each keeps a Departure. */
  remove?: readonly UserId[];
  /** Members who become owners. */
  promote?: readonly UserId[];
}

/** What editGroup did: the group after it, and its changes (the conversation, then the entry), none for a null edit. */
export interface GroupEditResult {
  conversation: Conversation;
  changes: Change[];
}

/**
 * A member who left a group or was removed from it: they keep the history up
 * to `leftSeq` and the changes up to `leftRev` (their own departure included),
 * nothing after.
 */
export interface Departure {
  conversationId: ConversationId;
  userId: UserId;
  /** The seq of the entry that took them out. */
  leftSeq: number;
  /** The highest rev of that edit. */
  leftRev: number;
  /** The group as it was once they were out: what their list keeps showing. */
  conversation: Conversation;
}

/** When a member's marker first reached a seq: the earliest receipt of `kind` at or past it. */
export interface ReceiptTime {
  userId: UserId;
  kind: ReceiptKind;
  /** null for receipts stored before times were kept. */
  at: string | null;
}

/** What Browse channels asks a store for. */
export interface ChannelQuery {
  userId: UserId;
  /** channelTitleKey of the search; '' for every channel. */
  titleKey: string;
  limit: number;
}

/** A conversation with what its list entry shows, as stored: the service derives statuses and sorts. */
export interface StoredSummary {
  conversation: Conversation;
  /** The message with seq = lastSeq, stored as 'sent'; null while the conversation is empty. */
  lastMessage: Message | null;
  /** Messages above the user's read marker not sent by the user. */
  unreadCount: number;
}

/**
 * Persistence for the backend rules. Every method is atomic on its own: the
 * store guarantees sequence numbers, revs and idempotency keys under
 * concurrency (one transaction each in SQL and Dexie).
 */
export interface Store {
  /** Throws ChatError USERNAME_TAKEN when the lower-cased username exists. */
  createUser(user: UserRecord): Promise<void>;
  getUserById(id: UserId): Promise<UserRecord | undefined>;
  getUserByUsername(username: string): Promise<UserRecord | undefined>;
  listUsers(): Promise<UserRecord[]>;
  setLastSeen(id: UserId, lastSeen: string): Promise<void>;

  /**
   * The one conversation whose members are exactly `memberIds`, created the
   * first time as newDirectConversation(input) makes it (that is also what
   * its change carries, then and in every later catch-up).
   */
  getOrCreateDirect(input: NewDirect): Promise<{ conversation: Conversation; change: Change | null }>;
  getConversation(id: ConversationId): Promise<Conversation | undefined>;
  listConversations(userId: UserId): Promise<Conversation[]>;

  /**
   * Stores a message with the next seq and rev, unless (conversationId,
   * senderId, clientId) exists: a client id is a sender's within one
   * conversation, so one reused in another conversation is a new message there.
   * FORBIDDEN when the sender is not a member, checked in the same transaction
   * as the append (serialized with editGroup on the conversation), so a
   * removal is either wholly before the message or after it; NOT_FOUND when
   * there is no such conversation.
   */
  appendMessage(message: NewMessage): Promise<AppendResult>;
  /**
   * An edit, delete or reaction, atomically: when (userId, opId) was applied before, the message as it
   * now is and no change (decide does not run); else FORBIDDEN when userId is not a member, NOT_FOUND
   * when no message has that seq, then decide on the message as stored. A revision is written over the
   * message row (body, editedAt, deletedAt, reactions) with a new rev as its updateRev, and stamped as a
   * `messageUpdate` change that refers to the message (catch-up reads the message as it then is). The
   * operation id is recorded whether or not anything changed.
   */
  reviseMessage(input: MessageRevise): Promise<ReviseResult>;
  /** Newest first, at most `limit`, with seq < beforeSeq when given. */
  history(conversationId: ConversationId, beforeSeq: number | undefined, limit: number): Promise<Message[]>;
  /**
   * The user's conversations as their list shows them: each with its newest
   * message and the user's unread count, without reading the histories (the
   * newest message by its seq; the unread count by unreadAbove(), which needs
   * only the user's own messages above their read marker, counted on an index).
   */
  listSummaries(userId: UserId): Promise<StoredSummary[]>;

  /**
   * Moves a member's marker forward to min(uptoSeq, lastSeq). Returns the
   * changes made (a read also moves delivered), empty when nothing moved or
   * when the user is not a member (checked in the same transaction).
   */
  advanceMarker(conversationId: ConversationId, userId: UserId, kind: ReceiptKind, uptoSeq: number, at: string): Promise<Change[]>;
  /**
   * Each member's earliest receipt of each kind that covers `seq`: as markers
   * only move forward, the one with the lowest uptoSeq at or past it, found
   * by one index seek per member and kind (a receipt index by conversation,
   * user, kind and uptoSeq), not by reading the conversation's receipts.
   */
  receiptTimes(conversationId: ConversationId, seq: number): Promise<ReceiptTime[]>;

  /**
   * Creates the group as newGroupConversation(input) makes it, with its
   * 'created' entry (seq 1) and changes, unless the creator already made one
   * with this clientId: then that group as it now is, created false, no changes.
   */
  createGroup(input: NewGroup): Promise<{ conversation: Conversation; created: boolean; changes: Change[] }>;
  /**
   * One change to a group, atomically: `decide` (pure and synchronous: it runs
   * inside the store's transaction) sees the group as stored and returns the
   * edit, null for nothing to do, or throws a ChatError to refuse. The store
   * applies it with applyGroupEdit, appends the entry with the next seq,
   * records a Departure for each removed member, and stamps two changes: the
   * conversation as it now is, then the entry. NOT_FOUND when no such group.
   */
  editGroup(conversationId: ConversationId, decide: (group: Conversation) => GroupEdit | null): Promise<GroupEditResult>;
  /** The groups the user has left or been removed from (and not rejoined). */
  listDepartures(userId: UserId): Promise<Departure[]>;
  /**
   * Browse channels: the public groups `userId` is not in whose title key
   * (channelTitleKey) contains `titleKey`, the newest activity first (the time
   * of the group's newest message, kept on the group), then the higher id; at
   * most `limit`. Walked on an index in that order, stopping at `limit`, with
   * no history read.
   */
  browseChannels(query: ChannelQuery): Promise<ChannelListing[]>;

  /** Changes in the given conversations with rev > since, ascending, at most `limit`. */
  changesSince(conversationIds: ConversationId[], since: number, limit: number): Promise<Change[]>;
  /**
   * A horizon H (0 when none): every change with rev <= H is committed, visible to any later read,
   * or will never exist. Catch-up never moves a cursor past it. Stores whose revs become visible in
   * commit order (memory, Dexie, SQLite) return the highest rev stamped; PostgreSQL, whose revs
   * can commit out of order, the highest below every write still in flight.
   */
  currentRev(): Promise<number>;

  close?(): Promise<void>;
}
