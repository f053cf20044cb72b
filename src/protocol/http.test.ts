import { describe, expect, it } from 'vitest';
import { decodeWireValues, eventStreamQuerySchema, httpRoutes, mergeRouteInput, paramEntries, routeMethods } from './http';

describe('decodeWireValues', () => {
  it.each([
    ['a seq in the path is a number', httpRoutes.editMessage.request, [['conversationId', 'c1'], ['seq', '12']], { conversationId: 'c1', seq: 12 }],
    ['a conversation id of digits stays text', httpRoutes.editMessage.request, [['conversationId', '123'], ['seq', '1']], { conversationId: '123', seq: 1 }],
    ['an optional number (beforeSeq) is a number', httpRoutes.history.request, [['beforeSeq', '5'], ['limit', '20']], { beforeSeq: 5, limit: 20 }],
    ['a search for digits stays text', httpRoutes.browseChannels.request, [['search', '2024'], ['limit', '10']], { search: '2024', limit: 10 }],
    ['a number field that is not an integer stays text, for the schema to refuse', httpRoutes.messageInfo.request, [['seq', '1.5']], { seq: '1.5' }],
    ['a negative integer is a number, for the schema to refuse', httpRoutes.catchUp.request, [['since', '-1']], { since: -1 }],
    ['a field no schema names stays text', httpRoutes.catchUp.request, [['extra', '7']], { extra: '7' }],
    ['the event stream query: since is a number, the ticket text', eventStreamQuerySchema, [['ticket', '1234567890123456'], ['since', '9']], { ticket: '1234567890123456', since: 9 }],
  ] as const)('%s', (_name, schema, values, expected) => {
    expect(decodeWireValues(schema, values as unknown as [string, string][])).toEqual(expected);
  });

  it('a decoded request parses with the route’s own schema', () => {
    const input = mergeRouteInput(decodeWireValues(httpRoutes.react.request, paramEntries({ conversationId: 'c1', seq: '4' })), {}, { opId: 'op-123456', emoji: '👍', on: true });
    expect(httpRoutes.react.request.parse(input)).toEqual({ conversationId: 'c1', seq: 4, opId: 'op-123456', emoji: '👍', on: true });
  });
});

describe('paramEntries', () => {
  it('takes the text parameters a library hands over, and nothing else', () => {
    expect(paramEntries({ conversationId: 'c1', seq: '2', many: ['a', 'b'], none: undefined })).toEqual([
      ['conversationId', 'c1'],
      ['seq', '2'],
    ]);
    expect(paramEntries(undefined)).toEqual([]);
  });
});

describe('routeMethods', () => {
  it('lists each method of the route table once', () => {
    expect([...routeMethods].sort()).toEqual(['DELETE', 'GET', 'PATCH', 'POST']);
  });
});
