import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { PostgresStore } from '../../../server/store/postgres/postgresStore';
import { missingServices } from '../../services/requireServices';
import { DATABASE_URL } from '../../services/serviceUrls';
import { createTestSchema } from '../../services/testSchema';
import { direct, message, userRecord } from '../../store/storeSuite';
import { percentile, sleep } from './load';

// `npm run bench:store [-- --writers 1,8,32 --seconds 3 --warmup 1 --rounds 2]`
// Append throughput of the PostgreSQL store, without the server: N writers,
// each appending to a conversation of its own in a closed loop (the next
// append when the last returns), on one pool with a connection per writer.
// Unrelated conversations share no row, so whatever stops the figure growing
// with N is contention inside the store (or the machine). One reader polls
// currentRev() meanwhile, as catch-ups do but back to back (far more often
// than they would), so that what it costs the writers shows; its latency is
// printed too.
// Each level runs twice: appends batched as the server makes them (a few
// batches in flight, what arrives meanwhile going together, see
// server/store/postgres/appendBatcher.ts) and one by one (a statement and a
// commit per append, as before batching), on two stores sharing the schema.
// Levels and the two ways alternate within each round, so other load on the
// machine weighs on all of them alike.

const { values } = parseArgs({
  options: {
    writers: { type: 'string', default: '1,8,32' },
    seconds: { type: 'string', default: '6' },
    warmup: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '2' },
  },
});
const levels = values.writers.split(',').map((w) => positive('writers', w));
const rounds = positive('rounds', values.rounds);
const measureMs = (positive('seconds', values.seconds) * 1000) / rounds;
const warmupMs = Number(values.warmup) * 1000;

function positive(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
}

interface Tally {
  appends: number[];
  horizon: number[];
  measuredMs: number;
}

const problems = await missingServices();
if (problems.length > 0) throw new Error(`bench:store needs PostgreSQL:\n  ${problems.join('\n  ')}`);

const most = Math.max(...levels);
const schema = await createTestSchema();
// A connection per writer and one for the reader: writers never queue for the pool.
const open = (appendBatchesInFlight?: number) =>
  PostgresStore.open({ connectionString: DATABASE_URL, schema: schema.name, maxConnections: most + 1, ...(appendBatchesInFlight ? { appendBatchesInFlight } : {}) });
const store = await open();
// As many batches in flight as writers: every append goes out alone, at once.
const oneByOne = await open(most);
const ways = [
  { name: 'batched', store },
  { name: 'one by one', store: oneByOne },
] as const;
try {
  console.log(`PostgreSQL store benchmark, load average ${loadavg()[0]!.toFixed(1)} at start`);
  const writers: { conversationId: string; senderId: string }[] = [];
  for (let i = 0; i < most; i++) {
    const [a, b] = [userRecord(), userRecord()];
    await store.createUser(a);
    await store.createUser(b);
    const { conversation } = await store.getOrCreateDirect(direct(a.id, b.id));
    writers.push({ conversationId: conversation.id, senderId: a.id });
  }
  const tallies = new Map(ways.flatMap((way) => levels.map((level): [string, Tally] => [`${level} ${way.name}`, { appends: [], horizon: [], measuredMs: 0 }])));
  for (let round = 1; round <= rounds; round++) {
    for (const level of levels) {
      for (const way of ways) {
        console.log(`  round ${round}/${rounds}: ${level} writer(s), ${way.name}, ${warmupMs / 1000} s warm-up + ${measureMs / 1000} s measured`);
        await runRound(way.store, writers.slice(0, level), tallies.get(`${level} ${way.name}`)!);
      }
    }
  }
  report(tallies);
} finally {
  await store.close();
  await oneByOne.close();
  await schema.drop();
}

async function runRound(store: PostgresStore, active: readonly { conversationId: string; senderId: string }[], tally: Tally): Promise<void> {
  let stopped = false;
  let measuring = false;
  const timed = async (into: number[], work: () => Promise<unknown>) => {
    while (!stopped) {
      const started = performance.now();
      await work();
      if (measuring) into.push(performance.now() - started);
    }
  };
  const loops = [
    ...active.map((w) => timed(tally.appends, () => store.appendMessage(message(w.conversationId, w.senderId, 'bench')))),
    timed(tally.horizon, () => store.currentRev()),
  ];
  await sleep(warmupMs);
  measuring = true;
  await sleep(measureMs);
  measuring = false;
  stopped = true;
  tally.measuredMs += measureMs;
  await Promise.all(loops);
}

function report(tallies: Map<string, Tally>): void {
  const columns = ['writers', 'appends/s', 'p50 ms', 'p99 ms', 'currentRev p50 ms', 'p99 ms'];
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(14) : c.padStart(Math.max(columns[i]!.length, 9) + 2))).join('');
  console.log('');
  console.log(line(columns));
  for (const [level, tally] of tallies) {
    const appends = [...tally.appends].sort((a, b) => a - b);
    const horizon = [...tally.horizon].sort((a, b) => a - b);
    console.log(
      line([
        level,
        (appends.length / (tally.measuredMs / 1000)).toFixed(0),
        percentile(appends, 0.5).toFixed(2),
        percentile(appends, 0.99).toFixed(2),
        percentile(horizon, 0.5).toFixed(2),
        percentile(horizon, 0.99).toFixed(2),
      ]),
    );
  }
  console.log(`load average ${loadavg()[0]!.toFixed(1)} at the end`);
  console.log('(appends/s: appendMessage calls completed per second, all writers together; latency: one appendMessage; currentRev: one reader polling the catch-up horizon meanwhile)');
}
