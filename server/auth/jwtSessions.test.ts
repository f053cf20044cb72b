import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { ChatError } from '../../src/transport/errors';
import { SqliteStore } from '../store/sqliteStore';
import { JwtSessions } from './jwtSessions';

const SECRET = 'unit-test-secret-that-is-32-bytes-long!';

async function refused(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ChatError);
  return (error as ChatError).code;
}

describe('JwtSessions', () => {
  it('issues HS256 tokens that verify to their user, each with its own id', async () => {
    const sessions = new JwtSessions(SECRET, new SqliteStore(':memory:'));
    const [a, b] = [await sessions.issue('alice'), await sessions.issue('alice')];
    expect(JSON.parse(Buffer.from(a.split('.')[0]!, 'base64url').toString())).toMatchObject({ alg: 'HS256' });
    expect(await sessions.verify(a)).toBe('alice');
    expect((await sessions.check(a)).jti).not.toBe((await sessions.check(b)).jti);
  });

  it('refuses a revoked token, and only that one, and tells who listens', async () => {
    const sessions = new JwtSessions(SECRET, new SqliteStore(':memory:'));
    const [a, b] = [await sessions.issue('alice'), await sessions.issue('alice')];
    const revoked: string[] = [];
    sessions.onRevoked((jti) => revoked.push(jti));
    const { jti } = await sessions.check(a);
    await sessions.revoke(a);
    expect(await refused(sessions.verify(a))).toBe('UNAUTHENTICATED');
    expect(await sessions.verify(b)).toBe('alice');
    expect(revoked).toEqual([jti]);
  });

  it('refuses expired tokens, tokens signed with another key and garbage', async () => {
    const sessions = new JwtSessions(SECRET, new SqliteStore(':memory:'));
    const key = (s: string) => new TextEncoder().encode(s);
    const expired = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').setJti('j1').setExpirationTime(1).sign(key(SECRET));
    const foreign = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').setJti('j2').setExpirationTime('1h').sign(key('x'.repeat(40)));
    const noJti = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').setExpirationTime('1h').sign(key(SECRET));
    for (const token of [expired, foreign, noJti, 'garbage', '']) expect(await refused(sessions.verify(token))).toBe('UNAUTHENTICATED');
  });

  it('will not start with a short secret', () => {
    expect(() => new JwtSessions('short', new SqliteStore(':memory:'))).toThrow(/32 bytes/);
  });
});
