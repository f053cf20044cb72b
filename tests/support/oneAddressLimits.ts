import type { AbuseLimits } from '../../src/backend/limits/abuseLimits';

/**
 * Every client of a test comes from one address (127.0.0.1, or the browser
 * backends' local one): the per-address limits would make a suite's hundred
 * accounts one attacker. Tests of those limits set them again.
 */
export const ONE_ADDRESS_LIMITS: Partial<AbuseLimits> = {
  registrationsPerAddress: { points: 1_000_000, durationSec: 60 },
  loginPerAddress: { points: 1_000_000, durationSec: 60 },
  connectionsPerAddress: 1_000_000,
  hashing: { concurrent: 4, queued: 1_000, perKey: 1_000 },
};
