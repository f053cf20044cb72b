import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../../src/backend/ports';

/**
 * OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane). The algorithm is
 * @node-rs/argon2's default, argon2id; the encoded hash records it and the
 * costs, so raising them later still verifies old hashes.
 */
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export class Argon2Hasher implements PasswordHasher {
  hash(password: string): Promise<string> {
    return hash(password, ARGON2_OPTIONS);
  }

  async verify(stored: string, password: string): Promise<boolean> {
    // A malformed stored hash is a failed check, never a crash of the login.
    return verify(stored, password).catch(() => false);
  }
}
