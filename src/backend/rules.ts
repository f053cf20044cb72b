import { statusFromMarkers } from '../protocol/rules/messageStatus';
import { type ReceiptMarkers, markersAfterReceipt } from '../protocol/rules/receiptMarkers';
import type { Change, Conversation, ConversationId, ConversationMember, Message, ReceiptKind, UserId } from '../transport/types';
import type { NewDirect } from './store';

/** Avatar colours chosen for contrast with white text (WCAG AA at 14px bold). */
export const AVATAR_COLORS = ['#6d28d9', '#7c3aed', '#9333ea', '#a21caf', '#be185d', '#b91c1c', '#c2410c', '#047857', '#0f766e', '#0369a1', '#1d4ed8', '#4338ca'] as const;

export function avatarColorFor(username: string): string {
  let hash = 0;
  for (const ch of username) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return AVATAR_COLORS[hash % AVATAR_COLORS.length] ?? AVATAR_COLORS[0];
}

/** The conversation a durable change belongs to. */
export function changeConversationId(change: Change): ConversationId {
  switch (change.type) {
    case 'message':
    case 'messageUpdate':
      return change.message.conversationId;
    case 'receipt':
      return change.conversationId;
    case 'conversation':
      return change.conversation.id;
  }
}

/** The key that makes a direct conversation unique: its sorted member ids. */
export function directKey(memberIds: readonly UserId[]): string {
  return [...memberIds].sort().join(',');
}

/**
 * A direct conversation as it is created: its members in id order (so it is
 * the same whichever side opens it), no messages, every marker at 0. Every
 * store creates and announces exactly this.
 */
export function newDirectConversation(input: NewDirect): Conversation {
  return {
    id: input.id,
    kind: 'direct',
    members: [...input.memberIds].sort().map((userId) => ({ userId, deliveredSeq: 0, readSeq: 0 })),
    createdAt: input.createdAt,
    lastSeq: 0,
  };
}

export function withStatus(message: Message, conversation: Conversation): Message {
  return { ...message, status: statusFromMarkers(message, conversation.members) };
}

export function memberOf(conversation: Conversation, userId: UserId): ConversationMember | undefined {
  return conversation.members.find((m) => m.userId === userId);
}

/** One marker a receipt moves: the change to stamp and the field to store. */
export interface MarkerMove {
  kind: ReceiptKind;
  field: keyof ReceiptMarkers;
  uptoSeq: number;
}

/**
 * The receipt markers a "delivered" or "read" up to `uptoSeq` moves, in the
 * order to stamp them (delivered first), each to where it now stands: no
 * marker passes the last stored message. Empty when nothing moves.
 */
export function markerMoves(
  member: ReceiptMarkers,
  kind: ReceiptKind,
  uptoSeq: number,
  lastSeq: number,
): MarkerMove[] {
  const after = markersAfterReceipt(member, kind, Math.min(uptoSeq, lastSeq));
  const moves: MarkerMove[] = [];
  if (after.deliveredSeq > member.deliveredSeq) moves.push({ kind: 'delivered', field: 'deliveredSeq', uptoSeq: after.deliveredSeq });
  if (after.readSeq > member.readSeq) moves.push({ kind: 'read', field: 'readSeq', uptoSeq: after.readSeq });
  return moves;
}

/**
 * A member's unread count without walking the messages: seqs are dense, so
 * lastSeq - readSeq messages lie above the read marker, and all of them but
 * the member's own count. `ownAbove`: the member's messages above the marker,
 * which a store counts on an index of (conversation, sender, seq).
 */
export function unreadAbove(lastSeq: number, readSeq: number, ownAbove: number): number {
  return Math.max(0, lastSeq - readSeq - ownAbove);
}
