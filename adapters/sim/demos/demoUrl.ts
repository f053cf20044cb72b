/**
 * `?demo=X`: `demos/X.json`, or X itself when it has a `/` or ends in `.json`; null without `?demo=`.
 * Apart from the demo machinery, which loads only when a demo opens.
 */
export function demoFileFromUrl(search: string): { name: string; url: string } | null {
  const value = new URLSearchParams(search).get('demo');
  if (!value) return null;
  return { name: value, url: value.includes('/') || value.endsWith('.json') ? value : `demos/${value}.json` };
}
