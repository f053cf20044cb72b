import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { activateLocale } from '../../ui/i18n/i18n';
import type { DemoState, DemoStepView, SimulationControls, SimulationDemo } from './controls';
import { describeStep } from './DemoControls';
import { SimulationPanel } from './SimulationPanel';

const controls: SimulationControls = {
  getState: () => ({ latency: { meanMs: 80, jitterMs: 20 }, failureRate: 0, offline: false, online: true }),
  subscribe: () => () => undefined,
  setLatency: () => undefined,
  setFailureRate: () => undefined,
  setOffline: () => undefined,
  teammates: async () => [],
  teammate: () => {
    throw new Error('no teammates here');
  },
  resetDemoData: async () => undefined,
  exportScenario: async () => ({ fileName: 'scenario.json', text: '{}' }),
};

const STEPS: DemoStepView[] = [
  { do: 'send', who: 'Maya Chen', in: 'Maya Chen', body: 'Welcome!', reply: false },
  { do: 'network', offline: true },
];

/** A demo whose state the test moves, its commands recorded. */
function fakeDemo(initial: Partial<DemoState> = {}) {
  let state: DemoState = { done: 0, total: 2, playing: false, busy: false, next: STEPS[0]!, failure: null, ...initial };
  const listeners = new Set<(state: DemoState) => void>();
  const demo: SimulationDemo & { set(change: Partial<DemoState>): void } = {
    title: 'First day',
    getState: () => state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    toggle: vi.fn(),
    step: vi.fn(),
    restart: vi.fn(),
    set(change) {
      state = { ...state, ...change };
      act(() => listeners.forEach((l) => l(state)));
    },
  };
  return demo;
}

afterEach(async () => {
  await activateLocale('en', null);
});

