import type { Conversation, ConversationMember, Message, UserId } from '../../transport';
import type { ConversationRow, MessageRow } from '../db/clientDb';
import { statusFromMarkers } from '../../protocol/rules/messageStatus';
import { advanceStatus } from './status';

/**
 * The row a stored message becomes, whatever the row was before: my pending
 * row turns into the same row acknowledged, a replayed or reordered report
 * never moves the status back.
 */
export function mergeMessage(existing: MessageRow | undefined, message: Message, members: readonly ConversationMember[]): MessageRow {
  const before = existing?.status ?? 'sent';
  const status = advanceStatus(advanceStatus(before, message.status), statusFromMarkers(message, members));
  return {
    senderId: message.senderId,
    clientId: message.clientId,
    id: message.id,
    conversationId: message.conversationId,
    body: message.body,
    createdAt: message.createdAt,
    seq: message.seq,
    sortKey: message.seq,
    status,
    error: null,
  };
}

/** Markers only move forward: the higher of what this device knew and what it was just told. */
export function mergeMembers(known: readonly ConversationMember[], incoming: readonly ConversationMember[]): ConversationMember[] {
  const byId = new Map(known.map((m) => [m.userId, { ...m }]));
  for (const m of incoming) {
    const current = byId.get(m.userId);
    byId.set(
      m.userId,
      current
        ? { userId: m.userId, deliveredSeq: Math.max(current.deliveredSeq, m.deliveredSeq), readSeq: Math.max(current.readSeq, m.readSeq) }
        : { ...m },
    );
  }
  return [...byId.values()];
}

export function mergeConversation(existing: ConversationRow | undefined, incoming: Conversation): ConversationRow {
  return {
    id: incoming.id,
    kind: incoming.kind,
    members: mergeMembers(existing?.members ?? [], incoming.members),
    createdAt: incoming.createdAt,
    lastSeq: Math.max(existing?.lastSeq ?? 0, incoming.lastSeq),
    localReadSeq: existing?.localReadSeq ?? 0,
    localDeliveredSeq: existing?.localDeliveredSeq ?? 0,
    ...(existing?.summary ? { summary: existing.summary } : {}),
  };
}

/** A conversation known only from a message: filled in by the next conversations() refresh. */
export function stubConversation(id: string, createdAt: string): ConversationRow {
  return { id, kind: 'direct', members: [], createdAt, lastSeq: 0, localReadSeq: 0, localDeliveredSeq: 0 };
}

export function memberMarker(row: Pick<Conversation, 'members'>, userId: UserId): ConversationMember {
  return row.members.find((m) => m.userId === userId) ?? { userId, deliveredSeq: 0, readSeq: 0 };
}
