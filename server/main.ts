import type { Logger } from 'pino';
import { createServer } from './app';
import { EXIT_CONFIG, parseConfig } from './config';
import { createLogger } from './logger';

// The server process: the configuration (server/config.ts, every variable
// listed in .env.example), then createServer. DATABASE_URL picks the
// PostgreSQL store instead of the embedded SQLite file; REDIS_URL makes this
// node one of several, which need the same DATABASE_URL, REDIS_URL and
// JWT_SECRET. Run from source with `npm run server` (tsx, --dev), or bundled
// with `npm run build:server && npm run start:server` (plain node).

const parsed = await parseConfig(process.env, process.argv.slice(2), process.cwd());
if (!parsed.ok) {
  // One line, before any logging: what to fix is the whole message.
  process.stderr.write(`violetchat: ${parsed.message}\n`);
  process.exit(EXIT_CONFIG);
}
const { config } = parsed;
const logger = createLogger(config.logLevel);

try {
  const store = config.database ? await openPostgres(config.database, logger) : undefined;
  const server = await createServer({ ...config.server, store, logger });
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

async function openPostgres(database: { url: string; schema?: string }, logger: Logger) {
  // Loaded only when asked for, so the embedded setup never loads pg.
  const { PostgresStore } = await import('./store/postgres/postgresStore');
  const store = await PostgresStore.open({
    connectionString: database.url,
    schema: database.schema,
    onIdleError: (error) => logger.error({ err: error }, 'PostgreSQL connection lost'),
  });
  logger.info('using PostgreSQL (DATABASE_URL)');
  return store;
}
