import { liveQuery } from 'dexie';
import type { ConversationId, User, UserId, UserWithPresence } from '../transport';
import type { ConversationView, GroupView, MessageView, ReplyQuoteView } from './api';
import { type ClientDb, type ConversationRow, isOperation, type MessageRow, type OperationRow, type OutboxRow, PENDING_BASE, conversationRange } from './db/clientDb';
import { reactionViews, stateOf, withQueuedOps } from './rules/messageOps';
import { groupPermissions } from './rules/groupRoles';
import { memberMarker } from './rules/merge';
import { conversationUnread, effectiveReadSeq } from './rules/unread';
import { messageKey } from './rules/messageKey';

/** A value that changes over time: Dexie's liveQuery fits it, and so does anything with the same shape. */
export interface Observable<T> {
  subscribe(observer: { next(value: T): void; error?(error: unknown): void }): { unsubscribe(): void };
}

/** What a message's view needs besides its row: my queued operations on messages and the messages replies quote. */
export interface MessageContext {
  /** Queued operations per message (messageKey), in order. */
  ops: ReadonlyMap<string, readonly OperationRow[]>;
  /** The message a reply quotes, when this device holds it. */
  quoted(conversationId: ConversationId, seq: number): MessageRow | undefined;
}

const NO_CONTEXT: MessageContext = { ops: new Map(), quoted: () => undefined };

export function toMessageView(row: MessageRow, me: UserId, context: MessageContext = NO_CONTEXT): MessageView {
  const ops = context.ops.get(messageKey(row.senderId, row.clientId)) ?? [];
  const state = withQueuedOps(stateOf(row), ops, me);
  return {
    clientId: row.clientId,
    id: row.id,
    conversationId: row.conversationId,
    senderId: row.senderId,
    body: state.body,
    createdAt: row.createdAt,
    seq: row.seq,
    status: row.status,
    mine: row.senderId === me,
    error: row.error,
    system: row.system ?? null,
    replyTo: row.replyToSeq === undefined ? null : quoteView(row.replyToSeq, context.quoted(row.conversationId, row.replyToSeq), me, context),
    editedAt: state.editedAt,
    deleted: state.deleted,
    reactions: reactionViews(state.reactions, me),
    saving: ops.length > 0,
    actionError: row.actionError ?? null,
  };
}

function quoteView(seq: number, quoted: MessageRow | undefined, me: UserId, context: MessageContext): ReplyQuoteView {
  if (!quoted) return { seq, available: false, senderId: null, body: '', deleted: false };
  const state = withQueuedOps(stateOf(quoted), context.ops.get(messageKey(quoted.senderId, quoted.clientId)) ?? [], me);
  return { seq, available: true, senderId: quoted.senderId, body: state.body, deleted: state.deleted };
}

/**
 * The views of `rows` (of any conversations), with my queued operations on
 * them and the messages their replies quote: the outbox rows and the quoted
 * messages the rows lack, read in one query each.
 */
async function messageViews(db: ClientDb, me: UserId, rows: readonly MessageRow[]): Promise<MessageView[]> {
  if (rows.length === 0) return [];
  const conversationIds = [...new Set(rows.map((row) => row.conversationId))];
  const bySeq = new Map<string, MessageRow>();
  for (const row of rows) if (row.seq !== null) bySeq.set(seqKey(row.conversationId, row.seq), row);
  const wanted = rows.filter((row) => row.replyToSeq !== undefined && !bySeq.has(seqKey(row.conversationId, row.replyToSeq)));
  const [queued, quoted] = await Promise.all([
    db.outbox.where('conversationId').anyOf(conversationIds).toArray(),
    wanted.length === 0 ? [] : db.messages.where('[conversationId+sortKey]').anyOf(wanted.map((row) => [row.conversationId, row.replyToSeq!])).toArray(),
  ]);
  for (const row of quoted) bySeq.set(seqKey(row.conversationId, row.seq!), row);
  const context: MessageContext = { ops: operationsByMessage(queued), quoted: (conversationId, seq) => bySeq.get(seqKey(conversationId, seq)) };
  return rows.map((row) => toMessageView(row, me, context));
}

