import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type ChildServer, startChildServer } from '../../support/childServer';
import { type ClusterSpace, createClusterSpace } from '../../services/clusterHarness';
import { missingServices } from '../../services/requireServices';
import { setUpAccounts } from './accounts';
import { auditConversation, undelivered } from './ledger';
import { percentile, sleep } from './load';
import { processRssBytes } from './processStats';
import { VirtualClient } from './virtualClient';

// `npm run load [-- --clients 1000 --seconds 20 --nodes 1|2 --restart-at 10 --no-restart --catch-up-limit 120]`
//
// Virtual clients in pairs, each pair in a conversation of its own, against
// the real server in child processes on 127.0.0.1 only (it starts its own
// servers and takes no address): one node on SQLite, or (--nodes 2) two nodes
// sharing PostgreSQL and Redis, the two users of every pair on different
// nodes. Every client keeps one send outstanding to its peer for --seconds.
// Midway (--restart-at) one node is killed (SIGKILL) and started again on the
// same port and data: its clients reconnect, catch up and resend what was not
// acked, as the app does. At the end every client fetches its conversation's
// history, which must hold each acked send exactly once, and must have
// received every message its peer had acked. Exits non-zero on any loss or
// duplicate, on a message never delivered, or when the clients do not all
// catch up after the restart within --catch-up-limit seconds.

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '20' },
    nodes: { type: 'string', default: '1' },
    'restart-at': { type: 'string' },
    'no-restart': { type: 'boolean', default: false },
    'catch-up-limit': { type: 'string', default: '120' },
  },
});

const MAX_CLIENTS = 10_000;
const MAX_SECONDS = 600;
const clients = bounded('clients', values.clients, 2, MAX_CLIENTS);
if (clients % 2 !== 0) throw new Error('--clients must be even: clients come in pairs');
const seconds = bounded('seconds', values.seconds, 1, MAX_SECONDS);
const nodeCount = bounded('nodes', values.nodes, 1, 2);
const restartAtMs = values['no-restart'] ? null : bounded('restart-at', values['restart-at'] ?? String(seconds / 2), 0, seconds) * 1000;
const catchUpLimitMs = bounded('catch-up-limit', values['catch-up-limit'], 1, MAX_SECONDS) * 1000;
const pairs = clients / 2;
/** Sends still unacked when sending stops get this long to finish. */
const DRAIN_MS = 30_000;
const CONNECT_CONCURRENCY = 50;
const PASSWORD = 'load harness password';
const BODY = 'The quick brown fox jumps over the lazy dog.';

