export * from './messageLength';
export * from './messageStatus';
