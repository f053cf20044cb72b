import { plural } from '@lingui/core/macro';
import { formatLocale } from '../i18n/i18n';

/** Work the app counts as it goes, each said in a sentence of its own. */
export type CountedWork = 'syncing-conversations' | 'building-scenario';

/**
 * Counted work as a sentence: "Syncing 3 of 20 conversations", numbers in the reader's locale. One whole
 * message per kind of work (word order and plural forms differ between languages), the total choosing the
 * plural form.
 */
export function countedProgress(work: CountedWork, doneCount: number, total: number): string {
  const done = new Intl.NumberFormat(formatLocale()).format(doneCount);
  switch (work) {
    case 'syncing-conversations':
      return plural(total, { one: `Syncing ${done} of # conversation`, other: `Syncing ${done} of # conversations` });
    case 'building-scenario':
      return plural(total, { one: `Building the scenario: ${done} of # message`, other: `Building the scenario: ${done} of # messages` });
  }
}

/** How far, in percent (0 to 100) for a bar; 0 when there is nothing to count. */
export function progressPercent(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.max(0, Math.round((done / total) * 100)));
}
