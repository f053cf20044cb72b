import type { RateLimit } from '../../src/backend/limits/rateLimit';

/**
 * One key's consumes spread over several nodes' limits, in bursts of
 * concurrent ones, each on a node picked by a fixed pseudo-random walk (the
 * same every run): how many were allowed, and how many had been allowed when
 * the first refusal came (-1: none was refused).
 */
export async function spreadConsumes(
  nodes: readonly RateLimit[],
  { bursts, perBurst, key = 'user' }: { bursts: number; perBurst: number; key?: string },
): Promise<{ allowed: number; firstRefusal: number }> {
  let allowed = 0;
  let firstRefusal = -1;
  let seed = 7;
  for (let burst = 0; burst < bursts; burst++) {
    const waits = await Promise.all(
      Array.from({ length: perBurst }, () => {
        seed = (seed * 48271) % 2147483647;
        return nodes[seed % nodes.length]!.consume(key);
      }),
    );
    for (const wait of waits) {
      if (wait === 0) allowed += 1;
      else if (firstRefusal < 0) firstRefusal = allowed;
    }
  }
  return { allowed, firstRefusal };
}
