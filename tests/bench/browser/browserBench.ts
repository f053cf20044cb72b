/**
 * What a person feels, in Chromium, on the production build of sim mode
 * served with compression (`npm run bench:browser [-- --runs N] [-- --skip lighthouse,scenarios,…]`).
 * Each figure is printed as its median and p95 over the runs (p95 of a few
 * samples is their worst); nothing is asserted: compare runs of one machine.
 *
 *   visits      first visit until the sign-in form is usable; a returning visit (reload, signed in)
 *               until the conversation list is painted
 *   send        from the Enter keydown to the frame the message is painted in, and the same for a bare
 *               React list append rendered in the same page (the ratio is the app's cost over React's)
 *   history     the long-history scenario (10,000 messages): scrolling up through 2,000 of them (long
 *               tasks over 50 ms, frames dropped), the JS heap after scrolling through all 10,000, then
 *               opening the conversation (its cache holding them all) until its latest page is painted
 *   scenarios   LCP and CLS of each designer scenario (loaded until it says it is ready)
 *   lighthouse  Lighthouse 12 with its mobile defaults: the three scores and the metrics
 */
import react from '@vitejs/plugin-react';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { BUILT_IN_SCENARIOS } from '../../../scripts/builtInScenarios';
import { DESKTOP, launchChromium, newContext } from '../../e2e/browser';
import { recordedShifts } from '../../e2e/layoutShifts';
import { READY } from '../../e2e/scenarioReady';
import { buildApp } from '../../e2e/serveBuild';
import { serveCompressed } from './compressedServer';
import { cumulativeLayoutShift, droppedFrames, median, percentile } from './figures';
import { type LighthouseFigures, lighthouseOnce } from './lighthouseRun';
import { PROBES } from './probes';

const SECTIONS = ['visits', 'send', 'history', 'scenarios', 'lighthouse'] as const;
type Section = (typeof SECTIONS)[number];

function options(argv: string[]): { runs: number; sections: Set<Section> } {
  const value = (flag: string) => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const runs = Number(value('--runs') ?? 3);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number of at least 1');
  const only = value('--only')?.split(',');
  const skip = value('--skip')?.split(',') ?? [];
  return { runs, sections: new Set(SECTIONS.filter((s) => (!only || only.includes(s)) && !skip.includes(s))) };
}

/** The demo account (adapters/sim/README.md). */
const DEMO = { username: 'demo', password: 'violet-demo' };
/** No simulated teammates replying or typing meanwhile: the figures measure the app, not a chat. */
const QUIET = '?sim.teammates=0';
const SENDS = 12;
const WARM_UP = 2;

interface BenchPage {
  __bench: {
    marks: Record<'signIn' | 'list', Promise<number>>;
    stopMarks(): void;
    flush(): void;
    lcp: { startTime: number; size: number; element: string }[];
    longTasks: { startTime: number; duration: number }[];
    afterNextPaint(): Promise<number>;
    whenPainted(test: () => unknown): Promise<number>;
    armSend(text: string, selector: string): void;
    sent: Promise<number>;
    scrollUpTo(seq: number, step: number): Promise<{ frames: number[]; from: number; to: number }>;
  };
}
const bench = (page: Page) => ({
  evaluate: <T>(fn: (b: BenchPage['__bench']) => T | Promise<T>): Promise<T> =>
    page.evaluate(`(${fn.toString()})(window.__bench)`) as Promise<T>,
});

async function probedContext(browser: Browser): Promise<BrowserContext> {
  const context = await newContext(browser, DESKTOP);
  context.setDefaultTimeout(120_000);
  await context.addInitScript(PROBES);
  return context;
}

type Samples = Map<string, number[]>;
const add = (samples: Samples, name: string, value: number) => samples.set(name, [...(samples.get(name) ?? []), value]);

