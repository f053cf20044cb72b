import pseudolocale from 'pseudolocale';

/**
 * The parts of an ICU message a translation must keep as they are: a plural/select head with its first
 * case (`{count, plural, one {`), the next cases (`} other {`), the end (`}}`), variables (`{name}`),
 * Lingui's element placeholders (`<0>`, `</0>`, `<1/>`) and `#`.
 */
const KEEP = /\{\s*\w+\s*,\s*(?:plural|selectordinal|select)\s*,\s*(?:offset:\d+\s*)?=?\w+\s*\{|\}\s*=?\w+\s*\{|\}\s*\}|\{\s*\w+\s*\}|<\/?\d+\s*\/?>|#/g;
const MARK = '\u0001';

/**
 * A message as the pseudo-locale shows it: accented, about 40% longer and in brackets, so a string outside
 * the catalogues stands out (plain ASCII), and a control that truncates or overflows shows it (the extra
 * length is what German and others need). Placeholders and ICU syntax are untouched, so it still compiles.
 */
export function pseudoLocalize(message: string): string {
  const marked = message.replace(KEEP, (kept) => `${MARK}${kept}${MARK}`);
  const accented = pseudolocale(marked, { delimiter: MARK, prepend: '', append: '', extend: 0.4, extendCharacter: '·' });
  return `[${accented.replaceAll(MARK, '')}]`;
}
