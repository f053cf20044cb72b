import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RedisPresence } from '../../server/presence/redisPresence';
import { eventually, holdsFor } from '../contract/harness';
import { REDIS_URL } from './serviceUrls';

// RedisPresence on a real Redis, several registries standing for several nodes.
describe('presence shared through Redis', () => {
  const run = `vc_test:${crypto.randomUUID()}:`;
  // Each test its own cluster: nodes stopped by an earlier test must not be reaped in a later one.
  let keyPrefix = run;
  beforeEach(() => {
    keyPrefix = `${run}${crypto.randomUUID()}:`;
  });
  const connections: Redis[] = [];
  const started: RedisPresence[] = [];

  // Short enough for a quick test, long enough that a busy machine's event-loop delays do not make a live node look dead.
  const NODE_TTL_MS = 1_000;
  const node = (nodeTtlMs = NODE_TTL_MS) => {
    const redis = new Redis(REDIS_URL);
    connections.push(redis);
    return new RedisPresence({ redis, keyPrefix, nodeId: crypto.randomUUID(), nodeTtlMs });
  };
  /** A node with a heartbeat that reaps and restores through itself, recording flips as the service would announce them. */
  const liveNode = async (flips: string[] = [], presence = node()) => {
    await presence.start({
      orphaned: async (userId, connectionId) => {
        if (await presence.disconnect(userId, connectionId)) flips.push(`${userId} offline`);
      },
      restore: async (userId, connectionId) => {
        if (await presence.connect(userId, connectionId)) flips.push(`${userId} online`);
      },
      revived: () => undefined,
      failed: (error) => {
        throw error;
      },
    });
    started.push(presence);
    return presence;
  };

  afterEach(async () => {
    await Promise.all(started.splice(0).map((p) => p.stop()));
  });

  afterAll(async () => {
    const keys = await connections[0]!.keys(`${run}*`);
    if (keys.length > 0) await connections[0]!.del(...keys);
    for (const redis of connections) redis.disconnect();
  });

  it('flips a user online with the first connection on any node and offline with the last', async () => {
    const [one, two] = [await liveNode(), await liveNode()];
    expect(await one.connect('u-flip', 'c1')).toBe(true);
    expect(await two.connect('u-flip', 'c2')).toBe(false);
    expect(await one.connect('u-flip', 'c1')).toBe(false);
    expect([...(await two.onlineUsers())]).toContain('u-flip');
    expect(await one.disconnect('u-flip', 'c1')).toBe(false);
    expect(await one.disconnect('u-flip', 'c1')).toBe(false);
    // A live node's connection is its own to end.
    expect(await one.disconnect('u-flip', 'c2')).toBe(false);
    expect(await two.disconnect('u-flip', 'c2')).toBe(true);
    expect([...(await two.onlineUsers())]).not.toContain('u-flip');
  });

  it('announces one flip however many connections come and go at once across nodes', async () => {
    const nodes = [await liveNode(), await liveNode()];
    const ids = Array.from({ length: 40 }, (_, i) => `c${i}`);
    const ups = await Promise.all(ids.map((id, i) => nodes[i % 2]!.connect('u-race', id)));
    expect(ups.filter(Boolean)).toHaveLength(1);
    const downs = await Promise.all(ids.map((id, i) => nodes[i % 2]!.disconnect('u-race', id)));
    expect(downs.filter(Boolean)).toHaveLength(1);
  });

  it('takes a dead node’s users offline once, though every live node reaps it, and keeps users connected elsewhere online', async () => {
    // A node that died: it holds connections and its liveness key is gone (it never beat, or it expired).
    const dead = node();
    await dead.connect('u-gone', 'd1');
    await dead.connect('u-gone', 'd2');
    await dead.connect('u-moved', 'd3');
    // u-moved reconnected to a surviving node before the dead one was noticed.
    const movedTo = node();
    await movedTo.connect('u-moved', 's1');
    const flips: string[] = [];
    const survivors = [await liveNode(flips, movedTo), await liveNode(flips)];

    await eventually(async () => expect([...(await survivors[1]!.onlineUsers())]).not.toContain('u-gone'));
    expect(flips).toEqual(['u-gone offline']);
    expect([...(await survivors[0]!.onlineUsers())]).toContain('u-moved');
  });

  it('leaves a live node’s users alone', async () => {
    const alive = await liveNode();
    await alive.connect('u-stays', 'a1');
    const flips: string[] = [];
    await liveNode(flips);
    await holdsFor(async () => expect([...(await alive.onlineUsers())]).toContain('u-stays'), 2 * NODE_TTL_MS);
    expect(flips).toEqual([]);
  });

  it('counts a node’s connections again when it comes back after the others took it for dead', async () => {
    // A node holding a connection whose heartbeat is silent (stalled past its TTL) ...
    const stalled = node();
    await stalled.connect('u-stall', 's1');
    // ... is reaped by the others ...
    const survivors: string[] = [];
    const survivor = await liveNode(survivors);
    expect(survivors).toEqual(['u-stall offline']);
    // ... and when its heartbeat runs again, its connection counts again.
    const flips: string[] = [];
    await liveNode(flips, stalled);
    expect(flips).toEqual(['u-stall online']);
    expect([...(await survivor.onlineUsers())]).toContain('u-stall');
    expect(await stalled.disconnect('u-stall', 's1')).toBe(true);
  });
});
