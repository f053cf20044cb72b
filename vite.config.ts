import { lingui } from '@lingui/vite-plugin';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { linguiMacroPlugin } from './scripts/linguiMacroPlugin';
import { scenarioIndexPlugin } from './scripts/scenarioIndexPlugin';

/**
 * `npm run size` (and the size budget in `npm test`) measure the JavaScript only: they leave out the
 * service worker, whose generation is most of a build's time. Its registration module stays.
 */
const serviceWorker = process.env.VIOLETCHAT_SERVICE_WORKER !== 'off';

export default defineConfig({
  plugins: [
    // Strings in Lingui's macros, and the .po catalogues compiled on import.
    linguiMacroPlugin(),
    lingui(),
    react(),
    // `scenarios/index.json`: the designers' scenario files, for the gallery.
    scenarioIndexPlugin(),
    // The installable app shell: the build is precached, so after one visit the app opens with no network.
    VitePWA({
      disable: !serviceWorker,
      registerType: 'autoUpdate',
      injectRegister: false, // src/client/pwa.ts registers it, and only in production builds
      includeAssets: ['icons/icon.svg', 'icons/apple-touch-icon.png'],
      manifest: {
        name: 'VioletChat',
        short_name: 'VioletChat',
        description: 'A real-time, offline-first team messenger.',
        theme_color: '#6d28d9',
        background_color: '#ffffff',
        display: 'standalone',
        start_url: '/',
        scope: '/',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest,woff2}'],
        // MSW's worker must come from the network: it is a different service worker.
        globIgnores: ['**/mockServiceWorker.js'],
        navigateFallback: 'index.html',
        // A new version takes over open tabs at once, and the first visit is controlled without a reload.
        clientsClaim: true,
        skipWaiting: true,
        navigateFallbackDenylist: [/^\/api\//, /^\/socket\.io\//],
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
  ],
  server: { port: 5173 },
  preview: { port: 4173 },
  build: { sourcemap: true, target: 'es2022' },
});
