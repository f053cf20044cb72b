import type { ConversationMember, ServerMessageStatus, UserId } from '../../transport/types';
import { deliveredUpTo } from './receiptMarkers';

/**
 * A stored message's status as its sender sees it, from the members' markers:
 * read once every other member read past it, delivered once every other
 * member's device has it (a read implies delivered). The backend stamps it on
 * what it answers; the client recomputes it when markers move.
 *
 * With no other member it stays sent: ticks tell the sender that someone else
 * has the message, and nobody does. The service never makes such a
 * conversation (no conversation with yourself), but the client holds one
 * whenever a message arrives before its conversation (a stub with no members
 * yet), and "every other member read it" must not turn vacuously true there.
 */
export function statusFromMarkers(message: { seq: number; senderId: UserId }, members: readonly ConversationMember[]): ServerMessageStatus {
  const others = members.filter((m) => m.userId !== message.senderId);
  if (others.length === 0) return 'sent';
  if (others.every((m) => m.readSeq >= message.seq)) return 'read';
  if (others.every((m) => deliveredUpTo(m) >= message.seq)) return 'delivered';
  return 'sent';
}
