import { describe, expect, it } from 'vitest';
import { passwordHasherRules } from '../../tests/support/passwordHasherRules';
import { PBKDF2_MIN_ITERATIONS, Pbkdf2Hasher } from './pbkdf2Hasher';

// The real cost on purpose (a tenth of a second each): the hasher the sim and MSW backends use in browsers.
describe('Pbkdf2Hasher', () => {
  const hasher = new Pbkdf2Hasher();

  passwordHasherRules(hasher);

  it('stores PBKDF2-SHA256 with its iteration count, a 16-byte salt and a 32-byte hash', async () => {
    expect(await hasher.hash('correct horse battery')).toMatch(new RegExp(`^pbkdf2-sha256\\$${PBKDF2_MIN_ITERATIONS}\\$[A-Za-z0-9+/]{22}==\\$[A-Za-z0-9+/]{43}=$`));
  });

  it('verifies a hash made at a higher cost by the count it records', async () => {
    const stored = await new Pbkdf2Hasher(PBKDF2_MIN_ITERATIONS + 1).hash('correct horse battery');
    expect(stored.split('$')[1]).toBe(String(PBKDF2_MIN_ITERATIONS + 1));
    expect(await hasher.verify(stored, 'correct horse battery')).toBe(true);
  });

  it.each(['pbkdf2-sha256$many$AAAA$AAAA', 'pbkdf2-sha256$0$AAAA$AAAA', 'pbkdf2-sha256$1$AAAA$AAAA$AAAA', 'pbkdf2-sha256$1$$AAAA'])('a stored %s is a plain no', async (stored) => {
    expect(await hasher.verify(stored, 'correct horse battery')).toBe(false);
  });

  it('refuses a cost under the floor', () => {
    expect(() => new Pbkdf2Hasher(PBKDF2_MIN_ITERATIONS - 1)).toThrow(/at least/);
  });
});
