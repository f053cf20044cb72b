import { createSimTransport } from './simTransport';

// The sim adapter's public face: what main.tsx loads in sim mode, and the types of its options and controller.
export type { SimController, SimState } from './controller';
export type { SimBackend, SimOptions } from './simOptions';
export { createSimTransport, type SimTransport } from './simTransport';
export {
  galleryFromUrl,
  ScenarioFileError,
  scenarioFileFromUrl,
  startScenario,
  startScenarioFile,
  startScenarioFromUrl,
  type BuildProgress,
  type RunningScenario,
} from './scenarios';

export type { DemoApp, DemoControls, DemoState, DemoStepView, RunningDemo } from './demos/startDemo';
export { demoFileFromUrl, demoRestartSearch } from './demos/demoUrl';

/** `?demo=NAME`: a scripted demo (public/demos/NAME.json) over its scenario. Its machinery is a chunk of its own, loaded only then. */
export async function startDemoFromUrl(...args: Parameters<typeof import('./demos/startDemo').startDemoFromUrl>) {
  return (await import('./demos/startDemo')).startDemoFromUrl(...args);
}

export default createSimTransport;
