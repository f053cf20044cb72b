import type { Departure, UserRecord } from '../../src/backend/store';
import type { Conversation, ConversationMember, Message, SystemEntry } from '../../src/transport/types';

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

/** Stored messages are 'sent'; the service derives the status a reader sees from the markers. */
export function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    clientId: row.client_id,
    conversationId: row.conversation_id,
    senderId: row.sender_id,
    body: row.body,
    createdAt: row.created_at,
    seq: row.seq,
    status: 'sent',
    ...(row.system_entry === null || row.system_entry === undefined ? {} : { system: JSON.parse(row.system_entry) as SystemEntry }),
  };
}

/** A message joined into another row, as m_* columns: all null when the join found none. */
export interface JoinedMessageColumns {
  m_id: string | null;
  m_seq: number | null;
  m_sender_id: string | null;
  m_client_id: string | null;
  m_body: string | null;
  m_created_at: string | null;
  m_system_entry: string | null;
}

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
  });
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

/** The message columns an entry or a message is inserted with, in MESSAGE_INSERT_COLUMNS order. */
export const MESSAGE_INSERT_COLUMNS = 'id, conversation_id, seq, sender_id, client_id, body, created_at, system_entry';

export function messageValues(message: Message): unknown[] {
  return [message.id, message.conversationId, message.seq, message.senderId, message.clientId, message.body, message.createdAt, message.system ? JSON.stringify(message.system) : null];
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
