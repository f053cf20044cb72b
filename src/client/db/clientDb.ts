import Dexie, { type Table } from 'dexie';
import type { ChatError, Conversation, ConversationId, MessageStatus, Reaction, SystemEntry, UserId, UserWithPresence } from '../../transport';
import type { MessageActionError } from '../api';
import type { UnreadSummary } from '../rules/unread';

export interface MessageRow {
  /** Primary key with clientId: a message is the same message from the first keystroke to the ack. */
  senderId: UserId;
  clientId: string;
  id: string | null;
  conversationId: ConversationId;
  body: string;
  createdAt: string;
  seq: number | null;
  /** seq once stored; PENDING_BASE + outbox order before, so unsent messages sort after history in send order. */
  sortKey: number;
  status: MessageStatus;
  error: { code: ChatError['code']; message: string } | null;
  /** A group's system entry ("Maya added Leo"): what happened; absent on a message someone wrote. */
  system?: SystemEntry;
  /** A reply: the seq of the message it answers (on my pending reply too). */
  replyToSeq?: number;
  // The server's state of an edited, deleted or reacted-to message: the one with the higher updateRev
  // wins (rules/merge.ts), so a late answer or event never undoes a newer one. My queued operations are
  // not written here: views show them on top (rules/messageOps.ts), and a refused one simply goes.
  editedAt?: string;
  /** Deleted by its author: the body is '' here too (gone from the cache, not hidden). */
  deletedAt?: string;
  reactions?: Reaction[];
  updateRev?: number;
  /** My last operation on it was refused: which and why, until my next one on it. */
  actionError?: MessageActionError;
}

/** Above any real seq (which stays below 2^52), below Number.MAX_SAFE_INTEGER. */
export const PENDING_BASE = 2 ** 52;

export interface ConversationRow extends Conversation {
  /** My read marker as this device wants it; ahead of my member marker until markRead lands. */
  localReadSeq: number;
  /** Highest seq of others' messages this device stored; ahead of my member marker until markDelivered lands. */
  localDeliveredSeq: number;
  /** The server's unread count from its latest summary: it counts the messages this device does not hold. */
  summary?: UnreadSummary;
  /**
   * Groups: the rev of the change that set the members and title this row holds, so a late or
   * replayed change cannot bring a removed member back (0: from an answer or a summary, current when fetched).
   */
  groupRev?: number;
  /** Groups: a change of mine is on its way (rename, remove, leave): what to put back if it is refused. */
  pendingEdit?: PendingGroupEdit;
}

/** The row's group as it was before an optimistic change, to put back on refusal. */
export interface PendingGroupEdit {
  /** Which change: one at a time per group; a second waits for the first's answer. */
  id: string;
  members: Conversation['members'];
  group: NonNullable<Conversation['group']>;
}

/**
 * 'queued': never handed to the server, so it may still be rewritten or dropped (an edit folded into
 * the send, an edit replaced, a reaction taken back). 'sending': handed to the server at least once
 * (claimed by the worker in a transaction before the request): the server may hold it, so it is sent
 * again exactly as it is, never rewritten. 'failed': a send the server refused, waiting for the person.
 */
export type OutboxState = 'queued' | 'sending' | 'failed';

interface OutboxEntry {
  /** Auto-incremented: the order the user acted in; the worker delivers in it, so in order per message. */
  order?: number;
  /** A send's message clientId, or an operation's id (opId): unique either way. */
  clientId: string;
  conversationId: ConversationId;
  state: OutboxState;
  createdAt: string;
}

/** A message to send (rows written before operations existed have no kind). */
export interface SendRow extends OutboxEntry {
  kind?: 'send';
  body: string;
  replyToSeq?: number;
}

/**
 * An edit, delete or reaction of a message, named by the message's key (not its seq): an operation on
 * my message still being sent waits behind its send and finds the seq once the send is acknowledged.
 */
interface OperationEntry extends OutboxEntry {
  targetSenderId: UserId;
  targetClientId: string;
}

export interface EditRow extends OperationEntry {
  kind: 'edit';
  body: string;
}

export interface DeleteRow extends OperationEntry {
  kind: 'delete';
}

export interface ReactRow extends OperationEntry {
  kind: 'react';
  emoji: string;
  on: boolean;
}

