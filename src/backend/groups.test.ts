import { describe, expect, it } from 'vitest';
import { LIMITS } from '../protocol/limits';
import type { Conversation, ConversationMember, MemberRole } from '../transport/types';
import {
  applyGroupEdit,
  channelListings,
  earliestReceipts,
  initialMembers,
  longestStanding,
  matchesChannelSearch,
  messageInfoOf,
  planAdd,
  planJoin,
  planLeave,
  planRemove,
  planRename,
} from './groups';
import { newDirectConversation } from './rules';

const member = (userId: string, role: MemberRole, joinedSeq = 0, readSeq = 0, deliveredSeq = readSeq): ConversationMember => ({ userId, role, joinedSeq, readSeq, deliveredSeq });

function group(members: ConversationMember[], visibility: 'private' | 'public' = 'private'): Conversation {
  return { id: 'g', kind: 'group', members, createdAt: '2025-01-01T00:00:00.000Z', lastSeq: 5, group: { title: 'Launch', visibility, createdBy: 'own' } };
}

const team = group([member('own', 'owner'), member('ann', 'member'), member('ben', 'member', 3)]);
const direct = newDirectConversation({ id: 'd', memberIds: ['own', 'ann'], createdAt: '2025-01-01T00:00:00.000Z' });

describe('group decisions', () => {
  const refusals: [name: string, decide: () => unknown, code: string][] = [
    ['an outsider adds', () => planAdd(team, 'eve', ['zed']), 'FORBIDDEN'],
    ['a member removes', () => planRemove(team, 'ann', 'ben'), 'FORBIDDEN'],
    ['an outsider removes', () => planRemove(team, 'eve', 'ben'), 'FORBIDDEN'],
    ['the owner removes themself', () => planRemove(team, 'own', 'own'), 'INVALID_INPUT'],
    ['a member renames', () => planRename(team, 'ann', 'Mine'), 'FORBIDDEN'],
    ['someone joins a private group', () => planJoin(team, 'eve'), 'FORBIDDEN'],
    ['a direct conversation is edited as a group', () => planAdd(direct, 'own', ['zed']), 'INVALID_INPUT'],
    ['a group grows past the limit', () => planAdd(team, 'ann', Array.from({ length: LIMITS.groupMembersMax - 2 }, (_, i) => `n${i}`)), 'INVALID_INPUT'],
    ['a full channel is joined', () => planJoin(group(Array.from({ length: LIMITS.groupMembersMax }, (_, i) => member(`m${i}`, 'member')), 'public'), 'eve'), 'INVALID_INPUT'],
    ['a group starts past the limit', () => initialMembers('own', Array.from({ length: LIMITS.groupMembersMax }, (_, i) => `n${i}`)), 'INVALID_INPUT'],
  ];
  it.each(refusals)('refuses when %s', (_name, decide, code) => {
    expect(decide).toThrow(expect.objectContaining({ code }));
  });

  const plans: [name: string, plan: unknown, expected: unknown][] = [
    ['a member adds new people, skipping members and repeats', planAdd(team, 'ann', ['ben', 'zed', 'zed']), { system: { type: 'added', userIds: ['zed'] }, add: ['zed'] }],
    ['adding only members is nothing to do', planAdd(team, 'ann', ['ben', 'own']), null],
    ['a group fills to exactly the limit', planAdd(team, 'ann', Array.from({ length: LIMITS.groupMembersMax - 3 }, (_, i) => `n${i}`))?.add?.length, LIMITS.groupMembersMax - 3],
    ['the owner removes a member', planRemove(team, 'own', 'ben'), { system: { type: 'removed', userId: 'ben' }, remove: ['ben'] }],
    ['removing someone gone is nothing to do', planRemove(team, 'own', 'eve'), null],
    ['a member leaves', planLeave(team, 'ben'), { system: { type: 'left', newOwnerId: null }, remove: ['ben'] }],
    ['the last owner leaves: the longest-standing member owns it', planLeave(team, 'own'), { system: { type: 'left', newOwnerId: 'ann' }, remove: ['own'], promote: ['ann'] }],
    ['an owner leaves while another owner stays', planLeave(group([member('own', 'owner'), member('co', 'owner', 2), member('ann', 'member')]), 'own'), { system: { type: 'left', newOwnerId: null }, remove: ['own'] }],
    ['the last one leaves', planLeave(group([member('own', 'owner')]), 'own'), { system: { type: 'left', newOwnerId: null }, remove: ['own'] }],
    ['leaving again is nothing to do', planLeave(team, 'eve'), null],
    ['the owner renames', planRename(team, 'own', 'Liftoff'), { system: { type: 'renamed', title: 'Liftoff' }, title: 'Liftoff' }],
    ['the same title again is nothing to do', planRename(team, 'own', 'Launch'), null],
    ['anyone joins a public channel', planJoin(group(team.members, 'public'), 'eve'), { system: { type: 'joined' }, add: ['eve'] }],
    ['joining again is nothing to do', planJoin(group(team.members, 'public'), 'ann'), null],
    ['a new group leaves out its creator and repeats', initialMembers('own', ['ann', 'own', 'ann', 'ben']), ['ann', 'ben']],
  ];
  it.each(plans)('%s', (_name, plan, expected) => {
    expect(plan).toEqual(expected);
  });

  it('the longest-standing member is the earliest to join, the first listed among equals', () => {
    expect(longestStanding([member('late', 'member', 9), member('a', 'member', 2), member('b', 'member', 2)])?.userId).toBe('a');
    expect(longestStanding([])).toBeUndefined();
  });
});

