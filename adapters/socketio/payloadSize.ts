import { LIMITS } from '../../src/protocol/limits';
import { ChatError } from '../../src/transport/errors';

/** Room for the frame around a payload: packet type, event name, ack id. */
const FRAME_OVERHEAD_BYTES = 256;
const encoder = new TextEncoder();

/**
 * Refuses locally what the server would refuse by closing the connection
 * (Socket.IO drops a frame over maxHttpBufferSize): the caller gets a typed
 * error and the connection stays up.
 */
export function checkPayloadSize(payload: unknown): void {
  const json = JSON.stringify(payload) ?? '';
  const max = LIMITS.payloadMaxBytes - FRAME_OVERHEAD_BYTES;
  // UTF-8 takes 1 to 3 bytes per UTF-16 unit: most payloads are decided without encoding them.
  const tooLarge = json.length > max || (json.length * 3 > max && encoder.encode(json).byteLength > max);
  if (tooLarge) throw new ChatError('PAYLOAD_TOO_LARGE', `That is too large to send (the limit is ${Math.floor(LIMITS.payloadMaxBytes / 1024)} KB).`);
}