async function visits(browser: Browser, url: string, samples: Samples): Promise<Page> {
  const context = await probedContext(browser);
  const page = await context.newPage();
  await page.goto(url + QUIET);
  add(samples, 'first visit: sign-in form usable (ms)', await bench(page).evaluate((b) => b.marks.signIn));
  await page.getByRole('textbox', { name: 'Username' }).fill(DEMO.username);
  await page.getByLabel('Password').fill(DEMO.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForFunction(() => document.querySelectorAll('nav[aria-label="Conversations"] li').length >= 5);
  await page.reload();
  add(samples, 'returning visit: conversation list painted (ms)', await bench(page).evaluate((b) => b.marks.list));
  await bench(page).evaluate((b) => b.stopMarks());
  return page;
}

/** Types `text`, then times Enter until a `selector` row holding it is painted. */
async function timedSend(page: Page, box: ReturnType<Page['getByRole']>, text: string, selector: string): Promise<number> {
  await box.fill(text);
  await bench(page).evaluate((b) => b.afterNextPaint());
  await page.evaluate(([t, s]) => (window as unknown as BenchPage).__bench.armSend(t!, s!), [text, selector]);
  await box.press('Enter');
  return bench(page).evaluate((b) => b.sent);
}

async function sends(page: Page, run: number, samples: Samples): Promise<void> {
  await page.getByRole('navigation', { name: 'Conversations' }).getByRole('link', { name: /Maya Chen/ }).first().click();
  await page.getByRole('log', { name: 'Messages' }).waitFor();
  const composer = page.getByRole('textbox', { name: 'Message' });
  for (let i = 0; i < SENDS; i++) {
    const ms = await timedSend(page, composer, `Bench run ${run} message ${i}`, '[role=log] article');
    if (i >= WARM_UP) add(samples, 'send → painted, app (ms)', ms);
  }
  await page.addScriptTag({ url: '/__bench/baseline.js', type: 'module' });
  const baseline = page.getByRole('textbox', { name: 'Baseline message' });
  for (let i = 0; i < SENDS; i++) {
    const ms = await timedSend(page, baseline, `Baseline run ${run} row ${i}`, '#bench-baseline li');
    if (i >= WARM_UP) add(samples, 'send → painted, bare React list (ms)', ms);
  }
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 2 ** 20;
}

const LATEST = 'Message 10,000: happy anniversary of this chat 🎂';
/** Pixels scrolled a frame: a brisk fling, faster than the pages load, so loading shows. */
const SCROLL_STEP = 200;

async function history(browser: Browser, url: string, samples: Samples): Promise<void> {
  const context = await probedContext(browser);
  const page = await context.newPage();
  await page.goto(`${url}?scenario=long-history`);
  await page.waitForFunction(() => document.documentElement.dataset.scenarioReady === 'long-history', undefined, { timeout: 180_000 });
  await READY['long-history'](page, 'desktop');
  await bench(page).evaluate((b) => b.stopMarks());
  add(samples, 'long history: JS heap at the newest page (MB)', await heapMb(page));

  const scrolled = await page.evaluate(([seq, step]) => (window as unknown as BenchPage).__bench.scrollUpTo(seq!, step!), [8_000, SCROLL_STEP]);
  await bench(page).evaluate((b) => b.flush());
  const tasks = (await bench(page).evaluate((b) => b.longTasks)).filter((t) => t.startTime >= scrolled.from && t.startTime <= scrolled.to);
  add(samples, 'scroll up 2,000 messages: time (s)', (scrolled.to - scrolled.from) / 1000);
  add(samples, 'scroll up 2,000 messages: long tasks > 50 ms', tasks.length);
  add(samples, 'scroll up 2,000 messages: longest task (ms)', Math.max(0, ...tasks.map((t) => t.duration)));
  add(samples, 'scroll up 2,000 messages: frames dropped', droppedFrames(scrolled.frames));
  add(samples, 'scroll up 2,000 messages: frames dropped (%)', (100 * droppedFrames(scrolled.frames)) / (droppedFrames(scrolled.frames) + scrolled.frames.length));

  await page.evaluate(([step]) => (window as unknown as BenchPage).__bench.scrollUpTo(1, step!), [SCROLL_STEP]);
  add(samples, 'long history: JS heap after scrolling through 10,000 (MB)', await heapMb(page));

  for (let i = 0; i < 5; i++) {
    const ms = await page.evaluate(async (latest) => {
      const b = (window as unknown as BenchPage).__bench;
      const hash = location.hash;
      location.hash = '#/';
      await b.whenPainted(() => !document.querySelector('[role=log]'));
      const from = performance.now();
      location.hash = hash;
      return (await b.whenPainted(() => [...document.querySelectorAll('[role=log] article')].some((a) => a.textContent?.includes(latest)))) - from;
    }, LATEST);
    if (i > 0) add(samples, 'open the 10,000-message conversation: latest page painted (ms)', ms);
  }
  await context.close();
}

async function scenarios(browser: Browser, url: string, samples: Samples, sources: Map<string, Set<string>>): Promise<void> {
  for (const name of BUILT_IN_SCENARIOS) {
    const context = await probedContext(browser);
    const page = await context.newPage();
    await page.goto(`${url}?scenario=${name}`);
    await page.waitForFunction((scenario) => document.documentElement.dataset.scenarioReady === scenario, name, { timeout: 180_000 });
    await READY[name](page, 'desktop');
    await bench(page).evaluate((b) => b.afterNextPaint());
    await bench(page).evaluate((b) => b.flush());
    const lcp = await bench(page).evaluate((b) => b.lcp);
    const shifts = await recordedShifts(page);
    add(samples, `scenario ${name}: LCP (ms)`, lcp.at(-1)?.startTime ?? Number.NaN);
    add(samples, `scenario ${name}: CLS`, cumulativeLayoutShift(shifts));
    for (const shift of shifts) for (const source of shift.sources) sources.set(name, (sources.get(name) ?? new Set()).add(`${source} (${shift.value.toFixed(4)})`));
    await context.close();
  }
}

function print(samples: Samples): void {
  const width = Math.max(...[...samples.keys()].map((k) => k.length)) + 2;
  const format = (n: number) => (Number.isInteger(n) ? String(n) : Math.abs(n) < 1 ? n.toFixed(4) : n.toFixed(1));
  for (const [name, values] of samples) {
    console.log(`${name.padEnd(width)} median ${format(median(values)).padStart(8)}   p95 ${format(percentile(values, 95)).padStart(8)}   (n=${values.length})`);
  }
}

async function buildBaseline(outDir: string): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    mode: 'production',
    plugins: [react()],
    build: {
      outDir: join(outDir, '__bench'),
      emptyOutDir: false,
      sourcemap: false,
      target: 'es2022',
      rolldownOptions: { input: 'tests/bench/browser/baseline.tsx', output: { entryFileNames: 'baseline.js' } },
    },
  });
}

