import { describe, expect, it } from 'vitest';
import type { ReceiptKind } from '../../transport/types';
import { deliveredUpTo, markersAfterReceipt } from './receiptMarkers';

describe('markersAfterReceipt', () => {
  const table: [name: string, before: [delivered: number, read: number], kind: ReceiptKind, upto: number, after: [number, number]][] = [
    ['delivered moves delivered only', [0, 0], 'delivered', 2, [2, 0]],
    ['read moves read and delivered', [1, 0], 'read', 3, [3, 3]],
    ['read behind delivered leaves delivered', [4, 1], 'read', 3, [4, 3]],
    ['delivered never moves back', [5, 2], 'delivered', 3, [5, 2]],
    ['read never moves back', [5, 5], 'read', 1, [5, 5]],
    ['delivered below read moves nothing back', [3, 3], 'delivered', 1, [3, 3]],
  ];
  it.each(table)('%s', (_name, before, kind, upto, after) => {
    expect(markersAfterReceipt({ deliveredSeq: before[0], readSeq: before[1] }, kind, upto)).toEqual({ deliveredSeq: after[0], readSeq: after[1] });
  });
});

describe('deliveredUpTo', () => {
  it.each([
    { delivered: 4, read: 2, expected: 4 },
    { delivered: 0, read: 3, expected: 3 },
    { delivered: 0, read: 0, expected: 0 },
  ])('delivered $delivered, read $read -> $expected', ({ delivered, read, expected }) => {
    expect(deliveredUpTo({ deliveredSeq: delivered, readSeq: read })).toBe(expected);
  });
});
