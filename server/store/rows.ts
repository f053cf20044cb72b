import type { UserRecord } from '../../src/backend/store';
import type { Message } from '../../src/transport/types';

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
  });
}
