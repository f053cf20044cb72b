import { join, resolve } from 'node:path';
import type { LevelWithSilent } from 'pino';
import { createServer } from './app';
import { createLogger } from './logger';
import { parseOrigins } from './origins';

// The server process: configuration from the environment, then createServer.
// DATABASE_URL picks the PostgreSQL store instead of the embedded SQLite file
// (DATABASE_SCHEMA: the schema to use, the role's default otherwise);
// REDIS_URL makes this node one of several (Socket.IO Redis adapter, shared
// presence; REDIS_KEY_PREFIX keeps deployments sharing a Redis apart,
// CLUSTER_NODE_TTL_MS is how long a silent node lives on). Several nodes need
// the same DATABASE_URL, REDIS_URL and JWT_SECRET. JWT_SECRET is required:
// only with --dev (or NODE_ENV=development) does a missing one become a
// development secret kept under DATA_DIR. TRUSTED_PROXIES: how many proxies
// in front append to X-Forwarded-For (the client address of per-address limits).

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const env = process.env;
const level = (LEVELS as readonly string[]).includes(env.LOG_LEVEL ?? '') ? (env.LOG_LEVEL as LevelWithSilent) : 'info';
const logger = createLogger(level);

if (env.REDIS_URL && !env.DATABASE_URL) {
  logger.fatal('REDIS_URL runs this server as one of several nodes, which must share a database: set DATABASE_URL too.');
  process.exit(1);
}
const dev = process.argv.slice(2).includes('--dev') || env.NODE_ENV === 'development';
if (!env.JWT_SECRET && !dev) {
  logger.fatal('JWT_SECRET must be set (at least 32 bytes); for development, run with --dev to use a secret kept under DATA_DIR.');
  process.exit(1);
}
const trustedProxies = env.TRUSTED_PROXIES ? Number(env.TRUSTED_PROXIES) : 0;
if (!Number.isInteger(trustedProxies) || trustedProxies < 0) {
  logger.fatal({ trustedProxies: env.TRUSTED_PROXIES }, 'TRUSTED_PROXIES must be a whole number of proxies, 0 or more.');
  process.exit(1);
}

const dataDir = resolve(env.DATA_DIR ?? join(process.cwd(), 'data'));
const port = env.PORT === undefined || env.PORT === '' ? 3001 : Number(env.PORT);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  logger.fatal({ port: env.PORT }, 'PORT must be a port number.');
  process.exit(1);
}
const nodeTtlMs = env.CLUSTER_NODE_TTL_MS ? Number(env.CLUSTER_NODE_TTL_MS) : undefined;
if (nodeTtlMs !== undefined && !(Number.isInteger(nodeTtlMs) && nodeTtlMs >= 300)) {
  logger.fatal({ nodeTtlMs: env.CLUSTER_NODE_TTL_MS }, 'CLUSTER_NODE_TTL_MS must be a whole number of milliseconds, at least 300.');
  process.exit(1);
}

try {
  const store = env.DATABASE_URL ? await openPostgres(env.DATABASE_URL, env.DATABASE_SCHEMA || undefined) : undefined;
  const server = await createServer({
    store,
    redis: env.REDIS_URL ? { url: env.REDIS_URL, keyPrefix: env.REDIS_KEY_PREFIX || undefined, nodeTtlMs } : undefined,
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    jwtSecret: env.JWT_SECRET || undefined,
    devSecret: dev,
    trustedProxies,
    corsOrigins: parseOrigins(env.CORS_ORIGINS),
    logger,
  });
  // One machine-readable line for scripts and tests that start the server on a free port.
  process.stdout.write(`${JSON.stringify({ listening: server.url, port: server.port })}\n`);

  const stop = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'signal received');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (error) {
  logger.fatal({ err: error }, 'the server could not start');
  process.exit(1);
}

async function openPostgres(connectionString: string, schema: string | undefined) {
  // Loaded only when asked for, so the embedded setup never needs pg.
  const { PostgresStore } = await import('./store/postgres/postgresStore');
  const store = await PostgresStore.open({ connectionString, schema, onIdleError: (error) => logger.error({ err: error }, 'PostgreSQL connection lost') });
  logger.info('using PostgreSQL (DATABASE_URL)');
  return store;
}
