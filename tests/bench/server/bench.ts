import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createSocketTransport } from '../../../adapters/socketio/socketTransport';
import { type ChildServer, startChildServer } from '../../server/childServer';
import { Load, type LoadResult, type Target } from './load';

// `npm run bench:server [-- --pairs 200 --seconds 10 --warmup 1 --rounds 2]`
// The real server and a bare Socket.IO relay, each in its own process on a
// free loopback port, under the same closed-loop load from this process.
// Rounds alternate between the two (relay, server, relay, server ...), each
// measuring seconds/rounds after its warm-up, so a busy machine weighs on
// both alike.

const { values } = parseArgs({
  options: {
    pairs: { type: 'string', default: process.env.BENCH_PAIRS ?? '200' },
    seconds: { type: 'string', default: process.env.BENCH_SECONDS ?? '10' },
    warmup: { type: 'string', default: process.env.BENCH_WARMUP ?? '1' },
    rounds: { type: 'string', default: process.env.BENCH_ROUNDS ?? '2' },
  },
});
const rounds = positive('rounds', values.rounds);
const pairs = positive('pairs', values.pairs);
const measureMs = positive('seconds', values.seconds) * 1000;
const warmupMs = Number(values.warmup) * 1000;

function positive(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
}

const PASSWORD = 'benchmark password';

async function chatTarget(server: ChildServer): Promise<Target> {
  const started = performance.now();
  const sessions: { token: string; userId: string }[][] = [];
  const conversations: string[] = [];
  // Registration hashes with argon2id (~19 MiB each): a few at a time, not timed.
  const CONCURRENCY = 4;
  for (let first = 0; first < pairs; first += CONCURRENCY) {
    const batch = Array.from({ length: Math.min(CONCURRENCY, pairs - first) }, async (_, i) => {
      const pair = first + i;
      const t = createSocketTransport({ url: server.url, transports: ['websocket'] });
      const users = [];
      for (const side of ['a', 'b']) {
        const session = await t.register({ username: `bench_${pair}_${side}`, email: `bench${pair}${side}@example.com`, password: PASSWORD });
        users.push({ token: session.token, userId: session.user.id });
      }
      await t.resume({ token: users[0]!.token, user: { id: users[0]!.userId, username: '', displayName: '', avatarColor: '' } });
      const conversation = await t.openDirect(users[1]!.userId);
      t.disconnect();
      sessions[pair] = users;
      conversations[pair] = conversation.id;
    });
    await Promise.all(batch);
  }
  console.log(`  set up ${pairs * 2} accounts and ${pairs} conversations in ${((performance.now() - started) / 1000).toFixed(1)} s (not measured)`);
  return {
    name: 'VioletChat server',
    url: server.url,
    auth: (pair, side) => ({ token: sessions[pair]![side]!.token }),
    payload: (pair, _side, clientId, body) => ({ conversationId: conversations[pair]!, clientId, body }),
  };
}

function relayTarget(server: ChildServer): Target {
  return {
    name: 'bare Socket.IO relay',
    url: server.url,
    auth: (pair, side) => ({ userId: `${pair}-${side}` }),
    payload: (pair, side, clientId, body) => ({ to: `${pair}-${1 - side}`, clientId, body }),
  };
}

const dataDir = mkdtempSync(join(tmpdir(), 'violetchat-bench-'));
try {
  console.log(`VioletChat server benchmark on ${cpus().length} cores, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)} at start`);
  console.log(
    '  server configured for the bench: per-user send rate limit lifted (default 30 burst, 10/s per user);\n' +
      '  otherwise production settings: JWT auth, validation, SQLite WAL synchronous=FULL with group commit, logs at warn',
  );
  const servers: ChildServer[] = [];
  const loads: Load[] = [];
  try {
    const relayServer = await startChildServer({}, 'tests/bench/server/relayServerProcess.ts');
    servers.push(relayServer);
    const chatServer = await startChildServer({ BENCH_DATA_DIR: dataDir }, 'tests/bench/server/chatServerProcess.ts');
    servers.push(chatServer);
    const relayLoad = await Load.open(relayTarget(relayServer), pairs);
    loads.push(relayLoad);
    const chatLoad = await Load.open(await chatTarget(chatServer), pairs);
    loads.push(chatLoad);
    const roundMs = measureMs / rounds;
    for (let round = 1; round <= rounds; round++) {
      for (const load of [relayLoad, chatLoad]) {
        console.log(`  round ${round}/${rounds}: ${load.target.name}, ${pairs} pairs, ${warmupMs / 1000} s warm-up + ${roundMs / 1000} s measured`);
        await load.round(warmupMs, roundMs);
      }
    }
    report(chatLoad.result(), relayLoad.result());
  } finally {
    for (const load of loads) load.close();
    for (const server of servers) await server.stop('SIGTERM');
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

function report(chat: LoadResult, relay: LoadResult): void {
  const row = (name: string, r: LoadResult) =>
    `${name.padEnd(22)} ${r.perSecond.toFixed(0).padStart(9)} ${r.p50Ms.toFixed(1).padStart(8)} ${r.p99Ms.toFixed(1).padStart(8)} ${String(r.sendErrors).padStart(7)} ${(r.clientCpu * 100).toFixed(0).padStart(6)}%`;
  console.log('');
  console.log(`${''.padEnd(22)} ${'msgs/s'.padStart(9)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'errors'.padStart(7)} ${'loadgen'.padStart(7)}`);
  console.log(row('VioletChat server', chat));
  console.log(row('bare Socket.IO relay', relay));
  console.log(
    `ratio server/relay:   throughput ${(chat.perSecond / relay.perSecond).toFixed(2)}x, p50 ${(chat.p50Ms / relay.p50Ms).toFixed(2)}x, p99 ${(chat.p99Ms / relay.p99Ms).toFixed(2)}x`,
  );
  console.log(`load average ${loadavg()[0]!.toFixed(1)} at the end (other work on the machine skews both rows alike)`);
  console.log('(msgs/s: messages delivered to the peer per second; latency: send emitted -> peer received; loadgen: CPU of this process, share of one core)');
}