describe('the Demo section of the simulation panel', () => {
  it('says how far the demo is and what comes next, and its buttons drive it', async () => {
    const demo = fakeDemo();
    render(<SimulationPanel controls={controls} scenarios={[]} galleryHref="?scenarios" demo={demo} defaultOpen />);
    const section = screen.getByRole('region', { name: 'Demo' });
    expect(section).toHaveAttribute('data-demo-step', '0');
    expect(within(section).getByText('First day')).toBeInTheDocument();
    expect(within(section).getByText('Step 0 of 2')).toBeInTheDocument();
    expect(within(section).getByText('Next: Maya Chen sends “Welcome!” in Maya Chen')).toBeInTheDocument();

    await userEvent.click(within(section).getByRole('button', { name: 'Play' }));
    expect(demo.toggle).toHaveBeenCalledOnce();
    demo.set({ playing: true });
    expect(within(section).getByRole('button', { name: 'Pause' })).toHaveAttribute('aria-keyshortcuts', 'Alt+Shift+P');
    await userEvent.click(within(section).getByRole('button', { name: 'Step' }));
    expect(demo.step).toHaveBeenCalledOnce();
    await userEvent.click(within(section).getByRole('button', { name: 'Restart' }));
    expect(demo.restart).toHaveBeenCalledOnce();

    demo.set({ done: 1, busy: true, playing: false, next: STEPS[1]! });
    expect(within(section).getByRole('button', { name: 'Step' })).toHaveAttribute('aria-disabled', 'true');
    demo.set({ busy: false, playing: false, failure: { step: 0, kind: 'failed', error: { code: 'FORBIDDEN', message: 'Only members can send here.' } } });
    expect(section).toHaveAttribute('data-demo-step', '1');
    expect(within(section).getByText('Next: The network drops')).toBeInTheDocument();
    expect(within(section).getByText('Step 1 could not be done: Only members can send here.')).toBeInTheDocument();

    demo.set({ done: 2, next: null, failure: null });
    expect(within(section).getByText('The demo is over.')).toBeInTheDocument();
    expect(within(section).getByRole('button', { name: 'Play' })).toHaveAttribute('aria-disabled', 'true');
    expect(within(section).getByRole('button', { name: 'Step' })).toHaveAttribute('aria-disabled', 'true');
  });

  it('Step and Play stay focusable while they cannot act (aria-disabled): focus stays under the keyboard, and a press does nothing', async () => {
    const demo = fakeDemo();
    render(<SimulationPanel controls={controls} scenarios={[]} galleryHref="?scenarios" demo={demo} defaultOpen />);
    const section = screen.getByRole('region', { name: 'Demo' });
    const step = within(section).getByRole('button', { name: 'Step' });
    step.focus();
    await userEvent.keyboard('{Enter}');
    expect(demo.step).toHaveBeenCalledOnce();
    // The step is under way: Step cannot act, and is still where the keyboard is.
    demo.set({ busy: true });
    expect(step).not.toBeDisabled();
    expect(step).toHaveAttribute('aria-disabled', 'true');
    expect(step).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await userEvent.click(step);
    expect(demo.step).toHaveBeenCalledOnce();
    // While playing, Step can act with a step under way (it pauses, then steps).
    demo.set({ playing: true });
    expect(step).not.toHaveAttribute('aria-disabled');
    await userEvent.keyboard('{Enter}');
    expect(demo.step).toHaveBeenCalledTimes(2);

    // At the end, Play cannot act either; focus stays on it.
    demo.set({ done: 2, busy: false, playing: false, next: null });
    const play = within(section).getByRole('button', { name: 'Play' });
    play.focus();
    expect(play).not.toBeDisabled();
    expect(play).toHaveAttribute('aria-disabled', 'true');
    await userEvent.keyboard('{Enter}');
    expect(demo.toggle).not.toHaveBeenCalled();
    expect(play).toHaveFocus();
  });

  it('Alt+Shift+P, N and R play or pause, step and restart with the panel closed, by key position; what they did is said aloud', () => {
    const demo = fakeDemo();
    render(<SimulationPanel controls={controls} scenarios={[]} galleryHref="?scenarios" demo={demo} />);
    expect(screen.queryByRole('dialog')).toBeNull();
    // Alt+Shift on a Mac types other characters: the key's position counts, not its character.
    fireEvent.keyDown(window, { code: 'KeyP', key: '∏', altKey: true, shiftKey: true });
    fireEvent.keyDown(window, { code: 'KeyN', key: '˜', altKey: true, shiftKey: true });
    fireEvent.keyDown(window, { code: 'KeyR', key: '‰', altKey: true, shiftKey: true });
    fireEvent.keyDown(window, { code: 'KeyP', key: 'p', altKey: true, shiftKey: true, ctrlKey: true });
    fireEvent.keyDown(window, { code: 'KeyP', key: 'P', shiftKey: true });
    expect(demo.toggle).toHaveBeenCalledOnce();
    expect(demo.step).toHaveBeenCalledOnce();
    expect(demo.restart).toHaveBeenCalledOnce();
    const announced = screen.getByRole('status');
    expect(announced).toHaveTextContent('Step 0 of 2 Paused');
    demo.set({ playing: true, busy: true });
    expect(announced).toHaveTextContent('');
    demo.set({ done: 1, busy: false });
    expect(announced).toHaveTextContent('Step 1 of 2 Playing');
  });

  it('the keys do nothing when held (key repeat), while composing, or while focus is where they type a character', () => {
    const demo = fakeDemo();
    render(
      <>
        <textarea aria-label="Message" />
        <input aria-label="Search" type="search" />
        <div aria-label="Note" contentEditable suppressContentEditableWarning tabIndex={0}>
          <span>text</span>
        </div>
        <input aria-label="Mute" type="checkbox" />
        <SimulationPanel controls={controls} scenarios={[]} galleryHref="?scenarios" demo={demo} />
      </>,
    );
    const keys = { code: 'KeyN', key: '˜', altKey: true, shiftKey: true };
    // Held down: the first press steps, the repeats do not.
    fireEvent.keyDown(window, keys);
    fireEvent.keyDown(window, { ...keys, repeat: true });
    fireEvent.keyDown(window, { ...keys, repeat: true });
    fireEvent.keyDown(window, { code: 'KeyR', key: '‰', altKey: true, shiftKey: true, repeat: true });
    // An input method composing a character.
    fireEvent.keyDown(window, { ...keys, isComposing: true });
    // On macOS Option+Shift+N types "˜" in the composer, a field or an editable element: that is typing, not a command.
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Message' }), keys);
    fireEvent.keyDown(screen.getByRole('searchbox', { name: 'Search' }), keys);
    fireEvent.keyDown(screen.getByText('text'), keys);
    expect(demo.step).toHaveBeenCalledOnce();
    expect(demo.restart).not.toHaveBeenCalled();
    // A checkbox types nothing: the key works there.
    fireEvent.keyDown(screen.getByRole('checkbox', { name: 'Mute' }), keys);
    expect(demo.step).toHaveBeenCalledTimes(2);
  });

  it('a step the demo stopped at is said aloud with the progress, not just "Paused"', () => {
    const demo = fakeDemo();
    render(<SimulationPanel controls={controls} scenarios={[]} galleryHref="?scenarios" demo={demo} />);
    const announced = screen.getByRole('status');
    demo.set({ done: 1, next: STEPS[1]!, failure: { step: 0, kind: 'failed', error: { code: 'FORBIDDEN', message: 'Only members can send here.' } } });
    expect(announced).toHaveTextContent('Step 1 of 2 Step 1 could not be done: Only members can send here. Paused');
    demo.set({ done: 2, next: null, failure: { step: 1, kind: 'unsettled', afterMs: 60_000 } });
    expect(announced).toHaveTextContent('Step 2 of 2 Step 2 has not settled: something in the app is still loading. The demo is over.');
  });

  it('speaks German with the German catalogue', async () => {
    await activateLocale('de', null);
    const demo = fakeDemo();
    render(<SimulationPanel controls={controls} scenarios={[]} galleryHref="?scenarios" demo={demo} defaultOpen />);
    const section = screen.getByRole('region', { name: 'Demo' });
    expect(within(section).getByRole('button', { name: 'Abspielen' })).toBeInTheDocument();
    expect(within(section).getByText('Schritt 0 von 2')).toBeInTheDocument();
    expect(describeStep({ do: 'network', offline: false })).toBe('Das Netzwerk ist wieder da');
    expect(screen.getByRole('dialog', { name: 'Simulation' })).toBeInTheDocument();
    expect(screen.getByRole('switch', { name: 'Offline' })).toBeInTheDocument();
    expect(screen.getByText('Mit dem simulierten Server verbunden.')).toBeInTheDocument();
  });
});

