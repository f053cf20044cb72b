import { readFileSync } from 'node:fs';
import PO from 'pofile';

export type Translate = (english: string) => string;

/**
 * The app's own words in a language, read from its catalogue, so a test in German or Arabic finds
 * elements by the accessible names a person there hears (and fails when a name was left in English).
 */
export function translator(locale: string): Translate {
  if (locale === 'en') return (english) => english;
  const po = PO.parse(readFileSync(`src/locales/${locale}/messages.po`, 'utf8'));
  const table = new Map(po.items.map((item) => [item.msgid, item.msgstr[0] ?? '']));
  return (english) => {
    const translated = table.get(english);
    if (!translated) throw new Error(`"${english}" has no ${locale} translation in src/locales/${locale}/messages.po`);
    return translated;
  };
}
