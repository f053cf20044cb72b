import type { Clock } from '../../../src/backend/clock';
import type { Session } from '../../../src/transport';
import type { SimBackend, SimOptions } from '../simOptions';
import { createSimTransport, type SimTransport } from '../simTransport';
import { createRandom, mulberry32 } from '../random';
import { clearSimData } from '../seed';
import type { ScenarioBuild, ScenarioDefinition, ScenarioPlay } from './definition';
import { refuseSends } from './refusedSends';
import { clockStartingAt } from './scenarioClock';
import type { BuildProgress } from './scenarioWriter';

export type { ScenarioDefinition } from './definition';
export { ScenarioFileError } from './file/scenarioFileError';
export type { BuildProgress } from './scenarioWriter';

// Every scenario is a file (public/scenarios/NAME.json), the built-in ones and a designer's alike:
// the sim's code holds none of them, nor their list (the gallery reads scenarios/index.json).

/** `?scenarios` opens the gallery of every scenario. */
export function galleryFromUrl(search: string): boolean {
  return new URLSearchParams(search).has('scenarios');
}

/** The scenario's database: its own, so it never touches the normal demo data. */
export function scenarioDbName(name: string): string {
  return `violetchat-scenario-${name}`;
}

/** A stable seed per scenario name (FNV-1a), so each scenario has its own ids and dice. */
function scenarioSeed(name: string): number {
  let hash = 0x811c9dc5;
  for (const char of name) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return hash;
}

export interface RunningScenario {
  definition: ScenarioDefinition;
  transport: SimTransport;
  /** The simulated server's parts, for a scripted demo to act as the scenario's people (demos/demoActor.ts). */
  backend: SimBackend;
  build: ScenarioBuild;
  session: Session | null;
  /** The scenario's time, for the app's clock. */
  now: () => number;
  /** A seeded source for the app's own dice (retry backoff). */
  random: () => number;
  /** How far the server is (its latest change number, its number of accounts), for the app to know when it has caught up. */
  serverState(): Promise<{ rev: number; users: number }>;
  /** What the scenario does once the app runs signed in. */
  play(app: Omit<ScenarioPlay, 'build' | 'sim'>): Promise<void>;
}

/**
 * Builds a scenario afresh on its own sim database (emptied first, so each
 * load starts from the same state) and returns the transport over it, with
 * the session to start signed in as. The team stays still: no random
 * activity, so a screenshot is the same every time.
 */
export interface ScenarioStartOptions extends Omit<SimOptions, 'prepare'> {
  /** How far a long build is, as it goes: the page shows it rather than staying blank. */
  onProgress?: (progress: BuildProgress) => void;
  /** The scenario's clock from its instant: by default it runs from there at real speed; a scripted demo's runs on its timeline. */
  clockFrom?: (instant: number) => Clock;
}

/** The scenario of `public/scenarios/NAME.json`, by name (a built-in's, or any file's in that folder). */
export function startScenario(name: string, startOptions: ScenarioStartOptions = {}): Promise<RunningScenario> {
  return startScenarioFile({ name, url: `scenarios/${name}.json` }, startOptions);
}

/**
 * `?scenario=X`: the file `scenarios/X.json`, or X itself when it has a `/` or ends in `.json`.
 * Null without `?scenario=`.
 */
export function scenarioFileFromUrl(search: string): { name: string; url: string } | null {
  const value = new URLSearchParams(search).get('scenario');
  if (!value) return null;
  return { name: value, url: value.includes('/') || value.endsWith('.json') ? value : `scenarios/${value}.json` };
}

/** The scenario `?scenario=` names (a ScenarioFileError when it cannot be opened). */
export async function startScenarioFromUrl(search: string, startOptions: ScenarioStartOptions = {}): Promise<RunningScenario> {
  const file = scenarioFileFromUrl(search);
  if (!file) throw new Error('No ?scenario= in the URL.');
  return startScenarioFile(file, startOptions);
}

/**
 * Opens a scenario file: fetched, checked (a ScenarioFileError names what is wrong,
 * for the overlay), and built. Its machinery (zod, the interpreter) is a chunk of its own.
 */
export async function startScenarioFile(file: { name: string; url: string }, startOptions: ScenarioStartOptions = {}): Promise<RunningScenario> {
  const { loadScenarioFile } = await import('./file/loadFile');
  return startDefinition(await loadScenarioFile(file.name, file.url), startOptions);
}

async function startDefinition(definition: ScenarioDefinition, startOptions: ScenarioStartOptions): Promise<RunningScenario> {
  const { onProgress, clockFrom = clockStartingAt, ...options } = startOptions;
  const { ScenarioWriter } = await import('./scenarioWriter');
  const name = definition.name;
  const seed = definition.seed ?? scenarioSeed(name);
  const instant = Date.parse(definition.startsAt);
  const clock = clockFrom(instant);
  let build: ScenarioBuild | null = null;
  let simBackend: SimBackend | null = null;
  let serverState = async () => ({ rev: 0, users: 0 });
  const transport = await createSimTransport({
    dbName: scenarioDbName(name),
    seedDemo: false,
    teammates: false,
    seed,
    clock,
    ...definition.network,
    typingTtlMs: definition.typingLastsMs,
    ...options,
    prepare: async (backend) => {
      simBackend = backend;
      await clearSimData(backend.db);
      serverState = async () => ({ rev: await backend.store.currentRev(), users: (await backend.store.listUsers()).length });
      build = await definition.build(new ScenarioWriter(backend, createRandom(seed), instant, onProgress));
    },
  });
  if (!build) throw new Error(`The scenario "${name}" was not built.`);
  const built: ScenarioBuild = build;
  if (definition.refusedSends) refuseSends(transport, definition.refusedSends);
  return {
    definition,
    transport,
    backend: simBackend!,
    build: built,
    session: built.session,
    now: () => clock.now(),
    random: mulberry32(seed + 2),
    serverState: () => serverState(),
    play: async (app) => definition.play?.({ ...app, build: built, sim: transport.sim }),
  };
}

