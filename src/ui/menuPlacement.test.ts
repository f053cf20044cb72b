import { describe, expect, it } from 'vitest';
import { placeMenu, type MenuAnchor } from './menuPlacement';

const viewport = { width: 1000, height: 800 };
const menu = { width: 200, height: 300 };
const button = (left: number, top: number): MenuAnchor => ({ kind: 'rect', left, top, right: left + 32, bottom: top + 32 });

describe('placeMenu', () => {
  it.each<[string, MenuAnchor, { left: number; top: number }]>([
    ['below a button, from its left edge', button(100, 100), { left: 100, top: 136 }],
    ['above a button near the bottom', button(100, 600), { left: 100, top: 296 }],
    ['ending at the right edge of a button near the right side', button(900, 100), { left: 732, top: 136 }],
    ['down and right of a point', { kind: 'point', x: 300, y: 200 }, { left: 300, top: 200 }],
    ['up from a point near the bottom', { kind: 'point', x: 300, y: 700 }, { left: 300, top: 400 }],
    ['left of a point near the right edge', { kind: 'point', x: 950, y: 200 }, { left: 750, top: 200 }],
    ['inside the margin when the anchor is off screen', { kind: 'point', x: -50, y: -20 }, { left: 8, top: 8 }],
    ['below when neither side has room, moved up into the viewport', { kind: 'rect', left: 10, top: 250, right: 60, bottom: 560 }, { left: 10, top: 492 }],
  ])('%s', (_, anchor, expected) => {
    expect(placeMenu(anchor, menu, viewport)).toEqual(expected);
  });

  it('starts at the margin when the menu is larger than the viewport', () => {
    expect(placeMenu(button(100, 100), { width: 400, height: 900 }, { width: 360, height: 640 })).toEqual({ left: 8, top: 8 });
  });
});
