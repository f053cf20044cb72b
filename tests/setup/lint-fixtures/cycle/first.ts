// Lint fixture: imports second.ts, which imports this file back (a cycle the lint must refuse).
import { second } from './second';

export const first = (): string => `first, then ${second()}`;
