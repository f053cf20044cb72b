import type { SystemEntry, UserId } from '../../transport/types';

/** How to name people in a system entry: `you` names the reader ("You added Leo"). */
export interface EntryNames {
  nameOf(userId: UserId): string;
  /** The reader, named "You"/"you"; omit to name everyone by name (the stored fallback body). */
  me?: UserId;
}

/**
 * A system entry in words: "Maya added Leo", "Leo left", "Alex renamed the
 * group to Launch". The backend stores it (with the names at the time) as the
 * entry's body; the UI says it again with today's names and "You".
 */
export function describeSystemEntry(entry: SystemEntry, actorId: UserId, names: EntryNames): string {
  const name = (id: UserId, start: boolean) => (id === names.me ? (start ? 'You' : 'you') : names.nameOf(id));
  const actor = name(actorId, true);
  switch (entry.type) {
    case 'created':
      return `${actor} created the group ${quoted(entry.title)}`;
    case 'added':
      return `${actor} added ${listOf(entry.userIds.map((id) => name(id, false)))}`;
    case 'removed':
      return `${actor} removed ${name(entry.userId, false)}`;
    case 'left':
      return entry.newOwnerId ? `${actor} left; ${name(entry.newOwnerId, true)} ${entry.newOwnerId === names.me ? 'are' : 'is'} now the owner` : `${actor} left`;
    case 'joined':
      return `${actor} joined`;
    case 'renamed':
      return `${actor} renamed the group to ${quoted(entry.title)}`;
  }
}

function quoted(title: string): string {
  return `“${title}”`;
}

/** "Leo", "Leo and Sam", "Leo, Sam and Ana". */
export function listOf(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? 'nobody';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
