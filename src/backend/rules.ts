import { statusFromMarkers } from '../protocol/rules/messageStatus';
import type { Conversation, ConversationMember, Message, ReceiptKind, UserId } from '../transport/types';

/** Avatar colours chosen for contrast with white text (WCAG AA at 14px bold). */
export const AVATAR_COLORS = ['#6d28d9', '#7c3aed', '#9333ea', '#a21caf', '#be185d', '#b91c1c', '#c2410c', '#047857', '#0f766e', '#0369a1', '#1d4ed8', '#4338ca'] as const;

export function avatarColorFor(username: string): string {
  let hash = 0;
  for (const ch of username) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return AVATAR_COLORS[hash % AVATAR_COLORS.length] ?? AVATAR_COLORS[0];
}

/** The key that makes a direct conversation unique: its sorted member ids. */
export function directKey(memberIds: readonly UserId[]): string {
  return [...memberIds].sort().join(',');
}

export function withStatus(message: Message, conversation: Conversation): Message {
  return { ...message, status: statusFromMarkers(message, conversation.members) };
}

export function memberOf(conversation: Conversation, userId: UserId): ConversationMember | undefined {
  return conversation.members.find((m) => m.userId === userId);
}

/**
 * Where a marker moves to: never backwards, never past the last stored
 * message. Returns null when it does not move.
 */
export function nextMarker(current: number, requested: number, lastSeq: number): number | null {
  const target = Math.min(requested, lastSeq);
  return target > current ? target : null;
}

/**
 * The receipt markers a "delivered" or "read" up to `uptoSeq` moves, in the
 * order to stamp them: a read moves delivered too. Empty when nothing moves.
 */
export function markerMoves(
  member: Pick<ConversationMember, 'deliveredSeq' | 'readSeq'>,
  kind: ReceiptKind,
  uptoSeq: number,
  lastSeq: number,
): { kind: ReceiptKind; field: 'deliveredSeq' | 'readSeq'; uptoSeq: number }[] {
  const kinds: ReceiptKind[] = kind === 'read' ? ['delivered', 'read'] : ['delivered'];
  return kinds.flatMap((k) => {
    const field = k === 'read' ? ('readSeq' as const) : ('deliveredSeq' as const);
    const next = nextMarker(member[field], uptoSeq, lastSeq);
    return next === null ? [] : [{ kind: k, field, uptoSeq: next }];
  });
}
