import { readFileSync } from 'node:fs';
import PO from 'pofile';

/** A message in a language, its simple `{name}` placeholders filled in (plurals are not needed by the tests). */
export type Translate = (english: string, values?: Record<string, string>) => string;

const fill = (text: string, values: Record<string, string> = {}) => text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

/**
 * The app's own words in a language, read from its catalogue, so a test in German or Arabic finds
 * elements by the accessible names a person there hears (and fails when a name was left in English).
 */
export function translator(locale: string): Translate {
  if (locale === 'en') return fill;
  const items = ['shell', 'app'].flatMap((part) => PO.parse(readFileSync(`src/locales/${locale}/${part}.po`, 'utf8')).items);
  const table = new Map(items.map((item) => [item.msgid, item.msgstr[0] ?? '']));
  return (english, values) => {
    const translated = table.get(english);
    if (!translated) throw new Error(`"${english}" has no ${locale} translation in src/locales/${locale}/`);
    return fill(translated, values);
  };
}