describe('applyGroupEdit', () => {
  it('adds members at the entry seq with markers just below it, removes, promotes and renames', () => {
    const entry = { id: 'e', senderId: 'own', clientId: 'system:1', body: '', createdAt: '', system: { type: 'joined' as const } };
    const after = applyGroupEdit(team, { entry, add: [{ userId: 'zed', role: 'member' }], remove: ['ann'], promote: ['ben'], title: 'New' }, 6);
    expect(after.members).toEqual([member('own', 'owner'), member('ben', 'owner', 3), member('zed', 'member', 6, 5)]);
    expect(after).toMatchObject({ lastSeq: 6, group: { title: 'New', visibility: 'private', createdBy: 'own' } });
    expect(team.members).toHaveLength(3);
  });
});

describe('channels', () => {
  it.each([
    ['Launch Party', 'launch', true],
    ['Launch Party', '  PARTY ', true],
    ['Café talk', 'cafe', true],
    ['Launch', 'design', false],
    ['Anything', undefined, true],
    ['Anything', '', true],
  ] as [string, string | undefined, boolean][])('%s matches %j: %s', (title, search, expected) => {
    expect(matchesChannelSearch(title, search)).toBe(expected);
  });

  it('lists public channels I am not in, newest activity first, up to the limit', () => {
    const at = (d: number) => `2025-01-0${d}T00:00:00.000Z`;
    const channel = (id: string, members: ConversationMember[], visibility: 'private' | 'public' = 'public') => ({ ...group(members, visibility), id });
    const listed = channelListings(
      [
        { conversation: channel('old', [member('own', 'owner')]), lastActivityAt: at(1) },
        { conversation: channel('new', [member('own', 'owner'), member('ann', 'member')]), lastActivityAt: at(3) },
        { conversation: channel('mine', [member('eve', 'member')]), lastActivityAt: at(4) },
        { conversation: channel('secret', [member('own', 'owner')], 'private'), lastActivityAt: at(5) },
      ],
      'eve',
      undefined,
      10,
    );
    expect(listed.map((l) => [l.id, l.memberCount])).toEqual([
      ['new', 2],
      ['old', 1],
    ]);
    expect(channelListings([{ conversation: channel('new', []), lastActivityAt: at(3) }, { conversation: channel('old', []), lastActivityAt: at(1) }], 'eve', undefined, 1).map((l) => l.id)).toEqual(['new']);
  });
});

describe('message info', () => {
  it('splits the receivers and gives each the earliest time of their receipt', () => {
    const members = [member('own', 'owner', 0, 9), member('ann', 'member', 0, 4), member('ben', 'member', 0, 2, 4), member('cat', 'member', 0, 0), member('late', 'member', 7, 9)];
    const times = earliestReceipts(
      [
        { userId: 'ann', kind: 'read', uptoSeq: 4, at: '2025-01-01T10:00:00.000Z' },
        { userId: 'ann', kind: 'read', uptoSeq: 6, at: '2025-01-01T09:00:00.000Z' },
        { userId: 'ann', kind: 'read', uptoSeq: 3, at: '2025-01-01T08:00:00.000Z' },
        { userId: 'ben', kind: 'delivered', uptoSeq: 4, at: null },
      ],
      4,
    );
    expect(messageInfoOf({ conversationId: 'g', seq: 4, senderId: 'own' }, members, times)).toEqual({
      conversationId: 'g',
      seq: 4,
      read: [{ userId: 'ann', at: '2025-01-01T09:00:00.000Z' }],
      delivered: [{ userId: 'ben', at: null }],
      pending: ['cat'],
    });
  });
});
