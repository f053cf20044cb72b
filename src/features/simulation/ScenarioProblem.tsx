import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useEffect } from 'react';
import './simulation.css';

export interface ScenarioProblemProps {
  problem: {
    /** The file's URL, as the page asked for it. */
    url: string;
    /** What is wrong, in an English sentence (for the console); `reason` says it in the reader's language. */
    summary: string;
    /** What kind of wrong: no answer, no such file, not JSON, mistakes in it. Without one, `summary` is shown. */
    reason?: 'unreachable' | 'missing' | 'not-json' | 'mistakes';
    /**
     * Each mistake: where (`conversations[1].messages[3].from`) and what was expected there. The
     * expectations come from the file format's schema and stay English: they describe the JSON a
     * designer writes, whose field names and values are English too.
     */
    issues: readonly { path: string; message: string }[];
  };
  /** A scenario file, or a scripted demo's file (`?demo=NAME`). */
  kind?: 'scenario' | 'demo';
  galleryHref?: string;
  schemaHref?: string;
}

/** What is wrong with the file, in a sentence in the reader's language. */
function summaryText({ reason, summary }: ScenarioProblemProps['problem'], kind: 'scenario' | 'demo'): string {
  switch (reason) {
    case 'unreachable':
      return t`The file could not be fetched.`;
    case 'missing':
      return t`There is no such file.`;
    case 'not-json':
      return t`The file is not valid JSON.`;
    case 'mistakes':
      return kind === 'demo' ? t`The demo file has mistakes.` : t`The scenario file has mistakes.`;
    default:
      return summary;
  }
}

/** A scenario or demo file that cannot be opened: what is wrong with it and where, instead of a blank page. */
export function ScenarioProblem({ problem, kind = 'scenario', galleryHref = '?scenarios', schemaHref }: ScenarioProblemProps) {
  const { url, issues } = problem;
  // For tests and screenshot tools: the page is settled, on this problem (as data-scenario-ready marks a scenario that opened).
  useEffect(() => {
    document.documentElement.dataset.scenarioError = url;
  }, [url]);
  const schema = schemaHref ?? (kind === 'demo' ? 'demos/demo.schema.json' : 'scenarios/scenario.schema.json');
  return (
    <main className="scenario-gallery scenario-problem" role="alert">
      <h1>
        {kind === 'demo' ? (
          <Trans>
            The demo <code dir="ltr">{url}</code> cannot be opened
          </Trans>
        ) : (
          <Trans>
            The scenario <code dir="ltr">{url}</code> cannot be opened
          </Trans>
        )}
      </h1>
      <p>{summaryText(problem, kind)}</p>
      {issues.length > 0 && (
        <ul className="scenario-problem__issues">
          {issues.map(({ path, message: expected }, i) => (
            <li key={i}>
              <Trans>
                <code dir="ltr">{path}</code>: expected {expected}
              </Trans>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={galleryHref}>{t`All scenarios`}</a> · <a href={schema}>{kind === 'demo' ? t`The demo file format (JSON Schema)` : t`The scenario file format (JSON Schema)`}</a>
      </p>
    </main>
  );
}
