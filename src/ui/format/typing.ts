import { plural } from '@lingui/core/macro';
import { formatLocale } from '../i18n/i18n';

/**
 * Who is typing, in a line: "Maya is typing…", "Maya and Leo are typing…",
 * "3 people are typing…". Names are joined the locale's way (Intl.ListFormat);
 * past two, a count reads better than a list. One or two names are one plural
 * message, so a language with a dual (Arabic) says two people its own way.
 */
export function typingLine(names: readonly string[], locale: string = formatLocale()): string {
  if (names.length === 0) return '';
  const count = names.length;
  if (count > 2) return plural(count, { one: '# person is typing…', other: '# people are typing…' });
  const who = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(names);
  return plural(count, { one: `${who} is typing…`, other: `${who} are typing…` });
}
