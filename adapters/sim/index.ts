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

export default createSimTransport;
