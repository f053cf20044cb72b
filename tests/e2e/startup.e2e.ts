import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchChromium, newContext } from './browser';
import { buildAndServe, type ServedBuild } from './serveBuild';

/** A build made with a transport flag nobody knows says so, on screen and in the console. */
let served: ServedBuild;
let browser: Browser;

beforeAll(async () => {
  served = await buildAndServe('carrier-pigeon');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
});

describe('start-up with an unknown VITE_CHAT_TRANSPORT', () => {
  it('names the bad value and the valid ones, on screen and in the console', async () => {
    const context = await newContext(browser, DESKTOP);
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(served.url);
    await page.getByRole('heading', { name: 'VioletChat cannot start' }).waitFor();
    const alert = await page.getByRole('alert').textContent();
    expect(alert).toContain('"carrier-pigeon"');
    expect(alert).toContain('sim, msw, socket');
    expect(consoleErrors.some((text) => text.includes('carrier-pigeon') && text.includes('sim, msw, socket'))).toBe(true);
    await context.close();
  });
});
