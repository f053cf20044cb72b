export * from './messageLength';
export * from './messageStatus';
export * from './receiptMarkers';
export * from './backoff';
export * from './unread';
export * from './payloadSize';
export * from './systemEntry';
export * from './emoji';
