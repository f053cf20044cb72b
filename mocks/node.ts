import { setupServer } from 'msw/node';
import { type MemoryBackendOptions, type MockBackend, createMockBackend } from './backend';
import { type HandlerOptions, createHandlers } from './handlers';

export interface MockServerOptions extends HandlerOptions, Pick<MemoryBackendOptions, 'typingTtlMs' | 'hasher' | 'limits' | 'store'> {}

/**
 * The mock HTTP API in Node (tests): MSW's setupServer answering from a
 * ChatService over a MemoryStore. Call `server.listen()` before use and
 * `close()` after.
 */
export function setupMockServer(options: MockServerOptions = {}): {
  server: ReturnType<typeof setupServer>;
  backend: MockBackend;
  close(): void;
} {
  const backend = createMockBackend({ typingTtlMs: options.typingTtlMs, hasher: options.hasher, limits: options.limits, store: options.store });
  const server = setupServer(...createHandlers(backend, options));
  return {
    server,
    backend,
    close: () => {
      server.close();
      backend.dispose();
    },
  };
}