export type OperationRow = EditRow | DeleteRow | ReactRow;
export type OutboxRow = SendRow | OperationRow;

export function isOperation(row: OutboxRow): row is OperationRow {
  return row.kind !== undefined && row.kind !== 'send';
}

export interface DraftRow {
  conversationId: ConversationId;
  text: string;
  updatedAt: string;
}

export interface MetaRow {
  /** The catch-up cursor; absent until the device's first sync (its bootstrap) is stored. */
  key: 'cursor';
  value: number;
}

/** The tables as version 1 shipped them: never edited; a change is a version of its own. */
export const CLIENT_TABLES = {
  conversations: 'id',
  messages: '[senderId+clientId], id, [conversationId+sortKey]',
  outbox: '++order, &clientId, conversationId',
  users: 'id',
  meta: 'key',
  drafts: 'conversationId',
} as const;

/** Version 2's change to the tables (Dexie keeps the others as version 1 declared them). */
export const CLIENT_TABLES_V2 = { conversations: 'id, kind' } as const;

/**
 * Version 3's change: the outbox carries operations on messages too (edit, delete, react), found by
 * the message they act on. Rows written before are sends (no kind) and keep every field.
 */
export const CLIENT_TABLES_V3 = { outbox: '++order, &clientId, conversationId, [targetSenderId+targetClientId]' } as const;

/** One signed-in user's local cache: what the UI paints from, with or without a network. */
export class ClientDb extends Dexie {
  conversations!: Table<ConversationRow, ConversationId>;
  messages!: Table<MessageRow, [UserId, string]>;
  outbox!: Table<OutboxRow, number>;
  users!: Table<UserWithPresence, UserId>;
  meta!: Table<MetaRow, MetaRow['key']>;
  drafts!: Table<DraftRow, ConversationId>;

  constructor(name: string) {
    super(name);
    this.version(1).stores(CLIENT_TABLES);
    // Groups and channels: conversations are found by kind (the list's groups); rows written by version 1
    // are all direct conversations and keep every field, so nothing needs rewriting.
    this.version(2).stores(CLIENT_TABLES_V2);
    // Message actions: a new index only; messages gain optional fields, which older rows simply lack.
    this.version(3).stores(CLIENT_TABLES_V3);
  }
}

export function clientDbName(userId: UserId): string {
  return `violetchat-client-${userId}`;
}

export function openClientDb(userId: UserId): ClientDb {
  return new ClientDb(clientDbName(userId));
}

/** Resolves once the database is gone; other tabs' connections close on the deletion (closeWhenDeleted), so it is not left waiting. */
export function deleteClientDb(userId: UserId): Promise<void> {
  return Dexie.delete(clientDbName(userId));
}

/**
 * Another tab deletes this database (its user signed out there): close it at
 * once and for good. Dexie's own handler (which this one runs before, and
 * stops) closes it too, but lets the next query open it again, which would
 * make a new database behind the deletion; closed this way, a late write
 * fails instead. An upgrade is left to Dexie.
 */
export function closeWhenDeleted(db: ClientDb, onDeleted: () => void): void {
  db.on('versionchange', (event: IDBVersionChangeEvent) => {
    if (event.newVersion !== null) return undefined;
    db.close();
    onDeleted();
    return false;
  });
}

/** Every row of one conversation in display order: history by seq, then unsent messages in send order. */
export function conversationRange(db: ClientDb, conversationId: ConversationId, fromSortKey = -Infinity, toSortKey = Infinity) {
  return db.messages.where('[conversationId+sortKey]').between([conversationId, fromSortKey], [conversationId, toSortKey], true, true);
}

/** The queued operations on one message, in the order they were made. */
export function operationsOf(db: ClientDb, senderId: UserId, clientId: string): Promise<OperationRow[]> {
  return db.outbox
    .where('[targetSenderId+targetClientId]')
    .equals([senderId, clientId])
    .sortBy('order') as Promise<OperationRow[]>;
}

/** My message's send, while it is in the outbox (not yet acknowledged). */
export async function sendRowOf(db: ClientDb, clientId: string): Promise<SendRow | undefined> {
  const row = await db.outbox.where('clientId').equals(clientId).first();
  return row && !isOperation(row) ? row : undefined;
}
