import { createServer } from '../../../server/app';

// The real server as the benchmark runs it, in its own process (its own core).
// Configured for the bench: the per-user send rate limit is lifted, because a
// closed loop of one user sending as fast as acks come back is exactly what it
// exists to stop; everything else (argon2id, JWT, SQLite with synchronous=FULL,
// the service's validation) is as in production.

const dataDir = process.env.BENCH_DATA_DIR;
if (!dataDir) throw new Error('BENCH_DATA_DIR is required');

const server = await createServer({
  port: 0,
  host: '127.0.0.1',
  dataDir,
  jwtSecret: 'benchmark-secret-that-is-at-least-32-bytes',
  logLevel: 'warn',
  sendRate: { capacity: 1_000_000_000, refillPerSecond: 1_000_000_000 },
});
process.stdout.write(`${JSON.stringify({ listening: server.url })}\n`);
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
