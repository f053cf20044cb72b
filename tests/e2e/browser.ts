import AxeBuilder from '@axe-core/playwright';
import { expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Headless Chromium from Debian, with a fresh profile (launch uses a new empty user-data dir); `extraArgs` for one suite's needs. */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', ...extraArgs],
  });
}

export const DESKTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;

export async function newContext(browser: Browser, viewport: { width: number; height: number }): Promise<BrowserContext> {
  const phone = viewport.width < 768;
  const context = await browser.newContext({ viewport, locale: 'en-US', deviceScaleFactor: phone ? 2 : 1, hasTouch: phone, isMobile: phone });
  context.setDefaultTimeout(10_000);
  return context;
}


/** No serious or critical accessibility violation on what is on screen. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  await settle(page);
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ') + ' ' + (n.failureSummary ?? '')).join('\n  ')}`);
  expect(report, `axe violations on ${screen}`).toEqual([]);
}

/** Waits for running transitions (a theme change fades colours) to finish, rather than for a fixed time. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getTiming().iterations !== Infinity) // spinners never finish
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await settle(page);
  await page.screenshot({ path: `test-results/screenshots/${name}.png` });
}
