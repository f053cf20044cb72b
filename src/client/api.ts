/**
 * The client engine's public face: what the UI (src/features, src/ui) may use.
 * The UI reads views derived from the local cache and calls actions; it never
 * sees Dexie or an adapter. Agreed between the engine and the UI: extend it,
 * but change a member only together with its users.
 */
import type {
  ChannelListing,
  ChatError,
  ConnectionState,
  ConversationId,
  Credentials,
  GroupVisibility,
  MemberRole,
  MessageStatus,
  Registration,
  SystemEntry,
  Session,
  UserId,
  UserWithPresence,
} from '../transport';
import type { MessageInfoResult, NewGroup } from './groups/groupOps';

export interface MessageView {
  /** Stable from the first keystroke to the ack: the React key. */
  clientId: string;
  /** The server's id, once acknowledged. */
  id: string | null;
  conversationId: ConversationId;
  senderId: UserId;
  body: string;
  /** The server's time once acknowledged, the local time before. */
  createdAt: string;
  /** null while pending or failed. */
  seq: number | null;
  /** For my messages the tick state; for others' always 'sent' or better. */
  status: MessageStatus;
  mine: boolean;
  /** Why a failed message failed, in words a person can read. */
  error: { code: ChatError['code']; message: string } | null;
  /** A group's system entry ("Maya added Leo"): put it in words with describeEntry; null for a message someone wrote. */
  system: SystemEntry | null;
  /** A reply: the message it answers, as this device has it; null when it is not a reply. */
  replyTo: ReplyQuoteView | null;
  /** When its author last changed it ("edited", the time in its title); null when never. */
  editedAt: string | null;
  /** Its author deleted it: the body is gone (''), the UI says "This message was deleted". */
  deleted: boolean;
  /** Emoji reactions, each emoji in the order it was first used; empty when none. */
  reactions: ReactionView[];
  /** An edit, delete or reaction of mine is on its way: it shows already, and goes back if refused. */
  saving: boolean;
  /** My last action on it was refused and undone: which, and why in words, until my next action on it. */
  actionError: MessageActionError | null;
}

/** What a message actions act on: the message from the first keystroke on (a MessageView is one). */
/** What signing out would throw away: my messages not sent yet, and my edits, deletes and reactions not yet made. */
export interface UnsentCount {
  messages: number;
  changes: number;
}

export interface MessageRef {
  conversationId: ConversationId;
  senderId: UserId;
  clientId: string;
}

/** The message a reply answers, for its quote. */
export interface ReplyQuoteView {
  seq: number;
  /**
   * False while this device does not hold that message (it is older than what was loaded): the quote
   * says "Message" until it comes, and jumping to it (MessagesWindow.jumpTo) loads it.
   */
  available: boolean;
  senderId: UserId | null;
  /** Its words now ('' when deleted or not available). */
  body: string;
  /** Deleted since: the quote says "Original message was deleted". */
  deleted: boolean;
}

export interface ReactionView {
  emoji: string;
  count: number;
  /** I am among them (the chip is highlighted and toggles mine off). */
  mine: boolean;
  /** Who reacted, in order, for the chip's accessible name and title. */
  userIds: UserId[];
}

export type MessageAction = 'edit' | 'delete' | 'react';

export interface MessageActionError {
  action: MessageAction;
  code: ChatError['code'];
  /** The reason, in words a person can read. */
  message: string;
}

export interface GroupMemberView {
  user: UserWithPresence;
  role: MemberRole;
}

/** A group as the header, the members panel and the list show it. */
export interface GroupView {
  title: string;
  visibility: GroupVisibility;
  /** Owners first, then by name; me among them while I am in it. */
  members: GroupMemberView[];
  /** Members online now, me included when I am. */
  onlineCount: number;
  /** My role; null once I have left or been removed (the history stays, read-only). */
  myRole: MemberRole | null;
  /** What I may do here, by the group's rules. */
  canAddMembers: boolean;
  canRemoveMembers: boolean;
  canRename: boolean;
  /** A change of mine to it is on its way (it shows already). */
  saving: boolean;
}

export interface ConversationView {
  id: ConversationId;
  kind: 'direct' | 'group';
  /** What to call it: the other person's name, or the group's title. */
  title: string;
  /** The other member of a direct conversation; for a group, the group as a name and a colour (no presence). */
  peer: UserWithPresence;
  /** Present exactly for a group. */
  group: GroupView | null;
  lastMessage: MessageView | null;
  unreadCount: number;
  /** ISO time of the last message, or of creation when empty: the sort key. */
  lastActivityAt: string;
  /** The unsent draft, if any, for a "Draft:" preview. */
  draft: string;
  /** My read marker: messages with seq above it and not mine are unread. */
  readSeq: number;
}

export type SessionState =
  | { status: 'restoring' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; session: Session };

/** How far this device's sync is, for the list to say so rather than look empty. */
export interface SyncView {
  /**
   * 'reading' while the cache is read; 'first-sync' until this device has synced the account once
   * (an empty list then means "not yet", not "none"); 'synced' after.
   */
  status: 'reading' | 'first-sync' | 'synced';
  /** Long sync work counted in steps (3 of 20 conversations stored); null when there is none. */
  progress: { done: number; total: number } | null;
}

