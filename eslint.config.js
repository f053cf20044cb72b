import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** What UI code must never import: it sees only the port and the client engine. */
export const uiForbiddenImports = {
  paths: [
    { name: 'dexie', message: 'UI code reads data through src/client, never Dexie directly.' },
    { name: 'socket.io-client', message: 'UI code talks to the backend only through the ChatTransport port.' },
  ],
  patterns: [
    { group: ['dexie/*', 'dexie-*'], message: 'UI code reads data through src/client, never Dexie directly.' },
    { group: ['socket.io-client/*'], message: 'UI code talks to the backend only through the ChatTransport port.' },
    { group: ['msw', 'msw/*'], message: 'UI code never sees Mock Service Worker; main.tsx wires it.' },
    { group: ['**/adapters/**', '**/adapters'], message: 'UI code depends on the port, not on an adapter; main.tsx picks one.' },
    { group: ['**/mocks/**', '**/mocks'], message: 'UI code never imports mocks; main.tsx wires them.' },
    { group: ['**/backend/**', '**/backend'], message: 'UI code never imports the backend rules; it talks through the port.' },
    { group: ['**/protocol/**', '**/protocol'], message: 'UI code uses the port and the client engine; the client re-exports what the UI needs of protocol/.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', 'node_modules/**', 'public/**', 'test-results/**', 'data/**', 'dev-dist/**', 'tests/setup/lint-fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The Rules of React where React code lives (components, hooks and their tests): hooks, and the
    // compiler's checks (no refs read or written during render, no setState cascades from effects, purity).
    files: ['src/**/*.{ts,tsx}', 'tests/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['src/features/**', 'src/ui/**', 'src/app/**'],
    rules: { 'no-restricted-imports': ['error', uiForbiddenImports] },
  },
  {
    // The port imports nothing of ours; the engine and the rules never reach into adapters.
    files: ['src/transport/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['../*', '!./*'], message: 'src/transport imports nothing of ours.' }] }] },
  },
  {
    files: ['src/client/**', 'src/backend/**', 'src/protocol/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/adapters/**', '**/mocks/**', '**/server/**'], message: 'Core code never imports an adapter, mocks or the server.' },
            { group: ['socket.io-client', 'msw', 'msw/*'], message: 'Only adapters use transport libraries.' },
          ],
        },
      ],
    },
  },
);
