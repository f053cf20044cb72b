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
 *
 * In a group, "every other member" is every member now in it who was there
 * when the message came (receiversOf): someone added later does not hold
 * an earlier message back, and someone who left no longer counts.
 */
export function statusFromMarkers(message: { seq: number; senderId: UserId }, members: readonly ConversationMember[]): ServerMessageStatus {
  const others = receiversOf(message, members);
  if (others.length === 0) return 'sent';
  if (others.every((m) => m.readSeq >= message.seq)) return 'read';
  if (others.every((m) => deliveredUpTo(m) >= message.seq)) return 'delivered';
  return 'sent';
}

/**
 * The members a message is for: everyone now in the conversation but its
 * sender, who joined before it (a member's joinedSeq is the seq of the entry
 * that brought them in; absent, they were there from the start).
 */
export function receiversOf<M extends ConversationMember>(message: { seq: number; senderId: UserId }, members: readonly M[]): M[] {
  return members.filter((m) => m.userId !== message.senderId && (m.joinedSeq ?? 0) < message.seq);
}

/** Where a message stands with each of its receivers: the lists Message info shows (times come from the backend). */
export interface ReceiptSplit {
  read: UserId[];
  delivered: UserId[];
  pending: UserId[];
}

export function receiptSplit(message: { seq: number; senderId: UserId }, members: readonly ConversationMember[]): ReceiptSplit {
  const split: ReceiptSplit = { read: [], delivered: [], pending: [] };
  for (const m of receiversOf(message, members)) {
    if (m.readSeq >= message.seq) split.read.push(m.userId);
    else if (deliveredUpTo(m) >= message.seq) split.delivered.push(m.userId);
    else split.pending.push(m.userId);
  }
  return split;
}
