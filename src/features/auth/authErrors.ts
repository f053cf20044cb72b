import type { MessageDescriptor } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import { toChatError } from '../../transport';
import { errorText } from '../../ui/i18n/errors';
import { i18n } from '../../ui/i18n/i18n';

export type AuthField = 'username' | 'email' | 'password';

export interface AuthErrors {
  fields: Partial<Record<AuthField, string>>;
  /** An error that concerns the form as a whole (wrong password, rate limit, offline). */
  form: string | null;
}

export const NO_ERRORS: AuthErrors = { fields: {}, form: null };

const FIELDS: readonly AuthField[] = ['username', 'email', 'password'];

/** What an empty field asks for: a whole sentence each, since a language may not put a field's name in one slot. */
const MISSING: Readonly<Record<AuthField, MessageDescriptor>> = {
  username: msg`Enter your username.`,
  email: msg`Enter your email.`,
  password: msg`Enter your password.`,
};

function isAuthField(value: string | undefined): value is AuthField {
  return (FIELDS as readonly (string | undefined)[]).includes(value);
}

/** Puts a ChatError next to the field it names, or on the form when it names none; in the reader's language. */
export function authErrorsFrom(error: unknown): AuthErrors {
  const chatError = toChatError(error);
  const text = errorText(chatError);
  const field = chatError.details.field;
  if (isAuthField(field)) return { fields: { [field]: text }, form: null };
  if (chatError.code === 'USERNAME_TAKEN') return { fields: { username: text }, form: null };
  return { fields: {}, form: text };
}

/** Empty fields are caught before anything is sent. */
export function missingFields(values: Partial<Record<AuthField, string>>, required: readonly AuthField[]): AuthErrors | null {
  const fields: AuthErrors['fields'] = {};
  for (const field of required) if (!values[field]?.trim()) fields[field] = i18n._(MISSING[field]);
  return Object.keys(fields).length > 0 ? { fields, form: null } : null;
}
