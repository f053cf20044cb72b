import type { Page } from 'playwright-core';

/**
 * Installed before a page's scripts run: every layout shift the browser reports
 * (a PerformanceObserver of `layout-shift`, buffered), with the elements that
 * moved, so a test can require CLS 0 and say what moved when it is not.
 */
export const RECORD_LAYOUT_SHIFTS = String.raw`(() => {
  const shifts = (window.__layoutShifts = []);
  const describe = (node) => {
    if (!node || node.nodeType !== 1) return String(node && node.nodeName);
    const cls = typeof node.className === 'string' && node.className.trim() ? '.' + node.className.trim().split(/\s+/).join('.') : '';
    return node.tagName.toLowerCase() + cls;
  };
  const record = (e) => shifts.push({ value: e.value, startTime: e.startTime, hadRecentInput: e.hadRecentInput, sources: (e.sources || []).map((s) => describe(s.node)) });
  try {
    const observer = new PerformanceObserver((list) => list.getEntries().forEach(record));
    observer.observe({ type: 'layout-shift', buffered: true });
    window.__takeLayoutShifts = () => (observer.takeRecords().forEach(record), shifts.slice());
  } catch {
    window.__takeLayoutShifts = () => [{ value: Infinity, startTime: 0, hadRecentInput: false, sources: ['layout-shift is not observable in this browser'] }];
  }
})();`;

export interface RecordedShift {
  value: number;
  startTime: number;
  hadRecentInput: boolean;
  /** The elements that moved, as tag.class. */
  sources: string[];
}

/** Every layout shift reported so far in the page, input-caused ones included (CLS leaves those out). */
export function recordedShifts(page: Page): Promise<RecordedShift[]> {
  return page.evaluate('window.__takeLayoutShifts()') as Promise<RecordedShift[]>;
}

/** The layout shifts not caused by input so far, one line each (CLS is 0 exactly when there are none). */
export async function layoutShifts(page: Page): Promise<string[]> {
  return (await recordedShifts(page)).filter((s) => !s.hadRecentInput).map((s) => `${s.value.toFixed(5)} at ${Math.round(s.startTime)} ms: ${s.sources.join(', ')}`);
}
