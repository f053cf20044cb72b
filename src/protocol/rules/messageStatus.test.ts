import { describe, expect, it } from 'vitest';
import type { ConversationMember, ServerMessageStatus } from '../../transport/types';
import { receiptSplit, statusFromMarkers } from './messageStatus';

const member = (userId: string, deliveredSeq: number, readSeq: number, joinedSeq?: number): ConversationMember => ({
  userId,
  deliveredSeq,
  readSeq,
  ...(joinedSeq === undefined ? {} : { joinedSeq, role: 'member' as const }),
});

describe('statusFromMarkers', () => {
  const table: [name: string, seq: number, members: ConversationMember[], expected: ServerMessageStatus][] = [
    ['nobody else has it', 3, [member('me', 3, 3), member('bob', 0, 0)], 'sent'],
    ['delivered below the message', 3, [member('me', 3, 3), member('bob', 2, 1)], 'sent'],
    ['delivered at the message', 3, [member('me', 3, 3), member('bob', 3, 1)], 'delivered'],
    ['delivered past the message', 2, [member('me', 3, 3), member('bob', 5, 0)], 'delivered'],
    ['read at the message', 3, [member('me', 0, 0), member('bob', 3, 3)], 'read'],
    ['read implies delivered', 3, [member('me', 0, 0), member('bob', 0, 4)], 'read'],
    ['my own markers do not count', 3, [member('me', 9, 9), member('bob', 0, 0)], 'sent'],
    ['read by one of two others is delivered at most', 3, [member('me', 0, 0), member('bob', 3, 3), member('cy', 3, 0)], 'delivered'],
    ['read by every other member', 3, [member('me', 0, 0), member('bob', 3, 3), member('cy', 4, 4)], 'read'],
    ['no other member (only the sender): nobody has it', 3, [member('me', 9, 9)], 'sent'],
    ['members unknown yet (a stub conversation)', 3, [], 'sent'],
    ['group: everyone read it', 5, [member('me', 0, 0), member('bob', 5, 5), member('cy', 6, 6), member('di', 9, 9)], 'read'],
    ['group: one of three has not read it', 5, [member('me', 0, 0), member('bob', 5, 5), member('cy', 6, 4), member('di', 9, 9)], 'delivered'],
    ['group: one of three has not received it', 5, [member('me', 0, 0), member('bob', 5, 5), member('cy', 4, 4), member('di', 9, 9)], 'sent'],
    ['group: a member added after it does not hold it back', 5, [member('me', 0, 0), member('bob', 5, 5), member('new', 6, 6, 7)], 'read'],
    ['group: a member added by the entry just before it counts (and has not got it)', 5, [member('me', 0, 0), member('bob', 5, 5), member('new', 4, 4, 4)], 'sent'],
    ['group: only members added since: nobody it was sent to remains', 5, [member('me', 0, 0), member('new', 0, 0, 8)], 'sent'],
  ];
  it.each(table)('%s', (_name, seq, members, expected) => {
    expect(statusFromMarkers({ seq, senderId: 'me' }, members)).toBe(expected);
  });
});

describe('receiptSplit', () => {
  it('puts each receiver in one list and leaves out the sender and later members', () => {
    const members = [member('me', 9, 9), member('bob', 5, 5), member('cy', 5, 4), member('di', 0, 0), member('late', 9, 9, 6)];
    expect(receiptSplit({ seq: 5, senderId: 'me' }, members)).toEqual({ read: ['bob'], delivered: ['cy'], pending: ['di'] });
  });

  it('counts a read as delivered though the delivered marker lags', () => {
    expect(receiptSplit({ seq: 3, senderId: 'me' }, [member('me', 0, 0), member('bob', 0, 3)])).toEqual({ read: ['bob'], delivered: [], pending: [] });
  });
});