/** The outbox's operations grouped by the message they act on, each group in order. */
export function operationsByMessage(rows: readonly OutboxRow[]): Map<string, OperationRow[]> {
  const ops = new Map<string, OperationRow[]>();
  for (const row of [...rows].sort((a, b) => a.order! - b.order!)) {
    if (!isOperation(row)) continue;
    const key = messageKey(row.targetSenderId, row.targetClientId);
    const list = ops.get(key);
    if (list) list.push(row);
    else ops.set(key, [row]);
  }
  return ops;
}

function seqKey(conversationId: ConversationId, seq: number): string {
  return `${conversationId}\u0000${seq}`;
}

/** Someone the directory has not told us about yet: shown plainly until it does. */
function unknownUser(id: UserId): UserWithPresence {
  return { id, username: '', displayName: 'Unknown', avatarColor: '#6d28d9', presence: 'offline', lastSeen: null };
}

export function readSeqOf(row: ConversationRow, me: UserId): number {
  return effectiveReadSeq(memberMarker(row, me).readSeq, row.localReadSeq);
}

async function conversationView(db: ClientDb, me: UserId, row: ConversationRow, users: Map<UserId, UserWithPresence>, draft: string): Promise<ConversationView> {
  const readSeq = readSeqOf(row, me);
  // The server's summary counts what the cache lacks: while it matters, the rows above its marker count too.
  const summary = row.summary && readSeq < row.summary.lastSeq ? row.summary : null;
  const [last, cached] = await Promise.all([
    conversationRange(db, row.id).last(),
    conversationRange(db, row.id, Math.min(readSeq, summary?.readSeq ?? readSeq) + 1, PENDING_BASE - 1).toArray(),
  ]);
  const group = row.kind === 'group' && row.group ? groupView(row, me, users) : null;
  const peerId = row.members.find((m) => m.userId !== me)?.userId;
  const peer = group ? groupAsPeer(row.id, group.title) : peerId ? (users.get(peerId) ?? unknownUser(peerId)) : unknownUser('');
  return {
    id: row.id,
    kind: group ? 'group' : 'direct',
    title: peer.displayName,
    peer,
    group,
    lastMessage: last ? ((await messageViews(db, me, [last]))[0] ?? null) : null,
    unreadCount: conversationUnread(cached, me, readSeq, summary),
    lastActivityAt: last?.createdAt ?? row.createdAt,
    draft,
    readSeq,
  };
}

/** Avatar colours for groups: the violet family, picked by the group's id so it keeps its colour. */
const GROUP_COLORS = ['#6d28d9', '#7c3aed', '#5b21b6', '#4338ca', '#9333ea', '#86198f'];

function groupColor(id: ConversationId): string {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return GROUP_COLORS[hash % GROUP_COLORS.length]!;
}

/** A group where a name and a colour are wanted (the list, search, avatars): it has no presence of its own. */
function groupAsPeer(id: ConversationId, title: string): UserWithPresence {
  return { id, username: '', displayName: title, avatarColor: groupColor(id), presence: 'offline', lastSeen: null };
}

function groupView(row: ConversationRow, me: UserId, users: Map<UserId, UserWithPresence>): GroupView {
  const members = row.members
    .map((m) => ({ user: users.get(m.userId) ?? unknownUser(m.userId), role: m.role ?? 'member' }))
    .sort((a, b) => (a.role === b.role ? a.user.displayName.localeCompare(b.user.displayName) : a.role === 'owner' ? -1 : 1));
  const myRole = row.members.find((m) => m.userId === me)?.role ?? (row.members.some((m) => m.userId === me) ? 'member' : null);
  return {
    title: row.group!.title,
    visibility: row.group!.visibility,
    members,
    onlineCount: members.filter((m) => m.user.presence === 'online').length,
    myRole,
    ...groupPermissions(myRole, row.group!.visibility),
    saving: row.pendingEdit !== undefined,
  };
}

