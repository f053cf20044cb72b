import { CrossTabPublisher } from '../src/backend/crossTabPublisher';
import { MemoryHub } from '../src/backend/hub';
import { Pbkdf2Hasher } from '../src/backend/pbkdf2Hasher';
import { MemoryPresence } from '../src/backend/presence';
import { ChatService, type ServiceOptions } from '../src/backend/service';
import type { Store } from '../src/backend/store';
import { MemorySessionRecords, type SessionRecords, TokenSessions } from '../src/backend/tokenSessions';
import { MemoryStreamTickets, type StreamTickets } from '../server/http/streamTickets';

export interface MockBackendOptions {
  store: Store;
  /** Where session tokens live; persistent in the browser so a reload keeps one signed in. */
  sessionRecords?: SessionRecords;
  typingTtlMs?: number;
  /**
   * Share events with the other tabs' mock servers over this BroadcastChannel
   * (browser): each tab answers its own requests, all over one database.
   */
  crossTabChannel?: string;
  /** Rule knobs (rate limits) for tests. */
  limits?: Pick<ServiceOptions, 'loginAttempts' | 'sendRate'>;
}

export interface MockBackend {
  service: ChatService;
  hub: MemoryHub;
  presence: MemoryPresence;
  tickets: StreamTickets;
  dispose(): void;
}

/**
 * The backend MSW answers from: the same ChatService the server runs, over a
 * store of the caller's choosing, with WebCrypto hashing and opaque tokens
 * (no Node-only argon2 or JWT secret in a browser).
 */
export function createMockBackend(options: MockBackendOptions): MockBackend {
  const crossTab = options.crossTabChannel ? new CrossTabPublisher(options.crossTabChannel) : null;
  const hub = crossTab?.hub ?? new MemoryHub();
  const presence = new MemoryPresence();
  const service = new ChatService({
    ...options.limits,
    store: options.store,
    hasher: new Pbkdf2Hasher(),
    sessions: new TokenSessions(options.sessionRecords ?? new MemorySessionRecords()),
    publisher: crossTab ?? hub,
    presence,
    typingTtlMs: options.typingTtlMs,
  });
  return {
    service,
    hub,
    presence,
    tickets: new MemoryStreamTickets((token) => service.authenticate(token)),
    dispose: () => {
      service.dispose();
      crossTab?.close();
    },
  };
}
