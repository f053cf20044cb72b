/**
 * Resolves once the browser has painted what is on screen now (the task after
 * the next animation frame), for work the first screen does not need: it then
 * neither shares the network with that screen's code nor holds up its paint.
 * A hidden tab paints no frames, so a short timer stands in for one there.
 */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => resolve();
    const timer = setTimeout(done, HIDDEN_TAB_WAIT_MS);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      setTimeout(done, 0);
    });
  });
}

const HIDDEN_TAB_WAIT_MS = 100;
