import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * `npm run build:server`: the reference server (server/main.ts and the src/
 * code it uses) bundled into dist-server/ as plain JavaScript for Node, so a
 * production install runs it with `node` and no dev tools (tsx, Vite,
 * TypeScript). An SSR build leaves every package in node_modules outside the
 * bundle (the native ones, better-sqlite3 and argon2, cannot be bundled), so
 * dist-server/ runs beside `npm ci --omit=dev`'s node_modules.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Not the app's config (vite.config.ts): no React, no PWA, no public/ to copy.
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: 'server/main.ts',
    outDir: 'dist-server',
    emptyOutDir: true,
    target: 'node20',
    // Stack traces in the logs name the TypeScript lines (`node --enable-source-maps`).
    sourcemap: true,
    minify: false,
  },
});
