import { describe, expect, it } from 'vitest';
import { conversationIdFromHash, hashForConversation, routeFromHash } from './useConversationRoute';

describe('conversation route', () => {
  it.each([
    ['', null],
    ['#/', null],
    ['#/c/', null],
    ['#/c/abc-123', 'abc-123'],
    ['#/c/a%2Fb', 'a/b'],
    ['#/other/x', null],
    ['#/c/%E0%A4%A', null],
  ])('%j opens %j', (hash, id) => expect(conversationIdFromHash(hash)).toBe(id));

  it.each([
    ['#/c/abc/info/12', { conversationId: 'abc', infoSeq: 12 }],
    ['#/c/a%2Fb/info/3', { conversationId: 'a/b', infoSeq: 3 }],
    ['#/c/abc/info/0', { conversationId: 'abc', infoSeq: null }],
    ['#/c/abc/info/x', { conversationId: 'abc', infoSeq: null }],
    ['#/c/abc/info/-2', { conversationId: 'abc', infoSeq: null }],
    ['#/c/abc', { conversationId: 'abc', infoSeq: null }],
    ['#/c//info/4', { conversationId: null, infoSeq: null }],
  ])('%j asks for %j', (hash, route) => expect(routeFromHash(hash)).toEqual(route));

  it('round-trips ids', () => {
    for (const id of ['x', 'a/b c', 'ü']) expect(conversationIdFromHash(hashForConversation(id))).toBe(id);
    expect(hashForConversation(null)).toBe('#/');
    expect(routeFromHash(hashForConversation('a/b', 7))).toEqual({ conversationId: 'a/b', infoSeq: 7 });
  });
});
