import { z } from 'zod';
import { type Clock, systemClock } from '../../src/backend/clock';
import { Pbkdf2Hasher } from '../../src/backend/pbkdf2Hasher';
import type { PasswordHasher } from '../../src/backend/ports';
import { DEFAULT_TYPING_TTL_MS } from '../../src/backend/service';
import { DexieStore } from '../../src/backend/stores/dexieStore';
import { joinTabs } from '../../src/backend/tabKeeper';
import { TokenSessions } from '../../src/backend/tokenSessions';
import { type WebLocks, browserLocks, whileLeader } from '../../src/backend/webLocks';
import { ChatError, type ChatTransport, type Session } from '../../src/transport';
import { type SimController, SimControllerImpl } from './controller';
import { CrossTabPublisher } from './crossTabPublisher';
import { DexieSessionRecords } from './dexieSessionRecords';
import { createRandom, randomSeed } from './random';
import { clearSimData, seedDemoData } from './seed';
import { ServiceTransport } from './serviceTransport';
import { DEFAULT_SIM_DB_NAME, SimDatabase } from './simDatabase';
import { type LatencySettings, SimLink, windowOnlineSource } from './simLink';
import { SimChatService } from './simService';
import { SimulatedTeam, type TeammateTiming } from './teammates';
import { simOptionsFromUrl } from './urlOptions';
import { welcomeNewcomer } from './welcome';

export type { SimController, SimState, TeammateControls, TeammateView } from './controller';
export type { LatencySettings, NetworkSettings } from './simLink';
export type { TeammateTiming } from './teammates';
export { DEMO_ACCOUNT, DEMO_TEAM } from './demoTeam';
export { ManualClock } from '../../src/backend/manualClock';
export { simOptionsFromUrl } from './urlOptions';
export { galleryFromUrl, scenarioFromUrl, SCENARIOS, startScenario, type RunningScenario, type ScenarioName } from './scenarios';

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
   * Builds a designer scenario in place of the demo seed: at start, once this
   * tab's presence is up (so it may connect teammates), and again on reset.
   */
  prepare?: (backend: SimBackend) => Promise<void>;
}

/** The simulated server's parts, for a scenario to write its state through. */
export interface SimBackend {
  db: SimDatabase;
  store: DexieStore;
  service: SimChatService;
  sessions: TokenSessions;
  clock: Clock;
}

export type SimTransport = ChatTransport & { sim: SimController };

/** What one tab tells the others: the data was reset, or some session signed out (which one stays in that tab). */
const controlMessageSchema = z.object({ type: z.enum(['reset', 'signed-out']) });
type ControlMessage = z.infer<typeof controlMessageSchema>;

/**
 * One simulated tab: a ChatService of its own over the shared sim database,
 * its presence and events shared with the other tabs, behind a simulated
 * network. What main.tsx loads in `sim` mode.
 */
