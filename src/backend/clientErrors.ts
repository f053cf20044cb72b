import { ChatError } from '../transport/errors';

/**
 * What a client is told of a failure: a typed error as it is; anything else
 * (a database's or library's text, a bug, even an INTERNAL of our own) only
 * as a bare INTERNAL naming `reference`, the id the failure is logged under.
 */
export function errorForClient(error: unknown, reference: string): ChatError {
  if (error instanceof ChatError && error.code !== 'INTERNAL') return error;
  return new ChatError('INTERNAL', `Something went wrong on our side (reference ${reference}).`);
}
