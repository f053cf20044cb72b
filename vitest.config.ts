import { lingui } from '@lingui/vite-plugin';
import react from '@vitejs/plugin-react';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { linguiMacroPlugin } from './scripts/linguiMacroPlugin';

/**
 * The test projects; the npm scripts pick them:
 *   unit, dom  `npm test`, `npm run test:watch`: unit and contract tests in Node, component tests in jsdom; no services.
 *   services   `npm run test:services`: against real PostgreSQL and Redis.
 *   e2e        `npm run test:e2e`: the built app in Chromium.
 * A bare `vitest run` with no --project runs them all; a file or folder filter runs the projects that hold it.
 */

/** Component tests (React, the DOM): .tsx, and the one .ts test of a browser API (sessionStorage). */
const COMPONENT_TESTS = ['**/*.test.tsx', 'src/client/drafts/draftJournal.test.ts'];
const UNIT_TESTS = ['src/**/*.test.{ts,tsx}', 'adapters/**/*.test.ts', 'mocks/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/**/*.test.{ts,tsx}'];
const NOT_UNIT = ['tests/e2e/**', 'tests/services/**', '**/node_modules/**'];

const unit = {
  setupFiles: ['tests/setup/vitest.setup.ts'],
  testTimeout: 20_000,
  hookTimeout: 30_000,
};

export default defineConfig({
  test: {
    // Vitest's default leaves a core for itself (one worker on two cores), but most tests spend part of
    // their time waiting on sockets, timers and child processes: one worker per core, at least two.
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      {
        plugins: [linguiMacroPlugin(), lingui()],
        test: {
          ...unit,
          name: 'unit',
          environment: 'node',
          include: UNIT_TESTS,
          exclude: [...COMPONENT_TESTS, ...NOT_UNIT],
          // Node tests share a worker's module cache from file to file instead of importing everything
          // afresh for each (a fifth of the run's CPU): they hold no module state, and each test sets up
          // and closes its own servers, databases (unique names) and channels.
          isolate: false,
        },
      },
      {
        plugins: [linguiMacroPlugin(), lingui(), react()],
        test: {
          ...unit,
          name: 'dom',
          environment: 'jsdom',
          include: COMPONENT_TESTS,
          exclude: NOT_UNIT,
          // Each file gets a fresh DOM: window, storage and globals a test set are gone for the next.
          isolate: true,
        },
      },
      {
        plugins: [linguiMacroPlugin(), lingui()],
        test: {
          name: 'services',
          environment: 'node',
          include: ['tests/services/**/*.test.ts'],
          // Fails the run loudly, naming the service, when PostgreSQL or Redis is down, rather than skipping.
          globalSetup: ['tests/services/requireServices.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.e2e.ts'],
          globalSetup: ['tests/e2e/globalSetup.ts'],
          // One browser, one preview server, flows that build on each other inside a file.
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
