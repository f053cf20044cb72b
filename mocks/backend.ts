import { type BrowserBackend, type BrowserBackendOptions, openBrowserBackend } from '../src/backend/browser/browserBackend';
import type { SignedOutListener } from '../src/backend/browser/crossTabSignOuts';
import type { Clock } from '../src/backend/clock';
import { SessionStreams } from '../src/backend/http/sessionStreams';
import { MemoryStreamTickets, type StreamTickets } from '../src/backend/http/streamTickets';
import { MemoryHub } from '../src/backend/hub';
import { Pbkdf2Hasher } from '../src/backend/pbkdf2Hasher';
import type { PasswordHasher, PresenceRegistry } from '../src/backend/ports';
import { MemoryPresence } from '../src/backend/presence';
import { ChatService, type ServiceOptions } from '../src/backend/service';
import type { Store } from '../src/backend/store';
import { MemoryStore } from '../src/backend/stores/memoryStore';
import type { TabKeeper } from '../src/backend/tabKeeper';
import { MemorySessionRecords, TokenSessions } from '../src/backend/tokenSessions';
import type { Unsubscribe } from '../src/transport/types';
import type { MockDatabase } from './mockDatabase';

/** What the MSW handlers answer from. */
export interface MockBackend {
  service: ChatService;
  hub: MemoryHub;
  presence: PresenceRegistry;
  tickets: StreamTickets;
  /** The open event streams by session: signing a session out ends its streams, as on the server. */
  streams: SessionStreams;
  dispose(): Promise<void>;
}

export interface MockBackendOptions {
  typingTtlMs?: number;
  clock?: Clock;
  /** Rule knobs (rate limits) for tests. */
  limits?: ServiceOptions['limits'];
  /** Password hashing; default PBKDF2 (WebCrypto). Tests that are not about hashing pass a cheap one. */
  hasher?: PasswordHasher;
}

export interface MemoryBackendOptions extends MockBackendOptions {
  /** The store; default a new MemoryStore. Tests that write data beside the service pass their own. */
  store?: Store;
}

/**
 * What the HTTP API adds to a service: event stream tickets, and the open
 * streams by session (a stream's session is its token here, see
 * MemoryStreamTickets), ended when the sign-out hook names their session or,
 * for another tab's sign-out, when theirs no longer verifies.
 */
function httpParts(service: ChatService, sessions: TokenSessions, onSignedOut: (listener: SignedOutListener) => Unsubscribe) {
  const streams = new SessionStreams((token) => sessions.isRevoked(token));
  onSignedOut((token) => (token === null ? void streams.endRevoked() : streams.endSession(token)));
  return { streams, tickets: new MemoryStreamTickets((token) => service.authenticate(token)) };
}

/**
 * The mock backend in Node (tests): the same ChatService the server runs, in
 * memory, with WebCrypto hashing and opaque tokens.
 */
export function createMockBackend(options: MemoryBackendOptions = {}): MockBackend {
  const hub = new MemoryHub();
  const presence = new MemoryPresence();
  const sessions = new TokenSessions(new MemorySessionRecords());
  const service = new ChatService({
    limits: options.limits,
    store: options.store ?? new MemoryStore(),
    hasher: options.hasher ?? new Pbkdf2Hasher(),
    sessions,
    publisher: hub,
    presence,
    clock: options.clock,
    typingTtlMs: options.typingTtlMs,
  });
  return {
    service,
    hub,
    presence,
    ...httpParts(service, sessions, (listener) => sessions.onRevoked(listener)),
    dispose: async () => service.dispose(),
  };
}

export interface TabBackendOptions extends MockBackendOptions, Pick<BrowserBackendOptions, 'heartbeatMs' | 'staleAfterMs' | 'locks'> {
  /** This tab's connection to the database every tab of this browser opens. */
  db: MockDatabase;
}

export interface TabBackend extends MockBackend {
  tabId: string;
  /** The heartbeat: `beatNow()` sweeps closed tabs' connections at once. */
  keeper: TabKeeper;
}

/**
 * The mock backend of one browser tab: the browser backend (its own
 * ChatService over the shared database; events, presence and sign-outs
 * shared with the other tabs, as in the sim), answering over HTTP.
 */
export async function openTabBackend(options: TabBackendOptions): Promise<TabBackend> {
  const backend: BrowserBackend = await openBrowserBackend(options);
  return {
    service: backend.service,
    hub: backend.hub,
    presence: backend.presence,
    ...httpParts(backend.service, backend.sessions, (listener) => backend.onSignedOut(listener)),
    tabId: backend.tabId,
    keeper: backend.keeper,
    dispose: () => backend.close(),
  };
}
