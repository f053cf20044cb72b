import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Publisher } from '../../src/backend/ports';
import type { RateLimitStore } from '../../src/backend/limits/rateLimit';
import type { ChatService } from '../../src/backend/service';
import type { JwtSessions } from '../auth/jwtSessions';
import type { SessionStreams } from '../../src/backend/http/sessionStreams';
import type { RedeemedTickets } from '../http/redeemedTickets';
import { RedisPresence } from '../presence/redisPresence';
import type { ChatServer } from '../socket/socketServer';
import { disconnectSessionHere } from '../socket/socketServer';
import { ClusterBus } from './clusterBus';
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

/** This node's parts that the other nodes reach. */
export interface LocalNode {
  /** Delivers to this node's sockets (io.local) and event streams. */
  publisher: Publisher;
  /** Sign-outs on this node, which the other nodes hear of. */
  sessions: Pick<JwtSessions, 'onRevoked'>;
  /** This node's event streams, ended when another node signs their session out. */
  streams: Pick<SessionStreams, 'endSession'>;
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
   * Joins `io`'s node to the cluster's channel (see clusterBus.ts): what the
   * service publishes here is delivered here and, crossing Redis once, on
   * every other node; sign-outs here end the session's sockets and streams
   * everywhere. Returns the publisher the service should use.
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
  // Auto-pipelining: the commands of one tick (limit leases, publications, presence) go in one write.
  const pub = new Redis(options.url, { enableAutoPipelining: true });
  pub.on('error', (error: unknown) => log.warn({ err: error }, 'Redis (publisher) connection error'));
  const sub = pub.duplicate({ enableAutoPipelining: false });
  sub.on('error', (error: unknown) => log.warn({ err: error }, 'Redis (subscriber) connection error'));
  const channel = `${keyPrefix}events`;
  let receive: (message: string) => void = () => undefined;
  sub.on('message', (from: string, message: string) => {
    if (from === channel) receive(message);
  });
  try {
    // Subscribed before the node serves anyone: nothing published for its clients is missed.
    await Promise.all([pub.ping(), sub.subscribe(channel)]);
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
      const bus = new ClusterBus(pub, channel, nodeId, {
        publisher: local.publisher,
        endSession: (jti) => {
          local.streams.endSession(jti);
          disconnectSessionHere(io, jti);
        },
      }, log);
      receive = (message) => bus.receive(message);
      local.sessions.onRevoked((jti) => bus.signedOut(jti));
      return bus;
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
