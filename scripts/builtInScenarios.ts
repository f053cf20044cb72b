/**
 * The built-in scenarios (public/scenarios/NAME.json), in the order the gallery and the simulation
 * panel list them, before any other file of that folder. Only the order lives here, for the index
 * (scenarioIndexPlugin.ts) and the tests that visit every one: what each holds is its file.
 */
export const BUILT_IN_SCENARIOS = [
  'empty',
  'busy-team',
  'long-history',
  'offline',
  'flaky',
  'failed-send',
  'typing',
  'all-read',
  'long-content',
  'sign-in',
  'group-chat',
  'big-group',
  'channels',
  'replies-and-reactions',
  'edited-and-deleted',
] as const;

export type BuiltInScenario = (typeof BUILT_IN_SCENARIOS)[number];
