/**
 * The app's one message catalogue at run time (Lingui), in two parts per language (lingui.config.ts):
 * `shell`, what the first paint needs, and `app`, the rest. English's shell is bundled: it is the fallback
 * and what most first visits need, so their first paint waits for nothing. Another language's shell is a
 * chunk fetched before the first render, so no English flashes first. The `app` part is fetched beside the
 * chunks that use it (the messenger, the simulation tools): `loadAppMessages()`.
 */
import { i18n, type Messages } from '@lingui/core';
import { messages as englishShell } from '../../locales/en/shell.po';
import { intlTag, type Locale, textDirection } from './locale';

type Catalogue = () => Promise<{ messages: Messages }>;

const SHELL: Readonly<Record<Exclude<Locale, 'en'>, Catalogue>> = {
  de: () => import('../../locales/de/shell.po'),
  ar: () => import('../../locales/ar/shell.po'),
  pseudo: () => import('../../locales/pseudo/shell.po'),
};

const APP: Readonly<Record<Locale, Catalogue>> = {
  en: () => import('../../locales/en/app.po'),
  de: () => import('../../locales/de/app.po'),
  ar: () => import('../../locales/ar/app.po'),
  pseudo: () => import('../../locales/pseudo/app.po'),
};

let active: Locale = 'en';
let appMessages: Promise<void> | null = null;
i18n.loadAndActivate({ locale: 'en', messages: englishShell });

/**
 * Makes a language the active one and sets the page's `lang` and `dir`. With `shellOnly` (the first paint)
 * only the shell part is loaded, the rest comes with `loadAppMessages()`; otherwise both.
 */
export async function activateLocale(
  locale: Locale,
  root: HTMLElement | null = globalThis.document?.documentElement ?? null,
  { shellOnly = false }: { shellOnly?: boolean } = {},
): Promise<void> {
  const shell = locale === 'en' ? englishShell : (await SHELL[locale]()).messages;
  i18n.loadAndActivate({ locale, messages: shell });
  active = locale;
  appMessages = null;
  if (root) {
    root.lang = intlTag(locale);
    root.dir = textDirection(locale);
  }
  if (!shellOnly) await loadAppMessages();
}

/** The rest of the active language's messages, once; whatever renders past the first screen awaits it. */
export function loadAppMessages(): Promise<void> {
  const locale = active;
  const loading = (appMessages ??= APP[locale]().then(
    ({ messages }) => i18n.load(locale, messages),
    (error: unknown) => {
      // A failed fetch (a flaky network) is not kept: whatever asks next fetches again.
      if (appMessages === loading) appMessages = null;
      throw error;
    },
  ));
  return loading;
}

export function activeLocale(): Locale {
  return active;
}

/** The app's reading direction, for a label that must keep it inside text whose direction is its own (`dir="auto"`). */
export function appDirection(): 'ltr' | 'rtl' {
  return textDirection(active);
}

/** The tag for Intl formatters, so dates and numbers speak the app's language rather than the browser's. */
export function formatLocale(): string {
  return intlTag(active);
}

export { i18n };
