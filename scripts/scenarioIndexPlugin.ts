import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Connect, Plugin } from 'vite';
import { BUILT_IN_SCENARIOS } from './builtInScenarios';

/** One scenario file as the gallery and the simulation panel list it. */
export interface ScenarioIndexEntry {
  /** The file's name without `.json`: `?scenario=NAME` opens it. */
  name: string;
  title: string;
  description: string;
  /** The file's `viewport` hint, for screenshot tools. */
  viewport?: 'phone' | 'desktop';
}

/** Not scenarios: the format's JSON Schema, and the index itself. */
const NOT_SCENARIOS = new Set(['scenario.schema.json', 'index.json']);

/** The built-ins first, in their order, then the others by name. */
function byListOrder(a: string, b: string): number {
  const rank = (name: string) => {
    const i = (BUILT_IN_SCENARIOS as readonly string[]).indexOf(name);
    return i === -1 ? BUILT_IN_SCENARIOS.length : i;
  };
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * The scenario files in `dir` (public/scenarios): the built-ins first in their order, then the
 * others by name, with their title, description and viewport hint. A file that is not JSON is
 * listed under its name, so opening it shows what is wrong.
 */
export function scenarioIndex(dir: string): ScenarioIndexEntry[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json') && !NOT_SCENARIOS.has(f));
  } catch {
    return [];
  }
  const names = files.map((file) => file.slice(0, -'.json'.length)).sort(byListOrder);
  return names.map((name) => {
    try {
      const json = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as { title?: unknown; description?: unknown; viewport?: unknown };
      return {
        name,
        title: typeof json.title === 'string' ? json.title : name,
        description: typeof json.description === 'string' ? json.description : '',
        ...(json.viewport === 'phone' || json.viewport === 'desktop' ? { viewport: json.viewport } : {}),
      };
    } catch {
      return { name, title: name, description: 'This file is not valid JSON: open it to see where.' };
    }
  });
}

const INDEX = 'scenarios/index.json';

/** Answers `…/scenarios/index.json` with the index of `dir` as it is now (no restart for a new file). */
function serveIndex(dir: () => string): Connect.NextHandleFunction {
  return (req, res, next) => {
    if (!req.url?.split('?')[0]?.endsWith(`/${INDEX}`)) return next();
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('Cache-Control', 'no-store');
    res.end(JSON.stringify(scenarioIndex(dir())));
  };
}

/**
 * `scenarios/index.json`: a static host cannot list a folder, so the gallery and the simulation
 * panel read this list of the scenario files (the sim's code holds no list of its own). Computed per request in dev (`vite`) and preview (`vite preview`, from the
 * build's own folder, so a test can drop a file in), and written into the build.
 */
export function scenarioIndexPlugin(): Plugin {
  let publicDir = 'public';
  let outDir = 'dist';
  return {
    name: 'violetchat-scenario-index',
    configResolved(config) {
      publicDir = config.publicDir || resolve(config.root, 'public');
      outDir = resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use(serveIndex(() => join(publicDir, 'scenarios')));
    },
    configurePreviewServer(server) {
      server.middlewares.use(serveIndex(() => join(outDir, 'scenarios')));
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: INDEX, source: `${JSON.stringify(scenarioIndex(join(publicDir, 'scenarios')), null, 2)}\n` });
    },
  };
}
