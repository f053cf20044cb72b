import { type Clock, systemClock } from '../../src/backend/clock';
import { ChatError, type OnlineSource, toChatError, type Unsubscribe } from '../../src/transport';
import type { Random } from './random';
import type { Link } from './serviceTransport';

export interface LatencySettings {
  /** Mean round trip of a request, in ms; an event takes half of a round trip. */
  meanMs: number;
  /** The round trip varies uniformly by up to this much either way. */
  jitterMs: number;
}

export interface NetworkSettings {
  latency: LatencySettings;
  /** Probability (0..1) that a request is lost, either on its way or its answer on the way back. */
  failureRate: number;
  /** The designer's switch: forces the network down whatever the browser says. */
  offline: boolean;
}

export interface SimLinkOptions extends Partial<Omit<NetworkSettings, 'latency'>> {
  latency?: Partial<LatencySettings>;
  random: Random;
  clock?: Clock;
  /** How long a lost request takes to fail with TIMEOUT. */
  timeoutMs?: number;
  browser?: OnlineSource | null;
}

export type FailureMode = 'none' | 'request-lost' | 'response-lost';

export const DEFAULT_LATENCY: LatencySettings = { meanMs: 120, jitterMs: 80 };
export const DEFAULT_TIMEOUT_MS = 2500;

/**
 * The simulated network between a tab and the simulated server. A lost
 * request never reaches the service; a lost response reaches it and its
 * answer is thrown away, so the caller sees TIMEOUT for something that did
 * happen: exactly the case idempotent sends exist for.
 */
export class SimLink implements Link {
  private settings: NetworkSettings;
  private readonly random: Random;
  private readonly clock: Clock;
  private readonly timeoutMs: number;
  private readonly browser: OnlineSource | null;
  private readonly listeners = new Set<(online: boolean) => void>();
  private readonly settingsListeners = new Set<() => void>();
  private readonly stopBrowser: Unsubscribe;
  private wasOnline: boolean;
  private deliveries: Promise<unknown> = Promise.resolve();
  private lastDeliveryDue = 0;

  constructor(options: SimLinkOptions) {
    this.random = options.random;
    this.clock = options.clock ?? systemClock;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.browser = options.browser ?? null;
    this.settings = {
      latency: { ...DEFAULT_LATENCY, ...options.latency },
      failureRate: options.failureRate ?? 0,
      offline: options.offline ?? false,
    };
    validate(this.settings);
    this.wasOnline = this.isOnline();
    this.stopBrowser = this.browser?.subscribe(() => this.notify()) ?? (() => {});
  }

  network(): NetworkSettings & { browserOnline: boolean; online: boolean } {
    return { ...this.settings, latency: { ...this.settings.latency }, browserOnline: this.browser?.online() ?? true, online: this.isOnline() };
  }

  configure(change: Partial<NetworkSettings>): void {
    const next = { ...this.settings, ...change, latency: { ...this.settings.latency, ...change.latency } };
    validate(next);
    this.settings = next;
    this.notify();
  }

  isOnline(): boolean {
    return !this.settings.offline && (this.browser?.online() ?? true);
  }

  /** Told when the link goes up or down. */
  onChange(listener: (online: boolean) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Told of every change: settings or the browser's online state. */
  onSettings(listener: () => void): Unsubscribe {
    this.settingsListeners.add(listener);
    return () => this.settingsListeners.delete(listener);
  }

  async call<T>(request: () => Promise<T>): Promise<T> {
    if (!this.isOnline()) throw new ChatError('OFFLINE', 'You are offline: the request was not sent.');
    const failure = this.rollFailure();
    const up = this.oneWay();
    const down = this.oneWay();
    await this.sleep(up);
    if (failure === 'request-lost') {
      await this.sleep(this.timeoutMs - up);
      throw new ChatError('TIMEOUT', 'The request got no answer in time; it was lost on the way.');
    }
    if (!this.isOnline()) throw new ChatError('OFFLINE', 'The connection dropped before the request arrived.');
    const outcome = await request().then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error: toChatError(error) }),
    );
    await this.sleep(down);
    if (failure === 'response-lost') {
      await this.sleep(this.timeoutMs - up - down);
      throw new ChatError('TIMEOUT', 'The answer got lost on the way back; the request may have been carried out.');
    }
    if (!this.isOnline()) throw new ChatError('OFFLINE', 'The connection dropped before the answer arrived.');
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /** Events keep their order, as on one socket: each waits for the one before it. */
  deliver(): Promise<boolean> {
    const due = Math.max(this.clock.now() + this.oneWay(), this.lastDeliveryDue);
    this.lastDeliveryDue = due;
    const arrived = this.deliveries.then(async () => {
      await this.sleep(due - this.clock.now());
      return this.isOnline();
    });
    this.deliveries = arrived;
    return arrived;
  }

  /** Resolves once every event handed to deliver() so far has arrived or been dropped. */
  async drained(): Promise<void> {
    await this.deliveries;
  }

  dispose(): void {
    this.stopBrowser();
    this.listeners.clear();
    this.settingsListeners.clear();
  }

  /** Exposed for tests: one roll of the dice a request would take. */
  rollFailure(): FailureMode {
    if (this.settings.failureRate <= 0 || !this.random.chance(this.settings.failureRate)) return 'none';
    return this.random.chance(0.5) ? 'request-lost' : 'response-lost';
  }

  private oneWay(): number {
    const { meanMs, jitterMs } = this.settings.latency;
    if (meanMs <= 0 && jitterMs <= 0) return 0;
    return Math.max(0, (meanMs + this.random.between(-jitterMs, jitterMs)) / 2);
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => this.clock.setTimeout(resolve, ms));
  }

  private notify(): void {
    const online = this.isOnline();
    const flipped = online !== this.wasOnline;
    this.wasOnline = online;
    if (flipped) for (const listener of [...this.listeners]) listener(online);
    for (const listener of [...this.settingsListeners]) listener();
  }
}

function validate(settings: NetworkSettings): void {
  const { meanMs, jitterMs } = settings.latency;
  if (!(meanMs >= 0) || !(jitterMs >= 0)) throw new RangeError('Latency and jitter must be zero or more milliseconds.');
  if (!(settings.failureRate >= 0 && settings.failureRate <= 1)) throw new RangeError('The failure rate must be between 0 and 1.');
}
