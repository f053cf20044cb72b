import { describe, expect, it } from 'vitest';
import { MemorySessionRecords, SESSION_TTL_MS, TokenSessions } from './tokenSessions';

describe('TokenSessions', () => {
  it('a token verifies to its user until it is revoked or expires; only its hash is stored', async () => {
    let now = 1_000;
    const records = new MemorySessionRecords();
    const sessions = new TokenSessions(records, () => now);
    const [kept, revoked, expiring] = [await sessions.issue('alice'), await sessions.issue('alice'), await sessions.issue('bob')];
    expect(await records.get(kept)).toBeUndefined();
    expect(await sessions.verify(kept)).toBe('alice');

    await sessions.revoke(revoked);
    await expect(sessions.verify(revoked)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    now += SESSION_TTL_MS;
    await expect(sessions.verify(expiring)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('isRevoked: signed out or expired is revoked, a live token is not', async () => {
    let now = 0;
    const sessions = new TokenSessions(new MemorySessionRecords(), () => now);
    const [live, signedOut, expired] = [await sessions.issue('u'), await sessions.issue('u'), await sessions.issue('u')];
    await sessions.revoke(signedOut);
    expect(await sessions.isRevoked(live)).toBe(false);
    expect(await sessions.isRevoked(signedOut)).toBe(true);
    now = SESSION_TTL_MS;
    expect(await sessions.isRevoked(expired)).toBe(true);
    expect(await sessions.isRevoked('never-issued')).toBe(true);
  });

  it('tells onRevoked listeners which token was signed out, once it no longer verifies', async () => {
    const sessions = new TokenSessions(new MemorySessionRecords());
    const token = await sessions.issue('alice');
    const heard: [string, boolean][] = [];
    const stop = sessions.onRevoked((revoked) => void sessions.isRevoked(revoked).then((gone) => heard.push([revoked, gone])));
    await sessions.revoke(token);
    await expect.poll(() => heard).toEqual([[token, true]]);
    stop();
    await sessions.revoke(await sessions.issue('alice'));
    expect(heard).toHaveLength(1);
  });
});
