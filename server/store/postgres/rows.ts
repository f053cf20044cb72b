import { type ConversationColumns, type JoinedMessageColumns, type MemberColumns, joinedMessage, toConversationOf, toMember } from '../rows';
import { newDirectConversation, unreadAbove } from '../../../src/backend/rules';
import type { StoredSummary } from '../../../src/backend/store';
import type { Change, Conversation, ReceiptKind } from '../../../src/transport/types';

// Row shapes as the pool returns them: BIGINT columns arrive as numbers
// because PostgresStore installs a checked int8 parser on its pool.

/** One row per member: the conversation's columns repeat on each. */
export interface ConversationMemberRow extends ConversationColumns, MemberColumns {}

/** A change joined with its message (message changes) or its conversation (conversation changes). */
export interface ChangeRow extends JoinedMessageColumns {
  rev: number;
  conversation_id: string;
  type: string;
  user_id: string | null;
  receipt_kind: string | null;
  upto_seq: number | null;
  c_created_at: string | null;
  /** The members in position order, for conversation changes only. */
  c_member_ids: string[] | null;
  /** A group's conversation change: the group as it was then. */
  conversation_json: string | null;
}


/** Groups member rows (ordered by conversation, then position) into conversations, keeping the order. */
export function toConversations(rows: readonly ConversationMemberRow[]): Conversation[] {
  const byId = new Map<string, Conversation>();
  for (const row of rows) {
    let conversation = byId.get(row.id);
    if (!conversation) {
      conversation = toConversationOf(row, []);
      byId.set(row.id, conversation);
    }
    conversation.members.push(toMember(row));
  }
  return [...byId.values()];
}

/** The columns a change is stored as: a message change points at its message, a receipt carries its marker. */
export function changeColumns(change: Change): Pick<ChangeRow, 'rev' | 'conversation_id' | 'type' | 'user_id' | 'receipt_kind' | 'upto_seq'> & { message_id: string | null } {
  const none = { message_id: null, user_id: null, receipt_kind: null, upto_seq: null };
  switch (change.type) {
    case 'message':
      return { ...none, rev: change.rev, conversation_id: change.message.conversationId, type: change.type, message_id: change.message.id };
    case 'receipt':
      return { ...none, rev: change.rev, conversation_id: change.conversationId, type: change.type, user_id: change.userId, receipt_kind: change.kind, upto_seq: change.uptoSeq };
    case 'conversation':
      return { ...none, rev: change.rev, conversation_id: change.conversation.id, type: change.type };
  }
}

export function toChange(row: ChangeRow): Change {
  switch (row.type) {
    case 'message':
      return { type: 'message', rev: row.rev, message: joinedMessage(row.conversation_id, row)! };
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
      return { type: 'conversation', rev: row.rev, conversation: newDirectConversation({ id: row.conversation_id, createdAt: row.c_created_at!, memberIds: row.c_member_ids ?? [] }) };
    default:
      throw new Error(`Unknown change type "${row.type}" at rev ${row.rev}.`);
  }
}

/** A member row of a conversation of the summarised user, with its newest message and the user's own messages above their marker (on each row). */
export interface SummaryRow extends ConversationMemberRow, JoinedMessageColumns {
  own_above: number;
}

/** Groups summary rows (ordered by conversation, then position) into `userId`'s summaries, keeping the order. */
export function toSummaries(rows: readonly SummaryRow[], userId: string): StoredSummary[] {
  const first = new Map<string, SummaryRow>();
  for (const row of rows) if (!first.has(row.id)) first.set(row.id, row);
  return toConversations(rows).map((conversation) => {
    const row = first.get(conversation.id)!;
    const readSeq = conversation.members.find((m) => m.userId === userId)?.readSeq ?? 0;
    return { conversation, lastMessage: joinedMessage(conversation.id, row), unreadCount: unreadAbove(conversation.lastSeq, readSeq, row.own_above) };
  });
}

function toReceiptKind(value: string | null): ReceiptKind {
  if (value === 'delivered' || value === 'read') return value;
  throw new Error(`Unknown receipt kind "${String(value)}".`);
}

export { toMessage, toUser, type MessageRow, type UserRow } from '../rows';
