import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadOrCreateDevSecret } from '../server/auth/devSecret';
import { checkedSchemaName } from '../server/store/postgres/postgresStore';
import { listeningUrl } from '../tests/support/childServer';
import { printable } from '../tests/services/serviceUrls';

// `npm run cluster [-- --ports 3001,3002]`: two server nodes (server/main.ts,
// each its own process) sharing one PostgreSQL database and one Redis, as a
// deployment behind a load balancer would run them. Ctrl-C or SIGTERM stops
// both gracefully. DATABASE_URL, REDIS_URL (and everything else main.ts
// reads) come from the environment, with local defaults. The tables go in a
// schema of their own (DATABASE_SCHEMA, default `violetchat`, created here
// when missing), not in the database's `public`; DATABASE_SCHEMA= (empty)
// means the role's default schema.

const DEFAULT_SCHEMA = 'violetchat';

const { values } = parseArgs({ options: { ports: { type: 'string', default: process.env.CLUSTER_PORTS ?? '3001,3002' } } });
const ports = values.ports.split(',').map((p) => Number(p.trim()));
if (ports.length < 2 || ports.some((p) => !Number.isInteger(p) || p <= 0 || p > 65535)) {
  console.error(`--ports must list at least two port numbers, like 3001,3002 (got "${values.ports}")`);
  process.exit(2);
}

const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  DATA_DIR: resolve(process.env.DATA_DIR ?? join(process.cwd(), 'data')),
  DATABASE_SCHEMA: process.env.DATABASE_SCHEMA ?? DEFAULT_SCHEMA,
};
// Once, before the nodes start: each node's migrations then run inside it.
if (env.DATABASE_SCHEMA) await createSchema(env.DATABASE_URL, env.DATABASE_SCHEMA);
// Every node must sign and check sessions with one secret. Without JWT_SECRET,
// the development secret is made here once, before the nodes race to create it.
if (!process.env.JWT_SECRET) loadOrCreateDevSecret(env.DATA_DIR);

const schema = env.DATABASE_SCHEMA ? `schema ${env.DATABASE_SCHEMA}` : "the role's default schema";
console.log(`cluster: ${ports.length} nodes on PostgreSQL ${printable(env.DATABASE_URL)} (${schema}) and Redis ${printable(env.REDIS_URL)}`);

let stopping = false;
const nodes = ports.map((port) => startNode(port));

function startNode(port: number): ChildProcess {
  const name = `node :${port}`;
  // Its own process group: a Ctrl-C in the terminal reaches the nodes only through stop(), once.
  // Without JWT_SECRET the nodes share the development secret made above, which they must be told to accept.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...(process.env.JWT_SECRET ? [] : ['--dev'])], {
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const url = listeningUrl(line);
    console.log(url ? `cluster: ${name} listening on ${url}` : `[${name}] ${line}`);
  });
  createInterface({ input: child.stderr! }).on('line', (line) => console.error(`[${name}] ${line}`));
  child.once('exit', (code, signal) => {
    if (!stopping) {
      console.error(`cluster: ${name} exited (${signal ?? `code ${code}`}); stopping the others`);
      process.exitCode = 1;
      stop('SIGTERM');
    }
    if (nodes.every((n) => n.exitCode !== null || n.signalCode !== null)) process.exit();
  });
  return child;
}

async function createSchema(url: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${checkedSchemaName(name)}`);
  } catch (error) {
    console.error(`cluster: could not create the schema "${name}" on PostgreSQL ${printable(url)}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function stop(signal: NodeJS.Signals): void {
  stopping = true;
  for (const node of nodes) if (node.exitCode === null && node.signalCode === null) node.kill(signal);
}

process.once('SIGINT', () => {
  console.log('cluster: stopping both nodes');
  stop('SIGTERM');
});
process.once('SIGTERM', () => stop('SIGTERM'));
// Should this process itself be cut short, its nodes must not live on.
process.once('exit', () => {
  for (const node of nodes) if (node.exitCode === null && node.signalCode === null) node.kill('SIGKILL');
});
