import { readFile } from 'node:fs/promises';
import { vi } from 'vitest';

/**
 * In Node and jsdom there is no server for `scenarios/NAME.json`: the page's fetch of a scenario file
 * reads public/scenarios/ from disk instead (other URLs answer 404), as `npm start` would serve it.
 * Undo with vi.unstubAllGlobals().
 */
export function serveScenarioFiles(): void {
  vi.stubGlobal('fetch', async (url: string | URL) => {
    const match = /^scenarios\/([\w.-]+\.json)$/.exec(String(url));
    if (!match) return new Response('Not found', { status: 404 });
    try {
      return new Response(await readFile(`public/scenarios/${match[1]}`, 'utf8'), { headers: { 'Content-Type': 'application/json' } });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
