import { defineConfig } from '@lingui/conf';
import { formatter } from '@lingui/format-po';

/**
 * The app's languages. Strings are written in English in the code (Lingui's macros); `npm run i18n` extracts
 * them into src/locales/{locale}/messages.po, writes the pseudo-locale from English, and a test fails while a
 * catalogue is stale or a translation is missing. `pseudo` lengthens and accents every string to find truncation.
 */
export default defineConfig({
  sourceLocale: 'en',
  locales: ['en', 'de', 'ar', 'pseudo'],
  fallbackLocales: { default: 'en' },
  catalogs: [
    {
      path: '<rootDir>/src/locales/{locale}/messages',
      include: ['<rootDir>/src'],
      exclude: ['**/*.test.ts', '**/*.test.tsx', '**/node_modules/**'],
    },
  ],
  // Line numbers would make every edit above a string churn the catalogues.
  format: formatter({ lineNumbers: false }),
  orderBy: 'messageId',
  // Macros use the app's own i18n instance, active with English from its first import, and a `<Trans>` that
  // needs no provider: the language is picked before the first render and changes only with a reload.
  // Root-relative paths: Vite resolves them from any file.
  runtimeConfigModule: {
    i18n: ['/src/ui/i18n/i18n.ts', 'i18n'],
    Trans: ['/src/ui/i18n/Trans.tsx', 'Trans'],
  },
});
