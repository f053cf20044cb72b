import { LIMITS } from '../../src/protocol/limits';
import { exceedsPayloadLimit, payloadTooLarge } from '../../src/protocol/rules/payloadSize';

/** Room for the frame around a payload: packet type, event name, ack id. */
const FRAME_OVERHEAD_BYTES = 256;

/**
 * Refuses locally what the server would refuse by closing the connection
 * (Socket.IO drops a frame over maxHttpBufferSize): the caller gets a typed
 * error and the connection stays up.
 */
export function checkPayloadSize(payload: unknown): void {
  if (exceedsPayloadLimit(JSON.stringify(payload) ?? '', LIMITS.payloadMaxBytes - FRAME_OVERHEAD_BYTES)) throw payloadTooLarge();
}
