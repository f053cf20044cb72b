import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type ChildServer, startChildServer } from '../../support/childServer';
import { type ClusterSpace, createClusterSpace } from '../../services/clusterHarness';
import { missingServices } from '../../services/requireServices';
import { createSocketTransport } from '../../../adapters/socketio/socketTransport';
import { type Accounts, type Session, setUpAccounts } from './accounts';
import { Load, type LoadResult, type Target } from './load';

// `npm run bench:server [-- --pairs 200 --seconds 10 --warmup 1 --rounds 2 --group-members 100 --group-senders 10 --profile DIR]`
// The real server and a bare Socket.IO relay, each in its own process on a
// free loopback port, under the same closed-loop load from this process;
// beside the 1:1 rows, one group on the SQLite server (--group-members, 100 by
// default, all connected; --group-senders of them send, each message reaching
// the others: msgs/s there counts deliveries to members).
// Rounds alternate between the two (relay, server, relay, server ...), each
// measuring seconds/rounds after its warm-up, so a busy machine weighs on
// both alike.
// With PostgreSQL and Redis running (DATABASE_URL / REDIS_URL, local defaults)
// it also measures the server on PostgreSQL as one node, and as two nodes
// sharing PostgreSQL and Redis with the two users of every pair on different
// nodes (each message crosses Redis); without them it says why those rows are missing.
// --profile DIR writes a CPU profile of every chat server process there (a
// .cpuprofile per process, covering set-up and all its rounds). --nodes runs
// only the PostgreSQL rows (one node, two nodes), to look into the cluster.

const { values } = parseArgs({
  options: {
    pairs: { type: 'string', default: process.env.BENCH_PAIRS ?? '200' },
    seconds: { type: 'string', default: process.env.BENCH_SECONDS ?? '10' },
    warmup: { type: 'string', default: process.env.BENCH_WARMUP ?? '1' },
    rounds: { type: 'string', default: process.env.BENCH_ROUNDS ?? '2' },
    profile: { type: 'string' },
    nodes: { type: 'boolean', default: false },
    'group-members': { type: 'string', default: process.env.BENCH_GROUP_MEMBERS ?? '100' },
    'group-senders': { type: 'string', default: process.env.BENCH_GROUP_SENDERS ?? '10' },
  },
});
const groupMembers = 2 * Math.ceil(positive('group-members', values['group-members']) / 2);
const groupSenders = Math.min(groupMembers, positive('group-senders', values['group-senders']));
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
const SQLITE_ROW = 'server, SQLite, 1 node';
const GROUP_ROW = `server, SQLite, ${groupMembers}-member group`;
const PG_ONE_ROW = 'server, PostgreSQL, 1 node';
const PG_TWO_ROW = 'server, PG + Redis, 2 nodes';
const NAME_WIDTH = 34;
const HEADER = `${''.padEnd(NAME_WIDTH)} ${'msgs/s'.padStart(9)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'errors'.padStart(7)} ${'loadgen'.padStart(7)} ${'server'.padStart(7)} ${'machine'.padStart(7)}  server CPU ms/msg`;


/** Registers both users of every pair and opens their conversation, through the server at `url`. */
async function setUpBenchAccounts(url: string): Promise<Accounts> {
  const started = performance.now();
  const accounts = await setUpAccounts(url, pairs, 'bench', PASSWORD);
  console.log(`  set up ${pairs * 2} accounts and ${pairs} conversations in ${((performance.now() - started) / 1000).toFixed(1)} s (not measured)`);
  return accounts;
}

/** One group of `groupMembers` people, registered and made through the server at `url`, as clients would. */
async function setUpBenchGroup(url: string): Promise<{ sessions: Session[]; conversationId: string }> {
  const started = performance.now();
  const sessions = (await setUpAccounts(url, groupMembers / 2, 'group', PASSWORD)).sessions.flat();
  const t = createSocketTransport({ url, transports: ['websocket'] });
  try {
    await t.resume({ token: sessions[0]!.token, user: { id: sessions[0]!.userId, username: '', displayName: '', avatarColor: '' } });
    const group = await t.createGroup({ clientId: crypto.randomUUID(), title: 'Bench group', visibility: 'private', memberIds: sessions.slice(1).map((s) => s.userId) });
    console.log(`  set up a ${group.members.length}-member group in ${((performance.now() - started) / 1000).toFixed(1)} s (not measured)`);
    return { sessions, conversationId: group.id };
  } finally {
    t.disconnect();
  }
}