export interface MessagesWindow {
  /**
   * Ascending: a stretch of the history from the cache, and my pending and failed messages at the
   * end while it reaches the newest. It opens with the newest page, or around the first unread one
   * however many are unread; it grows a page at a time at either end as the person scrolls, and
   * holds at most a few pages around what is on screen (see `showing`).
   */
  messages: MessageView[];
  /** True until the window has opened (the cache read, and what it lacked around the first unread fetched). */
  opening: boolean;
  /** Older messages exist beyond the window (locally or on the server). */
  hasOlder: boolean;
  /**
   * Older messages exist that only the server has and this device is not online: the window opened
   * offline lacks its own top. Nothing is fetched (loadOlder does nothing) until it is back online.
   */
  olderNeedNetwork: boolean;
  loadingOlder: boolean;
  /** Why the last attempt to load older messages failed (its code, for the UI to say it in the reader's language, and the English words), until the next attempt. */
  olderError: { code: ChatError['code']; message: string } | null;
  /** Extends the window by one page, fetching from the server when the cache runs out; a failure lands in olderError. */
  loadOlder(): Promise<void>;
  /** Newer messages exist beyond the window: it does not reach the newest (many unread, or pages let go). */
  hasNewer: boolean;
  loadingNewer: boolean;
  /** Why the last attempt to load newer messages failed, until the next attempt. */
  newerError: { code: ChatError['code']; message: string } | null;
  /** Extends the window by one newer page; once it reaches the newest, new messages join it as they come. */
  loadNewer(): Promise<void>;
  /** Opens the window again at the newest page (with `epoch` one more). */
  jumpToLatest(): Promise<void>;
  /**
   * The list shows the messages from `fromSeq` to `toSeq`: the window keeps a page on either side and
   * lets the rest go. `starts`: seqs the list can begin at with its first rows unchanged (a day's first
   * message), where the window prefers to let the top go, so nothing above the screen changes height.
   */
  showing(fromSeq: number, toSeq: number, starts?: readonly number[]): void;
  /** 0 where the window opened; one more on each jump to the latest, where the list starts afresh at the bottom. */
  epoch: number;
  /** The seq of the first unread message when the window opened, for "open at first unread". */
  firstUnreadSeq: number | null;
  /**
   * Opens the window around `seq` (a reply's original), from the cache or the server, with `epoch` one
   * more; resolves once the message is in `messages` (rejects with the reason when it cannot be loaded).
   */
  jumpTo(seq: number): Promise<void>;
  /** The seq `jumpTo` last opened the window at, for the list to scroll to and highlight; null otherwise. */
  focusSeq: number | null;
}

export interface ChatActions {
  register(input: Registration): Promise<Session>;
  signIn(input: Credentials): Promise<Session>;
  /**
   * Ends the session and deletes this user's local database, unsent messages
   * included (ask first: countUnsent). Every other tab of this user signs out with it.
   */
  signOut(): Promise<void>;
  /** What of mine has not reached the server yet, from any of my tabs: messages (pending or failed) and changes (edits, deletes, reactions); none when signed out. */
  countUnsent(): Promise<UnsentCount>;

  /**
   * The person is looking through the directory (the search field): fetch it
   * again, so someone who joined since is found. Presence reaches only people
   * who share a conversation, so the directory is how strangers are seen.
   */
  browseDirectory(): void;
  /** The direct conversation with `userId`, created if needed; resolves its id. */
  openDirect(userId: UserId): Promise<ConversationId>;
  /** Optimistic: the message shows at once as pending; resolves its clientId. `replyToSeq`: the message it answers. */
  send(conversationId: ConversationId, body: string, options?: { replyToSeq?: number }): Promise<string>;

  // --- message actions: offline like sending (queued durably, sent once, in order per message);
  // each shows at once and, refused, is undone with the reason on the message (actionError) ---

  /** My message's new body. A message not yet sent is sent with it instead. */
  editMessage(message: MessageRef, body: string): Promise<void>;
  /** My message, for everyone (ask first). A message not yet sent is simply not sent; a queued edit of it is dropped. */
  deleteMessage(message: MessageRef): Promise<void>;
  /** Adds (on) or takes back my emoji on a sent message. */
  react(message: MessageRef, emoji: string, on: boolean): Promise<void>;
  retry(clientId: string): Promise<void>;
  /** Deletes a failed (never delivered) message. */
  discard(clientId: string): Promise<void>;
  setDraft(conversationId: ConversationId, text: string): void;
  /** Call while the user types; the engine throttles and stops typing by itself. */
  typing(conversationId: ConversationId): void;
  /** The conversation on screen (null when none): read markers follow it while the page is visible. */
  setActiveConversation(conversationId: ConversationId | null): void;
  /** Messages up to `seq` in the active conversation were on screen. */
  reached(conversationId: ConversationId, seq: number): void;

  // --- groups and channels: they need the network (OFFLINE at once without it) ---

  /** A new group, with me as its owner; resolves its id. Tried again on a passing failure, still one group. */
  createGroup(input: NewGroup): Promise<ConversationId>;
  addMembers(conversationId: ConversationId, userIds: UserId[]): Promise<void>;
  /** Shown at once; put back if refused (the promise rejects with the reason). */
  removeMember(conversationId: ConversationId, userId: UserId): Promise<void>;
  /** Shown at once; put back if refused. The history stays on this device, read-only. */
  leaveGroup(conversationId: ConversationId): Promise<void>;
  /** Shown at once; put back if refused. */
  renameGroup(conversationId: ConversationId, title: string): Promise<void>;
  /** Public channels I am not in whose title contains `search`, newest activity first. */
  browseChannels(search: string): Promise<ChannelListing[]>;
  /** Joins a public channel; resolves its id once it is on this device. */
  joinChannel(conversationId: ConversationId): Promise<ConversationId>;
  /** Who has read my message at `seq`, who has only received it, with times (offline: from this device's markers, without). */
  messageInfo(conversationId: ConversationId, seq: number): Promise<MessageInfoResult>;
}

export type { ChannelListing, MessageInfoResult, NewGroup };

export type { ConnectionState, UserWithPresence };
