import { mkdir, writeFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { diffScreenshots } from '../visual/screenshotDiff';
import { DESKTOP, expectAccessible, launchChromium } from './browser';
import { conversations, log, message, tick } from './flows';
import { STILL, stableScreenshot } from './stableScreenshot';

// Scripted demos (public/demos/NAME.json at ?demo=NAME): each one, stepped through twice, shows the
// same screen at the same step; what each step promises is on screen; play, pause, step and restart
// work from the panel and the keys; a broken or missing demo file is explained instead of a blank page.

const OUT = 'test-results/demos';
/** Per-channel levels (of 255) two runs may differ by: anti-aliasing residue, as in scenarios.e2e.ts. */
const RASTER_NOISE = 2;

let browser: Browser;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  await mkdir(OUT, { recursive: true });
  // A whole repaint per frame, as in scenarios.e2e.ts: partial raster leaves anti-aliasing residue of what was there before.
  browser = await launchChromium(['--disable-partial-raster']);
  context = await browser.newContext({ viewport: DESKTOP, colorScheme: 'light', locale: 'en-US', timezoneId: 'UTC' });
  context.setDefaultTimeout(20_000);
  page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
});

const root = (page: Page) => page.locator('html');

/** The demo has taken `step` steps and is quiet again (the player marks it on the root element). */
async function atStep(page: Page, step: number): Promise<void> {
  await page.waitForFunction((k) => document.documentElement.dataset.demoStep === String(k) && document.documentElement.dataset.demoState !== 'busy', step, {
    timeout: 60_000,
  });
}

async function openPaused(page: Page, name: string): Promise<void> {
  await page.goto(`${inject('baseURL')}?demo=${name}&paused`);
  await page.addStyleTag({ content: STILL });
  await atStep(page, 0);
}

/** Steps through the whole demo by its key (Alt+Shift+N), a screenshot at the start and after each step; `check` looks at what each step promised. */
async function stepThrough(page: Page, name: string, total: number, check: (step: number) => Promise<void> = async () => undefined): Promise<Buffer[]> {
  await openPaused(page, name);
  const shots = [await stableScreenshot(page)];
  for (let step = 1; step <= total; step++) {
    await page.keyboard.press('Alt+Shift+N');
    await atStep(page, step);
    await check(step);
    shots.push(await stableScreenshot(page));
  }
  await expect(root(page).getAttribute('data-demo-state')).resolves.toBe('finished');
  return shots;
}

/** Two runs of a demo in step mode: the same screen at every step, within anti-aliasing noise. */
async function expectSameTwice(name: string, total: number, check: (step: number) => Promise<void>): Promise<void> {
  const first = await stepThrough(page, name, total, check);
  const second = await stepThrough(page, name, total);
  expect(second).toHaveLength(total + 1);
  for (const [step, shot] of first.entries()) {
    await writeFile(`${OUT}/${name}-step-${step}.png`, shot);
    const diff = diffScreenshots(shot, second[step]!);
    if (diff.pixels > 0) await writeFile(`${OUT}/${name}-step-${step}-AGAIN.png`, second[step]!);
    expect(diff.maxChannel, `${name} looks different at step ${step} on the second run (${diff.pixels} pixels differ)`).toBeLessThanOrEqual(RASTER_NOISE);
  }
  expect(errors).toEqual([]);
}

describe('scripted demos, step by step', () => {
  it('first-day: a welcome, typing, my reply through the app, read ticks, a reaction, a new group; the same screens twice', async () => {
    const welcome = 'Welcome to the team, Alex! 👋';
    const question = 'Thank you! Where do the design files live?';
    await expectSameTwice('first-day', 12, async (step) => {
      if (step === 1) await conversations(page).getByText(welcome).waitFor();
      if (step === 2) await message(page, welcome).waitFor();
      if (step === 3) await page.getByRole('region', { name: 'Conversation with Maya Chen' }).getByText('typing…').waitFor();
      if (step === 5) await tick(page, question, 'Sent').waitFor();
      if (step === 6) await tick(page, question, 'Read').waitFor();
      if (step === 7) await log(page).getByRole('button', { name: /^💜 1/ }).waitFor();
      if (step === 8) await page.getByRole('region', { name: 'Conversation with Maya Chen' }).getByText('typing…').waitFor();
      if (step === 9) await message(page, 'In the Design crew group: Leo is adding you right now.').waitFor();
      if (step === 10) await conversations(page).getByText('Design crew', { exact: true }).waitFor();
      if (step === 11) await page.getByRole('region', { name: 'Group Design crew' }).waitFor();
      if (step === 12) await message(page, 'Welcome aboard, Alex! 🎉 The files are pinned at the top of the shared doc.').waitFor();
    });
  });

  it('offline-and-back: two of mine wait as Sending, the network returns, each is delivered once, Leo\'s arrives; the same screens twice', async () => {
    const mine = ['On the train, the tunnel starts now 🚆', 'These two wait as Sending until I am back'];
    const his = 'No rush, see you at the stand-up';
    await expectSameTwice('offline-and-back', 6, async (step) => {
      if (step === 1) await page.getByText('Offline: messages wait until you reconnect').first().waitFor();
      if (step === 3) for (const body of mine) await tick(page, body, 'Sending').waitFor();
      if (step === 4) await expect(log(page).getByText(his).count()).resolves.toBe(0);
      if (step === 5) {
        await message(page, his).waitFor();
        for (const body of mine) {
          await tick(page, body, /^(Sent|Delivered)$/).waitFor();
          await expect(log(page).getByRole('article', { name: body }).count(), `"${body}" is in the log once`).resolves.toBe(1);
        }
      }
      if (step === 6) for (const body of mine) await tick(page, body, 'Read').waitFor();
    });
  });
});