/** The group's members as the load's pairs (user 2 * pair + side); every (members / senders)-th of them sends. */
function groupTarget(server: ChildServer, { sessions, conversationId }: { sessions: Session[]; conversationId: string }): Target {
  const every = Math.floor(groupMembers / groupSenders);
  const user = (pair: number, side: 0 | 1) => 2 * pair + side;
  return {
    name: GROUP_ROW,
    url: () => server.url,
    auth: (pair, side) => ({ token: sessions[user(pair, side)]!.token }),
    payload: (_pair, _side, clientId, body) => ({ conversationId, clientId, body }),
    sends: (pair, side) => user(pair, side) % every === 0 && user(pair, side) / every < groupSenders,
    serverPids: [server.process.pid!],
  };
}

/** The chat server at one or several nodes: side 0 of every pair on the first node, side 1 on the next. */
function chatTarget(name: string, nodes: readonly ChildServer[], { sessions, conversations }: Accounts): Target {
  return {
    name,
    url: (_pair, side) => nodes[side % nodes.length]!.url,
    auth: (pair, side) => ({ token: sessions[pair]![side]!.token }),
    payload: (pair, _side, clientId, body) => ({ conversationId: conversations[pair]!, clientId, body }),
    serverPids: nodes.map((node) => node.process.pid!),
  };
}

/** A fresh PostgreSQL schema and Redis key prefix for the PostgreSQL rows, or why there are none. */
async function openServices(): Promise<{ space: ClusterSpace } | { missing: string }> {
  const problems = await missingServices();
  if (problems.length > 0) return { missing: problems.join('\n  ') };
  return { space: await createClusterSpace() };
}

function relayTarget(server: ChildServer): Target {
  return {
    name: 'bare Socket.IO relay',
    url: () => server.url,
    auth: (pair, side) => ({ userId: `${pair}-${side}` }),
    payload: (pair, side, clientId, body) => ({ to: `${pair}-${1 - side}`, clientId, body }),
    serverPids: [server.process.pid!],
  };
}

