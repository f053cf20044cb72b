import { describe, expect, it } from 'vitest';
import { exceedsPayloadLimit, payloadTooLarge } from './payloadSize';

describe('exceedsPayloadLimit', () => {
  it.each([
    { name: 'ASCII at the limit', text: 'a'.repeat(12), expected: false },
    { name: 'ASCII over the limit', text: 'a'.repeat(13), expected: true },
    { name: 'two-byte letters at the limit', text: 'é'.repeat(6), expected: false },
    { name: 'two-byte letters over the limit', text: 'é'.repeat(7), expected: true },
    { name: 'three-byte letters at the limit', text: '€'.repeat(4), expected: false },
    { name: 'three-byte letters over the limit', text: '€'.repeat(5), expected: true },
    { name: 'emoji (4 bytes each) at the limit', text: '😀'.repeat(3), expected: false },
    { name: 'emoji over the limit', text: '😀'.repeat(3) + 'a', expected: true },
    { name: 'empty', text: '', expected: false },
  ])('$name (12 bytes) -> $expected', ({ text, expected }) => {
    expect(exceedsPayloadLimit(text, 12)).toBe(expected);
    expect(new TextEncoder().encode(text).byteLength > 12).toBe(expected);
  });
});

describe('payloadTooLarge', () => {
  it('is PAYLOAD_TOO_LARGE and names the limit', () => {
    expect(payloadTooLarge().toJSON()).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: 'That is too large to send (the limit is 64 KB).', details: {} });
  });
});
