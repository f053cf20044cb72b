import type { TransportFactory } from '../../src/transport/ChatTransport';
import { createSocketTransport } from './socketTransport';

export { createSocketTransport, type SocketTransportOptions } from './socketTransport';

const DEFAULT_SERVER_URL = 'http://localhost:3001';

/** main.tsx's entry: the server from VITE_CHAT_SERVER_URL. */
const createTransport: TransportFactory = () => {
  const configured: unknown = import.meta.env?.VITE_CHAT_SERVER_URL;
  return createSocketTransport({ url: typeof configured === 'string' && configured !== '' ? configured : DEFAULT_SERVER_URL });
};

export default createTransport;
