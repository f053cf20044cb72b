import { afterEach, describe, expect, it } from 'vitest';
import { activateLocale } from '../i18n/i18n';
import { typingLine } from './typing';

describe('typingLine', () => {
  afterEach(() => activateLocale('en', null));

  it.each([
    [[], ''],
    [['Maya'], 'Maya is typing…'],
    [['Maya', 'Leo'], 'Maya and Leo are typing…'],
    [['Maya', 'Leo', 'Sam'], '3 people are typing…'],
    [['A', 'B', 'C', 'D', 'E'], '5 people are typing…'],
  ])('%j', (names, expected) => {
    expect(typingLine(names)).toBe(expected);
  });

  it('joins the names and agrees the verb in the reader\'s language', async () => {
    await activateLocale('de', null);
    expect(typingLine(['Maya'])).toBe('Maya schreibt…');
    expect(typingLine(['Maya', 'Leo'])).toBe('Maya und Leo schreiben…');
    expect(typingLine(['Maya', 'Leo', 'Sam'])).toBe('3 Personen schreiben…');
  });

  it('says two people with Arabic\'s dual, and its own "and"', async () => {
    await activateLocale('ar', null);
    const both = new Intl.ListFormat('ar', { style: 'long', type: 'conjunction' }).format(['Maya', 'Leo']);
    expect(typingLine(['Maya', 'Leo'])).toBe(`${both} يكتبان…`);
    expect(typingLine(['Maya'])).toBe('Maya يكتب…');
  });
});
