import type { PasswordHasher } from '../../src/backend/ports';
import type { Clock } from '../../src/backend/clock';
import type { TokenSessions } from '../../src/backend/tokenSessions';
import type { ChatService } from '../../src/backend/service';
import type { DexieStore } from '../../src/backend/stores/dexieStore';
import type { WebLocks } from '../../src/protocol/locks/webLocks';
import type { SimDatabase } from './simDatabase';
import type { LatencySettings } from './simLink';
import type { TeammateTiming } from './teammates';

export interface SimOptions {
  /** The IndexedDB database standing in for the server; tabs sharing it share one backend. */
  dbName?: string;
  latency?: Partial<LatencySettings>;
  /** 0..1: share of requests lost on the way there or back. */
  failureRate?: number;
  /** Start with the offline switch on. */
  offline?: boolean;
  /** Seeds the random source (latency, failures, teammates) for a replayable run. */
  seed?: number;
  clock?: Clock;
  /** Run the simulated team (in one tab of those that enable it). Default true. */
  teammates?: boolean;
  /** Teammates greet a newly registered user. Default: as `teammates`. */
  welcomeNewUsers?: boolean;
  /** Write the demo team and account on first run. Default true. */
  seedDemo?: boolean;
  typingTtlMs?: number;
  /** How long a lost request takes to fail with TIMEOUT. */
  timeoutMs?: number;
  heartbeatMs?: number;
  /** A tab silent for this long is gone (when Web Locks cannot tell). */
  staleAfterMs?: number;
  /** Follow the window's online/offline events. Default true in a browser. */
  followBrowser?: boolean;
  /** Web Locks for tab liveness and the team's leader election; default navigator.locks, null to do without. */
  locks?: WebLocks | null;
  teammateTiming?: Partial<TeammateTiming>;
  /** Password hashing; default PBKDF2. Tests that are not about hashing pass a cheap one. */
  hasher?: PasswordHasher;
  /**
   * The ids the backend gives what it creates; default random UUIDs. A scripted demo passes seeded ones,
   * so a group it creates has the same id, and so the same avatar colour, on every run.
   */
  newId?: () => string;
  /**
   * Builds a designer scenario in place of the demo seed: at start, once this
   * tab's presence is up (so it may connect teammates), and again on reset.
   */
  prepare?: (backend: SimBackend) => Promise<void>;
}

/** The simulated server's parts, for a scenario to write its state through. */
export interface SimBackend {
  db: SimDatabase;
  store: DexieStore;
  service: ChatService;
  sessions: TokenSessions;
  clock: Clock;
}
