/** What is wrong with a scenario file: the overlay names the file, and each issue's path and what was expected. */
export class ScenarioFileError extends Error {
  constructor(
    readonly url: string,
    readonly summary: string,
    readonly issues: readonly { path: string; message: string }[],
  ) {
    super(`${url}: ${summary}${issues.map((i) => `\n  ${i.path}: ${i.message}`).join('')}`);
    this.name = 'ScenarioFileError';
  }
}
