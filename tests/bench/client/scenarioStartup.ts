/**
 * How long designer scenarios take to show something and to be ready, in a
 * production build in Chromium (as a person opening `?scenario=NAME` sees it):
 *   - blank: from navigation until the page shows anything in #root
 *   - built: until the scenario's backend is built (its "Building the scenario" status goes)
 *   - ready: until the app says the scenario is ready and its state is on screen
 * Prints the median and the worst of a few loads per scenario, no assertions.
 * Run: npx tsx tests/bench/client/scenarioStartup.ts [runs] [scenario...]
 */
import type { Page } from 'playwright-core';
import { DESKTOP, launchChromium, newContext } from '../../e2e/browser';
import { buildAndServe } from '../../e2e/serveBuild';

/** What each measured scenario shows once ready (as tests/e2e/scenarios.e2e.ts waits for it). */
const READY: Record<string, (page: Page) => Promise<unknown>> = {
  'long-history': (page) => page.getByRole('log', { name: 'Messages' }).getByRole('article', { name: 'Message 9,999: one to go.' }).waitFor({ timeout: 120_000 }),
  'busy-team': (page) => page.waitForFunction(() => document.querySelectorAll('nav[aria-label="Conversations"] li').length >= 30, undefined, { timeout: 120_000 }),
  empty: (page) => page.getByText('No conversations yet').waitFor({ timeout: 120_000 }),
  flaky: (page) => page.getByRole('log', { name: 'Messages' }).getByRole('article', { name: 'I am leaning to "5 min ago" under an hour, the time after that.' }).waitFor({ timeout: 120_000 }),
};

/** Records, in the page, when #root first holds something (the end of the blank page) and when the build's status goes. */
const WATCH_FIRST_CONTENT = `(() => {
  let building = false;
  const check = () => {
    const root = document.getElementById('root');
    if (root && root.childElementCount > 0 && window.__firstContentMs === undefined) window.__firstContentMs = performance.now();
    const text = root ? root.textContent || '' : '';
    if (text.includes('Building the scenario')) building = true;
    else if (building || document.documentElement.dataset.scenarioReady) { window.__builtMs = performance.now(); return; }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

async function loadOnce(url: string, name: string): Promise<{ blank: number; built: number; ready: number }> {
  const browser = await launchChromium();
  try {
    const context = await newContext(browser, DESKTOP);
    await context.addInitScript(WATCH_FIRST_CONTENT);
    const page = await context.newPage();
    await page.goto(`${url}?scenario=${name}`);
    await page.waitForFunction((scenario) => document.documentElement.dataset.scenarioReady === scenario, name, { timeout: 120_000 });
    await READY[name]!(page);
    const ready = await page.evaluate(() => performance.now());
    const { blank, built } = await page.evaluate(() => {
      const marks = window as unknown as { __firstContentMs?: number; __builtMs?: number };
      return { blank: marks.__firstContentMs ?? Number.NaN, built: marks.__builtMs ?? Number.NaN };
    });
    await context.close();
    return { blank, built, ready };
  } finally {
    await browser.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 3);
  const names = process.argv.slice(3);
  const scenarios = names.length > 0 ? names : ['busy-team', 'long-history'];
  const served = await buildAndServe('sim');
  try {
    for (const name of scenarios) {
      if (!READY[name]) throw new Error(`No ready check for "${name}"; known: ${Object.keys(READY).join(', ')}`);
      const samples: { blank: number; built: number; ready: number }[] = [];
      for (let run = 0; run < runs; run++) samples.push(await loadOnce(served.url, name));
      const figure = (label: string, values: number[]) => `${label}: median ${seconds(median(values))}, worst ${seconds(Math.max(...values))}`;
      console.log(
        `${name.padEnd(14)} ${figure('blank', samples.map((s) => s.blank))}; ${figure('built', samples.map((s) => s.built))}; ` +
          `${figure('ready', samples.map((s) => s.ready))} (${runs} loads)`,
      );
    }
  } finally {
    await served.close();
  }
}

await main();
