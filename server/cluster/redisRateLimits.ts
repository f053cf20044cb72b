import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import { type LimitRule, type RateLimitStore, rateLimitOf } from '../../src/backend/limits/rateLimit';

/**
 * Shared limits in Redis, so two nodes do not allow twice the guesses or the
 * sends. Each key expires with its window. A key over its limit is also
 * blocked in this process until its window ends, so a flood is refused
 * without asking Redis again; while Redis cannot be reached, each node counts
 * in its own memory instead of refusing everyone.
 */
export function redisRateLimits(redis: Redis, keyPrefix: string): RateLimitStore {
  return {
    shared: (name: string, rule: LimitRule) =>
      rateLimitOf(
        new RateLimiterRedis({
          storeClient: redis,
          keyPrefix: `${keyPrefix}limit:${name}`,
          points: rule.points,
          duration: rule.durationSec,
          inMemoryBlockOnConsumed: rule.points + 1,
          rejectIfRedisNotReady: true,
          insuranceLimiter: new RateLimiterMemory({ keyPrefix: name, points: rule.points, duration: rule.durationSec }),
        }),
      ),
  };
}
