import { EVENTS_PATH, STREAM_EVENTS, streamReadySchema, streamSignedOutSchema } from '../../src/protocol/http';
import { chatEventSchema } from '../../src/protocol/schemas';
import { ChatError } from '../../src/transport/errors';
import { DEVICE_OFFLINE, type OnlineSource } from '../../src/transport/onlineSource';
import type { ChatEvent, ConnectionState } from '../../src/transport/types';
import { type BackoffOptions, backoffDelay } from '../../src/protocol/rules/backoff';
import type { ApiClient } from '../api/apiClient';

/** The part of the platform's EventSource (or the `eventsource` package's) this client uses. */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
}
export type EventSourceConstructor = new (url: string) => EventSourceLike;

export interface EventStreamClientOptions {
  api: ApiClient;
  EventSource: EventSourceConstructor;
  onEvent(event: ChatEvent): void;
  onState(state: ConnectionState): void;
  backoff?: BackoffOptions;
  random?: () => number;
  /** How long the server may take to say `ready` before the attempt counts as failed. */
  openTimeoutMs?: number;
  /** The device's network state; null: always online (Node). */
  online?: OnlineSource | null;
}

/**
 * Silence for this many heartbeat intervals means the stream is dead even if
 * the socket looks open: with the server's 3 s heartbeat, lost within 9 s.
 */
const MISSED_HEARTBEATS = 3;
const DEFAULT_OPEN_TIMEOUT_MS = 15_000;
/** A lost stream is retried sooner than the engine's sends: it is what tells the user they are online. */
const RECONNECT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 15_000 };

/**
 * Keeps one event stream open while wanted: fetches a ticket, opens an
 * EventSource, and after any failure opens a new one with backoff, resuming
 * from the last rev it saw so changes missed in between are replayed.
 * Online means the server has counted the connection (its `ready` event).
 * A session the server refuses (its ticket refused, or the stream ended
 * because the session signed out) ends it for good: offline, saying why,
 * as a Socket.IO client does when the server disconnects it.
 * It follows the device's network: offline at once when the device is (no
 * retries meanwhile), and a new stream the moment it is back, not at the end
 * of a backoff.
 */
export class EventStreamClient {
  private generation = 0;
  private attempt = 0;
  private lastRev: number | undefined;
  private token: string | null = null;
  private source: EventSourceLike | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  /** From the server's `ready` event. */
  private heartbeatMs: number | undefined;
  private readonly backoff: BackoffOptions;
  private readonly random: () => number;
  private stopWatchingDevice: (() => void) | null = null;

  constructor(private readonly options: EventStreamClientOptions) {
    this.backoff = options.backoff ?? RECONNECT_BACKOFF;
    this.random = options.random ?? Math.random;
  }

  start(token: string): void {
    // Already wanted for this session: a second connect must not drop and redo the stream (presence would flicker).
    if (this.token === token) return;
    this.halt();
    this.token = token;
    this.attempt = 0;
    this.stopWatchingDevice ??= this.options.online?.subscribe(() => this.deviceChanged()) ?? null;
    if (this.deviceOnline()) void this.open(this.generation);
    else this.options.onState(DEVICE_OFFLINE);
  }

  stop(reason = 'Disconnected.'): void {
    this.halt();
    this.token = null;
    this.stopWatchingDevice?.();
    this.stopWatchingDevice = null;
    this.options.onState({ status: 'offline', reason });
  }

  /** The rev of the last durable change received: where a new stream resumes. */
  cursor(): number | undefined {
    return this.lastRev;
  }

  private deviceOnline(): boolean {
    return this.options.online?.online() ?? true;
  }

  private deviceChanged(): void {
    if (this.token === null) return;
    if (!this.deviceOnline()) {
      // The stream may sit stalled until the watchdog fires: give it up now, and retry only once the network is back.
      this.halt();
      this.options.onState(DEVICE_OFFLINE);
    } else if (this.source === null) {
      // Back: a new stream now, not at the end of a backoff (one already being opened starts over).
      this.halt();
      this.attempt = 0;
      void this.open(this.generation);
    }
  }

