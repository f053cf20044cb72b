import { describe, expect, it } from 'vitest';
import { ChatError } from '../transport/errors';
import { conversationNotFound, usernameTaken } from './errors';

describe('backend errors', () => {
  it('a taken username names it and points at the username field', () => {
    const error = usernameTaken('ann');
    expect(error).toBeInstanceOf(ChatError);
    expect(error.toJSON()).toEqual({ code: 'USERNAME_TAKEN', message: 'The username "ann" is already taken.', details: { field: 'username' } });
  });

  it('a missing conversation is NOT_FOUND', () => {
    expect(conversationNotFound().toJSON()).toEqual({ code: 'NOT_FOUND', message: 'That conversation does not exist.', details: {} });
  });
});
