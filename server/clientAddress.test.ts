import { describe, expect, it } from 'vitest';
import { clientAddress } from './clientAddress';

const request = (peer: string, forwardedFor?: string) => ({ socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } });

describe('clientAddress', () => {
  it.each([
    { peer: '203.0.113.7', xff: undefined, hops: 0, expected: '203.0.113.7' },
    { peer: '10.0.0.2', xff: '198.51.100.1', hops: 0, expected: '10.0.0.2' },
    { peer: '10.0.0.2', xff: '198.51.100.1', hops: 1, expected: '198.51.100.1' },
    // A client's own X-Forwarded-For entry sits left of what the proxy appended: it is not believed.
    { peer: '10.0.0.2', xff: '6.6.6.6, 198.51.100.1', hops: 1, expected: '198.51.100.1' },
    { peer: '10.0.0.3', xff: '198.51.100.1, 10.0.0.2', hops: 2, expected: '198.51.100.1' },
    // Fewer entries than trusted hops: the farthest one known.
    { peer: '10.0.0.2', xff: undefined, hops: 2, expected: '10.0.0.2' },
    { peer: '10.0.0.2', xff: '198.51.100.1', hops: 5, expected: '198.51.100.1' },
  ])('peer $peer, X-Forwarded-For $xff, $hops trusted hops: $expected', ({ peer, xff, hops, expected }) => {
    expect(clientAddress(request(peer, xff), hops)).toBe(expected);
  });
});
