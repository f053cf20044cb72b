import { describe, expect, it } from 'vitest';
import type { ConversationMember, ServerMessageStatus } from '../../transport/types';
import { statusFromMarkers } from './messageStatus';

const member = (userId: string, deliveredSeq: number, readSeq: number): ConversationMember => ({ userId, deliveredSeq, readSeq });

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
  ];
  it.each(table)('%s', (_name, seq, members, expected) => {
    expect(statusFromMarkers({ seq, senderId: 'me' }, members)).toBe(expected);
  });
});