export async function createSimTransport(explicit: SimOptions = {}): Promise<SimTransport> {
  // In a browser the URL may pick a scenario or knobs (a designer's link); what the code passes wins.
  const options: SimOptions = { ...(typeof location !== 'undefined' ? simOptionsFromUrl(location.search) : {}), ...explicit };
  const dbName = options.dbName ?? DEFAULT_SIM_DB_NAME;
  const clock = options.clock ?? systemClock;
  const seed = options.seed ?? randomSeed();
  const locks = options.locks === undefined ? browserLocks() : options.locks;
  const heartbeatMs = options.heartbeatMs ?? 5000;
  const teammatesEnabled = options.teammates ?? true;
  const welcome = options.welcomeNewUsers ?? teammatesEnabled;

  const db = new SimDatabase(dbName);
  // Holds this tab's lock for its whole life: its release is how other tabs learn this one closed.
  const tab = await joinTabs({ db, clock, heartbeatMs, staleAfterMs: options.staleAfterMs, locks, onError: (e) => console.warn('[sim] heartbeat', e) });
  const { tabId, presence } = tab;
  const store = new DexieStore(db);
  const publisher = new CrossTabPublisher(`${dbName}:events`);
  const hasher = options.hasher ?? new Pbkdf2Hasher();
  const sessions = new TokenSessions(new DexieSessionRecords(db), () => clock.now());
  const service: SimChatService = new SimChatService(
    {
      store,
      hasher,
      sessions,
      publisher,
      presence,
      clock,
      typingTtlMs: options.typingTtlMs ?? DEFAULT_TYPING_TTL_MS,
    },
    {
      onRegistered: welcome ? (user) => welcomeNewcomer(service, store, user) : undefined,
      onSignedOut: () => control?.postMessage({ type: 'signed-out' } satisfies ControlMessage),
    },
  );

  const seedDemo = options.seedDemo ?? true;
  if (seedDemo) await seedDemoData({ db, store, hasher, clock });
  const keeper = await tab.keep(service);
  const backend: SimBackend = { db, store, service, sessions, clock };
  await options.prepare?.(backend);

  // Separate streams, so turning a network knob does not change what the team decides.
  const link = new SimLink({
    random: createRandom(seed),
    clock,
    latency: options.latency,
    failureRate: options.failureRate,
    offline: options.offline,
    timeoutMs: options.timeoutMs,
    browser: (options.followBrowser ?? true) ? windowOnlineSource() : null,
  });
  const transport = new ServiceTransport(service, publisher.hub, link, 'sim', clock);
  const team = new SimulatedTeam({ service, store, presence, feed: publisher.hub, clock, random: createRandom(seed + 1), timing: options.teammateTiming });
  await team.load();

  let leadership: { stop: () => Promise<void> } | null = null;
  const lead = () => {
    if (!teammatesEnabled) return;
    const start = async () => {
      await team.start();
      controller.changed();
      return async () => {
        await team.stop();
        controller.changed();
      };
    };
    if (locks) leadership = whileLeader(locks, `${dbName}:teammates`, start);
    else {
      // No way to elect one tab: this instance runs its own team.
      const running = start();
      leadership = { stop: async () => (await running)() };
    }
  };

  const control = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`${dbName}:control`) : null;
  /** After a reset from any tab: the team is new, and this tab's session is no longer valid. */
  const afterReset = async () => {
    await leadership?.stop();
    await team.load();
    lead();
    await transport.reconnect('The demo data was reset.');
    controller.dataReset();
  };
  /**
   * Another tab signed a session out. If it was this tab's, the connection
   * ends and stays ended, as the server disconnects a signed-out session's
   * sockets everywhere.
   */
  const afterSignOut = async () => {
    const session = transport.wantedSession();
    if (!session) return;
    const signedOut = await service.authenticate(session.token).then(
      () => false,
      (error: unknown) => error instanceof ChatError && error.code === 'UNAUTHENTICATED',
    );
    if (signedOut && transport.wantedSession() === session) void transport.disconnect('This session has been signed out.');
  };
  control?.addEventListener('message', (message: MessageEvent<unknown>) => {
    const parsed = controlMessageSchema.safeParse(message.data);
    if (!parsed.success) return;
    if (parsed.data.type === 'reset') void afterReset();
    else void afterSignOut();
  });

  // Best effort on close: say goodbye so others see the user leave at once (the tab lock covers a
  // crash). A page kept in the back/forward cache comes back through pageshow and connects again.
  let hiddenSession: Session | null = null;
  const onPageHide = () => {
    hiddenSession = transport.wantedSession();
    transport.disconnect();
  };
  const onPageShow = (event: PageTransitionEvent) => {
    if (event.persisted && hiddenSession) transport.connect(hiddenSession);
    hiddenSession = null;
  };
  if (typeof window !== 'undefined') {
    window.addEventListener('pagehide', onPageHide);
    window.addEventListener('pageshow', onPageShow);
  }

  let disposed: Promise<void> | null = null;
  const controller = new SimControllerImpl({
    tabId,
    link,
    team,
    store,
    presence,
    teammatesEnabled,
    currentUserId: () => transport.currentSession()?.user.id ?? null,
    sweep: () => keeper.beatNow(),
    reset: async () => {
      await leadership?.stop();
      leadership = null;
      await clearSimData(db);
      if (seedDemo) await seedDemoData({ db, store, hasher, clock });
      await options.prepare?.(backend);
      control?.postMessage({ type: 'reset' } satisfies ControlMessage);
      await afterReset();
    },
    dispose: () =>
      (disposed ??= (async () => {
        if (typeof window !== 'undefined') {
          window.removeEventListener('pagehide', onPageHide);
          window.removeEventListener('pageshow', onPageShow);
        }
        control?.close();
        await leadership?.stop();
        await transport.dispose();
        link.dispose();
        await tab.leave();
        publisher.close();
        service.dispose();
        db.close();
      })()),
  });
  lead();

  return Object.assign(transport, { sim: controller as SimController });
}

export default createSimTransport;
