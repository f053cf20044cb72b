import type { Page } from 'playwright-core';

/**
 * Transitions (a focus ring fading in) would make two loads differ by a shade: off, as in a
 * designer's screenshot tool. Animations finish or stop in page.screenshot ({ animations: 'disabled' }).
 */
export const STILL = '*, *::before, *::after { transition: none !important; caret-color: transparent !important; }';

/** A screenshot once two in a row agree (what Playwright's toHaveScreenshot waits for), animations and caret stilled. */
export async function stableScreenshot(page: Page): Promise<Buffer> {
  let previous = await page.screenshot({ animations: 'disabled', caret: 'hide' });
  for (let attempt = 0; attempt < 20; attempt++) {
    const next = await page.screenshot({ animations: 'disabled', caret: 'hide' });
    if (next.equals(previous)) return next;
    previous = next;
  }
  throw new Error('The screen kept changing');
}
