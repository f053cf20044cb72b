// Runs the client engine against the real backend rules over a simulated network (the sim adapter's transport).
import { type Link, ServiceTransport } from '../../adapters/sim/serviceTransport';
import { ChatService, MemoryHub, MemoryPresence, MemorySessionRecords, LOCAL_CALLER, TokenSessions } from '../../src/backend';
import { MemoryStore } from '../../src/backend/stores/memoryStore';
import { afterEach, beforeEach } from 'vitest';
import { ChatError, type Session, type Unsubscribe } from '../../src/transport';
import { type ChatClient, type ChatClientOptions, createChatClient } from '../../src/client/createChatClient';
import { MemoryStorage } from '../../src/client/session/storedSession';
import { eventually } from '../contract/harness';
import { plainHasher } from './plainHasher';
import { ONE_ADDRESS_LIMITS } from './oneAddressLimits';

// The contract suite's polling helper: state that settles asynchronously.
export { eventually };

/**
 * The network between one tab and the backend, with the faults a real one has:
 * offline, requests lost on the way, responses lost on the way back (the
 * server did the work), responses held back, events dropped.
 */
export class FaultyLink implements Link {
  private online = true;
  private readonly listeners = new Set<(online: boolean) => void>();
  /** Share of calls that fail: half before reaching the server, half after it answered. */
  failRate = 0;
  random: () => number = Math.random;
  /** Events to drop on the way to the tab, though the link stays up. */
  dropEvents = 0;
  /** Share of events lost on the way to the tab while the link is up. */
  eventLossRate = 0;
  /** Up to this long, at random, before a response or an event arrives: a later one may overtake an earlier one. */
  maxLatencyMs = 0;
  private injected: ChatError[] = [];
  private held: (() => void)[] | null = null;
  calls = 0;

  async call<T>(request: () => Promise<T>): Promise<T> {
    this.calls += 1;
    if (!this.online) throw new ChatError('OFFLINE');
    const injected = this.injected.shift();
    if (injected) throw injected;
    if (this.random() < this.failRate / 2) throw new ChatError('TIMEOUT', 'The request was lost.');
    const result = await request();
    await this.latency();
    if (this.held) await new Promise<void>((resolve) => this.held!.push(resolve));
    if (!this.online || this.random() < this.failRate / 2) throw new ChatError('TIMEOUT', 'The response was lost.');
    return result;
  }

  private async latency(): Promise<void> {
    if (this.maxLatencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.random() * this.maxLatencyMs));
  }

  async deliver(): Promise<boolean> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await this.latency();
    if (this.online && this.dropEvents > 0) {
      this.dropEvents -= 1;
      return false;
    }
    if (this.eventLossRate > 0 && this.random() < this.eventLossRate) return false;
    return this.online;
  }

  isOnline(): boolean {
    return this.online;
  }

  onChange(listener: (online: boolean) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setOnline(online: boolean): void {
    if (online === this.online) return;
    this.online = online;
    for (const listener of [...this.listeners]) listener(online);
  }

  /** The next call is refused with `error` before reaching the server. */
  inject(error: ChatError): void {
    this.injected.push(error);
  }

  /** Responses wait (the server already did the work) until released. */
  holdResponses(): void {
    this.held ??= [];
  }

  releaseResponses(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const release of held) release();
  }
}

export const PASSWORD = 'correct horse battery';

export interface TestBackend {
  service: ChatService;
  /** The service's store, for tests that seed a big history faster than the service would. */
  store: MemoryStore;
  /** A transport for a new tab over `link`. */
  transport(link: Link): ServiceTransport;
  /** Registers a user through a direct link; resolves the session. */
  register(name: string): Promise<Session>;
  close(): void;
}

let names = 0;

