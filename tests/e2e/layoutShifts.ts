import type { Page } from 'playwright-core';

/**
 * Installed before a page's scripts run: every layout shift the browser reports
 * (a PerformanceObserver of `layout-shift`, buffered), with the elements that
 * moved, so a test can require CLS 0 and say what moved when it is not.
 */
export const RECORD_LAYOUT_SHIFTS = String.raw`(() => {
  const shifts = (window.__layoutShifts = []);
  const element = (node) => {
    const cls = typeof node.className === 'string' && node.className.trim() ? '.' + node.className.trim().split(/\s+/).join('.') : '';
    return node.tagName.toLowerCase() + cls;
  };
  // A text node is named by its element and its first words; every source says where it was and went.
  const describe = (node) => {
    if (!node) return 'a node since removed';
    if (node.nodeType === 3) return '"' + node.textContent.slice(0, 40) + '" in ' + (node.parentElement ? element(node.parentElement) : 'nothing');
    return node.nodeType === 1 ? element(node) : String(node.nodeName);
  };
  const rect = (r) => r ? [r.x, r.y, r.width, r.height].map(Math.round).join(',') : '?';
  const record = (e) => shifts.push({ value: e.value, startTime: e.startTime, hadRecentInput: e.hadRecentInput, sources: (e.sources || []).map((s) => describe(s.node) + ' (' + rect(s.previousRect) + ' -> ' + rect(s.currentRect) + ')') });
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
