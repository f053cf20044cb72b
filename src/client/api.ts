/**
 * The client engine's public face: what the UI (src/features, src/ui) may use.
 * The UI reads views derived from the local cache and calls actions; it never
 * sees Dexie or an adapter. Agreed between the engine and the UI: extend it,
 * but change a member only together with its users.
 */
import type {
  ChatError,
  ConnectionState,
  ConversationId,
  Credentials,
  MessageStatus,
  Registration,
  Session,
  UserId,
  UserWithPresence,
} from '../transport';

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
}

export interface ConversationView {
  id: ConversationId;
  /** The other member of a direct conversation. */
  peer: UserWithPresence;
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
  /** This device has not synced the account yet: an empty list means "not yet", not "none". */
  firstSync: boolean;
  /** Long sync work counted in steps (3 of 20 conversations stored); null when there is none. */
  progress: { done: number; total: number } | null;
}

export interface MessagesWindow {
  /**
   * Ascending: history from the cache plus my pending and failed messages at the end. It opens
   * with the newest page, reaching back to a few messages before the first unread one however
   * many are unread; new messages join at the end and older pages at the start.
   */
  messages: MessageView[];
  /** True until the window has opened (the cache read, and what it lacked up to the first unread fetched). */
  opening: boolean;
  /** Older messages exist beyond the window (locally or on the server). */
  hasOlder: boolean;
  loadingOlder: boolean;
  /** Why the last attempt to load older messages failed (a sentence for people), until the next attempt. */
  olderError: string | null;
  /** Extends the window by one page, fetching from the server when the cache runs out; a failure lands in olderError. */
  loadOlder(): Promise<void>;
  /** The seq of the first unread message when the window opened, for "open at first unread". */
  firstUnreadSeq: number | null;
}

export interface ChatActions {
  register(input: Registration): Promise<Session>;
  signIn(input: Credentials): Promise<Session>;
  /**
   * Ends the session and deletes this user's local database, unsent messages
   * included (ask first: countUnsent). Every other tab of this user signs out with it.
   */
  signOut(): Promise<void>;
  /** How many of my messages are not sent yet (pending or failed, from any of my tabs); 0 when signed out. */
  countUnsent(): Promise<number>;

  /** The direct conversation with `userId`, created if needed; resolves its id. */
  openDirect(userId: UserId): Promise<ConversationId>;
  /** Optimistic: the message shows at once as pending; resolves its clientId. */
  send(conversationId: ConversationId, body: string): Promise<string>;
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
}

export type { ConnectionState, UserWithPresence };
