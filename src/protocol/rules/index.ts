export * from './messageLength';
