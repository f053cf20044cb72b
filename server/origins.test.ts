import { describe, expect, it } from 'vitest';
import { DEV_ORIGINS, originAllowed, parseOrigins } from './origins';

describe('parseOrigins', () => {
  it.each([
    { value: undefined, expected: DEV_ORIGINS },
    { value: '  ', expected: DEV_ORIGINS },
    { value: '*', expected: '*' },
    { value: 'https://chat.example.com', expected: ['https://chat.example.com'] },
    { value: 'https://a.example/, http://b.example:8080 ,', expected: ['https://a.example', 'http://b.example:8080'] },
  ])('$value -> $expected', ({ value, expected }) => {
    expect(parseOrigins(value)).toEqual(expected);
  });
});

describe('originAllowed', () => {
  it.each([
    { allowed: ['https://a.example'], origin: 'https://a.example', expected: true },
    { allowed: ['https://a.example'], origin: 'https://evil.example', expected: false },
    { allowed: ['https://a.example'], origin: 'https://a.example.evil.example', expected: false },
    { allowed: ['https://a.example'], origin: undefined, expected: true },
    { allowed: '*' as const, origin: 'https://anything.example', expected: true },
  ])('$origin against $allowed -> $expected', ({ allowed, origin, expected }) => {
    expect(originAllowed(allowed, origin)).toBe(expected);
  });
});
