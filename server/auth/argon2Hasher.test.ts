import { describe, expect, it } from 'vitest';
import { Argon2Hasher } from './argon2Hasher';

describe('Argon2Hasher', () => {
  const hasher = new Argon2Hasher();

  it('hashes with argon2id at 19 MiB, 2 passes, 1 lane, salted', async () => {
    const [a, b] = [await hasher.hash('correct horse battery'), await hasher.hash('correct horse battery')];
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
  });

  it('verifies the right password only, and a malformed hash is a plain no', async () => {
    const stored = await hasher.hash('correct horse battery');
    expect(await hasher.verify(stored, 'correct horse battery')).toBe(true);
    expect(await hasher.verify(stored, 'correct horse batterY')).toBe(false);
    expect(await hasher.verify('not-a-hash', 'correct horse battery')).toBe(false);
  });
});
