import { type Socket, io } from 'socket.io-client';

/** How the load reaches one kind of server: what a user connects with and what a send carries. */
export interface Target {
  name: string;
  url: string;
  /** Handshake `auth` for each user of each pair. */
  auth(pair: number, side: 0 | 1): Record<string, unknown>;
  /** The `send` payload from one side of a pair to the other. */
  payload(pair: number, side: 0 | 1, clientId: string, body: string): unknown;
}

export interface LoadResult {
  delivered: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  sendErrors: number;
  /** CPU the load generator itself used, as a share of one core. */
  clientCpu: number;
}

interface Ack {
  ok: boolean;
  error?: { code: string };
}

/**
 * Closed loop: every user keeps one send outstanding (the next goes when the
 * ack comes back) to the other user of its pair. Latency is from the emit of
 * a send to the peer receiving the message event; only the measured window
 * counts, after a warm-up.
 */
export async function runLoad(target: Target, pairs: number, warmupMs: number, measureMs: number): Promise<LoadResult> {
  const sockets: Socket[][] = [];
  for (let pair = 0; pair < pairs; pair++) {
    sockets.push(await Promise.all(([0, 1] as const).map((side) => open(target.url, target.auth(pair, side)))));
  }

  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let measuring = false;
  let stopped = false;
  let sendErrors = 0;

  for (const pairSockets of sockets) {
    for (const socket of pairSockets) {
      socket.on('event', (event: { type: string; message?: { clientId: string } }) => {
        if (event.type !== 'message' || !event.message) return;
        const started = sentAt.get(event.message.clientId);
        if (started === undefined) return;
        sentAt.delete(event.message.clientId);
        if (measuring) latencies.push(performance.now() - started);
      });
    }
  }

  const body = 'The quick brown fox jumps over the lazy dog. '.repeat(2).trim();
  const loops = sockets.flatMap((pairSockets, pair) =>
    ([0, 1] as const).map(async (side) => {
      const socket = pairSockets[side]!;
      let n = 0;
      while (!stopped) {
        const clientId = `${pair}-${side}-${++n}-${Math.random().toString(36).slice(2, 10)}`;
        sentAt.set(clientId, performance.now());
        const ack = (await socket
          .timeout(15_000)
          .emitWithAck('send', target.payload(pair, side, clientId, body))
          .catch(() => ({ ok: false }))) as Ack;
        if (!ack.ok) {
          sendErrors += 1;
          sentAt.delete(clientId);
        }
      }
    }),
  );

  await sleep(warmupMs);
  const cpuBefore = process.cpuUsage();
  measuring = true;
  await sleep(measureMs);
  measuring = false;
  const cpu = process.cpuUsage(cpuBefore);
  stopped = true;
  await Promise.all(loops);
  for (const socket of sockets.flat()) socket.disconnect();

  latencies.sort((a, b) => a - b);
  return {
    delivered: latencies.length,
    perSecond: latencies.length / (measureMs / 1000),
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    sendErrors,
    clientCpu: (cpu.user + cpu.system) / 1000 / measureMs,
  };
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

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
