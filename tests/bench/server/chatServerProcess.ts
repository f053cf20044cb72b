import { createServer } from '../../../server/app';
import { PostgresStore } from '../../../server/store/postgres/postgresStore';
import { profileIfAsked } from './cpuProfile';

// The real server as the benchmark runs it, in its own process (its own core).
// Configured for the bench: the per-user send rate limit is lifted, because a
// closed loop of one user sending as fast as acks come back is exactly what it
// exists to stop, and so are the per-address limits (registrations,
// connections, concurrent hashing), because every simulated user comes from
// 127.0.0.1; the limits are still checked on every send; everything else (argon2id, JWT, SQLite with synchronous=FULL,
// the service's validation) is as in production. With BENCH_DATABASE_URL (and
// BENCH_DATABASE_SCHEMA) it runs on PostgreSQL; with BENCH_REDIS_URL it is one
// node of several, as server/main.ts would run it. (Names of the bench's own,
// so a DATABASE_URL in the shell does not change the SQLite row.)

const dataDir = process.env.BENCH_DATA_DIR;
if (!dataDir) throw new Error('BENCH_DATA_DIR is required');
const { BENCH_DATABASE_URL, BENCH_DATABASE_SCHEMA, BENCH_REDIS_URL, BENCH_REDIS_KEY_PREFIX } = process.env;

const profile = await profileIfAsked(BENCH_DATABASE_URL ? (BENCH_REDIS_URL ? 'pg-redis-node' : 'pg-node') : 'sqlite-node');
const server = await createServer({
  // BENCH_PORT: the load harness restarts a node on the port it had.
  port: Number(process.env.BENCH_PORT ?? 0),
  host: '127.0.0.1',
  dataDir,
  store: BENCH_DATABASE_URL ? await PostgresStore.open({ connectionString: BENCH_DATABASE_URL, schema: BENCH_DATABASE_SCHEMA }) : undefined,
  redis: BENCH_REDIS_URL ? { url: BENCH_REDIS_URL, keyPrefix: BENCH_REDIS_KEY_PREFIX } : undefined,
  jwtSecret: 'benchmark-secret-that-is-at-least-32-bytes',
  logLevel: 'warn',
  limits: {
    sendsPerUser: { points: 1_000_000_000, durationSec: 1 },
    registrationsPerAddress: { points: 1_000_000_000, durationSec: 1 },
    connectionsPerAddress: 1_000_000_000,
    hashing: { concurrent: 4, queued: 1_000, perKey: 1_000 },
  },
});
process.stdout.write(`${JSON.stringify({ listening: server.url })}\n`);
process.once('SIGTERM', () => void server.close().then(() => profile.stop()).then(() => process.exit(0)));