  private halt(): void {
    this.generation += 1;
    this.source?.close();
    this.source = null;
    clearTimeout(this.retryTimer);
    clearTimeout(this.watchdog);
    this.retryTimer = undefined;
  }

  private async open(generation: number): Promise<void> {
    const token = this.token;
    if (token === null || generation !== this.generation) return;
    this.options.onState({ status: 'connecting' });
    let ticket: string;
    try {
      ticket = (await this.options.api.call('streamTicket', {}, token)).ticket;
    } catch (error) {
      if (generation !== this.generation) return;
      if (error instanceof ChatError && error.code === 'UNAUTHENTICATED') {
        // A session the server refuses will not get better by retrying.
        this.stop(error.message);
        return;
      }
      this.fail(generation, error instanceof ChatError ? error.message : 'Could not reach the server.');
      return;
    }
    if (generation !== this.generation) return;

    const query = new URLSearchParams({ ticket });
    if (this.lastRev !== undefined) query.set('since', String(this.lastRev));
    const source = new this.options.EventSource(this.options.api.url(`${EVENTS_PATH}?${query}`));
    this.source = source;
    this.heartbeatMs = undefined;
    this.keepAlive(generation);
    const live = () => generation === this.generation;

    source.addEventListener('message', (message) => {
      if (!live()) return;
      this.keepAlive(generation);
      const event = parseEvent(message.data);
      // A malformed event changes nothing; catch-up repairs whatever it should have carried.
      if (!event) return;
      if ('rev' in event) this.lastRev = Math.max(this.lastRev ?? 0, event.rev);
      this.options.onEvent(event);
    });
    source.addEventListener(STREAM_EVENTS.ready, (message) => {
      if (!live()) return;
      const ready = streamReadySchema.safeParse(parseJson(message.data));
      this.heartbeatMs = ready.success ? ready.data.heartbeatMs : undefined;
      this.attempt = 0;
      this.keepAlive(generation);
      this.options.onState({ status: 'online' });
    });
    source.addEventListener(STREAM_EVENTS.ping, () => {
      if (live()) this.keepAlive(generation);
    });
    source.addEventListener(STREAM_EVENTS.signedOut, (message) => {
      if (!live()) return;
      // Signed out (here or on another device): reconnecting would only be refused.
      const signedOut = streamSignedOutSchema.safeParse(parseJson(message.data));
      this.stop(signedOut.success ? signedOut.data.message : new ChatError('UNAUTHENTICATED').message);
    });
    source.addEventListener('error', () => {
      // We reconnect ourselves (new ticket, resume cursor), so the EventSource's own retry is closed off.
      if (live()) this.fail(generation, 'Lost the connection to the server.');
    });
  }

  /** (Re)arms the watchdog: until `ready` for the open timeout, then for a few missed heartbeats. */
  private keepAlive(generation: number): void {
    clearTimeout(this.watchdog);
    const ms = this.heartbeatMs === undefined ? (this.options.openTimeoutMs ?? DEFAULT_OPEN_TIMEOUT_MS) : this.heartbeatMs * MISSED_HEARTBEATS;
    this.watchdog = setTimeout(() => {
      if (generation === this.generation) this.fail(generation, 'The server stopped answering.');
    }, ms);
  }

  private fail(generation: number, reason: string): void {
    if (generation !== this.generation) return;
    this.halt();
    // With no network there is nothing to retry yet: coming back online opens the stream.
    if (!this.deviceOnline()) return this.options.onState(DEVICE_OFFLINE);
    this.options.onState({ status: 'offline', reason });
    this.attempt += 1;
    const delay = backoffDelay(this.attempt, this.random(), this.backoff);
    const next = this.generation;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.open(next);
    }, delay);
  }
}

function parseJson(data: unknown): unknown {
  if (typeof data !== 'string') return undefined;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return undefined;
  }
}

function parseEvent(data: unknown): ChatEvent | undefined {
  const parsed = chatEventSchema.safeParse(parseJson(data));
  return parsed.success ? parsed.data : undefined;
}