export function createTestBackend(): TestBackend {
  const hub = new MemoryHub();
  const store = new MemoryStore();
  const service = new ChatService({
    store,
    hasher: plainHasher,
    sessions: new TokenSessions(new MemorySessionRecords()),
    publisher: hub,
    presence: new MemoryPresence(),
    // Every person here signs up from one address, and the engine's tests are about sync, not limits.
    // The fault test reconnects and retries hundreds of times a minute (30% of requests lost): the
    // directory refresh of each reconnect and the marker retries would meet the per-user limits and
    // wait out their Retry-After (up to a minute), longer than the test waits for the network to heal.
    limits: {
      ...ONE_ADDRESS_LIMITS,
      sendsPerUser: { points: 10_000, durationSec: 1 },
      readsPerUser: { points: 100_000, durationSec: 1 },
      directoryPerUser: { points: 100_000, durationSec: 1 },
      markersPerUser: { points: 100_000, durationSec: 1 },
    },
  });
  return {
    service,
    store,
    transport: (link) => new ServiceTransport(service, hub, link),
    register: async (name) => {
      names += 1;
      return service.register({ username: `${name}_${names}_${Math.random().toString(36).slice(2, 7)}`, email: `${name}${names}@example.com`, password: PASSWORD }, LOCAL_CALLER);
    },
    close: () => service.dispose(),
  };
}

/** One browser tab: its own link, transport and sessionStorage; `reload()` rebuilds it on the same storage and database. */
export class Tab {
  client: ChatClient;
  transport: ServiceTransport;

  constructor(
    private readonly backend: TestBackend,
    readonly link: FaultyLink = new FaultyLink(),
    readonly storage: Storage = new MemoryStorage(),
    private readonly options: Partial<ChatClientOptions> = {},
  ) {
    this.transport = backend.transport(link);
    this.client = this.build();
  }

  private build(): ChatClient {
    return createChatClient({
      transport: this.transport,
      storage: this.storage,
      visibility: { isVisible: () => true, onChange: () => () => {} },
      timing: { backoff: { baseMs: 5, maxMs: 40 }, markerDelayMs: 5, settleCatchUpMs: 60_000, typingThrottleMs: 100, typingIdleMs: 200, typingExpiryMs: 300 },
      onError: (error) => {
        throw error;
      },
      ...this.options,
    });
  }

  get engine() {
    const engine = this.client.engine.getState();
    if (!engine) throw new Error('not signed in');
    return engine;
  }

  /** Tears the tab down and builds it again on the same storage and database, as a reload does. */
  async reload(): Promise<void> {
    await this.client.stop();
    await this.transport.dispose();
    this.transport = this.backend.transport(this.link);
    this.client = this.build();
    await this.client.start();
  }

  private closed = false;

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.stop();
    await this.transport.dispose();
  }
}

/** Signs a new tab in as `session`'s user (by logging in again, as a second tab would). */
export async function signedInTab(backend: TestBackend, session: Session, link?: FaultyLink, options?: Partial<ChatClientOptions>): Promise<Tab> {
  const tab = new Tab(backend, link, undefined, options);
  await tab.client.start();
  await tab.client.actions.signIn({ username: session.user.username, password: PASSWORD });
  return tab;
}


export interface TwoPeople {
  readonly backend: TestBackend;
  readonly alice: Session;
  readonly bob: Session;
  /** A signed-in, online tab of `session`'s user, closed after the test. */
  tab(session: Session, link?: FaultyLink, options?: Partial<ChatClientOptions>): Promise<Tab>;
}

/** Per test: a fresh backend with two registered people; their tabs close afterwards. */
export function twoPeoplePerTest(): TwoPeople {
  let state: { backend: TestBackend; alice: Session; bob: Session } | null = null;
  const tabs: Tab[] = [];
  const current = () => {
    if (!state) throw new Error('twoPeoplePerTest: use inside a test');
    return state;
  };
  beforeEach(async () => {
    const backend = createTestBackend();
    state = { backend, alice: await backend.register('alice'), bob: await backend.register('bob') };
  });
  afterEach(async () => {
    for (const tab of tabs.splice(0)) await tab.close();
    current().backend.close();
    state = null;
  });
  return {
    get backend() {
      return current().backend;
    },
    get alice() {
      return current().alice;
    },
    get bob() {
      return current().bob;
    },
    async tab(session, link, options) {
      const tab = await signedInTab(current().backend, session, link, options);
      tabs.push(tab);
      await eventually(() => {
        if (tab.client.stores.connection.getState().status !== 'online') throw new Error('not online yet');
      });
      return tab;
    },
  };
}
