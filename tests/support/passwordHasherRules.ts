import { expect, it } from 'vitest';
import type { PasswordHasher } from '../../src/backend/ports';

/** What every real password hasher must do, whatever its algorithm: one set of tests for each. */
export function passwordHasherRules(hasher: PasswordHasher): void {
  it('salts: the same password hashes differently each time', async () => {
    const [a, b] = await Promise.all([hasher.hash('correct horse battery'), hasher.hash('correct horse battery')]);
    expect(a).not.toBe(b);
    expect(a).not.toContain('correct horse battery');
  });

  it('verifies the right password only, and a malformed hash is a plain no', async () => {
    const stored = await hasher.hash('correct horse battery');
    expect(await hasher.verify(stored, 'correct horse battery')).toBe(true);
    expect(await hasher.verify(stored, 'correct horse batterY')).toBe(false);
    expect(await hasher.verify('not-a-hash', 'correct horse battery')).toBe(false);
    expect(await hasher.verify('pbkdf2-sha256$1$2$3', 'correct horse battery')).toBe(false);
  });
}
