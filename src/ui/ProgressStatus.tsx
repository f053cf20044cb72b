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
 * without taking focus), with a spinner beside it and, once it can count, a bar
 * under it for the eye. Its box is the same counted or not (one line, the bar's
 * room kept), so the rows it stands above never move when the count starts.
 */
export function ProgressStatus({ text, progress }: ProgressStatusProps) {
  return (
    <div className="progress-status" role="status" aria-live="polite">
      <span className="progress-status__line">
        <Spinner size={14} />
        <span className="progress-status__text">{progress ? text : `${text}…`}</span>
      </span>
      <span className={progress ? 'progress-status__track' : 'progress-status__track progress-status__track--uncounted'} aria-hidden="true">
        {progress && <span className="progress-status__bar" style={{ width: `${progressPercent(progress.done, progress.total)}%` }} />}
      </span>
    </div>
  );
}
