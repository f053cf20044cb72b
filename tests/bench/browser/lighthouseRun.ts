import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

/** One Lighthouse run's figures (scores 0..100, times in ms, bytes). */
export interface LighthouseFigures {
  performance: number;
  accessibility: number;
  bestPractices: number;
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  speedIndex: number;
  unusedJsBytes: number;
  /** What holds the performance score back: opportunities with their savings, and failing checks of the other two. */
  findings: string[];
}

const CATEGORIES = ['performance', 'accessibility', 'best-practices'];

/**
 * Lighthouse's default run (mobile: a Moto G Power sized screen, simulated
 * slow 4G and a 4x slower CPU) on `url`, in a Chromium of its own.
 */
export async function lighthouseOnce(url: string): Promise<LighthouseFigures> {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-dev-shm-usage'],
  });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES });
    if (!result) throw new Error('Lighthouse returned nothing');
    const { lhr } = result;
    const score = (id: string) => Math.round((lhr.categories[id]?.score ?? Number.NaN) * 100);
    const value = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
    const unusedJs = lhr.audits['unused-javascript']?.details;
    const findings: string[] = [];
    for (const audit of Object.values(lhr.audits)) {
      const details = audit.details as { type?: string; overallSavingsMs?: number; overallSavingsBytes?: number } | undefined;
      if (details?.type === 'opportunity' && ((details.overallSavingsMs ?? 0) > 0 || (details.overallSavingsBytes ?? 0) > 0)) {
        findings.push(`opportunity ${audit.id}: ${Math.round(details.overallSavingsMs ?? 0)} ms, ${Math.round((details.overallSavingsBytes ?? 0) / 1024)} KiB`);
      }
    }
    for (const id of ['accessibility', 'best-practices']) {
      for (const ref of lhr.categories[id]?.auditRefs ?? []) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) findings.push(`${id} fails ${audit.id}: ${audit.title}`);
      }
    }
    for (const id of ['bootup-time', 'mainthread-work-breakdown', 'largest-contentful-paint-element', 'render-blocking-resources']) {
      const audit = lhr.audits[id];
      if (audit?.displayValue) findings.push(`${id}: ${audit.displayValue}`);
    }
    return {
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      fcp: value('first-contentful-paint'),
      lcp: value('largest-contentful-paint'),
      tbt: value('total-blocking-time'),
      cls: value('cumulative-layout-shift'),
      speedIndex: value('speed-index'),
      unusedJsBytes: (unusedJs as { overallSavingsBytes?: number } | undefined)?.overallSavingsBytes ?? 0,
      findings,
    };
  } finally {
    chrome.kill();
  }
}
