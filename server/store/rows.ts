import type { Departure, ReceiptTime, UserRecord } from '../../src/backend/store';
import type { Change, ChannelListing, Conversation, ConversationMember, Message, Reaction, ReceiptKind, SystemEntry } from '../../src/transport/types';

// Row shapes and mappers the SQL stores share: the same migrations give both the same columns.

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  email: string;
  avatar_color: string;
  password_hash: string;
  created_at: string;
  last_seen: string | null;
}

export interface MessageRow {
  id: string;
  conversation_id: string;
  seq: number;
  sender_id: string;
  client_id: string;
  body: string;
  created_at: string;
  /** A group's system entry, as JSON; null for a person's message. */
  system_entry: string | null;
  /** Schema version 9: the seq a reply answers; null for none. */
  reply_to_seq: number | null;
  edited_at: string | null;
  deleted_at: string | null;
  /** The reactions as JSON, in order; null for none. */
  reactions: string | null;
  /** The rev of the latest edit, delete or reaction; null when none since it was sent. */
  update_rev: number | null;
}

export function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    avatarColor: row.avatar_color,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    lastSeen: row.last_seen,
  };
}

/**
 * Stored messages are 'sent'; the service derives the status a reader sees from the markers.
 * What a message does not have (a system entry, a reply, an edit, ...) stays absent, as the
 * memory store has it.
 */
export function toMessage(row: MessageRow): Message {
  const message: Message = {
    id: row.id,
    clientId: row.client_id,
    conversationId: row.conversation_id,
    senderId: row.sender_id,
    body: row.body,
    createdAt: row.created_at,
    seq: row.seq,
    status: 'sent',
  };
  if (row.system_entry !== null) message.system = JSON.parse(row.system_entry) as SystemEntry;
  if (row.reply_to_seq !== null) message.replyToSeq = row.reply_to_seq;
  if (row.edited_at !== null) message.editedAt = row.edited_at;
  if (row.deleted_at !== null) message.deletedAt = row.deleted_at;
  if (row.reactions !== null) message.reactions = JSON.parse(row.reactions) as Reaction[];
  if (row.update_rev !== null) message.updateRev = row.update_rev;
  return message;
}

/** The columns of a message (MessageRow), named rather than *, so a statement's result keeps its shape whatever a later schema version adds. */
export const MESSAGE_COLUMNS = 'id, conversation_id, seq, sender_id, client_id, body, created_at, system_entry, reply_to_seq, edited_at, deleted_at, reactions, update_rev';

/** The message columns but conversation_id (the row's own), of the message `alias`, as m_*: what JoinedMessageColumns reads. */
export function joinedMessageSelect(alias: string): string {
  return MESSAGE_COLUMNS.split(', ')
    .filter((column) => column !== 'conversation_id')
    .map((column) => `${alias}.${column} AS m_${column}`)
    .join(', ');
}

/** A message joined into another row, as m_* columns (joinedMessageSelect): all null when the join found none. */
export type JoinedMessageColumns = { [K in Exclude<keyof MessageRow, 'conversation_id'> as `m_${K}`]: MessageRow[K] | null };

/** The message of m_* columns, in `conversationId`; null when the join found none. */
export function joinedMessage(conversationId: string, row: JoinedMessageColumns): Message | null {
  if (row.m_id === null) return null;
  return toMessage({
    id: row.m_id,
    conversation_id: conversationId,
    seq: row.m_seq!,
    sender_id: row.m_sender_id!,
    client_id: row.m_client_id!,
    body: row.m_body!,
    created_at: row.m_created_at!,
    system_entry: row.m_system_entry,
    reply_to_seq: row.m_reply_to_seq,
    edited_at: row.m_edited_at,
    deleted_at: row.m_deleted_at,
    reactions: row.m_reactions,
    update_rev: row.m_update_rev,
  });
}

/** A change's columns, with its message joined (m_*) when it has one. */
export interface ChangeColumns extends JoinedMessageColumns {
  rev: number;
  conversation_id: string;
  type: string;
  user_id: string | null;
  receipt_kind: string | null;
  upto_seq: number | null;
  /** A group's conversation change: the group as it was then. */
  conversation_json: string | null;
}

/**
 * The change a row stands for. A message's change (as sent, or as revised:
 * 'messageUpdate') refers to the message row, read as it now is, so no change
 * keeps an earlier body; a direct conversation's change stands for
 * `directAsCreated`, which each store derives from its rows.
 */
export function toChangeOf(row: ChangeColumns, directAsCreated: () => Conversation): Change {
  switch (row.type) {
    case 'message':
    case 'messageUpdate':
      return { type: row.type, rev: row.rev, message: joinedMessage(row.conversation_id, row)! };
    case 'receipt':
      return {
        type: 'receipt',
        rev: row.rev,
        conversationId: row.conversation_id,
        userId: row.user_id!,
        kind: toReceiptKind(row.receipt_kind),
        uptoSeq: row.upto_seq!,
      };
    case 'conversation':
      if (row.conversation_json !== null) return { type: 'conversation', rev: row.rev, conversation: JSON.parse(row.conversation_json) as Conversation };
      return { type: 'conversation', rev: row.rev, conversation: directAsCreated() };
    default:
      throw new Error(`Unknown change type "${row.type}" at rev ${row.rev}.`);
  }
}

function toReceiptKind(value: string | null): ReceiptKind {
  if (value === 'delivered' || value === 'read') return value;
  throw new Error(`Unknown receipt kind "${String(value)}".`);
}

