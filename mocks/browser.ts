import { setupWorker } from 'msw/browser';
import { browserLocks } from '../src/protocol/locks/webLocks';
import { windowOnlineSource } from '../src/transport/onlineSource';
import { openTabBackend } from './backend';
import { BROWSER_LATENCY, createHandlers } from './handlers';
import { MSW_DB_NAME, MockDatabase } from './mockDatabase';

export interface MockBackendHandle {
  stop(): Promise<void>;
}

/**
 * msw mode: registers Mock Service Worker (public/mockServiceWorker.js) to
 * answer the HTTP API in this page from a ChatService over IndexedDB, so
 * accounts, messages and sessions survive a reload. Every tab answers its
 * own requests; presence is shared by all of them, each tab proving it is
 * alive by a Web Lock (a heartbeat where there is none). main.tsx awaits it
 * before creating the http transport; nothing else loads msw.
 */
export async function startMockServiceWorker(options: { dbName?: string } = {}): Promise<MockBackendHandle> {
  const dbName = options.dbName ?? MSW_DB_NAME;
  const db = new MockDatabase(dbName);
  const backend = await openTabBackend({ db, locks: browserLocks() });
  // The same origin the http adapter calls: VITE_CHAT_SERVER_URL when set, else this page's.
  // Offline in the browser, the mocked API is unreachable, as a server would be.
  const worker = setupWorker(
    ...createHandlers(backend, { baseUrl: import.meta.env.VITE_CHAT_SERVER_URL ?? '', latency: BROWSER_LATENCY, online: windowOnlineSource() }),
  );
  await worker.start({
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
    // Vite's modules, fonts and icons go to the network as usual.
    onUnhandledRequest: 'bypass',
    quiet: true,
  });
  return {
    stop: async () => {
      worker.stop();
      await backend.dispose();
      db.close();
    },
  };
}
