import { type Clock, systemClock } from '../clock';
import type { MemoryHub } from '../hub';
import { Pbkdf2Hasher } from '../pbkdf2Hasher';
import type { PasswordHasher } from '../ports';
import { ChatService, type ServiceOptions } from '../service';
import { DexieStore } from '../stores/dexieStore';
import { type TabKeeper, joinTabs } from '../tabKeeper';
import type { TabPresence, TabPresenceDatabase } from '../tabPresence';
import { TokenSessions } from '../tokenSessions';
import type { WebLocks } from '../../protocol/locks/webLocks';
import type { Unsubscribe } from '../../transport/types';
import { CrossTabPublisher } from './crossTabPublisher';
import { CrossTabSignOuts, type SignedOutListener } from './crossTabSignOuts';
import { DexieSessionRecords, type SessionDatabase } from './dexieSessionRecords';

/** The database every tab of one browser backend opens: the Store's tables, sessions, tabs and connections. */
export type BrowserDatabase = TabPresenceDatabase & SessionDatabase;

const DEFAULT_HEARTBEAT_MS = 5000;

export interface BrowserBackendOptions {
  db: BrowserDatabase;
  /** Web Locks for tab liveness (navigator.locks in a browser); null: heartbeats alone. */
  locks: WebLocks | null;
  clock?: Clock;
  heartbeatMs?: number;
  /** A tab silent for this long is gone (when Web Locks cannot tell). Default: four heartbeats. */
  staleAfterMs?: number;
  typingTtlMs?: number;
  /** Rule knobs (rate limits) for tests. */
  limits?: ServiceOptions['limits'];
  /** Password hashing; default PBKDF2 (WebCrypto). Tests that are not about hashing pass a cheap one. */
  hasher?: PasswordHasher;
  /** Builds the service from its parts: a ChatService with hooks of its own (the sim's welcome). Default: ChatService. */
  createService?: (options: ServiceOptions) => ChatService;
  onError?: (error: unknown) => void;
  /** The ids the service gives what it creates; default random UUIDs. */
  newId?: () => string;
}

/** The parts of one tab's backend. */
export interface BrowserBackend {
  tabId: string;
  store: DexieStore;
  hasher: PasswordHasher;
  sessions: TokenSessions;
  service: ChatService;
  /** This tab's share of every tab's publications: what its connections subscribe to. */
  hub: MemoryHub;
  presence: TabPresence;
  /** This tab's heartbeat: `beatNow()` sweeps closed tabs' connections at once. */
  keeper: TabKeeper;
  clock: Clock;
  /** The sign-out hook: a session signed out in this tab or another (see SignedOutListener). */
  onSignedOut(listener: SignedOutListener): Unsubscribe;
  /** Stops the heartbeat, leaves the tabs and closes the channels; the database stays open for its owner to close. */
  close(): Promise<void>;
}

/**
 * One browser tab's share of a backend that lives in the browser (the sim,
 * the MSW mocks): its own ChatService over the database every tab opens,
 * with WebCrypto hashing and opaque tokens (no Node-only argon2 or JWT secret
 * here). Events, presence and sign-outs reach the other tabs, so together
 * the tabs act as one server whose connections are spread over them.
 */
export async function openBrowserBackend(options: BrowserBackendOptions): Promise<BrowserBackend> {
  const { db, locks } = options;
  const clock = options.clock ?? systemClock;
  // Holds this tab's lock for its whole life: its release is how other tabs learn this one closed.
  const tab = await joinTabs({ db, clock, heartbeatMs: options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS, staleAfterMs: options.staleAfterMs, locks, onError: options.onError });
  const store = new DexieStore(db);
  const hasher = options.hasher ?? new Pbkdf2Hasher();
  const sessions = new TokenSessions(new DexieSessionRecords(db), () => clock.now());
  const publisher = new CrossTabPublisher(`${db.name}:events`);
  const signOuts = new CrossTabSignOuts(`${db.name}:sign-outs`);
  const stopRelay = sessions.onRevoked((token) => signOuts.signedOut(token));
  const parts: ServiceOptions = { limits: options.limits, store, hasher, sessions, publisher, presence: tab.presence, clock, typingTtlMs: options.typingTtlMs, newId: options.newId };
  const service = options.createService?.(parts) ?? new ChatService(parts);
  const keeper = await tab.keep(service);
  return {
    tabId: tab.tabId,
    store,
    hasher,
    sessions,
    service,
    hub: publisher.hub,
    presence: tab.presence,
    keeper,
    clock,
    onSignedOut: (listener) => signOuts.onSignedOut(listener),
    close: async () => {
      await tab.leave();
      stopRelay();
      signOuts.close();
      publisher.close();
      service.dispose();
    },
  };
}
