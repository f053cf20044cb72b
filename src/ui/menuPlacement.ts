import type { Direction } from './direction';

/** Where a menu opens from: a point (a right-click) or a box (a button, a message). */
export type MenuAnchor = { kind: 'point'; x: number; y: number } | { kind: 'rect'; left: number; top: number; right: number; bottom: number };

export interface Size {
  width: number;
  height: number;
}

/** Room kept between a menu and the viewport's edges. */
const MARGIN = 8;
/** Between a box anchor and the menu. */
const GAP = 4;

/**
 * The top-left corner of a menu of `menu` size by its anchor, inside the viewport: below a box
 * (above it when there is no room below), lined up with its inline-start edge, which `direction` says:
 * left to right, starting at its left edge (ending at its right edge when there is no room to the
 * right); right to left, mirrored, ending at its right edge (starting at its left edge when there is
 * no room to the left). By a point, down and towards the inline end of it (right, or left in RTL),
 * flipped the same way. A menu taller or wider than the viewport starts at the margin (it scrolls
 * inside itself).
 */
export function placeMenu(anchor: MenuAnchor, menu: Size, viewport: Size, direction: Direction): { left: number; top: number } {
  const box = anchor.kind === 'point' ? { left: anchor.x, right: anchor.x, top: anchor.y, bottom: anchor.y } : anchor;
  const gap = anchor.kind === 'point' ? 0 : GAP;
  // The menu's left edge at the anchor's left, or its right edge at the anchor's right.
  const alignLeft = box.left;
  const alignRight = box.right - menu.width;
  const fitsAlignedLeft = alignLeft + menu.width <= viewport.width - MARGIN;
  const fitsAlignedRight = alignRight >= MARGIN;
  const left = direction === 'rtl' ? (fitsAlignedRight ? alignRight : alignLeft) : fitsAlignedLeft ? alignLeft : alignRight;
  const below = box.bottom + gap;
  const above = box.top - gap - menu.height;
  const top = below + menu.height <= viewport.height - MARGIN || above < MARGIN ? below : above;
  return { left: clamp(left, MARGIN, viewport.width - MARGIN - menu.width), top: clamp(top, MARGIN, viewport.height - MARGIN - menu.height) };
}

/** Within [min, max], and at `min` when the range is empty (a menu larger than the room). */
function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, max));
}
