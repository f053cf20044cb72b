import { z } from 'zod';
import { type Clock, systemClock } from '../src/backend/clock';
import { CrossTabPublisher } from '../src/backend/crossTabPublisher';
import { MemoryHub } from '../src/backend/hub';
import { Pbkdf2Hasher } from '../src/backend/pbkdf2Hasher';
import type { PresenceRegistry, SessionIssuer } from '../src/backend/ports';
import { MemoryPresence } from '../src/backend/presence';
import { ChatService, type ServiceOptions } from '../src/backend/service';
import type { Store } from '../src/backend/store';
import { DexieStore } from '../src/backend/stores/dexieStore';
import { type TabKeeper, joinTabs } from '../src/backend/tabKeeper';
import type { WebLocks } from '../src/backend/webLocks';
import { MemorySessionRecords, type SessionRecords, TokenSessions } from '../src/backend/tokenSessions';
import { ChatError } from '../src/transport/errors';
import { SessionStreams } from '../server/http/sessionStreams';
import { MemoryStreamTickets, type StreamTickets } from '../server/http/streamTickets';
import { type MockDatabase, MockSessionRecords } from './mockDatabase';

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
  /** Who is online; default: this backend's own connections (one tab, or Node). */
  presence?: PresenceRegistry;
  clock?: Clock;
  /** Abuse limits other than the defaults (tests). */
  limits?: ServiceOptions['limits'];
}

export interface MockBackend {
  service: ChatService;
  hub: MemoryHub;
  presence: PresenceRegistry;
  tickets: StreamTickets;
  /** The open event streams by session: signing a session out ends its streams, as on the server. */
  streams: SessionStreams;
  dispose(): Promise<void>;
}

/** What one tab tells the others when a session signed out there (which one stays in that tab). */
const signedOutSchema = z.object({ type: z.literal('signed-out') });

/**
 * The backend MSW answers from: the same ChatService the server runs, over a
 * store of the caller's choosing, with WebCrypto hashing and opaque tokens
 * (no Node-only argon2 or JWT secret in a browser).
 */
export function createMockBackend(options: MockBackendOptions): MockBackend {
  const crossTab = options.crossTabChannel ? new CrossTabPublisher(options.crossTabChannel) : null;
  const hub = crossTab?.hub ?? new MemoryHub();
  const presence = options.presence ?? new MemoryPresence();
  const tokens = new TokenSessions(options.sessionRecords ?? new MemorySessionRecords());
  // A stream's session is its token here (see MemoryStreamTickets): signed out once the token no longer verifies.
  const streams = new SessionStreams((token) =>
    tokens.verify(token).then(
      () => false,
      (error: unknown) => error instanceof ChatError && error.code === 'UNAUTHENTICATED',
    ),
  );
  // Another tab's sign-out names no session (tokens stay in their tab): each tab ends the streams whose session is gone.
  const signOuts = options.crossTabChannel && typeof BroadcastChannel === 'function' ? new BroadcastChannel(`${options.crossTabChannel}:sign-outs`) : null;
  signOuts?.addEventListener('message', (message: MessageEvent<unknown>) => {
    if (signedOutSchema.safeParse(message.data).success) void streams.endRevoked();
  });
  const sessions: SessionIssuer = {
    issue: (userId) => tokens.issue(userId),
    verify: (token) => tokens.verify(token),
    async revoke(token) {
      await tokens.revoke(token);
      streams.endSession(token);
      signOuts?.postMessage({ type: 'signed-out' } satisfies z.infer<typeof signedOutSchema>);
    },
  };
  const service = new ChatService({
    limits: options.limits,
    store: options.store,
    hasher: new Pbkdf2Hasher(),
    sessions,
    publisher: crossTab ?? hub,
    presence,
    clock: options.clock,
    typingTtlMs: options.typingTtlMs,
  });
  return {
    service,
    hub,
    presence,
    tickets: new MemoryStreamTickets((token) => service.authenticate(token)),
    streams,
    dispose: async () => {
      service.dispose();
      crossTab?.close();
      signOuts?.close();
    },
  };
}

export interface TabBackendOptions extends Pick<MockBackendOptions, 'typingTtlMs' | 'limits'> {
  /** This tab's connection to the database every tab of this browser opens. */
  db: MockDatabase;
  clock?: Clock;
  heartbeatMs?: number;
  /** A tab silent for this long is gone (when Web Locks cannot tell). Default: four heartbeats. */
  staleAfterMs?: number;
  /** Web Locks for tab liveness (navigator.locks in the browser); null: heartbeats alone. */
  locks: WebLocks | null;
}

export interface TabBackend extends MockBackend {
  tabId: string;
  /** The heartbeat: `beatNow()` sweeps closed tabs' connections at once. */
  keeper: TabKeeper;
}

/**
 * The mock backend of one browser tab: its own ChatService over the shared
 * database, events shared with the other tabs, and presence shared with them
 * as in the sim (connections in the database, tabs alive by Web Lock or
 * heartbeat), so a user online in any tab is online in all, and a closed
 * tab's users go offline with a lastSeen.
 */
export async function openTabBackend(options: TabBackendOptions): Promise<TabBackend> {
  const { db, clock = systemClock, locks } = options;
  const tab = await joinTabs({ db, clock, heartbeatMs: options.heartbeatMs ?? 5000, staleAfterMs: options.staleAfterMs, locks });
  const backend = createMockBackend({
    store: new DexieStore(db),
    sessionRecords: new MockSessionRecords(db),
    crossTabChannel: `${db.name}:events`,
    presence: tab.presence,
    clock,
    typingTtlMs: options.typingTtlMs,
    limits: options.limits,
  });
  const keeper = await tab.keep(backend.service);
  return {
    ...backend,
    tabId: tab.tabId,
    keeper,
    dispose: async () => {
      await tab.leave();
      await backend.dispose();
    },
  };
}
