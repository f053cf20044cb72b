import type {
  Change,
  Conversation,
  ConversationId,
  GroupVisibility,
  MemberRole,
  Message,
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
   */
  appendMessage(message: NewMessage): Promise<AppendResult>;
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
   * changes made (a read also moves delivered), empty when nothing moved.
   */
  advanceMarker(conversationId: ConversationId, userId: UserId, kind: ReceiptKind, uptoSeq: number, at: string): Promise<Change[]>;
  /** Each member's earliest receipt of each kind that covers `seq`. */
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
  /** Every public group. */
  listPublicGroups(): Promise<Conversation[]>;

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
