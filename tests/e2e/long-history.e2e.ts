import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, launchChromium, newContext } from './browser';
import { log, message } from './flows';

/**
 * The long-history scenario (one conversation of 10,000 messages): it opens at the newest page
 * without downloading the year, scrolling back far lets the newest pages go (the window holds a
 * few pages around the screen), and "Latest messages" brings the newest back.
 */
let browser: Browser;
let context: BrowserContext;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  context = await newContext(browser, DESKTOP);
  page = await context.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  expect(errors).toEqual([]);
});

async function wheel(deltaY: number): Promise<void> {
  const box = await log(page).boundingBox();
  if (!box) throw new Error('no message log on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, deltaY);
}

// The row shown while a page loads; its unseen stand-in (the room it keeps) does not count.
const loading = () => page.getByText(/^Loading (earlier|later) messages$/).filter({ visible: true });

describe('a year of history', () => {
  it('opens at the newest page', async () => {
    await page.goto(`${inject('baseURL')}?scenario=long-history`);
    await page.waitForFunction(() => document.documentElement.dataset.scenarioReady === 'long-history', undefined, { timeout: 60_000 });
    await message(page, 'Message 10,000: happy anniversary of this chat 🎂').waitFor();
    await message(page, 'Message 9,999: one to go.').waitFor();
    expect(await log(page).getByRole('article').count()).toBeLessThan(100);
  });

  it('scrolled far back, lets the newest pages go and offers the latest again', async () => {
    // How far back the window reaches: the oldest message the log holds (each row carries its seq).
    // Counted by seq, not by "Loading" rows: the list keeps that row's room (unseen) while older
    // messages exist, so the row is updated in place rather than added.
    const oldestSeq = () =>
      page.evaluate(() => Math.min(...[...document.querySelectorAll('[role="log"] article[data-seq]')].map((a) => Number(a.getAttribute('data-seq')))));
    const opened = await oldestSeq();
    // Scroll up whenever nothing is loading, until twelve pages (600 messages) came in above.
    await expect
      .poll(
        async () => {
          if ((await loading().count()) === 0) await wheel(-4000);
          return opened - (await oldestSeq());
        },
        { timeout: 60_000, interval: 250 },
      )
      .toBeGreaterThanOrEqual(600);
    await loading().waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Latest messages' }).waitFor();
    expect(await log(page).getByRole('article').count()).toBeLessThan(100);
  });

  it('scrolling down again, later pages come back and earlier ones go, what is read staying on screen', async () => {
    // 300px at a time for five pages or so: the window loads below and lets go above on the way.
    for (let turn = 0; turn < 30; turn++) await scrollKeepingPlace(300);
  });

  it('"Latest messages" opens at the newest again', async () => {
    const latest = page.getByRole('button', { name: 'Latest messages' });
    await latest.click();
    await message(page, 'Message 10,000: happy anniversary of this chat 🎂').waitFor();
    await latest.waitFor({ state: 'detached' });
  });
});

/**
 * Where the message with this seq sits, or NaN when it is not there: rows may be rendered anew as pages
 * come and go, so a message is followed by its seq (data-seq), not by its element. (Not by its text: the
 * actions toolbar a hovered message shows is part of it, and the pointer rests over the list.)
 */
function topOf(seq: string): Promise<number> {
  return page.evaluate((wanted) => {
    const found = document.querySelectorAll(`[role="log"] article[data-seq="${wanted}"]`);
    return found.length === 1 ? found[0]!.getBoundingClientRect().top : Number.NaN;
  }, seq);
}

/**
 * A page let go above may move the screen a little: Virtuoso shifts by the heights it knew of the rows
 * that went, then measures a few rows again, and while the person scrolls down it does not make up
 * for a difference (it does while they scroll up). Seen: up to three rows, once per page let go.
 * The message being read stays on screen, in the upper half of where it was put.
 */
const SETTLE_PX = 160;

/** Scrolls down by `delta` (less than the log's height) and checks a message on screen moved by the scroll. */
async function scrollKeepingPlace(delta: number): Promise<void> {
  const box = (await log(page).boundingBox())!;
  // The lowest message fully on screen: after the scroll it is still there, higher by `delta`.
  const seq = await page.evaluate(
    ({ top, bottom, delta }) => {
      const articles = [...document.querySelectorAll('[role="log"] article[data-seq]')].reverse();
      const fits = articles.find((a) => {
        const r = a.getBoundingClientRect();
        return r.bottom <= bottom && r.top - delta > top;
      });
      return fits?.getAttribute('data-seq') ?? null;
    },
    { top: box.y, bottom: box.y + box.height, delta },
  );
  if (seq === null) throw new Error('no message on screen to follow');
  const before = await topOf(seq);
  expect(before).not.toBeNaN();
  // At once, not a smooth wheel: at the end of the list the scroll stops short, and that is what it moved.
  const moved = await page.evaluate((by) => {
    const scroller = document.querySelector('[role="log"]')!;
    const start = scroller.scrollTop;
    scroller.scrollTop += by;
    return scroller.scrollTop - start;
  }, delta);
  await loading().waitFor({ state: 'detached' });
  expect(Math.abs(before - moved - (await settledTopOf(seq)))).toBeLessThan(SETTLE_PX);
}

/** topOf once the list has settled: the message at the same place for ten frames in a row (pages loaded, let go, rows measured). */
function settledTopOf(seq: string): Promise<number> {
  return page.evaluate(
    (wanted) =>
      new Promise<number>((resolve) => {
        const top = () => {
          const found = document.querySelectorAll(`[role="log"] article[data-seq="${wanted}"]`);
          return found.length === 1 ? found[0]!.getBoundingClientRect().top : Number.NaN;
        };
        let last = top();
        let still = 0;
        const check = () => {
          const now = top();
          still = Object.is(now, last) ? still + 1 : 0;
          last = now;
          if (still >= 10) resolve(now);
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    seq,
  );
}
