import { useEffect } from 'react';
import './simulation.css';

export interface ScenarioProblemProps {
  problem: {
    /** The file's URL, as the page asked for it. */
    url: string;
    /** What is wrong, in a sentence: no such file, not JSON, mistakes. */
    summary: string;
    /** Each mistake: where (`conversations[1].messages[3].from`) and what was expected there. */
    issues: readonly { path: string; message: string }[];
  };
  galleryHref?: string;
  schemaHref?: string;
}

/** A scenario file that cannot be opened: what is wrong with it and where, instead of a blank page. */
export function ScenarioProblem({ problem: { url, summary, issues }, galleryHref = '?scenarios', schemaHref = 'scenarios/scenario.schema.json' }: ScenarioProblemProps) {
  // For tests and screenshot tools: the page is settled, on this problem (as data-scenario-ready marks a scenario that opened).
  useEffect(() => {
    document.documentElement.dataset.scenarioError = url;
  }, [url]);
  return (
    <main className="scenario-gallery scenario-problem" role="alert">
      <h1>
        The scenario <code>{url}</code> cannot be opened
      </h1>
      <p>{summary}</p>
      {issues.length > 0 && (
        <ul className="scenario-problem__issues">
          {issues.map((issue, i) => (
            <li key={i}>
              <code>{issue.path}</code>: expected {issue.message}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={galleryHref}>All scenarios</a> · <a href={schemaHref}>The scenario file format (JSON Schema)</a>
      </p>
    </main>
  );
}