/** What a revision writes over a message row, from the message as revised: body, edited_at, deleted_at, reactions in that order. */
export function revisionValues(message: Message): [string, string | null, string | null, string | null] {
  return [message.body, message.editedAt ?? null, message.deletedAt ?? null, message.reactions?.length ? JSON.stringify(message.reactions) : null];
}

/** A conversation's own columns (schema version 6 added the group's). */
export interface ConversationColumns {
  id: string;
  kind: string;
  created_at: string;
  last_seq: number;
  title: string | null;
  visibility: string | null;
  created_by: string | null;
}

/** A member's columns. */
export interface MemberColumns {
  user_id: string;
  delivered_seq: number;
  read_seq: number;
  role: string | null;
  joined_seq: number;
}

export function toMember(row: MemberColumns): ConversationMember {
  const member: ConversationMember = { userId: row.user_id, deliveredSeq: row.delivered_seq, readSeq: row.read_seq };
  if (row.role === 'owner' || row.role === 'member') {
    member.role = row.role;
    member.joinedSeq = row.joined_seq;
  }
  return member;
}

export function toConversationOf(row: ConversationColumns, members: readonly MemberColumns[]): Conversation {
  const conversation: Conversation = {
    id: row.id,
    kind: row.kind === 'group' ? 'group' : 'direct',
    createdAt: row.created_at,
    lastSeq: row.last_seq,
    members: members.map(toMember),
  };
  if (conversation.kind === 'group') {
    conversation.group = { title: row.title ?? '', visibility: row.visibility === 'public' ? 'public' : 'private', createdBy: row.created_by ?? '' };
  }
  return conversation;
}

/** The columns an entry or a message is inserted with (a new message has no revision yet). */
const MESSAGE_INSERT_COLUMNS = ['id', 'conversation_id', 'seq', 'sender_id', 'client_id', 'body', 'created_at', 'system_entry', 'reply_to_seq'];

/** The INSERT of a new message, its n-th value written as `p(n)` (1-based): messageValues gives them. */
export function messageInsert(p: (position: number) => string): string {
  return `INSERT INTO messages (${MESSAGE_INSERT_COLUMNS.join(', ')}) VALUES (${MESSAGE_INSERT_COLUMNS.map((_, i) => p(i + 1)).join(', ')})`;
}

/** A new message's values, in messageInsert's order. */
export function messageValues(message: Message): unknown[] {
  return [
    message.id, message.conversationId, message.seq, message.senderId, message.clientId, message.body, message.createdAt,
    message.system ? JSON.stringify(message.system) : null, message.replyToSeq ?? null,
  ];
}

export interface DepartureRow {
  conversation_id: string;
  user_id: string;
  left_seq: number;
  left_rev: number;
  conversation_json: string;
}

export function toDeparture(row: DepartureRow): Departure {
  return {
    conversationId: row.conversation_id,
    userId: row.user_id,
    leftSeq: row.left_seq,
    leftRev: row.left_rev,
    conversation: JSON.parse(row.conversation_json) as Conversation,
  };
}

/** A LIKE pattern (with a backslash as its ESCAPE) matching text that contains `key`, its %, _ and backslashes taken literally. */
export function containsPattern(key: string): string {
  return `%${key.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Browse channels' rows, as both SQL stores select them (CHANNELS_SELECT). */
export interface ChannelRow {
  id: string;
  title: string;
  created_by: string;
  created_at: string;
  last_activity_at: string;
  member_count: number;
}

export function toChannelListing(row: ChannelRow): ChannelListing {
  return { id: row.id, title: row.title, memberCount: Number(row.member_count), createdBy: row.created_by, createdAt: row.created_at, lastActivityAt: row.last_activity_at };
}

/**
 * Browse channels in SQL, each parameter written by `p` (user: the user,
 * pattern: the title key's containsPattern, limit): public groups newest
 * activity first on conversations_channels, the user's own skipped, stopping at the limit.
 */
export function channelsQuery(p: (name: 'user' | 'pattern' | 'limit') => string): string {
  return `SELECT c.id, c.title, c.created_by, c.created_at, c.last_activity_at,
      (SELECT COUNT(*) FROM conversation_members cm WHERE cm.conversation_id = c.id) AS member_count
    FROM conversations c
    WHERE c.visibility = 'public' AND c.title_key LIKE ${p('pattern')} ESCAPE '\\'
      AND NOT EXISTS (SELECT 1 FROM conversation_members me WHERE me.conversation_id = c.id AND me.user_id = ${p('user')})
    ORDER BY c.last_activity_at DESC, c.id DESC
    LIMIT ${p('limit')}`;
}

/**
 * Message info's receipt times in SQL (parameters written by `p`): for
 * each member and kind, the first receipt at or past the seq, one seek on
 * changes_receipts each (markers move forward, so it is the earliest).
 */
export function receiptTimesQuery(p: (name: 'conversation' | 'seq') => string): string {
  return `SELECT ch.user_id, ch.receipt_kind, ch.at FROM changes ch WHERE ch.rev IN (
      SELECT (SELECT r.rev FROM changes r
              WHERE r.type = 'receipt' AND r.conversation_id = m.conversation_id AND r.user_id = m.user_id
                AND r.receipt_kind = k.kind AND r.upto_seq >= ${p('seq')}
              ORDER BY r.upto_seq LIMIT 1)
      FROM conversation_members m CROSS JOIN (SELECT 'delivered' AS kind UNION ALL SELECT 'read') k
      WHERE m.conversation_id = ${p('conversation')})`;
}

export function toReceiptTime(row: { user_id: string; receipt_kind: string; at: string | null }): ReceiptTime {
  return { userId: row.user_id, kind: row.receipt_kind === 'read' ? 'read' : 'delivered', at: row.at };
}
