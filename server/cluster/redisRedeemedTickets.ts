import type { Redis } from 'ioredis';
import type { RedeemedTickets } from '../http/redeemedTickets';

/**
 * Used event stream tickets, shared by every node: a ticket redeemed on one
 * node is refused on all the others. One key per ticket, expiring with it.
 */
export class RedisRedeemedTickets implements RedeemedTickets {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly now: () => number = () => Date.now(),
  ) {}

  async claim(id: string, expiresAtMs: number): Promise<boolean> {
    const ttlMs = Math.max(1, Math.ceil(expiresAtMs - this.now()));
    // SET NX: only the first claim writes the key, atomically across nodes.
    return (await this.redis.set(`${this.keyPrefix}stream-ticket:${id}`, '1', 'PX', ttlMs, 'NX')) === 'OK';
  }
}
