import { progressPercent } from './format/progress';
import { Spinner } from './Spinner';

export interface ProgressStatusProps {
  /** What is under way, as the person reads it: "Syncing 3 of 20 conversations". */
  text: string;
  /** Counted work draws a bar; without it, a spinner says it is under way. */
  progress?: { done: number; total: number } | null;
}

/**
 * Long work in progress, said once and kept up to date: a polite live region
 * whose text changes as the work moves on (screen readers read the changes
 * without taking focus), with a bar or spinner drawn beside it for the eye.
 */
export function ProgressStatus({ text, progress }: ProgressStatusProps) {
  return (
    <div className="progress-status" role="status" aria-live="polite">
      <span className="progress-status__line">
        {!progress && <Spinner size={14} />}
        <span>{progress ? text : `${text}…`}</span>
      </span>
      {progress && (
        <span className="progress-status__track" aria-hidden="true">
          <span className="progress-status__bar" style={{ width: `${progressPercent(progress.done, progress.total)}%` }} />
        </span>
      )}
    </div>
  );
}
