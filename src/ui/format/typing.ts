/**
 * Who is typing, in a line: "Maya is typing…", "Maya and Leo are typing…",
 * "3 people are typing…". Names are joined the locale's way (Intl.ListFormat);
 * past two, a count reads better than a list.
 */
export function typingLine(names: readonly string[], locale = 'en'): string {
  if (names.length === 0) return '';
  if (names.length > 2) return `${names.length} people are typing…`;
  const who = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(names);
  return `${who} ${names.length === 1 ? 'is' : 'are'} typing…`;
}
