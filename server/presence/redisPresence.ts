import type { Redis } from 'ioredis';
import { z } from 'zod/mini';
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

export interface NodeLifecycle {
  /** A connection of a dead node: must end in `disconnect(userId, connectionId)` (the service announces who went offline). */
  orphaned(userId: UserId, connectionId: string): Promise<void>;
  /**
   * A connection of this node, after the others took it for dead (it stalled
   * past its TTL) and reaped it: must end in `connect(userId, connectionId)`.
   */
  restore(userId: UserId, connectionId: string): Promise<void>;
  /** Said once before restoring `connections` after such a stall. */
  revived(connections: number): void;
  /** A heartbeat failed (Redis unreachable ...); the next one tries again. */
  failed(error: unknown): void;
}

// Keys, under the prefix:
//   presence:online            set of online user ids (what onlineUsers() reads)
//   presence:user:<userId>     hash connectionId -> nodeId
//   presence:node:<nodeId>     set of [userId, connectionId] (JSON) held by that node
//   presence:alive:<nodeId>    expires nodeTtlMs after the node's last heartbeat
//   presence:nodes             set of node ids that may hold connections
// Each connect/disconnect is one script, so "did the user flip" is decided
// atomically across every node. A node ends only its own connections, or
// those of a node that is dead at that instant (so a reaper racing a node
// that comes back cannot end its fresh registrations). The disconnect script
// names keys it read from the hash, which a Redis Cluster would refuse: this
// expects one Redis (or a primary with replicas), as the Socket.IO Redis
// adapter does.

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
if node ~= ARGV[5] and redis.call('EXISTS', ARGV[6] .. node) == 1 then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('SREM', ARGV[4] .. node, ARGV[2])
if redis.call('HLEN', KEYS[1]) > 0 then return 0 end
return redis.call('SREM', KEYS[2], ARGV[3])
`;

/** Forgets a reaped member unless its node came back meanwhile. */
const FORGET_IF_DEAD = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
return redis.call('SREM', KEYS[2], ARGV[1])
`;

const memberSchema = z.tuple([z.string().check(z.minLength(1)), z.string().check(z.minLength(1))]);

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
  private lifecycle: NodeLifecycle | null = null;
  /** This node's live connections: connectionId -> userId, to register again after a stall. */
  private readonly local = new Map<string, UserId>();

  constructor(options: RedisPresenceOptions) {
    this.redis = options.redis;
    this.prefix = `${options.keyPrefix}presence:`;
    this.nodeId = options.nodeId;
    this.nodeTtlMs = options.nodeTtlMs;
  }

  async connect(userId: UserId, connectionId: string): Promise<boolean> {
    this.local.set(connectionId, userId);
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
    this.local.delete(connectionId);
    const flipped = await this.redis.eval(
      DISCONNECT,
      2,
      this.userKey(userId),
      this.onlineKey(),
      connectionId,
      member(userId, connectionId),
      userId,
      this.nodeKey(''),
      this.nodeId,
      this.aliveKey(''),
    );
    return flipped === 1;
  }

  async onlineUsers(): Promise<ReadonlySet<UserId>> {
    return new Set(await this.redis.smembers(this.onlineKey()));
  }

  /**
   * Announces this node alive and keeps it so; each heartbeat also reaps dead
   * nodes. Resolves after the first heartbeat.
   */
  async start(lifecycle: NodeLifecycle): Promise<void> {
    this.lifecycle = lifecycle;
    await this.heartbeat();
    this.timer = setInterval(() => {
      // One heartbeat at a time: a slow reap must not pile up behind itself.
      this.beat = this.beat.then(() => this.heartbeat().catch((error: unknown) => lifecycle.failed(error)));
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
    const [[, previous] = []] =
      (await this.redis.multi().set(this.aliveKey(this.nodeId), '1', 'PX', this.nodeTtlMs, 'GET').sadd(this.nodesKey(), this.nodeId).exec()) ?? [];
    // No liveness key while it holds connections: it was silent past its TTL and may have been reaped.
    if (previous === null && this.local.size > 0) await this.restore();
    for (const node of await this.redis.smembers(this.nodesKey())) {
      if (node === this.nodeId) continue;
      if ((await this.redis.exists(this.aliveKey(node))) === 1) continue;
      await this.reap(node);
    }
  }

  /** This node was taken for dead: its connections (some reaped, perhaps) count again. */
  private async restore(): Promise<void> {
    this.lifecycle?.revived(this.local.size);
    for (const [connectionId, userId] of [...this.local]) await this.lifecycle?.restore(userId, connectionId);
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
      // It came back (it had only stalled): its connections are its own again.
      if ((await this.redis.exists(this.aliveKey(node))) === 1) return;
      // Reaping a big node takes a while: this node must not look dead meanwhile.
      await this.redis.set(this.aliveKey(this.nodeId), '1', 'PX', this.nodeTtlMs);
      for (const raw of members) {
        const parsed = memberSchema.safeParse(safeJson(raw));
        if (parsed.success) {
          const [userId, connectionId] = parsed.data;
          // Leaves the member in place when it fails, for the next heartbeat to retry.
          await this.lifecycle?.orphaned(userId, connectionId);
        }
        await this.redis.eval(FORGET_IF_DEAD, 2, this.aliveKey(node), key, raw);
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
