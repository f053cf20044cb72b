import { describe, expect, it } from 'vitest';
import type { ConversationMember, MessageStatus } from '../../transport';
import { advanceStatus, statusFromMarkers } from './status';

describe('advanceStatus', () => {
  const table: [MessageStatus, MessageStatus, MessageStatus][] = [
    ['pending', 'sent', 'sent'],
    ['pending', 'delivered', 'delivered'],
    ['pending', 'read', 'read'],
    ['pending', 'failed', 'failed'],
    ['failed', 'pending', 'pending'],
    ['failed', 'sent', 'sent'],
    ['sent', 'delivered', 'delivered'],
    ['sent', 'read', 'read'],
    ['delivered', 'read', 'read'],
    ['sent', 'pending', 'sent'],
    ['sent', 'failed', 'sent'],
    ['delivered', 'sent', 'delivered'],
    ['read', 'delivered', 'read'],
    ['read', 'sent', 'read'],
    ['read', 'pending', 'read'],
    ['read', 'failed', 'read'],
    ['delivered', 'delivered', 'delivered'],
  ];
  it.each(table)('%s then %s -> %s', (current, next, expected) => {
    expect(advanceStatus(current, next)).toBe(expected);
  });
});

describe('statusFromMarkers', () => {
  const member = (userId: string, deliveredSeq: number, readSeq: number): ConversationMember => ({ userId, deliveredSeq, readSeq });
  const table: [string, number, ConversationMember[], string][] = [
    ['nobody has it', 3, [member('me', 3, 3), member('bob', 2, 1)], 'sent'],
    ['delivered to bob', 3, [member('me', 3, 3), member('bob', 3, 1)], 'delivered'],
    ['delivered past it', 2, [member('me', 3, 3), member('bob', 5, 0)], 'delivered'],
    ['read by bob', 3, [member('me', 0, 0), member('bob', 3, 3)], 'read'],
    ['read implies delivered', 3, [member('me', 0, 0), member('bob', 0, 4)], 'read'],
    ['my own markers do not count', 3, [member('me', 9, 9), member('bob', 0, 0)], 'sent'],
    ['members unknown yet', 3, [], 'sent'],
  ];
  it.each(table)('%s', (_name, seq, members, expected) => {
    expect(statusFromMarkers({ seq, senderId: 'me' }, members)).toBe(expected);
  });
});
