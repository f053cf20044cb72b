export * from './limits';
export * from './schemas';
export * from './parse';
export * from './text';
