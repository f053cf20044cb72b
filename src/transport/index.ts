export * from './types';
export * from './errors';
export type { ChatTransport, TransportFactory } from './ChatTransport';
export { TransportSignals } from './transportSignals';
