import { ScenarioFileError } from './scenarioFileError';

/**
 * A designer's file (a scenario or a demo) fetched and parsed as JSON; a ScenarioFileError says why not
 * (unreachable, missing, not JSON) for the overlay. What the JSON must hold is the caller's to check.
 */
export async function fetchJsonFile(url: string): Promise<unknown> {
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
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ScenarioFileError(url, 'The file is not valid JSON.', [{ path: '(the file)', message: (error as Error).message }], 'not-json');
  }
}
