import { toChatError } from '../../transport';

export type AuthField = 'username' | 'email' | 'password';

export interface AuthErrors {
  fields: Partial<Record<AuthField, string>>;
  /** An error that concerns the form as a whole (wrong password, rate limit, offline). */
  form: string | null;
}

export const NO_ERRORS: AuthErrors = { fields: {}, form: null };

const FIELDS: readonly AuthField[] = ['username', 'email', 'password'];

function isAuthField(value: string | undefined): value is AuthField {
  return (FIELDS as readonly (string | undefined)[]).includes(value);
}

/** Puts a ChatError next to the field it names, or on the form when it names none. */
export function authErrorsFrom(error: unknown): AuthErrors {
  const chatError = toChatError(error);
  const field = chatError.details.field;
  if (isAuthField(field)) return { fields: { [field]: chatError.message }, form: null };
  if (chatError.code === 'USERNAME_TAKEN') return { fields: { username: chatError.message }, form: null };
  return { fields: {}, form: chatError.message };
}

/** Empty fields are caught before anything is sent. */
export function missingFields(values: Partial<Record<AuthField, string>>, required: readonly AuthField[]): AuthErrors | null {
  const names: Record<AuthField, string> = { username: 'your username', email: 'your email', password: 'your password' };
  const fields: AuthErrors['fields'] = {};
  for (const field of required) if (!values[field]?.trim()) fields[field] = `Enter ${names[field]}.`;
  return Object.keys(fields).length > 0 ? { fields, form: null } : null;
}
