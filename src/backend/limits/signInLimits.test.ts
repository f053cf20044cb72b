import { describe, expect, it } from 'vitest';
import { ChatError, type ErrorCode } from '../../transport/errors';
import type { PasswordHasher } from '../ports';
import { plainHasher } from '../../../tests/support/plainHasher';
import { testService } from '../../../tests/support/testService';
import type { Caller } from './caller';

const PASSWORD = 'correct horse battery';
const here: Caller = { address: '198.51.100.7' };
const elsewhere: Caller = { address: '203.0.113.50' };

/** Hashing that records each check and finishes it only when the test says so. */
class HeldHasher implements PasswordHasher {
  readonly checked: string[] = [];
  private readonly held: (() => void)[] = [];

  hash = plainHasher.hash;

  verify(hash: string, password: string): Promise<boolean> {
    this.checked.push(password);
    return new Promise((resolve) => this.held.push(() => resolve(hash === `plain:${password}`)));
  }

  /** Finishes every check started so far. */
  releaseAll(): void {
    for (const release of this.held.splice(0)) release();
  }
}

const codeOf = (outcome: PromiseSettledResult<unknown>): ErrorCode | 'ok' =>
  outcome.status === 'fulfilled' ? 'ok' : outcome.reason instanceof ChatError ? outcome.reason.code : 'INTERNAL';

/** Lets every promise that can move on do so (all the work here is in memory). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

async function withAccount(options: Parameters<typeof testService>[0] = {}) {
  const backend = testService(options);
  await backend.service.register({ username: 'owner', email: 'owner@example.com', password: PASSWORD }, elsewhere);
  return backend;
}

describe('sign-in limits', () => {
  // Hole 1: the limiter counted a failure only after the slow check, so 60 guesses sent at once were all checked.
  it('guesses sent in parallel meet the limit: at most five are checked, the right one among them is refused', async () => {
    const hasher = new HeldHasher();
    const { service } = await withAccount({ hasher });
    const guesses = Array.from({ length: 60 }, (_, i) => (i === 59 ? PASSWORD : `guess number ${i}`));
    const attempts = Promise.allSettled(guesses.map((password) => service.login({ username: 'owner', password }, here)));
    await settle();
    hasher.releaseAll();
    const codes = (await attempts).map(codeOf);
    expect(hasher.checked.length).toBeLessThanOrEqual(5);
    expect(hasher.checked).not.toContain(PASSWORD);
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS').length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(55);
    expect(codes.at(-1)).toBe('RATE_LIMITED');
  });

  // Hole 2: the limit was per account alone, so anyone could lock the owner out.
  it('guesses from one address do not lock the owner out from another', async () => {
    const { service } = await withAccount();
    for (let i = 0; i < 5; i++) {
      await expect(service.login({ username: 'owner', password: `guess ${i}` }, here)).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    }
    await expect(service.login({ username: 'owner', password: PASSWORD }, here)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    const session = await service.login({ username: 'owner', password: PASSWORD }, elsewhere);
    expect(session.user.username).toBe('owner');
  });

  it('a successful sign-in clears the account’s count from that address', async () => {
    const { service } = await withAccount();
    for (let i = 0; i < 4; i++) await service.login({ username: 'owner', password: `guess ${i}` }, here).catch(() => undefined);
    await service.login({ username: 'owner', password: PASSWORD }, here);
    for (let i = 0; i < 5; i++) {
      await expect(service.login({ username: 'owner', password: `again ${i}` }, here)).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    }
  });

  it('one address trying many accounts is limited across them (password spraying)', async () => {
    const { service } = await withAccount({ limits: { loginPerAddress: { points: 10, durationSec: 900 } } });
    const codes: string[] = [];
    for (let i = 0; i < 12; i++) {
      codes.push(await service.login({ username: `someone_${i}`, password: 'Summer2026!' }, here).then(() => 'ok', (e: ChatError) => e.code));
    }
    expect(codes).toEqual([...Array<string>(10).fill('INVALID_CREDENTIALS'), 'RATE_LIMITED', 'RATE_LIMITED']);
    // Not the address of the owner.
    expect((await service.login({ username: 'owner', password: PASSWORD }, elsewhere)).user.username).toBe('owner');
  });

  it('one address can register only so many accounts', async () => {
    const { service } = testService({ limits: { registrationsPerAddress: { points: 3, durationSec: 3600 } } });
    const register = (name: string, caller: Caller) => service.register({ username: name, email: `${name}@example.com`, password: PASSWORD }, caller);
    for (const name of ['one', 'two', 'three']) await register(name, here);
    await expect(register('four', here)).rejects.toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterMs: expect.any(Number) } });
    expect((await register('four', elsewhere)).user.username).toBe('four');
  });
});

describe('password hashing under a flood', () => {
  // Hole 3: every login hashed at once, so 400 unknown-user logins put a real one behind 400 hashes.
  it('many unknown-user logins do not all queue: a few are hashed, the rest refused at once, and a real login goes ahead of them', async () => {
    const hasher = new HeldHasher();
    const { service } = await withAccount({ hasher });
    // From two addresses, each login a different name: the per-account limit does not stop them.
    const flood = Promise.allSettled(
      Array.from({ length: 400 }, (_, i) => service.login({ username: `nobody_${i}`, password: `flood ${i}` }, { address: `198.51.100.${i % 2}` })),
    );
    await settle();
    const real = service.login({ username: 'owner', password: PASSWORD }, elsewhere);
    // Checks finish a round at a time until the real one has started.
    for (let round = 0; !hasher.checked.includes(PASSWORD) && round < 500; round++) {
      hasher.releaseAll();
      await settle();
    }
    const hashedBeforeReal = hasher.checked.indexOf(PASSWORD);
    hasher.releaseAll();
    expect((await real).user.username).toBe('owner');
    const refused = (await flood).map(codeOf);
    // Those refused were refused before any hashing, with a hint to come back.
    expect(refused.filter((c) => c === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(360);
    expect(hashedBeforeReal).toBeLessThanOrEqual(8);
    expect(hasher.checked.length).toBeLessThanOrEqual(40);
  });

  it('past the bound the answer is RATE_LIMITED with a retry hint, and the refused attempt does not count against the account', async () => {
    const hasher = new HeldHasher();
    const { service } = await withAccount({ hasher, limits: { hashing: { concurrent: 1, queued: 0, perKey: 1 } } });
    const busy = service.login({ username: 'owner', password: 'first guess' }, here);
    await settle();
    const refused = await service.login({ username: 'owner', password: 'second guess' }, here).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterMs: expect.any(Number) } });
    hasher.releaseAll();
    await expect(busy).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    // Four more checked guesses are allowed: the refused one was given back.
    for (let i = 0; i < 4; i++) {
      const guess = service.login({ username: 'owner', password: `guess ${i}` }, here);
      await settle();
      hasher.releaseAll();
      await expect(guess).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    }
  });
});
