// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { countedProgress } from './format/progress';
import { ProgressStatus } from './ProgressStatus';
import { LoadingList, SkeletonRows } from './SkeletonRows';

describe('ProgressStatus', () => {
  it('says what is under way in a polite live region, with a spinner and the bar\'s room kept while it cannot count', () => {
    render(<ProgressStatus text="Syncing your conversations" />);
    const status = screen.getByRole('status');
    expect(status).toHaveAttribute('aria-live', 'polite');
    expect(status).toHaveTextContent('Syncing your conversations…');
    // The same box as counted (the bar's track, empty and unseen), so nothing moves when the count starts.
    expect(status.querySelector('.progress-status__track--uncounted')).not.toBeNull();
    expect(status.querySelector('.progress-status__bar')).toBeNull();
    expect(status.querySelector('svg')).toHaveAttribute('aria-hidden', 'true');
  });

  it('counts in words and draws a bar, updating the same region as the work moves on', () => {
    const view = render(<ProgressStatus text={countedProgress('syncing-conversations', 3, 20)} progress={{ done: 3, total: 20 }} />);
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent(/^Syncing 3 of 20 conversations$/);
    const bar = status.querySelector<HTMLElement>('.progress-status__bar')!;
    expect(bar.style.width).toBe('15%');
    expect(bar.closest('[aria-hidden="true"]')).not.toBeNull();

    view.rerender(<ProgressStatus text={countedProgress('syncing-conversations', 17, 20)} progress={{ done: 17, total: 20 }} />);
    // The same element: a live region announces changes to itself, not a new region's first text.
    expect(screen.getByRole('status')).toBe(status);
    expect(status).toHaveTextContent('Syncing 17 of 20 conversations');
    expect(bar.style.width).toBe('85%');
  });
});

describe('skeletons', () => {
  it('are shapes only: hidden from assistive technology, the status beside them says what is happening', () => {
    render(<LoadingList status={<ProgressStatus text="Building the scenario" />} rows={5} />);
    expect(screen.getAllByRole('status')).toHaveLength(1);
    const skeleton = document.querySelector('.skeleton')!;
    expect(skeleton).toHaveAttribute('aria-hidden', 'true');
    expect(skeleton.querySelectorAll('.skeleton__row')).toHaveLength(5);
  });

  it('draw message bubbles on both sides, the same on every render', () => {
    const first = render(<SkeletonRows kind="messages" count={6} />).container.innerHTML;
    const second = render(<SkeletonRows kind="messages" count={6} />).container.innerHTML;
    expect(second).toBe(first);
    expect(document.querySelectorAll('.skeleton__bubble-row--mine').length).toBeGreaterThan(0);
  });
});
