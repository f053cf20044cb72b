/// <reference types="vite-plugin-pwa/client" />

/**
 * Registers the service worker that precaches the app shell, so a reload
 * with no network still opens the app. Production builds only: in dev and
 * tests a worker would serve stale modules. Skip it when MSW's worker owns
 * the page (msw mode): one scope has one service worker.
 */
export async function registerPwa(options: { enabled?: boolean } = {}): Promise<void> {
  if (options.enabled === false || !import.meta.env.PROD || typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const { registerSW } = await import('virtual:pwa-register');
  registerSW({
    immediate: true,
    onRegisterError: (error: unknown) => console.warn('[violetchat] service worker registration failed', error),
  });
}
