import DESCRIPTIONS from './scenarioList.json';

/**
 * The designer scenarios by name (scenarioList.json, in the order the gallery
 * lists them), each with its line for the gallery and the simulation panel:
 * all a normal demo visit needs of them. What each one builds (catalog.ts,
 * and the content and helpers it uses) loads only when a scenario is opened.
 */
export type ScenarioName = keyof typeof DESCRIPTIONS;

export const SCENARIO_NAMES = Object.keys(DESCRIPTIONS) as readonly ScenarioName[];

export const SCENARIO_LIST: readonly { name: ScenarioName; description: string }[] = SCENARIO_NAMES.map((name) => ({ name, description: DESCRIPTIONS[name] }));

export function isScenarioName(value: string | null): value is ScenarioName {
  return value !== null && Object.hasOwn(DESCRIPTIONS, value);
}