describe('the demo controls', () => {
  it('the panel\'s Demo section plays, pauses, steps and restarts afresh; its keys do the same with the panel closed', async () => {
    await openPaused(page, 'first-day');
    await page.keyboard.press('Alt+Shift+S');
    const panel = page.getByRole('dialog', { name: 'Simulation' });
    const demo = panel.getByRole('region', { name: 'Demo' });
    await demo.getByText('Step 0 of 12').waitFor();
    await demo.getByText('Next: Maya Chen sends “Welcome to the team, Alex! 👋” in Maya Chen').waitFor();
    await expectAccessible(page, 'the simulation panel with a demo');

    // Play: the steps come at their times, one after another.
    await demo.getByRole('button', { name: 'Play' }).click();
    await expect(root(page).getAttribute('data-demo-state')).resolves.toMatch(/^(playing|busy)$/);
    await page.waitForFunction(() => Number(document.documentElement.dataset.demoStep) >= 2);
    // Pause: time stands still; the step under way (if any) finishes, and nothing more runs.
    await demo.getByRole('button', { name: 'Pause' }).click();
    await page.waitForFunction(() => document.documentElement.dataset.demoState === 'paused');
    const paused = Number(await root(page).getAttribute('data-demo-step'));
    await demo.getByText(`Step ${paused} of 12`).waitFor();
    await demo.getByRole('button', { name: 'Play' }).waitFor();
    // Step: exactly the next one, and still paused.
    await demo.getByRole('button', { name: 'Step' }).click();
    await atStep(page, paused + 1);
    await expect(root(page).getAttribute('data-demo-state')).resolves.toBe('paused');
    // From the keyboard: focus stays on Step while its step is under way (aria-disabled, not disabled), so Enter steps again.
    const step = demo.getByRole('button', { name: 'Step' });
    await step.focus();
    await page.keyboard.press('Enter');
    await atStep(page, paused + 2);
    await expect(step.evaluate((button) => button === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await atStep(page, paused + 3);

    // The keys, with the panel closed: Alt+Shift+P plays and pauses, Alt+Shift+N steps.
    await panel.getByRole('button', { name: 'Close simulation panel' }).click();
    await page.keyboard.press('Alt+Shift+P');
    await page.waitForFunction((k) => Number(document.documentElement.dataset.demoStep) > k, paused + 3);
    await page.keyboard.press('Alt+Shift+P');
    await page.waitForFunction(() => document.documentElement.dataset.demoState === 'paused' || document.documentElement.dataset.demoState === 'finished');
    const now = Number(await root(page).getAttribute('data-demo-step'));
    if (now < 12) {
      await page.keyboard.press('Alt+Shift+N');
      await atStep(page, now + 1);
    }

    // Restart (Alt+Shift+R): the page loads again and the scenario is built afresh, back at the start.
    await page.keyboard.press('Alt+Shift+R');
    await page.waitForURL((url) => url.hash === '');
    await atStep(page, 0);
    await conversations(page).getByText('No conversations yet').waitFor();
    await expect(root(page).getAttribute('data-demo-state')).resolves.toBe('paused');
    expect(errors).toEqual([]);
  });

  it('Restart from a URL with &step=K goes back to step 0, paused, not to step K', async () => {
    await page.goto(`${inject('baseURL')}?demo=offline-and-back&step=2`);
    await atStep(page, 2);
    await expect(root(page).getAttribute('data-demo-state')).resolves.toBe('paused');
    await page.keyboard.press('Alt+Shift+R');
    await page.waitForURL((url) => url.search === '?demo=offline-and-back&paused');
    await atStep(page, 0);
    await expect(root(page).getAttribute('data-demo-state')).resolves.toBe('paused');
    expect(errors).toEqual([]);
  });
});

describe('a demo file that cannot be played', () => {
  it('a mistake opens an alert naming the file, the field and what was expected', async () => {
    const broken = { title: 'Broken', description: 'x', scenario: 'empty', steps: [{ at: 1, do: 'wave', who: 'maya' }] };
    const url = `data:application/json,${encodeURIComponent(JSON.stringify(broken))}`;
    await page.goto(`${inject('baseURL')}?demo=${encodeURIComponent(url)}`);
    const alert = page.getByRole('alert');
    await alert.getByRole('heading', { name: /^The demo .* cannot be opened$/ }).waitFor();
    await expect.poll(() => alert.textContent()).toContain('steps[0].do: expected a step: an object whose "do" is "type", "send"');
    expect(await alert.textContent()).toContain('The demo file has mistakes.');
  });

  it('a person the scenario does not have is named with its step', async () => {
    const broken = { title: 'Broken', description: 'x', scenario: 'empty', steps: [{ at: 1, do: 'type', who: 'ghost', in: 'maya' }] };
    await page.goto(`${inject('baseURL')}?demo=${encodeURIComponent(`data:application/json,${encodeURIComponent(JSON.stringify(broken))}`)}`);
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('steps[0].who: expected a person\'s handle in the scenario');
  });

  it('a missing one says so, naming the file', async () => {
    await page.goto(`${inject('baseURL')}?demo=no-such-demo`);
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('demos/no-such-demo.json');
    expect(await alert.textContent()).toContain('There is no such file.');
  });
});
