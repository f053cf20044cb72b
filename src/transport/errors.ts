/** The closed set of error codes every adapter and backend speaks. */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'USERNAME_TAKEN',
  'FORBIDDEN',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'OFFLINE',
  'TIMEOUT',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  INVALID_INPUT: 'Some of the information sent was not valid.',
  UNAUTHENTICATED: 'Your session has ended. Please sign in again.',
  INVALID_CREDENTIALS: 'That username and password do not match.',
  USERNAME_TAKEN: 'That username is already taken.',
  FORBIDDEN: 'You do not have access to that.',
  NOT_FOUND: 'That could not be found.',
  METHOD_NOT_ALLOWED: 'The server does not take that request there.',
  PAYLOAD_TOO_LARGE: 'That is too large to send.',
  RATE_LIMITED: 'Too many attempts. Please wait a moment and try again.',
  OFFLINE: 'You are offline.',
  TIMEOUT: 'The server took too long to answer.',
  INTERNAL: 'Something went wrong on our side.',
};

/** Errors a retry may cure; the rest are permanent for the same input. */
const TRANSIENT: ReadonlySet<ErrorCode> = new Set(['OFFLINE', 'TIMEOUT', 'INTERNAL', 'RATE_LIMITED']);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export function isTransient(code: ErrorCode): boolean {
  return TRANSIENT.has(code);
}

export interface ChatErrorDetails {
  /** The input field the error concerns, so a form can show it next to that field. */
  field?: string;
  /** For RATE_LIMITED: how long to wait before trying again. */
  retryAfterMs?: number;
}

export class ChatError extends Error {
  readonly code: ErrorCode;
  readonly details: ChatErrorDetails;

  constructor(code: ErrorCode, message?: string, details: ChatErrorDetails = {}) {
    super(message ?? DEFAULT_MESSAGES[code]);
    this.name = 'ChatError';
    this.code = code;
    this.details = details;
  }

  get transient(): boolean {
    return isTransient(this.code);
  }

  toJSON(): { code: ErrorCode; message: string; details: ChatErrorDetails } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export function isChatError(value: unknown): value is ChatError {
  return value instanceof ChatError;
}

/** Turns anything thrown into a ChatError, keeping typed ones as they are. */
export function toChatError(error: unknown): ChatError {
  if (error instanceof ChatError) return error;
  if (error instanceof Error) return new ChatError('INTERNAL', `${DEFAULT_MESSAGES.INTERNAL} (${error.message})`);
  return new ChatError('INTERNAL');
}

export function defaultErrorMessage(code: ErrorCode): string {
  return DEFAULT_MESSAGES[code];
}