describe('a demo step in words', () => {
  it('names who does what where, "you" for the person signed in', () => {
    expect(
      (
        [
          { do: 'type', who: 'Maya Chen', in: 'Maya Chen', typing: true },
          { do: 'type', who: 'Maya Chen', in: 'Maya Chen', typing: false },
          { do: 'send', who: null, in: 'Leo Martins', body: 'On my way', reply: true },
          { do: 'react', who: 'Leo Martins', emoji: '🎉', on: true, to: 'On my way' },
          { do: 'react', who: null, emoji: '🎉', on: false, to: 'Hi' },
          { do: 'read', who: 'Leo Martins', in: 'Design crew' },
          { do: 'createGroup', who: null, title: 'Launch' },
          { do: 'createGroup', who: 'Leo Martins', title: 'Launch' },
          { do: 'open', in: 'Launch' },
        ] satisfies DemoStepView[]
      ).map(describeStep),
    ).toEqual([
      'Maya Chen starts typing in Maya Chen',
      'Maya Chen stops typing in Maya Chen',
      'You reply “On my way” in Leo Martins',
      'Leo Martins reacts 🎉 to “On my way”',
      'You take back 🎉 from “Hi”',
      'Leo Martins reads Design crew',
      'You create the group Launch',
      'Leo Martins creates the group Launch',
      'Open Launch',
    ]);
  });
});
