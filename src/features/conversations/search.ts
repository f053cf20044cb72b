import type { ConversationView, UserWithPresence } from '../../client';

/** Case- and accent-insensitive form for matching "José" with "jose". */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLocaleLowerCase();
}

function matches(user: UserWithPresence, folded: string): boolean {
  return foldForSearch(user.displayName).includes(folded) || foldForSearch(user.username).includes(folded);
}

/** Latest activity first. */
export function sortByActivity(conversations: readonly ConversationView[]): ConversationView[] {
  return [...conversations].sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt));
}

export interface SearchResults {
  conversations: ConversationView[];
  /** Directory matches I have no conversation with yet: starting one opens it. */
  people: UserWithPresence[];
}

/** Filters conversations by the peer's name and finds new people in the directory. */
export function searchPeople(
  query: string,
  conversations: readonly ConversationView[],
  directory: readonly UserWithPresence[],
  meId: string,
): SearchResults {
  const folded = foldForSearch(query.trim());
  const sorted = sortByActivity(conversations);
  const known = new Set(conversations.map((c) => c.peer.id));
  const strangers = directory
    .filter((user) => user.id !== meId && !known.has(user.id))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  if (!folded) return { conversations: sorted, people: strangers };
  return {
    conversations: sorted.filter((c) => matches(c.peer, folded)),
    people: strangers.filter((user) => matches(user, folded)),
  };
}
