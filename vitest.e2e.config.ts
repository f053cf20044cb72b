import { defineConfig } from 'vitest/config';

/** Browser tests: `npm run test:e2e`. Kept apart so `npm test` never builds the app or starts Chromium. */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/globalSetup.ts'],
    // One browser, one preview server, flows that build on each other inside a file.
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 180_000,
    reporters: ['verbose'],
  },
});
