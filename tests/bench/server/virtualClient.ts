import { type Socket, io } from 'socket.io-client';
import type { StoredMessage } from './ledger';

/** An acknowledgement as the server sends it (see src/protocol/socket.ts). */
type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string } };

interface MessageLike {
  id: string;
  clientId: string;
  conversationId: string;
  senderId: string;
  seq: number;
}
type ChangeLike = { type: 'message'; message: MessageLike } | { type: string };

export interface ClientHooks {
  /** A message of the peer reached this client for the first time: `live` false when catch-up brought it. */
  delivered(clientId: string, live: boolean): void;
  /** Something went wrong for this client: a send retried after a timeout or a lost connection, a refused ack. */
  error(kind: string): void;
}

/** How long a request may wait for its ack before it counts as lost with the connection. */
const ACK_TIMEOUT_MS = 15_000;
const CATCH_UP_PAGE = 500;
const HISTORY_PAGE = 200;

/**
 * One user of the load harness, as the app's socket transport behaves: it
 * reconnects by itself (with jittered backoff), goes live and catches up from
 * its cursor after every connect, and retries an unacknowledged send with the
 * same client id until it is acked. It records what it sent, what was acked,
 * and which of its peer's messages reached it.
 */
export class VirtualClient {
  /** Client id -> the message id its ack carried. */
  readonly acked = new Map<string, string>();
  /** Every client id a send was emitted for, acked or not. */
  readonly attempted = new Set<string>();
  /** The peer's client ids that reached this client, live or by catch-up. */
  readonly received = new Set<string>();
  /** When the latest connect's catch-up finished (performance.now()), 0 before the first. */
  caughtUpAt = 0;
  private cursor = 0;
  private readonly socket: Socket;
  private ready!: Promise<void>;
  private markReady!: () => void;
  private disconnected!: Promise<never>;
  private markDisconnected!: (error: Error) => void;
  private closed = false;
  private readonly caughtUpWaiters: (() => void)[] = [];

  constructor(
    url: string,
    token: string,
    private readonly me: string,
    private readonly conversationId: string,
    private readonly hooks: ClientHooks,
  ) {
    this.resetConnection();
    this.socket = io(url, {
      auth: { token },
      transports: ['websocket'],
      forceNew: true,
      reconnection: true,
      reconnectionDelay: 250,
      reconnectionDelayMax: 2_000,
      randomizationFactor: 0.5,
      timeout: 10_000,
    });
    this.socket.on('event', (event: ChangeLike) => {
      if (event.type === 'message' && 'message' in event) this.take(event.message, true);
    });
    this.socket.on('connect', () => void this.resync());
    this.socket.on('disconnect', () => {
      this.markDisconnected(new Error('disconnected'));
      this.resetConnection();
    });
  }

  /** Resolves once connected, live and caught up (after the first connect, or the next reconnect). */
  whenReady(): Promise<void> {
    return this.ready;
  }

  /** Resolves at the next time a connect's catch-up finishes. */
  nextCatchUp(): Promise<void> {
    return new Promise((resolve) => this.caughtUpWaiters.push(resolve));
  }

  /**
   * Sends once, retrying the same client id across timeouts and reconnects
   * until it is acked or `giveUp()` says to stop. Returns whether it was acked.
   */
  async send(clientId: string, body: string, giveUp: () => boolean): Promise<boolean> {
    while (!giveUp() && !this.closed) {
      await this.ready;
      // Lost again between the catch-up and now: wait for the next one rather than let Socket.IO buffer the send.
      if (!this.socket.connected) continue;
      this.attempted.add(clientId);
      try {
        const ack = await Promise.race([
          this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('send', { conversationId: this.conversationId, clientId, body }) as Promise<Ack<MessageLike>>,
          this.disconnected,
        ]);
        if (ack.ok) {
          this.acked.set(clientId, ack.data.id);
          return true;
        }
        this.hooks.error(`refused: ${ack.error.code}`);
        return false;
      } catch (error) {
        this.hooks.error(error instanceof Error && error.message === 'disconnected' ? 'send retried after a lost connection' : 'send retried after an ack timeout');
      }
    }
    return false;
  }

  /** The conversation's whole stored history, fetched page by page as the app scrolls it. */
  async history(): Promise<StoredMessage[]> {
    const pages: MessageLike[][] = [];
    let beforeSeq: number | undefined;
    for (;;) {
      await this.ready;
      const ack = (await this.socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck('history', { conversationId: this.conversationId, limit: HISTORY_PAGE, ...(beforeSeq === undefined ? {} : { beforeSeq }) })) as Ack<{
        messages: MessageLike[];
        hasMore: boolean;
      }>;
      if (!ack.ok) throw new Error(`history refused: ${ack.error.code}`);
      pages.unshift(ack.data.messages);
      if (!ack.data.hasMore || ack.data.messages.length === 0) break;
      beforeSeq = ack.data.messages[0]!.seq;
    }
    return pages.flat().map(({ id, clientId, seq }) => ({ id, clientId, seq }));
  }

  /** Catches up once more now (after the run, so nothing committed late is missed). */
  async catchUpNow(): Promise<void> {
    await this.ready;
    if (!(await this.catchUp())) throw new Error('the final catch-up did not finish');
  }

  close(): void {
    this.closed = true;
    this.socket.disconnect();
    this.markDisconnected(new Error('disconnected'));
  }

  private resetConnection(): void {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    this.disconnected = new Promise<never>((_, reject) => (this.markDisconnected = reject));
    // Nobody may be racing it right now; the rejection is still expected.
    this.disconnected.catch(() => undefined);
  }

  /** After every connect: go live first, then catch up, so nothing falls between the two. */
  private async resync(): Promise<void> {
    try {
      const live = (await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('live', {})) as Ack<null>;
      if (!live.ok) throw new Error(`live refused: ${live.error.code}`);
      if (!(await this.catchUp())) return;
    } catch {
      // The connection went away meanwhile; the next connect resyncs again.
      return;
    }
    this.caughtUpAt = performance.now();
    this.markReady();
    for (const resolve of this.caughtUpWaiters.splice(0)) resolve();
  }

  /** Catch-up pages from the cursor until there are no more; false when a page was refused. */
  private async catchUp(): Promise<boolean> {
    for (;;) {
      const ack = (await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('catchUp', { since: this.cursor, limit: CATCH_UP_PAGE })) as Ack<{
        changes: ChangeLike[];
        cursor: number;
        hasMore: boolean;
      }>;
      if (!ack.ok) {
        this.hooks.error(`catch-up refused: ${ack.error.code}`);
        return false;
      }
      for (const change of ack.data.changes) if (change.type === 'message' && 'message' in change) this.take(change.message, false);
      this.cursor = ack.data.cursor;
      if (!ack.data.hasMore) return true;
    }
  }

  private take(message: MessageLike, live: boolean): void {
    if (message.conversationId !== this.conversationId || message.senderId === this.me || this.received.has(message.clientId)) return;
    this.received.add(message.clientId);
    this.hooks.delivered(message.clientId, live);
  }
}
