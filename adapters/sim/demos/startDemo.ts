import type { Session } from '../../../src/transport';
import { createRandom } from '../random';
import { fetchJsonFile } from '../scenarios/file/fetchJsonFile';
import { ScenarioFileError } from '../scenarios/file/scenarioFileError';
import { seededIds } from '../scenarios/seededIds';
import { type RunningScenario, type ScenarioStartOptions, startScenarioFromUrl } from '../scenarios';
import { DemoActor, type DemoApp, type DemoStepView, checkCast, readCast, stepViews } from './demoActor';
import { atMs, type DemoFile, parseDemoFile } from './demoFile';
import { DemoPlayer, type DemoPlayerState } from './demoPlayer';
import { type TimelineClock, timelineClock } from './timelineClock';
import { demoFileFromUrl } from './demoUrl';

export type { DemoApp, DemoStepView };

/** Fetches and checks a demo file; a ScenarioFileError says what is wrong with it, and where, for the overlay. */
export async function loadDemoFile(url: string): Promise<DemoFile> {
  const parsed = parseDemoFile(await fetchJsonFile(url));
  if (!parsed.ok) throw new ScenarioFileError(url, 'The demo file has mistakes.', parsed.issues, 'mistakes');
  return parsed.file;
}

/** How long "typing" lasts without a stop in a demo: until the person sends (or a step stops it), so a step's screen does not change while it is looked at. */
const DEMO_TYPING_LASTS_MS = 24 * 60 * 60_000;

/** What the demo controls drive: the player's state with the next step in words, and its commands. */
export interface DemoControls {
  readonly title: string;
  getState(): DemoState;
  subscribe(listener: (state: DemoState) => void): () => void;
  toggle(): void;
  step(): Promise<void>;
  restart(): void;
}

export interface DemoState extends DemoPlayerState {
  /** The step to come, in words' parts; null after the last. */
  next: DemoStepView | null;
}

export interface RunningDemo {
  name: string;
  url: string;
  file: DemoFile;
  /** Its scenario, built afresh on the demo's timeline. */
  scenario: RunningScenario & { session: Session };
  clock: TimelineClock;
  /** How long "typing" lasts in the app too (see DEMO_TYPING_LASTS_MS). */
  typingLastsMs: number;
  /**
   * The player over the app: `settle` resolves once the app has caught up and painted after a step
   * (and stops waiting when its signal aborts), `restart` reloads the demo afresh (`playing`: it was
   * playing when Restart was pressed).
   */
  controls(app: DemoApp, settle: (signal: AbortSignal) => Promise<void>, restart: (options: { playing: boolean }) => void): DemoControls;
}

/**
 * Opens the demo `?demo=` names: its file checked, its scenario built on a timeline clock that
 * stands still until the demo plays, and what its steps name checked against the scenario. A
 * ScenarioFileError (for the overlay) names the demo file and the field when something is wrong.
 */
/** The seed of a demo's ids (any fixed number: a demo runs in one tab on its own database). */
const DEMO_ID_SEED = 0x5eed1d5;

export async function startDemoFromUrl(search: string, options: ScenarioStartOptions = {}): Promise<RunningDemo> {
  const { name, url } = demoFileFromUrl(search)!;
  const file = await loadDemoFile(url);
  const timeline: { clock?: TimelineClock } = {};
  const scenario = await startScenarioFromUrl(`?scenario=${encodeURIComponent(file.scenario)}`, {
    // Its own database: a demo and the scenario it starts from may be open in two tabs.
    dbName: `violetchat-demo-${name}`,
    typingTtlMs: DEMO_TYPING_LASTS_MS,
    // What a step creates (a group) gets the same id, so the same avatar colour, on every run.
    newId: seededIds(createRandom(DEMO_ID_SEED)),
    ...options,
    clockFrom: (instant) => (timeline.clock = timelineClock(instant)),
  });
  const session = scenario.session;
  const cast = session && (await readCast(scenario.backend, session.user));
  const issues = cast ? checkCast(file, cast) : [{ path: 'scenario', message: `a scenario that starts signed in; "${file.scenario}" starts at the sign-in form` }];
  if (!cast || issues.length > 0) {
    await scenario.transport.sim.dispose();
    throw new ScenarioFileError(url, 'The demo file has mistakes.', issues, 'mistakes');
  }
  const views = stepViews(file, cast);
  const clock = timeline.clock!;
  return {
    name,
    url,
    file,
    scenario: { ...scenario, session: session! },
    clock,
    typingLastsMs: DEMO_TYPING_LASTS_MS,
    controls(app, settle, restart) {
      const actor = new DemoActor(scenario.backend, scenario.transport.sim, cast, app);
      const player = new DemoPlayer({
        steps: file.steps,
        timeOf: (step) => atMs(step.at),
        timeline: clock,
        timers: clock,
        execute: (step) => actor.execute(step),
        settle,
        restart,
      });
      const withNext = (state: DemoPlayerState): DemoState => ({ ...state, next: views[state.done] ?? null });
      let snapshot = withNext(player.getState());
      const listeners = new Set<(state: DemoState) => void>();
      player.subscribe((state) => {
        snapshot = withNext(state);
        for (const listener of [...listeners]) listener(snapshot);
      });
      return {
        title: file.title,
        getState: () => snapshot,
        subscribe: (listener) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
        toggle: () => player.toggle(),
        step: () => player.step(),
        restart: () => player.restart(),
      };
    },
  };
}

