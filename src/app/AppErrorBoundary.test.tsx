// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppErrorBoundary } from './AppErrorBoundary';

/** A screen that throws while rendering until told to work; it counts how often it was set up afresh. */
function makeScreen() {
  const state = { broken: true, mounts: 0 };
  function Counted() {
    const [mount] = useState(() => ++state.mounts);
    if (state.broken) throw new Error('conversation 42 has no members');
    return <p>The conversation, mount {mount}</p>;
  }
  return { state, Counted };
}

describe('AppErrorBoundary', () => {
  beforeEach(() => {
    // React and the boundary both report the caught error; keep the test output to what is asserted.
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => vi.restoreAllMocks());

  it('shows what happened instead of a blank page, announced, with focus on its heading', () => {
    const { Counted } = makeScreen();
    render(
      <AppErrorBoundary>
        <Counted />
      </AppErrorBoundary>,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Something went wrong');
    expect(alert).toHaveTextContent('Try again, or reload the page');
    expect(screen.getByRole('heading', { level: 1, name: 'Something went wrong' })).toHaveFocus();
    expect(screen.getByText('conversation 42 has no members')).toBeInTheDocument();
    expect(console.error).toHaveBeenCalledWith('[violetchat] a screen failed to render', expect.any(Error), expect.any(String));
  });

  it('"Try again" mounts the tree afresh, which shows the screen once it renders', async () => {
    const { state, Counted } = makeScreen();
    render(
      <AppErrorBoundary>
        <Counted />
      </AppErrorBoundary>,
    );
    const failedMounts = state.mounts;
    state.broken = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByText(`The conversation, mount ${failedMounts + 1}`)).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('"Try again" on a screen that still throws shows the error again', async () => {
    const { Counted } = makeScreen();
    render(
      <AppErrorBoundary>
        <Counted />
      </AppErrorBoundary>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Something went wrong');
  });

  it('"Reload" loads the page again', async () => {
    const reload = vi.fn();
    const { Counted } = makeScreen();
    render(
      <AppErrorBoundary reload={reload}>
        <Counted />
      </AppErrorBoundary>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('renders its children untouched while nothing throws', () => {
    const { state, Counted } = makeScreen();
    state.broken = false;
    render(
      <AppErrorBoundary>
        <Counted />
      </AppErrorBoundary>,
    );
    expect(screen.getByText('The conversation, mount 1')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
