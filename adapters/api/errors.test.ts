import { describe, expect, it } from 'vitest';
import { ChatError } from '../../src/transport/errors';
import { errorFromFetchFailure, errorFromResponse, retryAfterToMs } from './errors';

const body = (code: string, message = 'Said by the server.', details?: object) => ({ error: { code, message, ...(details ? { details } : {}) } });

describe('errorFromResponse', () => {
  it.each([
    { status: 400, code: 'INVALID_INPUT' },
    { status: 401, code: 'UNAUTHENTICATED' },
    { status: 401, code: 'INVALID_CREDENTIALS' },
    { status: 403, code: 'FORBIDDEN' },
    { status: 404, code: 'NOT_FOUND' },
    { status: 405, code: 'METHOD_NOT_ALLOWED' },
    { status: 409, code: 'USERNAME_TAKEN' },
    { status: 413, code: 'PAYLOAD_TOO_LARGE' },
    { status: 429, code: 'RATE_LIMITED' },
    { status: 500, code: 'INTERNAL' },
  ])('$status with a $code body keeps the code and the server’s message', ({ status, code }) => {
    const error = errorFromResponse(status, body(code), null);
    expect(error).toBeInstanceOf(ChatError);
    expect(error.code).toBe(code);
    expect(error.message).toBe('Said by the server.');
  });

  it.each([
    { status: 400, code: 'INVALID_INPUT' },
    { status: 401, code: 'UNAUTHENTICATED' },
    { status: 403, code: 'FORBIDDEN' },
    { status: 404, code: 'NOT_FOUND' },
    { status: 405, code: 'METHOD_NOT_ALLOWED' },
    { status: 408, code: 'TIMEOUT' },
    { status: 409, code: 'USERNAME_TAKEN' },
    { status: 413, code: 'PAYLOAD_TOO_LARGE' },
    { status: 429, code: 'RATE_LIMITED' },
    { status: 500, code: 'INTERNAL' },
    { status: 502, code: 'OFFLINE' },
    { status: 503, code: 'OFFLINE' },
    { status: 504, code: 'TIMEOUT' },
    { status: 418, code: 'INTERNAL' },
  ])('$status without a usable body is $code with the default message', ({ status, code }) => {
    const error = errorFromResponse(status, '<html>Bad gateway</html>', null);
    expect(error.code).toBe(code);
    expect(error.message).toBe(new ChatError(error.code).message);
  });

  it('an unknown code in the body falls back to the status and does not show its message', () => {
    const error = errorFromResponse(403, body('SOMETHING_NEW', 'internal detail'), null);
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).not.toContain('internal detail');
  });

  it('keeps the field the error is about', () => {
    expect(errorFromResponse(400, body('INVALID_INPUT', 'Too short.', { field: 'username' }), null).details).toEqual({ field: 'username' });
  });

  it('takes the wait from the body, else from Retry-After', () => {
    expect(errorFromResponse(429, body('RATE_LIMITED', 'Wait.', { retryAfterMs: 1500 }), '9').details.retryAfterMs).toBe(1500);
    expect(errorFromResponse(429, body('RATE_LIMITED'), '3').details.retryAfterMs).toBe(3000);
  });
});

describe('retryAfterToMs', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it.each([
    { header: null, ms: undefined },
    { header: '0', ms: 0 },
    { header: '12', ms: 12_000 },
    { header: 'Thu, 01 Jan 2026 00:00:30 GMT', ms: 30_000 },
    { header: 'Wed, 31 Dec 2025 23:00:00 GMT', ms: 0 },
    { header: 'soon', ms: undefined },
  ])('$header -> $ms', ({ header, ms }) => {
    expect(retryAfterToMs(header, now)).toBe(ms);
  });
});

describe('errorFromFetchFailure', () => {
  it('our timeout is TIMEOUT', () => {
    expect(errorFromFetchFailure(new DOMException('The operation timed out.', 'TimeoutError')).code).toBe('TIMEOUT');
  });
  it('a network failure is OFFLINE', () => {
    expect(errorFromFetchFailure(new TypeError('fetch failed')).code).toBe('OFFLINE');
  });
  it('a typed error stays as it is', () => {
    const error = new ChatError('FORBIDDEN');
    expect(errorFromFetchFailure(error)).toBe(error);
  });
});
