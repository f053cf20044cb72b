import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { MemoryHub } from '../../src/backend/hub';
import type { Publisher } from '../../src/backend/ports';
import type { RateLimitStore } from '../../src/backend/limits/rateLimit';
import type { ChatService } from '../../src/backend/service';
import type { JwtSessions } from '../auth/jwtSessions';
import type { SessionStreams } from '../../src/backend/http/sessionStreams';
import type { RedeemedTickets } from '../http/redeemedTickets';
import { RedisPresence } from '../presence/redisPresence';
import type { ChatServer } from '../socket/socketServer';
import { ClusterPublisher, relayPublicationsToHub } from './clusterPublisher';
import { relaySignOuts } from './clusterSignOuts';
import { redisRateLimits } from './redisRateLimits';
import { RedisRedeemedTickets } from './redisRedeemedTickets';

export interface ClusterOptions {
  /** redis://host:port */
  url: string;
  /** Prefixes every Redis key and channel: deployments (or test runs) sharing one Redis stay apart. */
  keyPrefix?: string;
  /** How long after its last heartbeat a silent node counts as dead and its users go offline. */
  nodeTtlMs?: number;
}

export const DEFAULT_KEY_PREFIX = 'violetchat:';
export const DEFAULT_NODE_TTL_MS = 15_000;

/** This node's parts that the other nodes reach: its event streams (through `hub` and `streams`) and its sockets' publisher. */
export interface LocalNode {
  hub: MemoryHub;
  publisher: Publisher;
  sessions: Pick<JwtSessions, 'onRevoked'>;
  streams: SessionStreams;
}

/** What one server node needs to be one of several: shared rooms, publications, sign-outs and presence. */
export interface ClusterNode {
  readonly nodeId: string;
  readonly presence: RedisPresence;
  /** Event stream tickets already used on any node (they work on every node: no sticky routing). */
  readonly redeemedTickets: RedeemedTickets;
  /** Where the shared abuse limits count, so every node sees the same counts. */
  readonly rateLimits: RateLimitStore;
  /**
   * Puts the Socket.IO Redis adapter on `io` (rooms and broadcasts reach
   * sockets on every node) and relays publications to every node's hub and
   * sign-outs to every node's open streams (the HTTP event streams). Returns
   * the publisher the service should use.
   */
  attach(io: ChatServer, local: LocalNode): Publisher;
  /** Starts the heartbeat; dead nodes' connections are disconnected (and a stalled node's restored) through `service`. */
  start(service: Pick<ChatService, 'connect' | 'disconnect'>): Promise<void>;
  /** Gives this node up (after its own connections are gone) and closes the Redis connections. */
  close(): Promise<void>;
}

export async function openClusterNode(options: ClusterOptions, logger: Logger): Promise<ClusterNode> {
  const keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  const nodeId = crypto.randomUUID();
  const log = logger.child({ nodeId });
  // A Redis outage must not crash the node: ioredis reconnects by itself, and
  // commands wait for it (or fail the one request) meanwhile.
  const pub = new Redis(options.url);
  pub.on('error', (error: unknown) => log.warn({ err: error }, 'Redis (publisher) connection error'));
  const sub = pub.duplicate();
  sub.on('error', (error: unknown) => log.warn({ err: error }, 'Redis (subscriber) connection error'));
  try {
    await Promise.all([pub.ping(), sub.ping()]);
  } catch (error) {
    pub.disconnect();
    sub.disconnect();
    throw error;
  }
  const presence = new RedisPresence({ redis: pub, keyPrefix, nodeId, nodeTtlMs: options.nodeTtlMs ?? DEFAULT_NODE_TTL_MS });
  log.info({ keyPrefix }, 'joined the cluster through Redis (REDIS_URL)');

  return {
    nodeId,
    presence,
    redeemedTickets: new RedisRedeemedTickets(pub, keyPrefix),
    rateLimits: redisRateLimits(pub, keyPrefix),
    attach(io, local) {
      io.adapter(createAdapter(pub, sub, { key: `${keyPrefix}socket.io` }));
      relayPublicationsToHub(io, local.hub, log);
      relaySignOuts(io, local.sessions, local.streams, log);
      return new ClusterPublisher(io, local.publisher);
    },
    async start(service) {
      await presence.start({
        orphaned: (userId, connectionId) => service.disconnect(userId, connectionId),
        restore: (userId, connectionId) => service.connect(userId, connectionId),
        revived: (connections) =>
          log.warn({ connections }, 'this node was taken for dead (it stalled past CLUSTER_NODE_TTL_MS): counting its connections again'),
        failed: (error) => log.error({ err: error }, 'presence heartbeat failed'),
      });
    },
    async close() {
      await presence.stop().catch((error: unknown) => log.warn({ err: error }, 'could not give the node up in Redis'));
      await Promise.all([pub.quit(), sub.quit()]).catch(() => undefined);
    },
  };
}