const dataDir = mkdtempSync(join(tmpdir(), 'violetchat-bench-'));
try {
  console.log(`VioletChat server benchmark on ${cpus().length} cores, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)} at start`);
  console.log(
    '  server configured for the bench: per-user send rate limit lifted (default 30 per 3 s per user), and the per-address\n' +
      '  limits (every simulated user is on 127.0.0.1), but still checked on every send;\n' +
      '  otherwise production settings: JWT auth, validation, SQLite WAL synchronous=FULL with group commit, logs at warn',
  );
  const servers: ChildServer[] = [];
  const loads: Load[] = [];
  const services = await openServices();
  const chatServer = (env: Record<string, string> = {}) =>
    startChildServer({ BENCH_DATA_DIR: dataDir, ...(values.profile ? { BENCH_CPU_PROFILE: values.profile } : {}), ...env }, 'tests/bench/server/chatServerProcess.ts').then((server) => {
      servers.push(server);
      return server;
    });
  try {
    let sqlite: { chat: Load; relay: Load; group: Load } | null = null;
    if (!values.nodes) {
      const relayServer = await startChildServer({}, 'tests/bench/server/relayServerProcess.ts');
      servers.push(relayServer);
      const sqliteServer = await chatServer();
      const relay = await Load.open(relayTarget(relayServer), pairs);
      loads.push(relay);
      const chat = await Load.open(chatTarget(SQLITE_ROW, [sqliteServer], await setUpBenchAccounts(sqliteServer.url)), pairs);
      loads.push(chat);
      const group = await Load.open(groupTarget(sqliteServer, await setUpBenchGroup(sqliteServer.url)), groupMembers / 2);
      loads.push(group);
      sqlite = { chat, relay, group };
    }
    let postgres: { one: Load; two: Load } | null = null;
    if ('space' in services) {
      // One schema and one set of accounts for both rows; the lone node runs without Redis.
      const { DATABASE_URL, DATABASE_SCHEMA, REDIS_URL, REDIS_KEY_PREFIX } = services.space.env(15_000);
      const database = { BENCH_DATABASE_URL: DATABASE_URL!, BENCH_DATABASE_SCHEMA: DATABASE_SCHEMA! };
      const redis = { ...database, BENCH_REDIS_URL: REDIS_URL!, BENCH_REDIS_KEY_PREFIX: REDIS_KEY_PREFIX! };
      const lone = await chatServer(database);
      const nodes = [await chatServer(redis), await chatServer(redis)];
      const accounts = await setUpBenchAccounts(lone.url);
      const one = await Load.open(chatTarget(PG_ONE_ROW, [lone], accounts), pairs);
      loads.push(one);
      const two = await Load.open(chatTarget(PG_TWO_ROW, nodes, accounts), pairs);
      loads.push(two);
      postgres = { one, two };
    }
    // What a server costs with its clients connected and quiet, so the CPU per message below can be read.
    for (const load of loads) {
      const idle = await load.idleCpu(2_000);
      console.log(`  idle, every client connected: ${load.target.name}: server CPU ${idle.map((share) => `${(share * 100).toFixed(1)}%`).join(' + ')} of a core`);
    }
    const roundMs = measureMs / rounds;
    for (let round = 1; round <= rounds; round++) {
      for (const load of loads) {
        const who = load.target.name === GROUP_ROW ? `${groupSenders} of ${groupMembers} members sending` : `${pairs} pairs`;
        console.log(`  round ${round}/${rounds}: ${load.target.name}, ${who}, ${warmupMs / 1000} s warm-up + ${roundMs / 1000} s measured`);
        await load.round(warmupMs, roundMs);
      }
    }
    if (sqlite) report(sqlite.chat.result(), sqlite.relay.result(), sqlite.group.result());
    if (postgres) reportNodes(postgres.one.result(), postgres.two.result());
    else console.log(`\nno PostgreSQL rows (one node, two nodes):\n  ${'missing' in services ? services.missing : ''}`);
  } finally {
    for (const load of loads) load.close();
    for (const server of servers) await server.stop('SIGTERM');
    if ('space' in services) await services.space.drop();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

function row(name: string, r: LoadResult): string {
  const share = (x: number) => `${(x * 100).toFixed(0).padStart(6)}%`;
  const perMessage = r.serverCpuMsPerMessage.map((ms) => ms.toFixed(2)).join(' + ');
  return `${name.padEnd(NAME_WIDTH)} ${r.perSecond.toFixed(0).padStart(9)} ${r.p50Ms.toFixed(1).padStart(8)} ${r.p99Ms.toFixed(1).padStart(8)} ${String(r.sendErrors).padStart(7)} ${share(r.clientCpu)} ${share(r.serverCpu)} ${share(r.machineBusy)}  ${perMessage}`;
}

function report(chat: LoadResult, relay: LoadResult, group: LoadResult): void {
  console.log('');
  console.log(HEADER);
  console.log(row(SQLITE_ROW, chat));
  console.log(row('bare Socket.IO relay', relay));
  console.log(row(GROUP_ROW, group));
  console.log(
    `ratio server/relay:   throughput ${(chat.perSecond / relay.perSecond).toFixed(2)}x, p50 ${(chat.p50Ms / relay.p50Ms).toFixed(2)}x, p99 ${(chat.p99Ms / relay.p99Ms).toFixed(2)}x`,
  );
  console.log(`load average ${loadavg()[0]!.toFixed(1)} at the end (other work on the machine skews both rows alike)`);
  console.log(
    '(msgs/s: messages delivered to the peer per second; latency: send emitted -> peer received; loadgen: CPU of this process, ' +
      'server: CPU of the server process(es), both as a share of one core; machine: busy share of all cores, whoever used them;\n' +
      ' server CPU ms/msg: CPU each server process used per delivered message, one figure per process (PostgreSQL and Redis not included);\n' +
      ` group: ${groupSenders} of its ${groupMembers} members send, each message delivered to the ${groupMembers - 1} others, each delivery counted in msgs/s and latency)`,
  );
}

function reportNodes(one: LoadResult, two: LoadResult): void {
  console.log('');
  console.log(HEADER);
  console.log(row(PG_ONE_ROW, one));
  console.log(row(PG_TWO_ROW, two));
  console.log(
    `ratio two nodes/one:  throughput ${(two.perSecond / one.perSecond).toFixed(2)}x, p50 ${(two.p50Ms / one.p50Ms).toFixed(2)}x, p99 ${(two.p99Ms / one.p99Ms).toFixed(2)}x`,
  );
  const cpu = (r: LoadResult) => r.serverCpuMsPerMessage.reduce((sum, ms) => sum + ms, 0);
  console.log(`server CPU per message, all nodes together: one node ${cpu(one).toFixed(2)} ms, two nodes ${cpu(two).toFixed(2)} ms (${(cpu(two) / cpu(one)).toFixed(2)}x)`);
  console.log(
    `(two nodes: the users of each pair on different nodes, so every message crosses Redis; all ${cpus().length} cores are shared by the nodes, PostgreSQL, Redis and the load generator)`,
  );
}
