import type { ErrorCode } from '../src/transport/errors';

/** The HTTP status each typed error travels with. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  USERNAME_TAKEN: 409,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  OFFLINE: 503,
  TIMEOUT: 504,
  INTERNAL: 500,
};
