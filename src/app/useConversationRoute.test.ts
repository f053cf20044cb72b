import { describe, expect, it } from 'vitest';
import { conversationIdFromHash, hashForConversation } from './useConversationRoute';

describe('conversation route', () => {
  it.each([
    ['', null],
    ['#/', null],
    ['#/c/', null],
    ['#/c/abc-123', 'abc-123'],
    ['#/c/a%2Fb', 'a/b'],
    ['#/other/x', null],
  ])('%j opens %j', (hash, id) => expect(conversationIdFromHash(hash)).toBe(id));

  it('round-trips ids', () => {
    for (const id of ['x', 'a/b c', 'ü']) expect(conversationIdFromHash(hashForConversation(id))).toBe(id);
    expect(hashForConversation(null)).toBe('#/');
  });
});
