import type { ScenarioDefinition } from '../definition';
import { fileScenario } from './interpretFile';
import { type FileIssue, parseScenarioFile } from './checkFile';
import { fetchJsonFile } from './fetchJsonFile';
import { ScenarioFileError } from './scenarioFileError';

export { ScenarioFileError };

/** Fetches, checks and interprets a scenario file; a ScenarioFileError says what is wrong with it, and where. */
export async function loadScenarioFile(name: string, url: string): Promise<ScenarioDefinition> {
  return definitionFrom(name, url, await fetchJsonFile(url));
}

/** A parsed file as a scenario, or the problems zod and the reference check found. */
export function definitionFrom(name: string, url: string, json: unknown): ScenarioDefinition {
  const parsed = parseScenarioFile(json);
  if (!parsed.ok) throw new ScenarioFileError(url, 'The scenario file has mistakes.', parsed.issues satisfies FileIssue[], 'mistakes');
  return fileScenario(name, parsed.file);
}
