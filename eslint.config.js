import js from '@eslint/js';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import lingui from 'eslint-plugin-lingui';
import reactHooks from 'eslint-plugin-react-hooks';
import { readdirSync } from 'node:fs';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Code that can reach the browser writes its schemas with zod/mini: classic
 * zod's schemas carry every method, which no bundler can drop (see
 * docs/ARCHITECTURE.md, "Writing a schema"). The server's own settings may use it.
 */
const CLASSIC_ZOD = 'Browser code uses zod/mini (tree-shakable); classic zod would bring every schema method into the bundle.';
const classicZodImports = [
  { name: 'zod', message: CLASSIC_ZOD },
  { name: 'zod/v4', message: CLASSIC_ZOD },
];

/** The libraries UI code must never import: it sees only the port and the client engine (our own folders are zones below). */
export const uiForbiddenImports = {
  paths: [
    { name: 'dexie', message: 'UI code reads data through src/client, never Dexie directly.' },
    { name: 'socket.io-client', message: 'UI code talks to the backend only through the ChatTransport port.' },
    ...classicZodImports,
  ],
  patterns: [
    { group: ['dexie/*', 'dexie-*'], message: 'UI code reads data through src/client, never Dexie directly.' },
    { group: ['socket.io-client/*'], message: 'UI code talks to the backend only through the ChatTransport port.' },
    { group: ['msw', 'msw/*'], message: 'UI code never sees Mock Service Worker; main.tsx wires it.' },
  ],
};

const UI = ['./src/features', './src/ui', './src/app'];
const SERVER_SIDE = ['./server', './mocks'];
const ADAPTERS = ['./adapters'];

/**
 * The layers of docs/ARCHITECTURE.md as import-x zones: a file under `target`
 * may not import from `from` (paths resolved, so `../` tricks do not slip
 * through). main.tsx, the composition root, is in no zone, nor are tests.
 */
