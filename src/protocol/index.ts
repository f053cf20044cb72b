export * from './limits';
export * from './schemas';
export * from './parse';
export * from './rules';
export * from './text';
