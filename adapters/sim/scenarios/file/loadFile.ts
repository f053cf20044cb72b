import type { ScenarioDefinition } from '../definition';
import { fileScenario } from './interpretFile';
import { type FileIssue, parseScenarioFile } from './checkFile';
import { ScenarioFileError } from './scenarioFileError';

export { ScenarioFileError };

/** Fetches, checks and interprets a scenario file; a ScenarioFileError says what is wrong with it, and where. */
export async function loadScenarioFile(name: string, url: string): Promise<ScenarioDefinition> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    throw new ScenarioFileError(url, 'The file could not be fetched.', [], 'unreachable');
  }
  if (!response.ok) throw new ScenarioFileError(url, `There is no such file (HTTP ${response.status}).`, [], 'missing');
  // A single-page host (vite preview, most static hosts) answers a missing file with the app's own page.
  if (response.headers.get('Content-Type')?.includes('text/html')) throw new ScenarioFileError(url, 'There is no such file (the server sent a web page).', [], 'missing');
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ScenarioFileError(url, 'The file is not valid JSON.', [{ path: '(the file)', message: (error as Error).message }], 'not-json');
  }
  return definitionFrom(name, url, json);
}

/** A parsed file as a scenario, or the problems zod and the reference check found. */
export function definitionFrom(name: string, url: string, json: unknown): ScenarioDefinition {
  const parsed = parseScenarioFile(json);
  if (!parsed.ok) throw new ScenarioFileError(url, 'The scenario file has mistakes.', parsed.issues satisfies FileIssue[], 'mistakes');
  return fileScenario(name, parsed.file);
}