export const layerZones = [
  // The port imports nothing of ours.
  { target: './src/transport', from: ['./src', ...ADAPTERS, ...SERVER_SIDE], except: ['./transport'], message: 'src/transport (the port) imports nothing of ours.' },
  // Wire schemas and the rules client and backend share: the port's types only.
  { target: './src/protocol', from: ['./src/client', './src/backend', ...UI, ...ADAPTERS, ...SERVER_SIDE], message: 'src/protocol depends on the port only.' },
  { target: './src/backend', from: ['./src/client', ...UI, ...ADAPTERS, ...SERVER_SIDE], message: 'The backend rules run in the browser and in Node: they import the protocol and the port, never the client, the UI, an adapter, mocks or the server.' },
  { target: './src/client', from: ['./src/backend', ...UI, ...ADAPTERS, ...SERVER_SIDE], message: 'The client engine talks to a backend only through the port (src/transport); it never imports the backend rules, the UI, an adapter, mocks or the server.' },
  { target: UI, from: ['./src/backend', './src/protocol', ...ADAPTERS, ...SERVER_SIDE], message: 'UI code depends on the port and the client engine only; main.tsx picks an adapter.' },
  // Adapters: the port and the protocol; only the simulation runs the backend rules in the browser.
  { target: ADAPTERS, from: ['./src/client', ...UI, ...SERVER_SIDE], message: 'An adapter implements the port: it never imports the client engine, the UI, mocks or the server.' },
  { target: ['./adapters/http', './adapters/socketio', './adapters/api'], from: ['./src/backend', './adapters/sim'], message: 'The network adapters speak the protocol; the backend rules live behind the server.' },
  { target: './adapters/http', from: ['./adapters/socketio'], message: 'Adapters do not import each other; shared code lives in adapters/api.' },
  { target: './adapters/socketio', from: ['./adapters/http'], message: 'Adapters do not import each other; shared code lives in adapters/api.' },
  { target: './adapters/sim', from: ['./adapters/http', './adapters/socketio'], message: 'Adapters do not import each other.' },
  // The two backends outside the browser's simulation: the rules plus their own edges.
  { target: './server', from: ['./src/client', ...UI, ...ADAPTERS, './mocks'], message: 'The server runs the backend rules (src/backend) over the protocol; it never imports the client, the UI, an adapter or mocks.' },
  { target: './mocks', from: ['./src/client', ...UI, './server', ...ADAPTERS], message: 'mocks/ answers the HTTP API with the backend rules; what it shares with the server lives in src/backend.' },
  // Features compose in src/app; one feature never reaches into another.
  ...readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({
      target: `./src/features/${entry.name}`,
      from: './src/features',
      except: [`./${entry.name}`],
      message: 'Features do not import each other: shared pieces go to src/ui or src/client, composition to src/app.',
    })),
];

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
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
    },
    rules: {
      // Type-only imports do not count: they leave no runtime edge.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // Tests wire real parts together as main.tsx does (an adapter against the real server, a UI
    // over the simulated backend), so the zones hold production code; UI tests stay UI code.
    files: ['**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}', 'tests/**'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: layerZones }] },
  },
  {
    files: ['src/features/**/*.test.{ts,tsx}', 'src/ui/**/*.test.{ts,tsx}', 'src/app/**/*.test.{ts,tsx}'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: layerZones }] },
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
    // Every string a person reads comes from the catalogues (Lingui's macros; docs/ARCHITECTURE.md,
    // "Languages"). What is code, not prose, is let through: single words without a capital (class names,
    // keys, tokens), identifiers in capitals, and the attributes and calls that carry no reader's text.
    files: ['src/features/**/*.{ts,tsx}', 'src/ui/**/*.{ts,tsx}', 'src/app/**/*.{ts,tsx}', 'src/main.tsx'],
    ignores: ['**/*.test.{ts,tsx}'],
    plugins: { lingui },
    rules: {
      // A `t` outside a function would run at import, before the language is chosen: `msg` there, `i18n._` later.
      'lingui/t-call-in-function': 'error',
      'lingui/no-unlocalized-strings': [
        'error',
        {
          ignore: ['^(?![A-Z])\\S+$', '^[A-Z0-9_-]+$', '^[^A-Za-z]*$'],
          ignoreNames: [
            { regex: { pattern: 'className', flags: 'i' } },
            { regex: { pattern: '^[A-Z0-9_]+$' } },
            { regex: { pattern: '^data-' } },
            'type', 'id', 'key', 'role', 'href', 'src', 'rel', 'target', 'name', 'htmlFor', 'lang', 'dir', 'mode',
            'autoComplete', 'inputMode', 'enterKeyHint', 'variant', 'tone', 'size', 'as', 'method', 'accept', 'pattern',
            'displayName', 'testId', 'unit', 'kind', 'status', 'state', 'reason', 'code',
          ],
          ignoreFunctions: [
            'Error', 'TypeError', 'RangeError', 'console.*', '*.addEventListener', '*.removeEventListener', '*.querySelector',
            '*.querySelectorAll', '*.closest', '*.matches', '*.getAttribute', '*.setAttribute', '*.removeAttribute',
            '*.hasAttribute', '*.includes', '*.startsWith', '*.endsWith', '*.get', '*.has', '*.set', '*.delete', 'matchMedia',
            'useMediaQuery', 'window.matchMedia', 'new URL', 'URL', 'URLSearchParams', 'import', 'Intl.*', 'Symbol',
          ],
        },
      ],
    },
  },
  {
    files: ['src/client/**', 'src/backend/**', 'src/protocol/**', 'src/transport/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: classicZodImports, patterns: [{ group: ['socket.io-client', 'socket.io-client/*', 'msw', 'msw/*'], message: 'Only adapters and mocks use transport libraries.' }] },
      ],
    },
  },
  {
    files: ['src/main.tsx', 'adapters/**', 'mocks/**'],
    rules: { 'no-restricted-imports': ['error', { paths: classicZodImports }] },
  },
);
