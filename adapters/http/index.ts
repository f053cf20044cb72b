import type { TransportFactory } from '../../src/transport/ChatTransport';
import { createHttpTransport } from './httpTransport';

export { createHttpTransport, type HttpTransportOptions } from './httpTransport';

/**
 * main.tsx's factory: the server at VITE_CHAT_SERVER_URL, or the page's own
 * origin, which Mock Service Worker answers in msw mode.
 */
const createTransport: TransportFactory = () => createHttpTransport({ baseUrl: import.meta.env.VITE_CHAT_SERVER_URL ?? '' });

export default createTransport;
