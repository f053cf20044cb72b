import type { ConversationMember, ReceiptKind } from '../../transport/types';

/** A member's two receipt markers: delivered (their device has up to here) and read. */
export type ReceiptMarkers = Pick<ConversationMember, 'deliveredSeq' | 'readSeq'>;

/**
 * Where a member's markers stand after a receipt of `kind` up to `uptoSeq`:
 * neither moves backwards, and a read moves delivered too, since a device
 * that showed a message has it. Every store moves its markers with this, and
 * the client applies receipts and its own reads with it, so a read never
 * leaves delivered behind on one side and not on the other.
 */
export function markersAfterReceipt(markers: ReceiptMarkers, kind: ReceiptKind, uptoSeq: number): ReceiptMarkers {
  return {
    deliveredSeq: Math.max(markers.deliveredSeq, uptoSeq),
    readSeq: kind === 'read' ? Math.max(markers.readSeq, uptoSeq) : markers.readSeq,
  };
}

/**
 * How far a member's device has the conversation: a read counts as delivered
 * even where the delivered marker is not known to have followed it yet (a
 * receipt still on its way, a conversation this device knows only in part).
 */
export function deliveredUpTo(markers: ReceiptMarkers): number {
  return Math.max(markers.deliveredSeq, markers.readSeq);
}
