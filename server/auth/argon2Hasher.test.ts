import { describe, expect, it } from 'vitest';
import { passwordHasherRules } from '../../tests/support/passwordHasherRules';
import { Argon2Hasher } from './argon2Hasher';

describe('Argon2Hasher', () => {
  const hasher = new Argon2Hasher();

  passwordHasherRules(hasher);

  it('hashes with argon2id at 19 MiB, 2 passes, 1 lane', async () => {
    expect(await hasher.hash('correct horse battery')).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});
