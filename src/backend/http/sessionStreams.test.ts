import { describe, expect, it, vi } from 'vitest';
import { SessionStreams } from './sessionStreams';

/** Streams over a fixed set of signed-out sessions; each stream records whether it was ended. */
function setup(signedOut: string[] = []) {
  const revoked = new Set(signedOut);
  const streams = new SessionStreams(async (sessionId) => revoked.has(sessionId));
  const ended: string[] = [];
  const open = (sessionId: string, name: string) => streams.add(sessionId, () => ended.push(name));
  return { streams, revoked, ended, open };
}

describe('SessionStreams', () => {
  it('a sign-out ends every stream of that session, once, and no other', async () => {
    const { streams, ended, open } = setup();
    open('s1', 'tab 1');
    open('s1', 'tab 2');
    open('s2', 'phone');
    expect(streams.endSession('s1')).toBe(2);
    expect(streams.endSession('s1')).toBe(0);
    expect(ended).toEqual(['tab 1', 'tab 2']);
    expect(streams.size).toBe(1);
  });

  it('a released stream (it ended by itself) is not ended again', () => {
    const { streams, ended, open } = setup();
    const release = open('s1', 'tab 1');
    release();
    release();
    expect(streams.endSession('s1')).toBe(0);
    expect(ended).toEqual([]);
    expect(streams.size).toBe(0);
  });

  it('a stream added after its session signed out is ended by the check that follows', async () => {
    const { streams, ended, open } = setup(['gone']);
    open('gone', 'late');
    open('live', 'fine');
    await vi.waitFor(() => expect(ended).toEqual(['late']));
    expect(streams.size).toBe(1);
  });

  it('endRevoked ends the streams of the sessions signed out since they opened, whichever they are', async () => {
    const { streams, revoked, ended, open } = setup();
    open('s1', 'a');
    open('s2', 'b');
    open('s3', 'c');
    revoked.add('s1').add('s3');
    await streams.endRevoked();
    expect(ended.sort()).toEqual(['a', 'c']);
    expect(streams.size).toBe(1);
  });
});
