import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * Three projects in one config; the npm scripts pick one each:
 *   unit      `npm test`, `npm run test:watch`: typecheck-free unit, component and contract tests; no services.
 *   services  `npm run test:services`: against real PostgreSQL and Redis.
 *   e2e       `npm run test:e2e`: the built app in Chromium.
 * A bare `vitest run` with no --project runs all three; a file or folder filter runs the projects that hold it.
 */
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [react()],
        test: {
          name: 'unit',
          // Node by default; component tests opt into jsdom with a `// @vitest-environment jsdom` docblock.
          environment: 'node',
          include: ['src/**/*.test.{ts,tsx}', 'adapters/**/*.test.ts', 'mocks/**/*.test.ts', 'server/**/*.test.ts', 'tests/**/*.test.{ts,tsx}'],
          exclude: ['tests/e2e/**', 'tests/services/**', 'node_modules/**'],
          setupFiles: ['tests/setup/vitest.setup.ts'],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
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
