import type { Redis } from 'ioredis';
import { MemoryRateLimit, type RateLimitStore } from '../../src/backend/limits/rateLimit';
import { type LeaseSource, LeasedRateLimit } from './leasedRateLimit';

/**
 * Takes up to ARGV[1] points from the count KEYS[1], never past ARGV[2]; a
 * missing count (or one without expiry) starts a window of ARGV[3] ms.
 * Answers {granted, window ms left}. The count is a plain integer that
 * expires with its window, as rate-limiter-flexible's Redis limiter kept it,
 * so nodes of either kind count together during an upgrade.
 */
const TAKE = `
local want = tonumber(ARGV[1])
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local granted = math.max(0, math.min(want, tonumber(ARGV[2]) - used))
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  ttl = tonumber(ARGV[3])
  redis.call('SET', KEYS[1], used + granted, 'PX', ttl)
elseif granted > 0 then
  redis.call('INCRBY', KEYS[1], granted)
end
return {granted, ttl}
`;

/** Gives ARGV[1] points back to the count KEYS[1], if it still exists, not below zero. */
const GIVE = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used <= 0 then return 0 end
local back = math.min(used, tonumber(ARGV[1]))
redis.call('DECRBY', KEYS[1], back)
return back
`;

interface LeaseCommands {
  violetLimitTake(key: string, want: number, points: number, windowMs: number): Promise<[number, number]>;
  violetLimitGive(key: string, points: number): Promise<number>;
}

/** The shared counts in Redis, one key per limit and key (`<prefix>limit:<name>:<key>`), expiring with its window. */
export function redisLeaseSource(redis: Redis, keyPrefix: string, name: string): LeaseSource {
  // Sent by SHA after the first time (EVALSHA, falling back to EVAL after a Redis restart).
  if (!('violetLimitTake' in redis)) {
    redis.defineCommand('violetLimitTake', { numberOfKeys: 1, lua: TAKE });
    redis.defineCommand('violetLimitGive', { numberOfKeys: 1, lua: GIVE });
  }
  const commands = redis as unknown as LeaseCommands;
  const countKey = (key: string) => `${keyPrefix}limit:${name}:${key}`;
  return {
    ready: () => redis.status === 'ready',
    async take(key, want, points, windowMs) {
      const [granted, ttlMs] = await commands.violetLimitTake(countKey(key), want, points, windowMs);
      return { granted, ttlMs };
    },
    async give(key, points) {
      await commands.violetLimitGive(countKey(key), points);
    },
    async forget(key) {
      await redis.del(countKey(key));
    },
  };
}

/**
 * Shared limits in Redis, so two nodes do not allow twice the guesses or the
 * sends: each node spends blocks it takes from the shared count
 * (leasedRateLimit.ts: never past the limit; a person on several nodes at once
 * may be refused up to a quarter of it early). While Redis cannot be reached,
 * each node counts in its own memory instead of refusing everyone.
 */
export function redisRateLimits(redis: Redis, keyPrefix: string): RateLimitStore {
  return {
    shared: (name, rule) => new LeasedRateLimit(rule, redisLeaseSource(redis, keyPrefix, name), new MemoryRateLimit(rule)),
  };
}
