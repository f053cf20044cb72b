import { describe, expect, it } from 'vitest';
import { intlTag, keepLanguage, pickLocale, textDirection } from './locale';

describe('pickLocale', () => {
  it.each([
    ['', [], 'en'],
    ['', ['de-DE', 'en'], 'de'],
    ['', ['fr-FR', 'ar-EG'], 'ar'],
    ['', ['fr-FR', 'es'], 'en'],
    ['?lang=ar', ['de-DE'], 'ar'],
    ['?lang=de-AT', ['en-US'], 'de'],
    ['?lang=DE', [], 'de'],
    ['?lang=pseudo', ['de'], 'pseudo'],
    ['?lang=xx', ['de'], 'de'],
    ['?scenario=busy-team&lang=ar', [], 'ar'],
    ['', ['pseudo-XX'], 'en'],
  ] as const)('search %j, browser %j → %s', (search, languages, expected) => {
    expect(pickLocale(search, languages)).toBe(expected);
  });
});

describe('direction and Intl tag', () => {
  it('Arabic reads right to left, the rest left to right', () => {
    expect(textDirection('ar')).toBe('rtl');
    expect(textDirection('de')).toBe('ltr');
    expect(textDirection('pseudo')).toBe('ltr');
  });

  it('the pseudo-locale formats as English', () => {
    expect(intlTag('pseudo')).toBe('en');
    expect(intlTag('de')).toBe('de');
  });
});

describe('keepLanguage', () => {
  it.each([
    ['?scenario=busy-team', '', '?scenario=busy-team'],
    ['?scenario=busy-team', '?scenarios&lang=ar', '?scenario=busy-team&lang=ar'],
    ['?scenarios', '?scenario=x&lang=de', '?scenarios&lang=de'],
    ['/', '?lang=pseudo', '/?lang=pseudo'],
    ['?scenario=busy-team&lang=de', '?lang=ar', '?scenario=busy-team&lang=ar'],
  ])('%s from %s → %s', (href, search, expected) => {
    expect(keepLanguage(href, search)).toBe(expected);
  });
});
