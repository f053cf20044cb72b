/**
 * The message catalogues, kept honest.
 *   npm run i18n          extracts the strings from the code (lingui extract) and writes the pseudo-locale.
 *   npm run i18n:check    (in `npm test`) fails while English misses a string of the code or keeps one it no
 *                         longer has, while German or Arabic misses a translation or one that breaks a
 *                         placeholder, and while the pseudo-locale is stale.
 * A string the production build cannot find in a catalogue would show as its hashed id, hence the check.
 */
import { spawnSync } from 'node:child_process';
import { getCatalogs } from '@lingui/cli/api';
import { getConfig } from '@lingui/conf';
import { compileMessage } from '@lingui/message-utils/compileMessage';
import { pseudoLocalize } from './pseudoLocalize';

const TRANSLATED = ['de', 'ar'] as const;

/** The placeholders a message uses: `{name}` and the elements `<0>`; a translation must use the same ones. */
export function placeholders(message: string): string[] {
  const names = new Set<string>();
  for (const match of message.matchAll(/\{\s*(\w+)\s*[,}]|<\/?(\d+)\s*\/?>/g)) names.add(match[1] ?? `<${match[2]}>`);
  return [...names].sort();
}

const config = getConfig({ cwd: process.cwd() });
const catalogs = await getCatalogs(config);

if (process.argv.includes('--write')) {
  const extract = spawnSync('npx', ['lingui', 'extract', '--clean'], { stdio: 'inherit' });
  if (extract.status !== 0) process.exit(extract.status ?? 1);
  for (const catalog of catalogs) {
    const english = await catalog.read('en');
    const pseudo = Object.fromEntries(
      Object.entries(english).map(([id, entry]) => [id, { ...entry, translation: pseudoLocalize(entry.message ?? id) }]),
    );
    await catalog.write('pseudo', pseudo);
    console.log(`${catalog.path}: ${Object.keys(pseudo).length} pseudo-locale messages written`);
  }
  process.exit(0);
}

const problems: string[] = [];
let total = 0;
for (const catalog of catalogs) {
  const name = catalog.path.split('/').at(-1);
  const inCode = (await catalog.collect()) ?? {};
  const all = await catalog.readAll();
  const english = all.en ?? {};
  total += Object.keys(english).length;
  for (const id of Object.keys(inCode)) if (!english[id]) problems.push(`${name} en: "${inCode[id]?.message ?? id}" is in the code, not in the catalogue`);
  for (const id of Object.keys(english)) if (!inCode[id]) problems.push(`${name} en: "${english[id]?.message ?? id}" is in the catalogue, no longer in the code`);
  for (const locale of TRANSLATED) {
    const catalogue = all[locale] ?? {};
    for (const [id, entry] of Object.entries(english)) {
      const source = entry.message ?? id;
      const translation = catalogue[id]?.translation;
      if (!translation) {
        problems.push(`${name} ${locale}: no translation of "${source}"`);
        continue;
      }
      try {
        compileMessage(translation);
      } catch (error) {
        problems.push(`${name} ${locale}: "${translation}" does not compile: ${String(error)}`);
        continue;
      }
      if (placeholders(translation).join() !== placeholders(source).join()) {
        problems.push(`${name} ${locale}: "${translation}" uses {${placeholders(translation).join(', ')}}, English "${source}" {${placeholders(source).join(', ')}}`);
      }
    }
  }
  const pseudo = all.pseudo ?? {};
  for (const [id, entry] of Object.entries(english)) {
    const translation = pseudo[id]?.translation;
    if (translation !== pseudoLocalize(entry.message ?? id)) problems.push(`${name} pseudo: "${entry.message ?? id}" is stale`);
    else {
      try {
        compileMessage(translation);
      } catch (error) {
        problems.push(`${name} pseudo: "${translation}" does not compile: ${String(error)}`);
      }
    }
  }
}

if (problems.length > 0) {
  console.error(`${problems.length} catalogue problem(s); \`npm run i18n\` extracts the strings and writes the pseudo-locale, translations are written in src/locales/{de,ar}/*.po:`);
  for (const problem of problems.slice(0, 60)) console.error(`  ${problem}`);
  if (problems.length > 60) console.error(`  … and ${problems.length - 60} more`);
  process.exit(1);
}
console.log(`catalogues: ${total} messages in ${catalogs.length}, translated in ${TRANSLATED.join(', ')}, pseudo-locale current`);
