import { describe, expect, it } from 'vitest';
import type { MessageStatus } from '../../transport';
import { advanceStatus } from './status';

describe('advanceStatus', () => {
  const table: [MessageStatus, MessageStatus, MessageStatus][] = [
    ['pending', 'sent', 'sent'],
    ['pending', 'delivered', 'delivered'],
    ['pending', 'read', 'read'],
    ['pending', 'failed', 'failed'],
    ['failed', 'pending', 'pending'],
    ['failed', 'sent', 'sent'],
    ['sent', 'delivered', 'delivered'],
    ['sent', 'read', 'read'],
    ['delivered', 'read', 'read'],
    ['sent', 'pending', 'sent'],
    ['sent', 'failed', 'sent'],
    ['delivered', 'sent', 'delivered'],
    ['read', 'delivered', 'read'],
    ['read', 'sent', 'read'],
    ['read', 'pending', 'read'],
    ['read', 'failed', 'read'],
    ['delivered', 'delivered', 'delivered'],
  ];
  it.each(table)('%s then %s -> %s', (current, next, expected) => {
    expect(advanceStatus(current, next)).toBe(expected);
  });
});
