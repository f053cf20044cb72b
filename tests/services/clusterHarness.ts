import type { Redis } from 'ioredis';
import { Redis as RedisClient } from 'ioredis';
import { type AddressInfo, connect, createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { ServerOptions } from '../../server/app';
import { PostgresStore } from '../../server/store/postgres/postgresStore';
import { type TestServer, startTestServer } from '../support/testServer';
import { DATABASE_URL, REDIS_URL } from './serviceUrls';
import { createTestSchema, type TestSchema } from './testSchema';

export const CLUSTER_JWT_SECRET = 'cluster-test-secret-that-is-at-least-32-bytes';

/** One test run's share of PostgreSQL and Redis: a fresh schema and a key prefix nobody else uses. */
export interface ClusterSpace {
  schema: TestSchema;
  keyPrefix: string;
  /** Environment for a node started as its own process (server/main.ts). */
  env(nodeTtlMs: number): Record<string, string>;
  /** A node in this process, on its own pool and Redis connections, as another machine would be. */
  node(options?: ServerOptions & { nodeTtlMs?: number }): Promise<TestServer>;
  /** Drops the schema and every Redis key under the prefix. */
  drop(): Promise<void>;
}

export async function createClusterSpace(): Promise<ClusterSpace> {
  const schema = await createTestSchema();
  const keyPrefix = `vc_test:${crypto.randomUUID()}:`;
  return {
    schema,
    keyPrefix,
    env: (nodeTtlMs) => ({
      DATABASE_URL,
      DATABASE_SCHEMA: schema.name,
      REDIS_URL,
      REDIS_KEY_PREFIX: keyPrefix,
      CLUSTER_NODE_TTL_MS: String(nodeTtlMs),
      JWT_SECRET: CLUSTER_JWT_SECRET,
    }),
    async node({ nodeTtlMs, ...options } = {}) {
      const store = await PostgresStore.open({ connectionString: DATABASE_URL, schema: schema.name, maxConnections: 8 });
      // A short grace: the event-stream client's idle keep-alive connection would hold close() for the default 10 s.
      return startTestServer({ store, jwtSecret: CLUSTER_JWT_SECRET, redis: { url: REDIS_URL, keyPrefix, nodeTtlMs }, shutdownGraceMs: 1_000, ...options });
    },
    async drop() {
      const redis = new RedisClient(REDIS_URL);
      try {
        const keys = await scanAll(redis, `${keyPrefix}*`);
        if (keys.length > 0) await redis.del(...keys);
      } finally {
        redis.disconnect();
      }
      await schema.drop();
    },
  };
}

async function scanAll(redis: Redis, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

/**
 * What a load balancer does for these tests: one address in front of the
 * nodes, forwarding each new TCP connection to the current target. Switching
 * the target is what health checks do when a node dies.
 */
export class Balancer {
  private readonly server: TcpServer = createTcpServer((client) => this.forward(client));
  private readonly open = new Set<Socket>();

  private constructor(private target: URL) {}

  static async start(target: string): Promise<Balancer> {
    const balancer = new Balancer(new URL(target));
    await new Promise<void>((resolve) => balancer.server.listen(0, '127.0.0.1', resolve));
    return balancer;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** New connections go to `target` from now on. */
  route(target: string): void {
    this.target = new URL(target);
  }

  async close(): Promise<void> {
    for (const socket of this.open) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private forward(client: Socket): void {
    // The client's bytes wait in its (paused) stream until the pipe starts.
    const upstream = connect(Number(this.target.port), this.target.hostname);
    this.open.add(client).add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      this.open.delete(client);
      this.open.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    upstream.once('connect', () => client.pipe(upstream).pipe(client));
  }
}
