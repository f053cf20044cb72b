/** What kind of wrong, for the overlay to say in the reader's language (`summary` is the English sentence, for the console). */
export type ScenarioFileReason = 'unreachable' | 'missing' | 'not-json' | 'mistakes';

/** What is wrong with a scenario (or demo) file: the overlay names the file, and each issue's path and what was expected. */
export class ScenarioFileError extends Error {
  constructor(
    readonly url: string,
    readonly summary: string,
    readonly issues: readonly { path: string; message: string }[],
    readonly reason?: ScenarioFileReason,
  ) {
    super(`${url}: ${summary}${issues.map((i) => `\n  ${i.path}: ${i.message}`).join('')}`);
    this.name = 'ScenarioFileError';
  }
}
