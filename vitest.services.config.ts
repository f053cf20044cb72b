import { defineConfig } from 'vitest/config';

/**
 * Tests against real PostgreSQL and Redis (`npm run test:services`). Kept out
 * of `npm test`, which must run with no services; the global setup fails this
 * run loudly when a service is down rather than skipping.
 */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/services/**/*.test.ts'],
    globalSetup: ['tests/services/requireServices.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
