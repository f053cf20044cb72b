import { RECORD_LAYOUT_SHIFTS } from '../../e2e/layoutShifts';

/**
 * What the benchmark installs in every page before the app's scripts run
 * (a plain script: it is sent as text, not compiled), after the e2e suite's
 * layout-shift recorder. `window.__bench` keeps LCP candidates and long tasks as the browser reports them,
 * and times "until painted": the first animation frame after a change, plus
 * the task after it (the frame has been produced by then).
 */
export const PROBES = RECORD_LAYOUT_SHIFTS + String.raw`
(() => {
  const b = (window.__bench = { lcp: [], longTasks: [], marks: {}, watchers: [] });
  const observers = [];
  const observe = (type, each) => {
    try {
      const observer = new PerformanceObserver((list) => list.getEntries().forEach(each));
      observer.observe({ type, buffered: true });
      observers.push([observer, each]);
    } catch {}
  };
  /** Takes the entries the browser has but has not delivered yet. */
  b.flush = () => observers.forEach(([observer, each]) => observer.takeRecords().forEach(each));
  observe('largest-contentful-paint', (e) => b.lcp.push({ startTime: e.startTime, size: e.size, element: e.element ? e.element.tagName.toLowerCase() + (typeof e.element.className === 'string' && e.element.className ? '.' + e.element.className.trim().split(/\s+/).join('.') : '') : null }));
  observe('longtask', (e) => b.longTasks.push({ startTime: e.startTime, duration: e.duration }));
  b.afterNextPaint = () =>
    new Promise((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(0);
      }),
    );
  /** Resolves with the time the frame showing test() true was painted. */
  b.whenPainted = (test) =>
    new Promise((resolve) => {
      const observer = new MutationObserver(() => check());
      const check = () => {
        if (!test()) return false;
        observer.disconnect();
        b.afterNextPaint().then(resolve);
        return true;
      };
      if (!check()) {
        observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
        b.watchers.push(observer);
      }
    });
  /** Marks a load: the sign-in form usable, the conversation list shown. Stopped by stopMarks(). */
  const signIn = () => [...document.querySelectorAll('button[type=submit]')].some((x) => x.textContent.trim() === 'Sign in' && !x.disabled);
  const list = () => document.querySelectorAll('nav[aria-label="Conversations"] li').length >= 5;
  b.marks.signIn = b.whenPainted(signIn);
  b.marks.list = b.whenPainted(list);
  b.stopMarks = () => b.watchers.splice(0).forEach((o) => o.disconnect());
  /** Arms a send timing: from the Enter keydown to the frame a row matching selector with the text is painted. */
  b.armSend = (text, selector) => {
    const pressed = new Promise((resolve) =>
      addEventListener('keydown', function onKey(e) {
        if (e.key !== 'Enter') return;
        removeEventListener('keydown', onKey, true);
        resolve(e.timeStamp);
      }, true),
    );
    const painted = b.whenPainted(() => [...document.querySelectorAll(selector)].some((el) => (el.textContent || '').includes(text)));
    b.sent = Promise.all([pressed, painted]).then(([from, to]) => to - from);
  };
  const oldestSeq = () => {
    let oldest = Infinity;
    for (const a of document.querySelectorAll('[role=log] article[data-seq]')) oldest = Math.min(oldest, Number(a.dataset.seq));
    return oldest;
  };
  /** Scrolls the message log up by step px a frame until a message at or before targetSeq is in the DOM. */
  b.scrollUpTo = (targetSeq, step) =>
    new Promise((resolve) => {
      const scroller = document.querySelector('[role=log]');
      const frames = [];
      const from = performance.now();
      const frame = (t) => {
        frames.push(t);
        if (oldestSeq() <= targetSeq) {
          b.afterNextPaint().then(() => resolve({ frames, from, to: performance.now() }));
          return;
        }
        scroller.scrollTop -= step;
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
})();`;
