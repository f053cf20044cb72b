import { ChatError } from '../../transport/errors';
import { LIMITS } from '../limits';

const encoder = new TextEncoder();

/**
 * Whether `text` takes more than `maxBytes` of UTF-8, the unit every wire
 * limit counts in (the server's body limit, Socket.IO's frame limit). UTF-8
 * takes 1 to 3 bytes per UTF-16 unit, so most texts are decided without
 * encoding them.
 */
export function exceedsPayloadLimit(text: string, maxBytes: number = LIMITS.payloadMaxBytes): boolean {
  if (text.length > maxBytes) return true;
  if (text.length * 3 <= maxBytes) return false;
  return encoder.encode(text).byteLength > maxBytes;
}

/** What a client adapter answers, without sending, for a payload the server would refuse for its size. */
export function payloadTooLarge(): ChatError {
  return new ChatError('PAYLOAD_TOO_LARGE', `That is too large to send (the limit is ${Math.floor(LIMITS.payloadMaxBytes / 1024)} KB).`);
}
