export * from './types';
export * from './errors';
export type { ChatTransport, TransportFactory } from './ChatTransport';
export { TransportSignals } from './transportSignals';
export { deferredTransport } from './deferredTransport';
export { DEVICE_OFFLINE, type OnlineSource, windowOnlineSource } from './onlineSource';
