import { messageKey, type MessageView } from '../../client';
import { localDayKey } from '../../ui/format/time';

export type TimelineItem =
  | { kind: 'day'; key: string; at: string }
  /** "Unread messages": above the first message that was unread when the conversation opened. */
  | { kind: 'unread'; key: 'unread' }
  /** A group's system entry ("Maya added Leo"): a line across the log, not a bubble. */
  | { kind: 'system'; key: string; message: MessageView }
  | {
      kind: 'message';
      key: string;
      message: MessageView;
      /** First of a run of consecutive messages from one sender: it carries the bubble's tail. */
      startsRun: boolean;
      /** Last of its run: the gap after it is wider. */
      endsRun: boolean;
    };

/**
 * The message list's rows: a date separator before each new local day, and
 * messages marked as starting or ending a run from one sender. Keys are stable
 * (the message's messageKey, the day) so a virtualized list keeps its measurements while pages load.
 */
export function buildTimeline(messages: readonly MessageView[], firstUnreadSeq: number | null = null): TimelineItem[] {
  const items: TimelineItem[] = [];
  let previous: MessageView | undefined;
  let previousDay = '';
  let unreadMarked = firstUnreadSeq === null;
  for (const [index, message] of messages.entries()) {
    const day = localDayKey(message.createdAt);
    const newDay = day !== previousDay;
    if (newDay) items.push({ kind: 'day', key: `day-${day}`, at: message.createdAt });
    if (!unreadMarked && isUnread(message, firstUnreadSeq)) {
      // Only where the boundary is really in view: not at the top of a window that starts mid-unread.
      if (index > 0 || message.seq === firstUnreadSeq) items.push({ kind: 'unread', key: 'unread' });
      unreadMarked = true;
    }
    const next = messages[index + 1];
    if (message.system) {
      items.push({ kind: 'system', key: messageKey(message.senderId, message.clientId), message });
    } else {
      // A system entry between two messages of one sender ends the run: the next one shows who wrote it again.
      items.push({
        kind: 'message',
        key: messageKey(message.senderId, message.clientId),
        message,
        startsRun: newDay || previous?.senderId !== message.senderId || previous.system !== null,
        endsRun: !next || next.senderId !== message.senderId || next.system !== null || localDayKey(next.createdAt) !== day,
      });
    }
    previous = message;
    previousDay = day;
  }
  return items;
}

function isUnread(message: MessageView, firstUnreadSeq: number | null): boolean {
  return firstUnreadSeq !== null && !message.mine && message.seq !== null && message.seq >= firstUnreadSeq;
}

/** Where the list opens: at the first unread message (its divider and day separator above it), else the last row. */
export function initialRowIndex(items: readonly TimelineItem[], firstUnreadSeq: number | null): number {
  let unread = items.findIndex((item) => item.kind === 'unread');
  if (unread < 0) unread = items.findIndex((item) => item.kind !== 'day' && item.kind !== 'unread' && isUnread(item.message, firstUnreadSeq));
  if (unread < 0) return Math.max(0, items.length - 1);
  return items[unread - 1]?.kind === 'day' ? unread - 1 : unread;
}

/** The lowest and highest server sequence among rows: what is on screen, for read markers and the window; null when none has one. */
export function seqRange(items: readonly TimelineItem[]): { from: number; to: number } | null {
  let range: { from: number; to: number } | null = null;
  for (const item of items) {
    const seq = item.kind === 'message' || item.kind === 'system' ? item.message.seq : null;
    if (seq === null) continue;
    range = range ? { from: Math.min(range.from, seq), to: Math.max(range.to, seq) } : { from: seq, to: seq };
  }
  return range;
}

/** The seq of each day's first message: where the list can begin with its date row, and the rows after it, unchanged. */
export function dayStarts(items: readonly TimelineItem[]): number[] {
  const starts: number[] = [];
  for (const [index, item] of items.entries()) {
    const next = items[index + 1];
    if (item.kind === 'day' && (next?.kind === 'message' || next?.kind === 'system') && next.message.seq !== null) starts.push(next.message.seq);
  }
  return starts;
}
