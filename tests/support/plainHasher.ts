import type { PasswordHasher } from '../../src/backend/ports';

/**
 * A password "hasher" for tests that are not about hashing: it stores the
 * password in the clear, so a sign-up costs nothing where PBKDF2 (600,000
 * iterations) costs a tenth of a second of CPU. The real hashers have their own
 * tests (src/backend/pbkdf2Hasher.test.ts, server/auth/argon2Hasher.test.ts).
 */
export const plainHasher: PasswordHasher = {
  hash: async (password) => `plain:${password}`,
  verify: async (hash, password) => hash === `plain:${password}`,
};
