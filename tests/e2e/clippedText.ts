import type { Page } from 'playwright-core';

/**
 * The app's words that a control cuts or pushes off screen, in the pseudo-locale (every string in brackets,
 * 40% longer): controls and labels whose text is wider than their box where overflow is hidden, or that
 * reach past the viewport. Names that may ellipsise (people, conversations: `data-may-truncate`) are
 * people's content, and a visually hidden label is clipped on purpose (heard, not seen).
 */
export function clippedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('button, a, label, [role="tab"], [role="menuitem"], h1, h2, h3, .connection-banner')) {
      const text = el.innerText.trim();
      if (!text || !/\[.*\]/s.test(text) || el.closest('[data-may-truncate], .visually-hidden')) continue;
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      if (rect.width === 0) continue;
      if (style.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1) found.push(`clipped: ${text.slice(0, 40)}`);
      if (rect.right > innerWidth + 1 || rect.left < -1) found.push(`off screen: ${text.slice(0, 40)}`);
    }
    return found;
  });
}
