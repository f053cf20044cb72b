/** Case- and accent-insensitive form for matching "José" with "jose". */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLocaleLowerCase();
}

/** Whether a person's name or username contains `folded` (a foldForSearch'd query). */
export function personMatches(user: { displayName: string; username: string }, folded: string): boolean {
  return foldForSearch(user.displayName).includes(folded) || foldForSearch(user.username).includes(folded);
}
