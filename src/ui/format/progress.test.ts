import { afterEach, describe, expect, it } from 'vitest';
import { activateLocale } from '../i18n/i18n';
import { countedProgress, type CountedWork, progressPercent } from './progress';

describe('countedProgress', () => {
  afterEach(() => activateLocale('en', null));

  it.each<[CountedWork, number, number, string]>([
    ['syncing-conversations', 3, 20, 'Syncing 3 of 20 conversations'],
    ['building-scenario', 4000, 10000, 'Building the scenario: 4,000 of 10,000 messages'],
    ['syncing-conversations', 0, 1, 'Syncing 0 of 1 conversation'],
  ])('%s %i of %i', (work, done, total, text) => {
    expect(countedProgress(work, done, total)).toBe(text);
  });

  it("counts in the reader's language, with its digit grouping and plural", async () => {
    await activateLocale('de', null);
    expect(countedProgress('syncing-conversations', 3, 20)).toBe('Synchronisiere 3 von 20 Unterhaltungen');
    expect(countedProgress('building-scenario', 4000, 10000)).toBe('Szenario wird erstellt: 4.000 von 10.000 Nachrichten');
  });
});

describe('progressPercent', () => {
  it.each([
    [0, 20, 0],
    [3, 20, 15],
    [20, 20, 100],
    [25, 20, 100],
    [0, 0, 0],
  ])('%i of %i -> %i%%', (done, total, percent) => {
    expect(progressPercent(done, total)).toBe(percent);
  });
});