export interface Listing {
  /** This device has synced the account once (the cursor is stored): an empty list is then "none", not "not yet". */
  synced: boolean;
  conversations: ConversationView[];
  directory: UserWithPresence[];
}

export interface LocalViews {
  conversations(): Observable<ConversationView[]>;
  conversation(id: ConversationId): Observable<ConversationView | null>;
  /** Whether this device knows the conversation and its members (its read markers with them). */
  known(id: ConversationId): Observable<boolean>;
  /** Ascending: the messages from `fromSeq` to `toSeq`, or from `fromSeq` on and then my unsent ones in send order when `toSeq` is null. */
  messages(id: ConversationId, fromSeq: number, toSeq: number | null): Observable<MessageView[]>;
  directory(): Observable<UserWithPresence[]>;
  /**
   * Whether this device has synced this account at least once (until then the cache is empty, not the
   * account), with my conversations and the directory, read together: the list screen shows the three at once, and
   * three views changing one after the other would show a list that grows under what is below it
   * (the first sync stores the cursor last, but a small query answers before a large one).
   */
  listing(): Observable<Listing>;
  me(): Observable<UserWithPresence>;
  draft(id: ConversationId): Observable<string>;
}

export function localViews(db: ClientDb, me: User): LocalViews {
  const usersById = async () => new Map((await db.users.toArray()).map((u) => [u.id, u]));
  const draftOf = async (id: ConversationId) => (await db.drafts.get(id))?.text ?? '';
  const readSynced = async () => (await db.meta.get('cursor')) !== undefined;
  const readConversations = async () => {
    const [rows, users, drafts] = await Promise.all([db.conversations.toArray(), usersById(), db.drafts.toArray()]);
    const draftById = new Map(drafts.map((d) => [d.conversationId, d.text]));
    // Stubs (known from a message only) wait for their members before they are listed.
    const known = rows.filter((row) => row.members.length > 0);
    const views = await Promise.all(known.map((row) => conversationView(db, me.id, row, users, draftById.get(row.id) ?? '')));
    return views.sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt));
  };
  const readDirectory = async () => {
    const users = await db.users.toArray();
    return users.filter((u) => u.id !== me.id).sort((a, b) => a.displayName.localeCompare(b.displayName));
  };
  return {
    conversations: () => liveQuery(readConversations),
    conversation: (id) =>
      liveQuery(async () => {
        const row = await db.conversations.get(id);
        if (!row) return null;
        return conversationView(db, me.id, row, await usersById(), await draftOf(id));
      }),
    known: (id) =>
      liveQuery(async () => {
        const row = await db.conversations.get(id);
        return row !== undefined && row.members.length > 0;
      }),
    messages: (id, fromSeq, toSeq) =>
      liveQuery(async () => {
        const rows = await conversationRange(db, id, fromSeq, toSeq ?? Infinity).toArray();
        return messageViews(db, me.id, rows);
      }),
    directory: () => liveQuery(readDirectory),
    // One read-only transaction: its three parts come from the same moment of the cache.
    listing: () =>
      liveQuery(() =>
        db.transaction('r', [db.meta, db.conversations, db.users, db.drafts, db.messages, db.outbox], async () => {
          const [synced, conversations, directory] = await Promise.all([readSynced(), readConversations(), readDirectory()]);
          return { synced, conversations, directory };
        }),
      ),
    me: () =>
      liveQuery(async () => {
        const stored = await db.users.get(me.id);
        return { presence: 'offline', lastSeen: null, ...stored, ...me };
      }),
    draft: (id) => liveQuery(() => draftOf(id)),
  };
}
