import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { PresenceRegistry } from '../../src/backend/ports';
import type { UserId } from '../../src/transport/types';

export interface RedisPresenceOptions {
  redis: Redis;
  /** Prefixes every key, so deployments (or test runs) sharing a Redis stay apart. */
  keyPrefix: string;
  /** This process; its connections are filed under it so others can take them offline if it dies. */
  nodeId: string;
  /** A node whose heartbeat is this old is dead. The heartbeat runs at a third of it. */
  nodeTtlMs: number;
}

/** Called for each connection of a dead node; it must end in `disconnect(userId, connectionId)`. */
export type OrphanHandler = (userId: UserId, connectionId: string) => Promise<void>;

// Keys, under the prefix:
//   presence:online            set of online user ids (what onlineUsers() reads)
//   presence:user:<userId>     hash connectionId -> nodeId
//   presence:node:<nodeId>     set of [userId, connectionId] (JSON) held by that node
//   presence:alive:<nodeId>    expires nodeTtlMs after the node's last heartbeat
//   presence:nodes             set of node ids that may hold connections
// Each connect/disconnect is one script, so "did the user flip" is decided
// atomically across every node. The disconnect script names the node key it
// read from the hash, which a Redis Cluster would refuse: this expects one
// Redis (or a primary with replicas), as the Socket.IO Redis adapter does.

const CONNECT = `
redis.call('SADD', KEYS[4], ARGV[2])
redis.call('SADD', KEYS[2], ARGV[3])
if redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
if redis.call('HLEN', KEYS[1]) > 1 then return 0 end
return redis.call('SADD', KEYS[3], ARGV[4])
`;

const DISCONNECT = `
local node = redis.call('HGET', KEYS[1], ARGV[1])
if not node then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('SREM', ARGV[4] .. node, ARGV[2])
if redis.call('HLEN', KEYS[1]) > 0 then return 0 end
return redis.call('SREM', KEYS[2], ARGV[3])
`;

const memberSchema = z.tuple([z.string().min(1), z.string().min(1)]);

/** Reaps at most this many connections of a dead node per round trip. */
const REAP_BATCH = 100;

/**
 * Presence shared by every server node through Redis. A node that dies
 * without cleaning up stops refreshing its liveness key; the next heartbeat of
 * any other node finds it expired and disconnects its connections through the
 * service (the OrphanHandler), which announces the users who went offline.
 */
export class RedisPresence implements PresenceRegistry {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly nodeId: string;
  private readonly nodeTtlMs: number;
  private timer: ReturnType<typeof setInterval> | null = null;
  private beat: Promise<void> = Promise.resolve();
  private onOrphan: OrphanHandler | null = null;
  private onError: (error: unknown) => void = () => undefined;

  constructor(options: RedisPresenceOptions) {
    this.redis = options.redis;
    this.prefix = `${options.keyPrefix}presence:`;
    this.nodeId = options.nodeId;
    this.nodeTtlMs = options.nodeTtlMs;
  }

  async connect(userId: UserId, connectionId: string): Promise<boolean> {
    const flipped = await this.redis.eval(
      CONNECT,
      4,
      this.userKey(userId),
      this.nodeKey(this.nodeId),
      this.onlineKey(),
      this.nodesKey(),
      connectionId,
      this.nodeId,
      member(userId, connectionId),
      userId,
    );
    return flipped === 1;
  }

  async disconnect(userId: UserId, connectionId: string): Promise<boolean> {
    const flipped = await this.redis.eval(
      DISCONNECT,
      2,
      this.userKey(userId),
      this.onlineKey(),
      connectionId,
      member(userId, connectionId),
      userId,
      this.nodeKey(''),
    );
    return flipped === 1;
  }

  async onlineUsers(): Promise<ReadonlySet<UserId>> {
    return new Set(await this.redis.smembers(this.onlineKey()));
  }

  /**
   * Announces this node alive and keeps it so; each heartbeat also reaps dead
   * nodes through `onOrphan`. Resolves after the first heartbeat.
   */
  async start(onOrphan: OrphanHandler, onError: (error: unknown) => void): Promise<void> {
    this.onOrphan = onOrphan;
    this.onError = onError;
    await this.heartbeat();
    this.timer = setInterval(() => {
      // One heartbeat at a time: a slow reap must not pile up behind itself.
      this.beat = this.beat.then(() => this.heartbeat().catch(this.onError));
    }, Math.max(1, Math.floor(this.nodeTtlMs / 3)));
    this.timer.unref();
  }

  /**
   * Stops the heartbeat and gives the node up at once, so other nodes reap any
   * connection it still holds without waiting for the expiry. Call it after
   * this node's own connections were disconnected.
   */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.beat;
    await this.redis.del(this.aliveKey(this.nodeId));
  }

  private async heartbeat(): Promise<void> {
    await this.redis
      .multi()
      .set(this.aliveKey(this.nodeId), '1', 'PX', this.nodeTtlMs)
      .sadd(this.nodesKey(), this.nodeId)
      .exec();
    for (const node of await this.redis.smembers(this.nodesKey())) {
      if (node === this.nodeId) continue;
      if ((await this.redis.exists(this.aliveKey(node))) === 1) continue;
      await this.reap(node);
    }
  }

  /**
   * Disconnects every connection the dead node held. Several nodes may reap the
   * same node at once: the disconnect script removes a connection once, so a
   * user flips offline once.
   */
  private async reap(node: string): Promise<void> {
    const key = this.nodeKey(node);
    for (;;) {
      const members = await this.redis.srandmember(key, REAP_BATCH);
      if (members.length === 0) break;
      // Reaping a big node takes a while: this node must not look dead meanwhile.
      await this.redis.set(this.aliveKey(this.nodeId), '1', 'PX', this.nodeTtlMs);
      for (const raw of members) {
        const parsed = memberSchema.safeParse(safeJson(raw));
        if (!parsed.success) {
          await this.redis.srem(key, raw);
          continue;
        }
        const [userId, connectionId] = parsed.data;
        // Leaves the member in place when it fails, for the next heartbeat to retry.
        await this.onOrphan?.(userId, connectionId);
        await this.redis.srem(key, raw);
      }
    }
    await this.redis.srem(this.nodesKey(), node);
  }

  private userKey(userId: UserId): string {
    return `${this.prefix}user:${userId}`;
  }

  private nodeKey(nodeId: string): string {
    return `${this.prefix}node:${nodeId}`;
  }

  private aliveKey(nodeId: string): string {
    return `${this.prefix}alive:${nodeId}`;
  }

  private onlineKey(): string {
    return `${this.prefix}online`;
  }

  private nodesKey(): string {
    return `${this.prefix}nodes`;
  }
}

function member(userId: UserId, connectionId: string): string {
  return JSON.stringify([userId, connectionId]);
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
