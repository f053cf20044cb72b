import { describe, expect, it } from 'vitest';
import { messageKey, type MessageView } from '../../client';
import { buildTimeline, dayStarts, initialRowIndex, seqRange } from './timeline';
import { PLAIN_MESSAGE } from '../../../tests/support/messageView';

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
    system: null,
    ...PLAIN_MESSAGE,
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
    expect(rows.map((r) => (r.kind !== 'message' ? r.key : `${r.key}:${r.startsRun ? 'S' : '-'}${r.endsRun ? 'E' : '-'}`))).toEqual([
      'day-2026-11-24',
      `${messageKey('me', 'c1')}:S-`,
      `${messageKey('me', 'c2')}:-E`,
      `${messageKey('ann', 'c3')}:SE`,
      'day-2026-11-25',
      `${messageKey('ann', 'c4')}:SE`,
      `${messageKey('me', 'c5')}:SE`,
    ]);
  });

  it('keys a message by its sender and clientId: two senders may choose the same clientId', () => {
    const rows = buildTimeline([message(1, 'ann', day1(9)), message(2, 'me', day1(10), { clientId: 'c1' })]);
    expect(rows.map((r) => r.key)).toEqual(['day-2026-11-24', messageKey('ann', 'c1'), messageKey('me', 'c1')]);
  });
});

describe('the unread divider and where the list opens', () => {
  const list = [message(1, 'ann', day1(9)), message(2, 'me', day1(10)), message(3, 'ann', day2(9)), message(4, 'ann', day2(10))];
  const keys = (firstUnread: number | null) => buildTimeline(list, firstUnread).map((r) => r.key);
  const [c1, c2, c3, c4] = [messageKey('ann', 'c1'), messageKey('me', 'c2'), messageKey('ann', 'c3'), messageKey('ann', 'c4')];

  it.each<[string, number | null, string[], number]>([
    ['no unread: no divider, opens at the last row', null, ['day-2026-11-24', c1, c2, 'day-2026-11-25', c3, c4], 5],
    ['unread after a day separator: opens at the separator', 3, ['day-2026-11-24', c1, c2, 'day-2026-11-25', 'unread', c3, c4], 3],
    ['unread inside a day: opens at the divider', 4, ['day-2026-11-24', c1, c2, 'day-2026-11-25', c3, 'unread', c4], 5],
    ['my own messages are never unread', 2, ['day-2026-11-24', c1, c2, 'day-2026-11-25', 'unread', c3, c4], 3],
    ['unread beyond the window: no divider', 99, ['day-2026-11-24', c1, c2, 'day-2026-11-25', c3, c4], 5],
  ])('%s', (_, firstUnread, expectedKeys, openAt) => {
    expect(keys(firstUnread)).toEqual(expectedKeys);
    expect(initialRowIndex(buildTimeline(list, firstUnread), firstUnread)).toBe(openAt);
  });

  it('opens at the top of a window that starts in the middle of the unread, without a misleading divider', () => {
    const window = list.slice(2); // seq 3 and 4 loaded; the first unread (1) is older
    expect(buildTimeline(window, 1).map((r) => r.key)).toEqual(['day-2026-11-25', c3, c4]);
    expect(initialRowIndex(buildTimeline(window, 1), 1)).toBe(0);
  });
});

describe('seqRange', () => {
  it('spans the stored messages among the rows, ignoring pending ones and separators', () => {
    const rows = buildTimeline([message(5, 'ann', day1(8)), message(7, 'ann', day1(9)), message(8, 'me', day1(10), { seq: null, status: 'pending', clientId: 'p' })]);
    expect(seqRange(rows)).toEqual({ from: 5, to: 7 });
    expect(seqRange(rows.slice(0, 1))).toBeNull();
    expect(seqRange([])).toBeNull();
  });
});

describe('dayStarts', () => {
  it('is the first stored message after each date row', () => {
    const rows = buildTimeline([message(5, 'ann', day1(8)), message(6, 'me', day1(9)), message(7, 'ann', day2(9)), message(8, 'ann', day2(10))]);
    expect(dayStarts(rows)).toEqual([5, 7]);
    expect(dayStarts([])).toEqual([]);
  });
});

describe('buildTimeline in a group', () => {
  it('puts a system entry on a line of its own, ending the run around it', () => {
    const rows = buildTimeline([
      message(1, 'ann', day1(9)),
      message(2, 'ann', day1(9), { system: { type: 'added', userIds: ['leo'] } }),
      message(3, 'ann', day1(10)),
      message(4, 'leo', day1(10)),
    ]);
    expect(rows.map((r) => (r.kind === 'message' ? `${r.message.seq}:${r.startsRun ? 's' : ''}${r.endsRun ? 'e' : ''}` : r.kind))).toEqual([
      'day',
      '1:se',
      'system',
      '3:se',
      '4:se',
    ]);
    expect(seqRange(rows)).toEqual({ from: 1, to: 4 });
  });
});
