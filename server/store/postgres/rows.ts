import { type ChangeColumns, type ConversationColumns, type JoinedMessageColumns, type MemberColumns, joinedMessage, toChangeOf, toConversationOf, toMember } from '../rows';
import { newDirectConversation, unreadAbove } from '../../../src/backend/rules';
import type { StoredSummary } from '../../../src/backend/store';
import type { Change, Conversation } from '../../../src/transport/types';

// Row shapes as the pool returns them: BIGINT columns arrive as numbers
// because PostgresStore installs a checked int8 parser on its pool.

/** One row per member: the conversation's columns repeat on each. */
export interface ConversationMemberRow extends ConversationColumns, MemberColumns {}

/** A change joined with its message (message changes), with its conversation's members when it is a direct conversation's. */
export interface ChangeRow extends ChangeColumns {
  c_created_at: string | null;
  /** The members in position order, for conversation changes only. */
  c_member_ids: string[] | null;
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

export function toChange(row: ChangeRow): Change {
  return toChangeOf(row, () => newDirectConversation({ id: row.conversation_id, createdAt: row.c_created_at!, memberIds: row.c_member_ids ?? [] }));
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

export { toMessage, toUser, type MessageRow, type UserRow } from '../rows';
