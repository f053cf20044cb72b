import { describe, expect, it } from 'vitest';
import type { MessageView } from '../../client';
import { buildTimeline } from './timeline';
import { anchoredFirstIndex, rowPlaces } from './usePrependAnchor';
import { PLAIN_MESSAGE } from '../../../tests/support/messageView';

function messages(from: number, to: number): MessageView[] {
  return Array.from({ length: to - from + 1 }, (_, i) => {
    const seq = from + i;
    // Five a day: pages begin and end mid-day, so separators move.
    const createdAt = new Date(Date.UTC(2026, 0, 1 + Math.floor(seq / 5), 9, seq % 5)).toISOString();
    return { clientId: `c${seq}`, id: `m${seq}`, conversationId: 'c', senderId: 'ann', body: `#${seq}`, createdAt, seq, status: 'read', mine: false, error: null, system: null, ...PLAIN_MESSAGE };
  });
}

/** Virtuoso's absolute index of message `seq` in `rows` starting at `first`. */
const placeOf = (rows: ReturnType<typeof buildTimeline>, first: number, seq: number) => first + rows.findIndex((r) => r.kind === 'message' && r.message.seq === seq);

describe('anchoredFirstIndex', () => {
  const START = 1_000;
  const before = buildTimeline(messages(51, 150));
  const places = rowPlaces(before, START);

  it.each([
    ['an older page comes in above', messages(1, 150)],
    ['a page above goes', messages(101, 150)],
    ['a page above goes and a newer one joins below', messages(101, 200)],
    ['a page below goes', messages(51, 100)],
  ])('keeps every message that stays at its place when %s', (_, next) => {
    const rows = buildTimeline(next);
    const first = anchoredFirstIndex(rows, places, START);
    for (const seq of [101, 120, 150].filter((s) => next.some((m) => m.seq === s))) {
      expect(placeOf(rows, first, seq)).toBe(placeOf(before, START, seq));
    }
  });

  it('stays as it was when no message is in common', () => {
    expect(anchoredFirstIndex(buildTimeline(messages(300, 320)), places, START)).toBe(START);
  });
});
