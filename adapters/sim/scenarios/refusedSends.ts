import { ChatError, type ChatTransport } from '../../../src/transport';

/**
 * The server refuses the next `count` sends (a permanent error, so the app
 * marks the message failed and offers Retry); later sends, retries included,
 * go through. Wraps the transport's own `send` in place.
 */
export function refuseSends(transport: ChatTransport, count: number): void {
  const send = transport.send.bind(transport);
  let left = count;
  transport.send = async (input) => {
    if (left <= 0) return send(input);
    left -= 1;
    throw new ChatError('FORBIDDEN', 'The server refused this message (the failed-send scenario). Retry sends it.');
  };
}
