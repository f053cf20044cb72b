/**
 * `?demo=X`: `demos/X.json`, or X itself when it has a `/` or ends in `.json`; null without `?demo=`.
 * Apart from the demo machinery, which loads only when a demo opens.
 */
export function demoFileFromUrl(search: string): { name: string; url: string } | null {
  const value = new URLSearchParams(search).get('demo');
  if (!value) return null;
  return { name: value, url: value.includes('/') || value.endsWith('.json') ? value : `demos/${value}.json` };
}

/**
 * Restart's query: the same demo from step 0. `&step=K` goes (Restart means the start, not step K
 * again). It lands paused if the demo was not playing when Restart was pressed (paused, stepping or
 * at the end: the presenter was driving it by hand) and plays at once if it was playing, whatever the
 * first URL said. Every other parameter (`lang`, the demo's name) stays as it was written.
 */
export function demoRestartSearch(search: string, { playing }: { playing: boolean }): string {
  const kept = search
    .replace(/^\?/, '')
    .split('&')
    .filter((part) => {
      const key = part.split('=', 1)[0]!;
      return key !== '' && key !== 'step' && key !== 'paused';
    });
  if (!playing) kept.push('paused');
  return kept.length > 0 ? `?${kept.join('&')}` : '';
}
