import { Redis } from 'ioredis';
import pg from 'pg';
import { DATABASE_URL, printable, REDIS_URL } from './serviceUrls';

const TIMEOUT_MS = 3_000;

/**
 * Vitest global setup for `npm run test:services`: these tests exist to run
 * against real services, so a missing one fails the run with a message that
 * says how to start it, instead of every test skipping or timing out.
 */
export default async function requireServices(): Promise<void> {
  const problems = await missingServices();
  if (problems.length > 0) {
    // Vitest then also prints "No test files found": none ran, because of this.
    throw new Error(`test:services needs running services; no test was run.\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** What is not reachable, each with how to start it; empty when PostgreSQL and Redis both answer. */
export async function missingServices(): Promise<string[]> {
  return (await Promise.all([checkPostgres(), checkRedis()])).filter((p): p is string => p !== null);
}

async function checkPostgres(): Promise<string | null> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: TIMEOUT_MS });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return (
      `PostgreSQL is not reachable at ${printable(DATABASE_URL)} (${reason(error)}): start it with ` +
      '`sudo service postgresql start` (or `docker run -d -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust -e POSTGRES_DB=test postgres:16`), ' +
      'or point DATABASE_URL at one.'
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkRedis(): Promise<string | null> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: TIMEOUT_MS, maxRetriesPerRequest: 0, retryStrategy: () => null });
  // connect() only rejects with "Connection is closed."; the cause (ECONNREFUSED ...) comes as an event.
  let cause: unknown;
  redis.on('error', (error: unknown) => {
    cause = error;
  });
  try {
    await redis.connect();
    await redis.ping();
    return null;
  } catch (error) {
    return (
      `Redis is not reachable at ${printable(REDIS_URL)} (${reason(cause ?? error)}): start it with ` +
      '`sudo service redis-server start` (or `docker run -d -p 6379:6379 redis:7`), or point REDIS_URL at one.'
    );
  } finally {
    redis.disconnect();
  }
}

function reason(error: unknown): string {
  if (error instanceof AggregateError) return error.errors.map(reason).join('; ');
  return error instanceof Error ? error.message || error.name : String(error);
}
