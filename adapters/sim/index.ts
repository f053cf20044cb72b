import { createSimTransport } from './simTransport';

export type { SimController, SimState, TeammateControls, TeammateView } from './controller';
export type { LatencySettings, NetworkSettings } from './simLink';
export type { SimBackend, SimOptions } from './simOptions';
export type { TeammateTiming } from './teammates';
export { createSimTransport, type SimTransport } from './simTransport';
export { DEMO_ACCOUNT, DEMO_TEAM } from './demoTeam';
export { ManualClock } from '../../src/backend/manualClock';
export { simOptionsFromUrl } from './urlOptions';
export { galleryFromUrl, scenarioFromUrl, SCENARIOS, startScenario, type RunningScenario, type ScenarioName } from './scenarios';

export default createSimTransport;
