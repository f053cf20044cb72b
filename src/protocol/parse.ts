import { z } from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { ChatError } from '../transport/errors';

/**
 * zod/mini loads no locale (its messages are all "Invalid input"); a refusal
 * quotes the message of its first problem, so the inputs' parse brings
 * English, per parse rather than globally, and only where inputs are parsed.
 */
const ENGLISH = en().localeError;

/**
 * Parses a payload at a boundary. Failure is INVALID_INPUT with the first
 * problem in words and the field it concerns, so a form can show it in place.
 */
export function parseInput<S extends z.ZodMiniType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value, { error: ENGLISH });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  const message = issue ? describeIssue(issue, field) : 'The input was not valid.';
  throw new ChatError('INVALID_INPUT', message, field ? { field } : {});
}

/**
 * Every request's input is a JSON object, also where the operation reads
 * nothing from it: a string, array or null is refused as the malformed
 * request it is, not ignored.
 */
export function requireObjectInput(value: unknown): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ChatError('INVALID_INPUT', 'The request must carry a JSON object.');
  }
}

/** Parses what a backend answered; a mismatch is the backend's fault, not the user's. */
export function parseOutput<S extends z.ZodMiniType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ChatError('INTERNAL', `The server sent a malformed ${what}.`);
}

function describeIssue(issue: z.core.$ZodIssue, field: string | undefined): string {
  // zod's default texts ("Invalid input: expected string, received undefined") are for developers.
  if (issue.code === 'invalid_type') return field ? `${capitalise(field)} is missing or of the wrong type.` : 'The input is malformed.';
  if (issue.code === 'unrecognized_keys') return 'The input has unexpected fields.';
  return issue.message;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
