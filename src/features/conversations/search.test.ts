import { describe, expect, it } from 'vitest';
import type { ConversationView, UserWithPresence } from '../../client';
import { foldForSearch, searchPeople, sortByActivity } from './search';

const user = (id: string, displayName: string, username = id): UserWithPresence => ({
  id,
  username,
  displayName,
  avatarColor: '#6d28d9',
  presence: 'offline',
  lastSeen: null,
});

const conversation = (peer: UserWithPresence, lastActivityAt: string): ConversationView => ({
  id: `c-${peer.id}`,
  kind: 'direct',
  title: peer.displayName,
  group: null,
  peer,
  lastMessage: null,
  unreadCount: 0,
  lastActivityAt,
  draft: '',
  readSeq: 0,
});

const me = user('me', 'Me Myself');
const jose = user('jose', 'José Álvarez', 'jalvarez');
const ann = user('ann', 'Ann Lee');
const bob = user('bob', 'Bob Stone');
const conversations = [conversation(jose, '2026-11-20T10:00:00Z'), conversation(ann, '2026-11-25T10:00:00Z')];
const directory = [me, jose, ann, bob];

describe('foldForSearch', () => {
  it.each([
    ['José', 'jose'],
    ['ÅNGSTRÖM', 'angstrom'],
    ['plain', 'plain'],
  ])('%s -> %s', (input, expected) => expect(foldForSearch(input)).toBe(expected));
});

describe('sortByActivity', () => {
  it('puts the latest activity first', () => {
    expect(sortByActivity(conversations).map((c) => c.peer.id)).toEqual(['ann', 'jose']);
  });
});

describe('searchPeople', () => {
  const ids = (r: ReturnType<typeof searchPeople>) => ({ conversations: r.conversations.map((c) => c.peer.id), people: r.people.map((u) => u.id) });

  it.each([
    ['', { conversations: ['ann', 'jose'], people: ['bob'] }],
    ['  ', { conversations: ['ann', 'jose'], people: ['bob'] }],
    ['jose', { conversations: ['jose'], people: [] }],
    ['ALVAREZ', { conversations: ['jose'], people: [] }],
    ['sto', { conversations: [], people: ['bob'] }],
    ['me', { conversations: [], people: [] }],
    ['zzz', { conversations: [], people: [] }],
  ])('%j', (query, expected) => {
    expect(ids(searchPeople(query, conversations, directory, 'me'))).toEqual(expected);
  });
});
