import { defineConfig } from '@lingui/conf';
import { formatter } from '@lingui/format-po';

/**
 * The app's languages. Strings are written in English in the code (Lingui's macros); `npm run i18n` extracts
 * them into src/locales/{locale}/messages.po, writes the pseudo-locale from English, and a test fails while a
 * catalogue is stale or a translation is missing. `pseudo` lengthens and accents every string to find truncation.
 */
/** The first-load bundle's files with strings (`npm run i18n:check` compares this with a build's entry chunk). */
export const SHELL_FILES = [
  'src/main.tsx',
  'src/app/App.tsx',
  'src/app/AppErrorBoundary.tsx',
  'src/app/Splash.tsx',
  'src/app/StartupError.tsx',
  'src/app/StartupFrame.tsx',
  'src/features/auth/authErrors.ts',
  'src/features/auth/AuthForm.tsx',
  'src/features/auth/AuthScreen.tsx',
  'src/ui/Button.tsx',
  'src/ui/Logo.tsx',
  'src/ui/ProgressStatus.tsx',
  'src/ui/SkeletonRows.tsx',
  'src/ui/Spinner.tsx',
  'src/ui/TextField.tsx',
  'src/ui/format/progress.ts',
  'src/ui/i18n/errors.ts',
  'src/ui/theme/ThemeToggle.tsx',
];
const SHELL = SHELL_FILES.map((file) => `<rootDir>/${file}`);
const NOT_APP = ['**/*.test.ts', '**/*.test.tsx', '**/node_modules/**'];

export default defineConfig({
  sourceLocale: 'en',
  locales: ['en', 'de', 'ar', 'pseudo'],
  fallbackLocales: { default: 'en' },
  catalogs: [
    // What the first paint needs (main.tsx and the modules of the first-load bundle: sign-in, the frame,
    // the splash, errors): bundled in English. Everything else is in `app`, fetched beside the chunk that
    // uses it. A string in both is in both; `npm run i18n:check` fails when a file moves in or out of the
    // first load without moving here.
    { path: '<rootDir>/src/locales/{locale}/shell', include: SHELL },
    { path: '<rootDir>/src/locales/{locale}/app', include: ['<rootDir>/src'], exclude: [...SHELL, ...NOT_APP] },
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
