import { describe, expect, it } from 'vitest';
import { ChatError } from '../transport/errors';
import { errorForClient } from './clientErrors';

describe('errorForClient', () => {
  it('passes typed errors through as they are', () => {
    const error = new ChatError('RATE_LIMITED', 'Slow down.', { retryAfterMs: 1000 });
    expect(errorForClient(error, 'ref-1')).toBe(error);
  });

  it.each([
    ['a database error', new Error('invalid byte sequence for encoding "UTF8": 0x00')],
    ['an INTERNAL with text of its own', new ChatError('INTERNAL', 'The server sent a malformed session (password_hash).')],
    ['something that is not an Error', 'relation "users" does not exist'],
  ])('turns %s into a bare INTERNAL naming only the reference', (_what, error) => {
    const answer = errorForClient(error, 'ref-42');
    expect(answer.code).toBe('INTERNAL');
    expect(answer.message).toBe('Something went wrong on our side (reference ref-42).');
    expect(answer.details).toEqual({});
  });
});
