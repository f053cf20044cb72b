import type { ConversationView, UserWithPresence } from '../../client';
import { foldForSearch, personMatches as matches } from '../../ui/format/fold';

export { foldForSearch };

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
  const known = new Set(conversations.filter((c) => c.kind === 'direct').map((c) => c.peer.id));
  const strangers = directory
    .filter((user) => user.id !== meId && !known.has(user.id))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  if (!folded) return { conversations: sorted, people: strangers };
  return {
    conversations: sorted.filter((c) => matches(c.peer, folded)),
    people: strangers.filter((user) => matches(user, folded)),
  };
}
