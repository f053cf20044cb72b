import { describe, expect, it } from 'vitest';
import { ChatError } from '../../transport';
import { authErrorsFrom, missingFields } from './authErrors';

describe('authErrorsFrom', () => {
  it.each([
    ['a field error goes to its field', new ChatError('INVALID_INPUT', 'Too short.', { field: 'password' }), { fields: { password: 'Too short.' }, form: null }],
    ['a taken username goes to the username', new ChatError('USERNAME_TAKEN'), { fields: { username: 'That username is already taken.' }, form: null }],
    ['wrong credentials go to the form', new ChatError('INVALID_CREDENTIALS'), { fields: {}, form: 'That username and password do not match.' }],
    ['an unknown field goes to the form', new ChatError('INVALID_INPUT', 'Bad.', { field: 'avatar' }), { fields: {}, form: 'Bad.' }],
    ['anything thrown becomes a form error', new Error('boom'), { fields: {}, form: 'Something went wrong on our side. (boom)' }],
  ])('%s', (_, error, expected) => {
    expect(authErrorsFrom(error)).toEqual(expected);
  });
});

describe('missingFields', () => {
  it('names each empty required field', () => {
    expect(missingFields({ username: ' ', password: 'x' }, ['username', 'password'])).toEqual({ fields: { username: 'Enter your username.' }, form: null });
  });
  it('is null when all are there', () => {
    expect(missingFields({ username: 'a', email: 'b', password: 'c' }, ['username', 'email', 'password'])).toBeNull();
  });
});
