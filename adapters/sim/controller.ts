import type { PresenceRegistry } from '../../src/backend/ports';
import type { Store } from '../../src/backend/store';
import { ChatError, type ConversationId, type Message, type Presence, type Unsubscribe, type User, type UserId } from '../../src/transport';
import type { LatencySettings, SimLink } from './simLink';
import type { SimulatedTeam } from './teammates';

export interface SimState {
  latency: LatencySettings;
  /** 0..1: the share of requests lost (on the way there or back). */
  failureRate: number;
  /** The designer's offline switch. */
  offline: boolean;
  /** What the browser says (window online/offline events). */
  browserOnline: boolean;
  /** Whether this tab's simulated network is up: the switch is off and the browser is online. */
  online: boolean;
  teammates: {
    /** Whether this tab takes part in running the simulated team. */
    enabled: boolean;
    /** Whether the team runs in this tab (only one tab runs it). */
    runningHere: boolean;
  };
  /** Counts demo-data resets (from any tab); after one, every session has ended. */
  dataGeneration: number;
}

/** A scenario file of the simulation's state, to save. */
export interface ExportedScenarioFile {
  /** A name to save it under, like `scenario-2026-03-12-1430.json`. */
  fileName: string;
  /** The file, as JSON text. */
  text: string;
}

export interface TeammateView extends User {
  presence: Presence;
  lastSeen: string | null;
}

/** Who a teammate command is aimed at; defaults to the user signed in in this tab. */
export interface TeammateTarget {
  to?: UserId;
}

export interface TeammateControls {
  /** Shows them typing to the target (it expires after the typing TTL), or stops it. */
  type(options?: TeammateTarget & { typing?: boolean }): Promise<void>;
  /** They send the target a message now: `body`, or one of their usual lines. */
  reply(options?: TeammateTarget & { body?: string }): Promise<Message>;
  /** They read everything the target sent them. */
  read(options?: TeammateTarget): Promise<void>;
  goOffline(): Promise<void>;
  comeOnline(): Promise<void>;
}

/**
 * What the designer panel drives: the simulated network of this tab, the
 * simulated team (from any tab) and the demo data.
 */
export interface SimController {
  /** This simulated tab's id (its presence and lock are named after it). */
  readonly tabId: string;
  getState(): SimState;
  /** Called with the new state on every change; returns the unsubscribe. */
  subscribe(listener: (state: SimState) => void): Unsubscribe;

  setLatency(latency: Partial<LatencySettings>): void;
  setFailureRate(rate: number): void;
  setOffline(offline: boolean): void;

  /** The simulated teammates with their presence. */
  teammates(): Promise<TeammateView[]>;
  /** Commands for one teammate, by username; NOT_FOUND when there is no such teammate. */
  teammate(username: string): TeammateControls;

  /** Looks for closed tabs now (their users go offline) instead of at the next heartbeat. */
  sweepPresence(): Promise<void>;
  /**
   * Resolves once the simulated team has finished what it started and this
   * tab has received the events so far (pending timers aside): for tests and scripted demos.
   */
  settled(): Promise<void>;

  /** Wipes everything (accounts, messages, sessions) and seeds the demo again, for every tab. */
  resetDemoData(): Promise<void>;
  /**
   * The state as the person signed in here sees it, as a scenario file (scenarios/file/exportScenario.ts):
   * loaded, it builds the same state again. `open`: the conversation open in the app (default: the one
   * the page's address shows). UNAUTHENTICATED when nobody is signed in.
   */
  exportScenario(options?: { open?: ConversationId | null }): Promise<ExportedScenarioFile>;
  /** Ends this simulated tab: stops the team if it runs here, closes channels and the database. */
  dispose(): Promise<void>;
}

export interface ControllerDeps {
  tabId: string;
  link: SimLink;
  team: SimulatedTeam;
  store: Store;
  presence: PresenceRegistry;
  teammatesEnabled: boolean;
  /** The user signed in in this tab, the default target of teammate commands. */
  currentUserId: () => UserId | null;
  /** The simulation's clock: an export's times are relative to it. */
  now: () => number;
  reset: () => Promise<void>;
  sweep: () => Promise<void>;
  dispose: () => Promise<void>;
}

/** The SimController over the pieces of one simulated tab; `changed()` is for those pieces to report state changes. */
export class SimControllerImpl implements SimController {
  private readonly listeners = new Set<(state: SimState) => void>();
  private generation = 0;
  readonly tabId: string;

  constructor(private readonly deps: ControllerDeps) {
    this.tabId = deps.tabId;
    deps.link.onSettings(() => this.changed());
  }

  getState(): SimState {
    const { latency, failureRate, offline, browserOnline, online } = this.deps.link.network();
    return {
      latency,
      failureRate,
      offline,
      browserOnline,
      online,
      teammates: { enabled: this.deps.teammatesEnabled, runningHere: this.deps.team.isRunning },
      dataGeneration: this.generation,
    };
  }

  subscribe(listener: (state: SimState) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    const state = this.getState();
    for (const listener of [...this.listeners]) listener(state);
  }

  dataReset(): void {
    this.generation += 1;
    this.changed();
  }

  setLatency(latency: Partial<LatencySettings>): void {
    this.deps.link.configure({ latency: { ...this.deps.link.network().latency, ...latency } });
  }

  setFailureRate(rate: number): void {
    this.deps.link.configure({ failureRate: rate });
  }

  setOffline(offline: boolean): void {
    this.deps.link.configure({ offline });
  }

  async teammates(): Promise<TeammateView[]> {
    const online = await this.deps.presence.onlineUsers();
    const views = await Promise.all(
      this.deps.team.list().map(async ({ user }) => {
        const fresh = (await this.deps.store.getUserById(user.id)) ?? user;
        return {
          id: fresh.id,
          username: fresh.username,
          displayName: fresh.displayName,
          avatarColor: fresh.avatarColor,
          presence: online.has(fresh.id) ? ('online' as const) : ('offline' as const),
          lastSeen: fresh.lastSeen,
        };
      }),
    );
    return views;
  }

  teammate(username: string): TeammateControls {
    const { team } = this.deps;
    const target = (options?: TeammateTarget): UserId => {
      const to = options?.to ?? this.deps.currentUserId();
      if (!to) throw new ChatError('INVALID_INPUT', 'Sign in first, or say which user the teammate should address.', { field: 'to' });
      return to;
    };
    return {
      type: async (options) => team.type(username, target(options), options?.typing ?? true),
      reply: async (options) => team.reply(username, target(options), options?.body),
      read: async (options) => team.read(username, target(options)),
      goOffline: () => team.goOffline(username),
      comeOnline: () => team.comeOnline(username),
    };
  }

  sweepPresence(): Promise<void> {
    return this.deps.sweep();
  }

  async settled(): Promise<void> {
    await this.deps.team.idle();
    await this.deps.link.drained();
  }

  resetDemoData(): Promise<void> {
    return this.deps.reset();
  }

  async exportScenario(options: { open?: ConversationId | null } = {}): Promise<ExportedScenarioFile> {
    // The exporter is a chunk of its own: only a designer who exports loads it.
    const { exportFromSim } = await import('./scenarios/file/exportScenario');
    return exportFromSim(this.deps, options.open);
  }

  dispose(): Promise<void> {
    this.listeners.clear();
    return this.deps.dispose();
  }
}

