// Dexie in Node: fake-indexeddb installs indexedDB and IDBKeyRange on globalThis.
import 'fake-indexeddb/auto';

// DOM matchers (toBeInTheDocument ...) for component tests; harmless in node tests.
import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';
import { installDialogPolyfill } from './dialogPolyfill';

// jsdom lacks <dialog>'s behaviour (showModal, close, Escape): component tests only, see dialogPolyfill.ts.
if (typeof window !== 'undefined') installDialogPolyfill(window);

// Testing Library unmounts after each test by itself only when vitest globals are on; here they are off.
afterEach(async () => {
  if (typeof document === 'undefined') return;
  const { cleanup } = await import('@testing-library/react');
  cleanup();
});
