import { errorCodeForStatus } from '../../src/protocol/http';
import { errorBodySchema } from '../../src/protocol/schemas';
import { ChatError, type ChatErrorDetails, isErrorCode } from '../../src/transport/errors';

/**
 * The typed error for an HTTP error answer: the code and message from the
 * error body when it has one, else from the status alone (a proxy's HTML page,
 * a body cut short). Retry-After fills in the wait when the body has none.
 */
export function errorFromResponse(status: number, body: unknown, retryAfter: string | null): ChatError {
  const parsed = errorBodySchema.safeParse(body);
  const fromBody = parsed.success ? parsed.data.error : undefined;
  const code = fromBody && isErrorCode(fromBody.code) ? fromBody.code : errorCodeForStatus(status);
  const details: ChatErrorDetails = {};
  if (fromBody?.details?.field !== undefined) details.field = fromBody.details.field;
  const retryAfterMs = fromBody?.details?.retryAfterMs ?? retryAfterToMs(retryAfter);
  if (retryAfterMs !== undefined) details.retryAfterMs = retryAfterMs;
  // The server's message is meant for people; a code the body did not give gets the default one.
  const message = fromBody && fromBody.code === code ? fromBody.message : undefined;
  return new ChatError(code, message, details);
}

/** Retry-After is seconds or an HTTP date. */
export function retryAfterToMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A fetch that threw: our own timeout, or the network (offline, DNS, refused, CORS). */
export function errorFromFetchFailure(error: unknown): ChatError {
  if (error instanceof ChatError) return error;
  if (error instanceof Error && error.name === 'TimeoutError') return new ChatError('TIMEOUT');
  return new ChatError('OFFLINE', 'Could not reach the server. Check your connection.');
}