function bounded(name: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} must be a number from ${min} to ${max}`);
  return n;
}

/** A chat server child process that can be killed and started again on its port, with its peak memory. */
class Node {
  peakRss = 0;
  /** Peak RSS of the process started by restart(), from its start. */
  restartedPeakRss = 0;
  private restarted = false;
  private constructor(
    readonly name: string,
    private server: ChildServer,
    private readonly env: Record<string, string>,
  ) {}

  static async start(name: string, env: Record<string, string>): Promise<Node> {
    return new Node(name, await startChildServer({ ...env, BENCH_PORT: '0' }, 'tests/bench/server/chatServerProcess.ts'), env);
  }

  get url(): string {
    return this.server.url;
  }

  sampleMemory(): void {
    const rss = processRssBytes(this.server.process.pid!);
    if (!Number.isFinite(rss)) return;
    this.peakRss = Math.max(this.peakRss, rss);
    if (this.restarted) this.restartedPeakRss = Math.max(this.restartedPeakRss, rss);
  }

  /** Kills the process (as a crash would) and starts it again on the same port and data; resolves once it listens. */
  async restart(): Promise<void> {
    await this.server.stop('SIGKILL');
    this.server = await startChildServer({ ...this.env, BENCH_PORT: new URL(this.server.url).port }, 'tests/bench/server/chatServerProcess.ts');
    this.restarted = true;
  }

  stop(): Promise<void> {
    return this.server.stop('SIGTERM');
  }
}

interface Pair {
  conversationId: string;
  clients: [VirtualClient, VirtualClient];
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const secondsSince = (start: number, at = performance.now()) => `${((at - start) / 1000).toFixed(1)} s`;

const dataDir = mkdtempSync(join(tmpdir(), 'violetchat-load-'));
const nodes: Node[] = [];
const pairList: Pair[] = [];
let space: ClusterSpace | undefined;
let failed: boolean;
try {
  let env: Record<string, string> = { BENCH_DATA_DIR: dataDir };
  if (nodeCount === 2) {
    const problems = await missingServices();
    if (problems.length > 0) throw new Error(`--nodes 2 needs PostgreSQL and Redis:\n  ${problems.join('\n  ')}`);
    space = await createClusterSpace();
    const shared = space.env(15_000);
    env = {
      ...env,
      BENCH_DATABASE_URL: shared.DATABASE_URL!,
      BENCH_DATABASE_SCHEMA: shared.DATABASE_SCHEMA!,
      BENCH_REDIS_URL: shared.REDIS_URL!,
      BENCH_REDIS_KEY_PREFIX: shared.REDIS_KEY_PREFIX!,
    };
  }
  const where = nodeCount === 1 ? '1 node (SQLite)' : '2 nodes (PostgreSQL + Redis; the users of each pair on different nodes)';
  console.log(`VioletChat load: ${clients} clients in ${pairs} pairs on ${where}, ${seconds} s of sending,`);
  console.log(`  ${restartAtMs === null ? 'no restart' : `node ${nodeCount} killed and restarted at ${restartAtMs / 1000} s`}; ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}`);
  for (let i = 1; i <= nodeCount; i++) nodes.push(await Node.start(`node ${i}`, env));
  const memory = setInterval(() => nodes.forEach((node) => node.sampleMemory()), 200);

  let started = performance.now();
  const accounts = await setUpAccounts(nodes[0]!.url, pairs, 'load', PASSWORD);
  console.log(`  set up ${clients} accounts and ${pairs} conversations in ${secondsSince(started)}`);

  // Latency: from a send's first emit to its peer receiving it live.
  const emittedAt = new Map<string, number>();
  const latencies: { at: number; ms: number }[] = [];
  let deliveredLive = 0;
  let deliveredByCatchUp = 0;
  const errors = new Map<string, number>();
  const hooks = {
    delivered(clientId: string, live: boolean) {
      const at = performance.now();
      if (live) {
        deliveredLive += 1;
        const sent = emittedAt.get(clientId);
        if (sent !== undefined) latencies.push({ at, ms: at - sent });
      } else {
        deliveredByCatchUp += 1;
      }
    },
    error(kind: string) {
      errors.set(kind, (errors.get(kind) ?? 0) + 1);
    },
  };

  started = performance.now();
  for (let pair = 0; pair < pairs; pair++) {
    const side = (s: 0 | 1) => {
      const session = accounts.sessions[pair]![s]!;
      return new VirtualClient(nodes[s % nodeCount]!.url, session.token, session.userId, accounts.conversations[pair]!, hooks);
    };
    pairList.push({ conversationId: accounts.conversations[pair]!, clients: [side(0), side(1)] });
    if (pairList.length % CONNECT_CONCURRENCY === 0) await Promise.all(pairList.slice(-CONNECT_CONCURRENCY).flatMap((p) => p.clients.map((c) => c.whenReady())));
  }
  const everyClient = pairList.flatMap((p) => p.clients);
  await Promise.all(everyClient.map((c) => c.whenReady()));
  console.log(`  connected ${clients} clients in ${secondsSince(started)}`);

  // Sending: every client keeps one send outstanding until the time is up.
  let stopped = false;
  const sendStart = performance.now();
  let sent = 0;
  const loops = pairList.flatMap((pair, p) =>
    pair.clients.map(async (client, s) => {
      for (let n = 0; !stopped; n++) {
        const clientId = `load-${p}-${s}-${n}`;
        emittedAt.set(clientId, performance.now());
        const drainUntil = () => stopped && performance.now() > sendStart + seconds * 1000 + DRAIN_MS;
        if (await client.send(clientId, BODY, drainUntil)) sent += 1;
      }
    }),
  );

  // The restart runs beside the sending, which stops on time whatever the restart is doing.
  const restart = restartAtMs === null ? Promise.resolve(null) : sleep(restartAtMs).then(() => restartNode(nodes[nodeCount - 1]!));
  /** Kills and restarts `victim`; resolves when every client it had has reconnected and caught up, or says how many had not in time. */
  async function restartNode(victim: Node): Promise<{ killedAt: number; listeningAt: number; caughtUpAt: number; clients: number } | { failure: string }> {
    // Side s of every pair is on node s % nodeCount; the last node is the one restarted.
    const affected = pairList.flatMap((pair) => pair.clients.filter((_, side) => side % nodeCount === nodeCount - 1));
    const caughtUp = Promise.all(affected.map((client) => client.nextCatchUp())).then(() => 'done' as const);
    const killedAt = performance.now();
    await victim.restart();
    const listeningAt = performance.now();
    if ((await Promise.race([caughtUp, sleep(catchUpLimitMs).then(() => 'late' as const)])) === 'late') {
      const behind = affected.filter((client) => client.caughtUpAt < killedAt).length;
      return { failure: `${behind} of ${affected.length} clients had not caught up ${catchUpLimitMs / 1000} s after the restart` };
    }
    return { killedAt, listeningAt, caughtUpAt: Math.max(...affected.map((c) => c.caughtUpAt)), clients: affected.length };
  }
  await sleep(Math.max(0, sendStart + seconds * 1000 - performance.now()));
  stopped = true;
  const sendingMs = performance.now() - sendStart;
  await Promise.all(loops);
  const restarted = await restart;
  const storm = restarted && 'killedAt' in restarted ? restarted : null;
  const stormFailure = restarted && 'failure' in restarted ? restarted.failure : null;
  clearInterval(memory);

  // The audit: a last catch-up for every client, then every client's history against what was acked.
  await Promise.all(everyClient.map((c) => c.catchUpNow()));
  const totals = { conversations: pairList.length, stored: 0, lost: 0, duplicated: 0, unexpected: 0, badSeqs: 0, undelivered: 0 };
  const examples: string[] = [];
  for (const pair of pairList) {
    const acked = new Map([...pair.clients[0].acked, ...pair.clients[1].acked]);
    const attempted = new Set([...pair.clients[0].attempted, ...pair.clients[1].attempted]);
    for (const client of pair.clients) {
      const history = await client.history();
      totals.stored += history.length;
      const audit = auditConversation(acked, attempted, history);
      totals.lost += audit.lost.length;
      totals.duplicated += audit.duplicated.length;
      totals.unexpected += audit.unexpected.length;
      totals.badSeqs += audit.badSeqs.length;
      if (audit.lost.length + audit.duplicated.length + audit.unexpected.length + audit.badSeqs.length > 0 && examples.length < 5) {
        examples.push(`conversation ${pair.conversationId}: ${JSON.stringify(audit)}`);
      }
    }
    for (const [side, client] of pair.clients.entries()) {
      const missing = undelivered(pair.clients[1 - side]!.acked.keys(), client.received);
      totals.undelivered += missing.length;
      if (missing.length > 0 && examples.length < 5) examples.push(`conversation ${pair.conversationId}: never delivered to side ${side}: ${missing.slice(0, 5).join(', ')}`);
    }
  }
  totals.stored /= 2;

  const sorted = latencies.map((l) => l.ms).sort((a, b) => a - b);
  const before = latencies.filter((l) => storm === null || l.at < storm.killedAt).map((l) => l.ms).sort((a, b) => a - b);
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  console.log('');
  console.log(`delivered      ${deliveredLive + deliveredByCatchUp} messages in ${(sendingMs / 1000).toFixed(1)} s, ${((deliveredLive + deliveredByCatchUp) / (sendingMs / 1000)).toFixed(0)}/s (live ${deliveredLive}, by catch-up ${deliveredByCatchUp}); ${sent} sends acked`);
  console.log(`latency        p50 ${ms(percentile(sorted, 0.5))}, p99 ${ms(percentile(sorted, 0.99))} (send emitted -> peer received live, whole run)`);
  if (storm) console.log(`               p50 ${ms(percentile(before, 0.5))}, p99 ${ms(percentile(before, 0.99))} before the restart`);
  console.log(`errors         ${errors.size === 0 ? 'none' : [...errors].map(([kind, n]) => `${kind}: ${n}`).join('; ')}`);
  if (storm) {
    console.log(
      `restart        ${storm.clients} clients reconnected and caught up ${secondsSince(storm.killedAt, storm.caughtUpAt)} after the kill ` +
        `(the node listened again after ${secondsSince(storm.killedAt, storm.listeningAt)}, the last client caught up ${secondsSince(storm.listeningAt, storm.caughtUpAt)} later)`,
    );
  }
  if (stormFailure) console.log(`restart        FAILED: ${stormFailure}`);
  console.log(`server memory  ${nodes.map((n) => `${n.name} peak RSS ${mib(n.peakRss)}${n.restartedPeakRss > 0 ? ` (after its restart ${mib(n.restartedPeakRss)})` : ''}`).join('; ')}`);
  console.log(
    `audit          ${totals.conversations} conversations, ${totals.stored} messages stored: ${totals.lost} lost, ${totals.duplicated} duplicated, ` +
      `${totals.unexpected} unexpected, ${totals.badSeqs} seq gaps, ${totals.undelivered} never delivered`,
  );
  for (const example of examples) console.log(`  ${example}`);
  failed = totals.lost + totals.duplicated + totals.unexpected + totals.badSeqs + totals.undelivered > 0 || stormFailure !== null;
  console.log(failed ? '\nFAIL' : '\nPASS: nothing lost, nothing duplicated, every message delivered');
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  for (const pair of pairList) for (const client of pair.clients) client.close();
  for (const node of nodes) await node.stop().catch(() => undefined);
  await space?.drop().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
