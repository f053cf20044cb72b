/**
 * The app's one message catalogue at run time (Lingui). English is bundled: it is the fallback and the
 * language most first visits need, so their first paint waits for nothing. Another language's catalogue is
 * its own chunk, fetched before the first render so no English flashes first.
 */
import { i18n, type Messages } from '@lingui/core';
import { messages as english } from '../../locales/en/messages.po';
import { intlTag, type Locale, textDirection } from './locale';

const CATALOGUES: Readonly<Record<Exclude<Locale, 'en'>, () => Promise<{ messages: Messages }>>> = {
  de: () => import('../../locales/de/messages.po'),
  ar: () => import('../../locales/ar/messages.po'),
  pseudo: () => import('../../locales/pseudo/messages.po'),
};

let active: Locale = 'en';
i18n.loadAndActivate({ locale: 'en', messages: english });

/** Loads a language's catalogue, makes it the active one, and sets the page's `lang` and `dir`. */
export async function activateLocale(locale: Locale, root: HTMLElement | null = globalThis.document?.documentElement): Promise<void> {
  const messages = locale === 'en' ? english : (await CATALOGUES[locale]()).messages;
  i18n.loadAndActivate({ locale, messages });
  active = locale;
  if (root) {
    root.lang = intlTag(locale);
    root.dir = textDirection(locale);
  }
}

export function activeLocale(): Locale {
  return active;
}

/** The tag for Intl formatters, so dates and numbers speak the app's language rather than the browser's. */
export function formatLocale(): string {
  return intlTag(active);
}

export { i18n };
