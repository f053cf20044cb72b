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
    expect(placeMenu(anchor, menu, viewport, 'ltr')).toEqual(expected);
  });

  // Right to left, mirrored: by the anchor's right edge (inline start), flipped when there is no room to the left.
  it.each<[string, MenuAnchor, { left: number; top: number }]>([
    ['below a button, ending at its right edge', button(500, 100), { left: 332, top: 136 }],
    ['above a button near the bottom', button(500, 600), { left: 332, top: 296 }],
    ['starting at the left edge of a button near the left side', button(100, 100), { left: 100, top: 136 }],
    ['down and left of a point', { kind: 'point', x: 300, y: 200 }, { left: 100, top: 200 }],
    ['right of a point near the left edge', { kind: 'point', x: 150, y: 200 }, { left: 150, top: 200 }],
    ['inside the margin when the anchor is off screen to the right', { kind: 'point', x: 1100, y: 200 }, { left: 792, top: 200 }],
  ])('right to left: %s', (_, anchor, expected) => {
    expect(placeMenu(anchor, menu, viewport, 'rtl')).toEqual(expected);
  });

  it('keeps a flipped menu inside a narrow viewport when neither side of a point has room, in either direction', () => {
    const phone = { width: 300, height: 640 };
    const point: MenuAnchor = { kind: 'point', x: 150, y: 100 };
    expect(placeMenu(point, menu, phone, 'ltr')).toEqual({ left: 8, top: 100 });
    expect(placeMenu(point, menu, phone, 'rtl')).toEqual({ left: 92, top: 100 });
  });

  it('starts at the margin when the menu is larger than the viewport', () => {
    expect(placeMenu(button(100, 100), { width: 400, height: 900 }, { width: 360, height: 640 }, 'ltr')).toEqual({ left: 8, top: 8 });
  });
});