async function main(): Promise<void> {
  const { runs, sections } = options(process.argv.slice(2));
  const outDir = `test-results/bench-browser-dist-${process.pid}`;
  console.log(`Building sim mode (production) into ${outDir} …`);
  await buildApp('sim', outDir);
  await buildBaseline(outDir);
  const served = await serveCompressed(outDir);
  console.log(`Serving it compressed (brotli/gzip) at ${served.url}; ${runs} run(s) of: ${[...sections].join(', ')}\n`);
  const samples: Samples = new Map();
  const shiftSources = new Map<string, Set<string>>();
  const lighthouse: LighthouseFigures[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const browser = await launchChromium();
      try {
        if (sections.has('visits') || sections.has('send')) {
          const page = await visits(browser, served.url, samples);
          if (sections.has('send')) await sends(page, run, samples);
          await page.context().close();
        }
        if (sections.has('history')) await history(browser, served.url, samples);
        if (sections.has('scenarios')) await scenarios(browser, served.url, samples, shiftSources);
      } finally {
        await browser.close();
      }
      if (sections.has('lighthouse')) lighthouse.push(await lighthouseOnce(served.url));
      console.log(`run ${run + 1} of ${runs} done`);
    }
    const app = samples.get('send → painted, app (ms)');
    const bare = samples.get('send → painted, bare React list (ms)');
    if (app && bare) add(samples, 'send → painted: app / bare React (ratio)', median(app) / median(bare));
    for (const figures of lighthouse) {
      add(samples, 'lighthouse (mobile): performance', figures.performance);
      add(samples, 'lighthouse (mobile): accessibility', figures.accessibility);
      add(samples, 'lighthouse (mobile): best practices', figures.bestPractices);
      add(samples, 'lighthouse (mobile): FCP (ms)', figures.fcp);
      add(samples, 'lighthouse (mobile): LCP (ms)', figures.lcp);
      add(samples, 'lighthouse (mobile): TBT (ms)', figures.tbt);
      add(samples, 'lighthouse (mobile): CLS', figures.cls);
      add(samples, 'lighthouse (mobile): speed index (ms)', figures.speedIndex);
      add(samples, 'lighthouse (mobile): unused JavaScript (KiB)', figures.unusedJsBytes / 1024);
    }
    console.log('');
    print(samples);
    for (const [name, found] of shiftSources) console.log(`layout shifts in ${name}: ${[...found].join(', ')}`);
    if (lighthouse.length > 0) {
      const typical = [...lighthouse].sort((a, b) => a.performance - b.performance)[Math.floor((lighthouse.length - 1) / 2)]!;
      console.log(`\nLighthouse, what holds the median run (performance ${typical.performance}) back:`);
      for (const finding of typical.findings) console.log(`  ${finding}`);
    }
  } finally {
    await served.close();
    await rm(outDir, { recursive: true, force: true });
  }
}

await main();
