import { type Socket, io } from 'socket.io-client';
import { startCpuWindow } from './processStats';

/** How the load reaches one kind of server: what a user connects with and what a send carries. */
export interface Target {
  name: string;
  /** Where each user connects: one server, or (several nodes) a node per side of a pair. */
  url(pair: number, side: 0 | 1): string;
  /** Handshake `auth` for each user of each pair. */
  auth(pair: number, side: 0 | 1): Record<string, unknown>;
  /** The `send` payload from one side of a pair to the other (or, for a group, to the group). */
  payload(pair: number, side: 0 | 1, clientId: string, body: string): unknown;
  /** Whether this user sends; every user does when absent (a group has a few senders and many readers). */
  sends?(pair: number, side: 0 | 1): boolean;
  /** The server processes, whose CPU is measured with the rounds. */
  serverPids: readonly number[];
}

export interface LoadResult {
  delivered: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  sendErrors: number;
  /** CPU the load generator itself used, as a share of one core. */
  clientCpu: number;
  /** CPU the server processes used together, as a share of one core (NaN off Linux). */
  serverCpu: number;
  /** The machine's busy share of all its cores meanwhile, whoever used them (NaN off Linux). */
  machineBusy: number;
  /** CPU milliseconds each server process used per delivered message, in the order of `serverPids` (NaN off Linux). */
  serverCpuMsPerMessage: number[];
}

interface Ack {
  ok: boolean;
  error?: { code: string };
}

const BODY = 'The quick brown fox jumps over the lazy dog. '.repeat(2).trim();

/**
 * Closed loop: every sending user keeps one send outstanding (the next goes
 * when the ack comes back) to the other user of its pair, or to its group.
 * Latency is from the emit of a send to a receiver's message event, one
 * sample per receiver (the sender's own echo is not one). The sockets stay open
 * across rounds, so rounds against two targets can alternate and share
 * whatever else the machine is doing.
 */
export class Load {
  private readonly sentAt = new Map<string, number>();
  private latencies: number[] = [];
  private measuredMs = 0;
  private cpuMicros = 0;
  private serverCpuSeconds = 0;
  private readonly serverCpuSecondsEach: number[];
  private machineBusyMs = 0;
  private sendErrors = 0;
  private measuring = false;

  private constructor(
    readonly target: Target,
    private readonly sockets: Socket[][],
  ) {
    this.serverCpuSecondsEach = target.serverPids.map(() => 0);
    sockets.forEach((pairSockets, pair) =>
      pairSockets.forEach((socket, side) => {
        // Every delivery to someone other than the sender counts: one per message in a pair, one per other member in a group.
        const own = `${pair}-${side}-`;
        socket.on('event', (event: { type: string; message?: { clientId: string } }) => {
          if (event.type !== 'message' || !event.message || event.message.clientId.startsWith(own)) return;
          const started = this.sentAt.get(event.message.clientId);
          if (started === undefined) return;
          if (this.measuring) this.latencies.push(performance.now() - started);
        });
      }),
    );
  }

  /** Connects both users of every pair and makes their sockets live. */
  static async open(target: Target, pairs: number): Promise<Load> {
    const sockets: Socket[][] = [];
    for (let pair = 0; pair < pairs; pair++) {
      sockets.push(await Promise.all(([0, 1] as const).map((side) => open(target.url(pair, side), target.auth(pair, side)))));
    }
    return new Load(target, sockets);
  }

  /** CPU each server process uses meanwhile with every socket connected and nothing sent (heartbeats, timers), as shares of one core. */
  async idleCpu(ms: number): Promise<number[]> {
    const window = startCpuWindow(this.target.serverPids);
    await sleep(ms);
    return window.stop().perProcess;
  }

  /** One round: senders run for warm-up + measure, only the measured part counts. */
  async round(warmupMs: number, measureMs: number): Promise<void> {
    let stopped = false;
    const loops = this.sockets.flatMap((pairSockets, pair) =>
      ([0, 1] as const).filter((side) => this.target.sends?.(pair, side) ?? true).map(async (side) => {
        const socket = pairSockets[side]!;
        while (!stopped) {
          const clientId = `${pair}-${side}-${crypto.randomUUID()}`;
          this.sentAt.set(clientId, performance.now());
          const ack = (await socket
            .timeout(15_000)
            .emitWithAck('send', this.target.payload(pair, side, clientId, BODY))
            .catch(() => ({ ok: false }))) as Ack;
          if (!ack.ok) this.sendErrors += 1;
        }
      }),
    );
    await sleep(warmupMs);
    const cpuBefore = process.cpuUsage();
    const servers = startCpuWindow(this.target.serverPids);
    this.measuring = true;
    await sleep(measureMs);
    this.measuring = false;
    const cpu = process.cpuUsage(cpuBefore);
    const used = servers.stop();
    this.serverCpuSeconds += (used.processes * measureMs) / 1000;
    used.perProcess.forEach((share, i) => (this.serverCpuSecondsEach[i]! += (share * measureMs) / 1000));
    this.machineBusyMs += used.machineBusy * measureMs;
    this.cpuMicros += cpu.user + cpu.system;
    this.measuredMs += measureMs;
    stopped = true;
    await Promise.all(loops);
    // Messages still in flight would be counted against the next round's clock (and a send's
    // time is kept until here, as every member's delivery of it counts).
    this.sentAt.clear();
  }

  result(): LoadResult {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return {
      delivered: sorted.length,
      perSecond: sorted.length / (this.measuredMs / 1000),
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99),
      sendErrors: this.sendErrors,
      clientCpu: this.cpuMicros / 1000 / this.measuredMs,
      serverCpu: (this.serverCpuSeconds * 1000) / this.measuredMs,
      machineBusy: this.machineBusyMs / this.measuredMs,
      serverCpuMsPerMessage: this.serverCpuSecondsEach.map((seconds) => (seconds * 1000) / sorted.length),
    };
  }

  close(): void {
    for (const socket of this.sockets.flat()) socket.disconnect();
  }
}

async function open(url: string, auth: Record<string, unknown>): Promise<Socket> {
  const socket = io(url, { auth, transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const live = (await socket.timeout(15_000).emitWithAck('live', {})) as Ack;
  if (!live.ok) throw new Error(`could not go live: ${live.error?.code}`);
  return socket;
}

export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
