export * from './limits';
export * from './schemas';
export * from './groupEntries';
export * from './groups';
export * from './parse';
export * from './rules';
export * from './text';
export * from './messageActions';
