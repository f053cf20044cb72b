/**
 * `npm run i18n:apply -- FILE.json…`: writes translations handed in as JSON into the catalogues, for a
 * translator (or a helper) who works apart from the .po files. The file maps an English message, exactly as
 * in src/locales/en/messages.po, to its translations: `{ "Send": { "de": "Senden", "ar": "إرسال" } }`.
 * A message the catalogue does not have is reported, not added: the code is where messages come from.
 */
import { readFileSync } from 'node:fs';
import { getCatalogs } from '@lingui/cli/api';
import { getConfig } from '@lingui/conf';

type Translations = Record<string, Partial<Record<string, string>>>;

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: npm run i18n:apply -- translations.json…');
  process.exit(2);
}
const given: Translations = Object.assign({}, ...files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as Translations));
const catalogs = await getCatalogs(getConfig({ cwd: process.cwd() }));

const unknown = new Set(Object.keys(given));
for (const catalog of catalogs) {
  for (const locale of catalog.locales.filter((locale) => locale !== 'en' && locale !== 'pseudo')) {
    const messages = await catalog.read(locale);
    let applied = 0;
    for (const [id, entry] of Object.entries(messages)) {
      const source = entry.message ?? id;
      const translation = given[source]?.[locale];
      if (translation === undefined) continue;
      unknown.delete(source);
      messages[id] = { ...entry, translation };
      applied++;
    }
    await catalog.write(locale, messages);
    console.log(`${catalog.getFilename(locale)}: ${applied} translations applied`);
  }
}
for (const source of unknown) console.warn(`not in the catalogue (extract first: npm run i18n): "${source}"`);
