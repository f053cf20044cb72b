import { describe, expect, it } from 'vitest';
import type { MessageView } from '../../client';
import { buildTimeline, highestSeq, initialRowIndex } from './timeline';

function message(seq: number, senderId: string, when: Date, extra: Partial<MessageView> = {}): MessageView {
  return {
    clientId: `c${seq}`,
    id: `m${seq}`,
    conversationId: 'conv',
    senderId,
    body: `message ${seq}`,
    createdAt: when.toISOString(),
    seq,
    status: 'sent',
    mine: senderId === 'me',
    error: null,
    ...extra,
  };
}

const day1 = (h: number) => new Date(2026, 10, 24, h);
const day2 = (h: number) => new Date(2026, 10, 25, h);

describe('buildTimeline', () => {
  it('is empty for no messages', () => {
    expect(buildTimeline([])).toEqual([]);
  });

  it('puts a separator before each day and marks runs per sender', () => {
    const rows = buildTimeline([
      message(1, 'me', day1(9)),
      message(2, 'me', day1(10)),
      message(3, 'ann', day1(11)),
      message(4, 'ann', day2(8)),
      message(5, 'me', day2(9)),
    ]);
    expect(rows.map((r) => (r.kind === 'day' ? r.key : `${r.key}:${r.startsRun ? 'S' : '-'}${r.endsRun ? 'E' : '-'}`))).toEqual([
      'day-2026-11-24',
      'c1:S-',
      'c2:-E',
      'c3:SE',
      'day-2026-11-25',
      'c4:SE',
      'c5:SE',
    ]);
  });
});

describe('initialRowIndex', () => {
  const rows = buildTimeline([message(1, 'ann', day1(9)), message(2, 'me', day1(10)), message(3, 'ann', day2(9)), message(4, 'ann', day2(10))]);

  it.each([
    ['no unread: the last row', null, rows.length - 1],
    ['unread after a day separator: the separator', 3, 3],
    ['unread inside a day: the message', 4, 5],
    ['unread beyond the window: the last row', 99, rows.length - 1],
  ])('%s', (_, firstUnread, expected) => {
    expect(initialRowIndex(rows, firstUnread)).toBe(expected);
  });
});

describe('highestSeq', () => {
  it('ignores pending messages', () => {
    const rows = buildTimeline([message(7, 'ann', day1(9)), message(8, 'me', day1(10), { seq: null, status: 'pending', clientId: 'p' })]);
    expect(highestSeq(rows)).toBe(7);
    expect(highestSeq([])).toBeNull();
  });
});
