// The app's build-time settings: Vite writes each VITE_* variable of the build's environment into
// the bundle (vite/client, in tsconfig's types, declares the rest of import.meta.env). Only these
// exist: a misspelt name is a type error rather than a silent undefined.

interface ViteTypeOptions {
  strictImportMetaEnv: unknown;
}

interface ImportMetaEnv {
  /** The backend the app talks to: `sim` (the default), `msw` or `socket`; src/main.tsx refuses any other. */
  readonly VITE_CHAT_TRANSPORT?: string;
  /**
   * Where the server is, for `socket` (default http://localhost:3001) and `msw` (default: the page's
   * own origin, which the mocks answer).
   */
  readonly VITE_CHAT_SERVER_URL?: string;
}

// A Lingui catalogue: @lingui/vite-plugin compiles src/locales/*/{shell,app}.po on import.
declare module '*.po' {
  import type { Messages } from '@lingui/core';
  export const messages: Messages;
}
