/**
 * Which way a row of items runs, for the arrow keys: in a right-to-left page the next item is on the
 * visual left, so Left moves forward and Right back (WAI-ARIA APG, toolbars and menus in RTL); Up, Down,
 * Home and End mean the same in both directions.
 */

export type Direction = 'ltr' | 'rtl';

/**
 * The reading direction at an element: that of the nearest `dir="ltr"` or `dir="rtl"` around it (the app sets
 * one on <html>, a test can set one on its container), else left to right. `dir="auto"` is passed over: the
 * app puts it only on text people wrote, which holds nothing the arrow keys move through.
 */
export function directionOf(element: Element | null | undefined): Direction {
  return element?.closest('[dir="rtl"], [dir="ltr"]')?.getAttribute('dir') === 'rtl' ? 'rtl' : 'ltr';
}

/** +1 for the key that goes to the next item along a row, -1 for the previous one, 0 for any other key. */
export function horizontalStep(key: string, direction: Direction): 1 | -1 | 0 {
  if (key !== 'ArrowLeft' && key !== 'ArrowRight') return 0;
  const towardsEnd = direction === 'rtl' ? key === 'ArrowLeft' : key === 'ArrowRight';
  return towardsEnd ? 1 : -1;
}
