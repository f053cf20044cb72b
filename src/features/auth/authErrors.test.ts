import { afterEach, describe, expect, it } from 'vitest';
import { ChatError } from '../../transport';
import { activateLocale } from '../../ui/i18n/i18n';
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

describe('in German', () => {
  afterEach(() => activateLocale('en', null));

  it("asks for an empty field, and says what a refusal's code means rather than the server's English", async () => {
    await activateLocale('de', null);
    expect(missingFields({ username: '', password: '' }, ['username', 'password'])).toEqual({
      fields: { username: 'Gib deinen Benutzernamen ein.', password: 'Gib dein Passwort ein.' },
      form: null,
    });
    expect(authErrorsFrom(new ChatError('INVALID_CREDENTIALS'))).toEqual({ fields: {}, form: 'Benutzername und Passwort passen nicht zusammen.' });
    expect(authErrorsFrom(new ChatError('INVALID_INPUT', 'Too short.', { field: 'password' }))).toEqual({
      fields: { password: 'Einige der gesendeten Angaben waren ungültig.' },
      form: null,
    });
  });
});
