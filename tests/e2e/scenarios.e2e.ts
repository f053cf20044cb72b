import AxeBuilder from '@axe-core/playwright';
import { mkdir, writeFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BUILT_IN_SCENARIOS, type BuiltInScenario } from '../../scripts/builtInScenarios';
import { launchChromium } from './browser';
import { tick } from './flows';
import { layoutShifts, RECORD_LAYOUT_SHIFTS } from './layoutShifts';
import { READY, type Size } from './scenarioReady';
import { STILL, stableScreenshot } from './stableScreenshot';
import { diffScreenshots } from '../visual/screenshotDiff';

// Every designer scenario at phone and desktop size, light and dark: no console error, no serious
// accessibility violation, no layout shift (CLS 0), a screenshot each under test-results/scenarios/,
// the same bytes on a reload.

const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1440, height: 900 } } as const satisfies Record<Size, unknown>;
const SCHEMES = ['light', 'dark'] as const;
type Scheme = (typeof SCHEMES)[number];
const OUT = 'test-results/scenarios';
/** Per-channel levels (of 255) two loads may differ by: anti-aliasing residue, see the reload check. */
const RASTER_NOISE = 2;

let browser: Browser;
const contexts = new Map<string, BrowserContext>();
const errors: string[] = [];

beforeAll(async () => {
  await mkdir(OUT, { recursive: true });
  // Partial raster repaints only what changed in a tile and blends anti-aliased edges with what was
  // there before: a pill that was "Connecting…" then "Offline" kept up to 8 levels of its old colour
  // along one corner on some loads and not others. A designer's capture is a whole repaint.
  browser = await launchChromium(['--disable-partial-raster']);
});
afterAll(async () => {
  for (const context of contexts.values()) await context.close();
  await browser?.close();
});

/** One context per size and scheme, reused by every scenario (each load rebuilds its own database). */
async function pageFor(size: Size, scheme: Scheme): Promise<Page> {
  const key = `${size}-${scheme}`;
  let context = contexts.get(key);
  if (!context) {
    const phone = size === 'phone';
    context = await browser.newContext({
      viewport: SIZES[size],
      colorScheme: scheme,
      locale: 'en-US',
      timezoneId: 'UTC',
      deviceScaleFactor: phone ? 2 : 1,
      isMobile: phone,
      hasTouch: phone,
    });
    context.setDefaultTimeout(20_000);
    await context.addInitScript(RECORD_LAYOUT_SHIFTS);
    contexts.set(key, context);
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(`${key}: ${error.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`${key}: console: ${msg.text()}`);
    });
  }
  return context.pages()[0]!;
}

async function open(page: Page, name: BuiltInScenario, size: Size): Promise<void> {
  await page.goto(`${inject('baseURL')}?scenario=${name}`);
  await page.addStyleTag({ content: STILL });
  // The app says when the scenario's state is all there (synced, and what it plays done).
  await page.waitForFunction((scenario) => document.documentElement.dataset.scenarioReady === scenario, name, { timeout: 60_000 });
  await READY[name](page, size);
}

async function expectNoSeriousViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`),
    `axe violations in ${label}`,
  ).toEqual([]);
}

describe('designer scenarios', () => {
  it('the gallery lists every scenario as a link, under headings', async () => {
    const page = await pageFor('desktop', 'light');
    await page.goto(`${inject('baseURL')}?scenarios`);
    await page.getByRole('heading', { level: 1, name: 'Designer scenarios' }).waitFor();
    for (const name of BUILT_IN_SCENARIOS) {
      await expect(page.getByRole('heading', { level: 2, name }).getByRole('link', { name }).getAttribute('href')).resolves.toBe(`?scenario=${name}`);
    }
    await expectNoSeriousViolations(page, 'the gallery');
    await writeFile(`${OUT}/gallery-desktop-light.png`, await stableScreenshot(page));
  });

  describe.each(BUILT_IN_SCENARIOS)('%s', (name) => {
    for (const size of Object.keys(SIZES) as Size[]) {
      for (const scheme of SCHEMES) {
        it(`${size}, ${scheme}`, async () => {
          const page = await pageFor(size, scheme);
          await open(page, name, size);
          const shot = await stableScreenshot(page);
          await writeFile(`${OUT}/${name}-${size}-${scheme}.png`, shot);
          // CLS 0: from the first frame to the scenario's state, nothing on screen moved (skeleton rows,
          // avatars, fonts, the connection banner's line and the open conversation take their room from the start).
          expect(await layoutShifts(page), `${name} (${size}, ${scheme}) shifted its layout`).toEqual([]);
          await expectNoSeriousViolations(page, `${name} (${size}, ${scheme})`);
          if (size === 'desktop' && scheme === 'light') {
            // A designer's screenshot comes out the same on every load: every pixel of every
            // element. Not always the same bytes, though: Chromium's partial raster can leave a
            // one-level anti-aliasing residue (254 for 255) along the edge of something painted
            // earlier in the load (seen along the rounded "Message" pills of the typing scenario, x=270).
            // So every pixel must match within RASTER_NOISE levels per channel, invisible to anyone;
            // any real change (a moved element, another colour, other text) is far above it.
            const before = await stableScreenshot(page);
            await open(page, name, size);
            const again = await stableScreenshot(page);
            const diff = diffScreenshots(before, again);
            if (diff.pixels > 0) await writeFile(`${OUT}/${name}-${size}-${scheme}-RELOAD.png`, again);
            expect(diff.maxChannel, `${name} looks different on a reload (${diff.pixels} pixels differ)`).toBeLessThanOrEqual(RASTER_NOISE);
          }
          expect(errors).toEqual([]);
        });
      }
    }
  });

  it('the simulation panel: the offline switch holds a send at Sending, switching back sends it', async () => {
    const page = await pageFor('desktop', 'light');
    await open(page, 'all-read', 'desktop');
    await page.keyboard.press('Alt+Shift+S');
    const panel = page.getByRole('dialog', { name: 'Simulation' });
    await panel.waitFor();
    await expectNoSeriousViolations(page, 'the simulation panel');
    await writeFile(`${OUT}/panel-desktop-light.png`, await page.screenshot({ animations: 'disabled', caret: 'hide' }));
    const offline = panel.getByRole('switch', { name: 'Offline' });
    await offline.check();
    await page.getByText('Offline: messages wait until you reconnect').first().waitFor();
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('Sent while the panel says offline');
    await box.press('Enter');
    await tick(page, 'Sent while the panel says offline', 'Sending').waitFor();
    await offline.uncheck();
    await tick(page, 'Sent while the panel says offline', 'Sent').waitFor();
    await panel.getByRole('button', { name: 'Close simulation panel' }).click();
    await expect(page.getByRole('button', { name: 'Simulation' }).evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    expect(errors).toEqual([]);
  });
});
