import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../src/transport';
import { leaseCap } from '../../server/cluster/leasedRateLimit';
import { redisRateLimits } from '../../server/cluster/redisRateLimits';
import { PASSWORD, uniqueName } from '../contract/harness';
import { spreadConsumes } from '../support/spreadConsumes';
import type { TestServer } from '../support/testServer';
import { type ClusterSpace, createClusterSpace } from './clusterHarness';
import { REDIS_URL } from './serviceUrls';

// Hole 7 of issue 14: every limit was counted per node, so two nodes allowed
// twice the guesses and twice the sends. With REDIS_URL they count together.
describe('abuse limits shared by two nodes through Redis', () => {
  let space: ClusterSpace;
  let a: TestServer;
  let b: TestServer;
  const SENDS = 4;

  beforeAll(async () => {
    space = await createClusterSpace();
    const limits = { sendsPerUser: { points: SENDS, durationSec: 60 } };
    a = await space.node({ limits });
    b = await space.node({ limits });
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await space?.drop();
  });

  const post = (node: TestServer, path: string, body: unknown, token?: string) =>
    fetch(`${node.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  const register = async (node: TestServer, name: string) =>
    (await (await post(node, '/api/auth/register', { username: uniqueName(name), email: `${name}@example.com`, password: PASSWORD })).json()) as Session;

  it('wrong guesses for one account count on both nodes together', async () => {
    const owner = await register(a, 'owner');
    const guess = (node: TestServer, i: number) => post(node, '/api/auth/login', { username: owner.user.username, password: `guess ${i}` });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await guess(i % 2 ? b : a, i)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    // Node B alone has seen two: counted per node it would check a third.
    expect((await guess(b, 5)).status).toBe(429);
    expect((await guess(a, 6)).status).toBe(429);
  });

  it('sends count on both nodes together', async () => {
    const alice = await register(a, 'alice');
    const bob = await register(b, 'bob');
    const conversation = (await (await post(a, '/api/conversations/direct', { userId: bob.user.id }, alice.token)).json()) as { id: string };
    const send = (node: TestServer, i: number) => post(node, `/api/conversations/${conversation.id}/messages`, { clientId: crypto.randomUUID(), body: `m${i}` }, alice.token);
    const statuses = [];
    for (let i = 0; i <= SENDS; i++) statuses.push((await send(i % 2 ? b : a, i)).status);
    expect(statuses).toEqual([...Array<number>(SENDS).fill(200), 429]);
  });

  // Each node spends blocks it takes of the shared count (server/cluster/leasedRateLimit.ts).
  it('one user spread over two nodes at once gets no more than the limit, and is refused at most one block early', async () => {
    const points = 40;
    const connections = [new Redis(REDIS_URL), new Redis(REDIS_URL)];
    try {
      // Until a connection is ready a node counts on its own (the insurance), as it would with Redis down.
      await Promise.all(connections.map((redis) => redis.ping()));
      const nodes = connections.map((redis) => redisRateLimits(redis, space.keyPrefix).shared('spread', { points, durationSec: 60 }));
      const { allowed, firstRefusal } = await spreadConsumes(nodes, { bursts: 15, perBurst: 4 });
      expect(allowed).toBeLessThanOrEqual(points);
      expect(firstRefusal).toBeGreaterThanOrEqual(points - leaseCap(points));
      const count = `${space.keyPrefix}limit:spread:user`;
      expect(Number(await connections[0]!.get(count))).toBe(points);
      // A reset on one node forgets the shared count: the other node's next block comes from a fresh one.
      await nodes[0]!.reset('user');
      expect(await connections[0]!.exists(count)).toBe(0);
    } finally {
      for (const redis of connections) redis.disconnect();
    }
  });

  it('keeps its counts in keys that expire with their window', async () => {
    const redis = new Redis(REDIS_URL);
    try {
      const keys = await redis.keys(`${space.keyPrefix}limit:*`);
      expect(keys.length).toBeGreaterThan(0);
      const ttls = await Promise.all(keys.map((key) => redis.pttl(key)));
      expect(ttls.every((ttl) => ttl > 0)).toBe(true);
    } finally {
      redis.disconnect();
    }
  });
});
