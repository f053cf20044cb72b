/**
 * Which language the app speaks. Pure, so the choice is table-tested; `i18n.ts` applies it.
 */

export const LOCALES = ['en', 'de', 'ar', 'pseudo'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/**
 * `?lang=` wins (a supported language, or a tag whose language is one: `de-AT`); otherwise the browser's
 * languages in order, by language subtag; otherwise English.
 */
export function pickLocale(search: string, languages: readonly string[]): Locale {
  const asked = new URLSearchParams(search).get('lang');
  for (const tag of asked ? [asked, ...languages] : languages) {
    const lower = tag.trim().toLowerCase();
    if (isLocale(lower)) return lower;
    const language = lower.split(/[-_]/)[0] ?? '';
    // `pseudo` is a testing locale: only asked for by name, never picked from a browser's list.
    if (isLocale(language) && language !== 'pseudo') return language;
  }
  return 'en';
}

export function textDirection(locale: Locale): 'ltr' | 'rtl' {
  return locale === 'ar' ? 'rtl' : 'ltr';
}

/** The tag handed to Intl: the pseudo-locale formats dates and numbers as English does. */
export function intlTag(locale: Locale): string {
  return locale === 'pseudo' ? 'en' : locale;
}

/**
 * A link within the app that keeps the language the address asked for (`?lang=`): the gallery's and the
 * panel's links would otherwise fall back to the browser's language. Without `?lang=` the link is as given.
 */
export function keepLanguage(href: string, search: string): string {
  const lang = new URLSearchParams(search).get('lang');
  if (!lang) return href;
  const value = encodeURIComponent(lang);
  if (/[?&]lang=/.test(href)) return href.replace(/([?&]lang=)[^&#]*/, `$1${value}`);
  return `${href}${href.includes('?') ? '&' : '?'}lang=${value}`;
}
