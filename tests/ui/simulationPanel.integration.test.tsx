// @vitest-environment jsdom
/**
 * The simulation panel over a real SimController (a scenario's simulated
 * backend on fake-indexeddb): found by role and name, each control moves the
 * controller, and what the controller says shows in the panel.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type RunningScenario, startScenario } from '../../adapters/sim/scenarios';
import { SimulationPanel } from '../../src/features/simulation';
import { serveScenarioFiles } from '../support/scenarioFiles';

const wait = { timeout: 5000 };
const scenarios = [
  { name: 'empty', description: 'No conversations', href: '?scenario=empty' },
  { name: 'typing', description: 'Maya types', href: '?scenario=typing' },
];

let scenario: RunningScenario;
beforeEach(async () => {
  serveScenarioFiles();
  scenario = await startScenario('typing', { latency: { meanMs: 0, jitterMs: 0 }, followBrowser: false, locks: null });
  await scenario.transport.resume(scenario.session!);
});
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await scenario.transport.sim.dispose();
});

function renderPanel(currentScenario: { name: string; href: string } | null = null) {
  render(<SimulationPanel controls={scenario.transport.sim} scenarios={scenarios} galleryHref="?scenarios" currentScenario={currentScenario} />);
}

async function openPanel() {
  await userEvent.click(screen.getByRole('button', { name: 'Simulation' }));
  return screen.getByRole('dialog', { name: 'Simulation' });
}

describe('SimulationPanel', () => {
  it('opens from its button or Alt+Shift+S, focuses its heading, and gives focus back when closed', async () => {
    renderPanel();
    const trigger = screen.getByRole('button', { name: 'Simulation' });
    expect(trigger).toHaveAttribute('aria-expanded', 'false');
    expect(trigger).toHaveAttribute('aria-keyshortcuts', 'Alt+Shift+S');
    await userEvent.keyboard('{Alt>}{Shift>}S{/Shift}{/Alt}');
    const panel = screen.getByRole('dialog', { name: 'Simulation' });
    expect(within(panel).getByRole('heading', { name: 'Simulation' })).toHaveFocus();
    expect(trigger).toHaveAttribute('aria-expanded', 'true');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(trigger).toHaveFocus());
    await openPanel();
    await userEvent.click(screen.getByRole('button', { name: 'Close simulation panel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('the offline switch and the network sliders set the controller and show its state', async () => {
    renderPanel();
    const panel = await openPanel();
    const offline = within(panel).getByRole('switch', { name: 'Offline' });
    expect(offline).not.toBeChecked();
    await userEvent.click(offline);
    expect(scenario.transport.sim.getState().offline).toBe(true);
    expect(offline).toBeChecked();
    expect(within(panel).getByText('The simulated network is down.')).toBeInTheDocument();

    // A change made elsewhere (another control, code) shows too.
    scenario.transport.sim.setOffline(false);
    await waitFor(() => expect(offline).not.toBeChecked());

    fireEvent.change(within(panel).getByRole('slider', { name: 'Latency' }), { target: { value: '2000' } });
    fireEvent.change(within(panel).getByRole('slider', { name: 'Jitter' }), { target: { value: '500' } });
    fireEvent.change(within(panel).getByRole('slider', { name: 'Failure rate' }), { target: { value: '40' } });
    expect(scenario.transport.sim.getState()).toMatchObject({ latency: { meanMs: 2000, jitterMs: 500 }, failureRate: 0.4 });
    expect(within(panel).getByRole('slider', { name: 'Failure rate' })).toHaveAttribute('aria-valuetext', '40% of requests lost');
    expect(within(panel).getByText('2000 ms')).toBeInTheDocument();
  });

  it('drives a teammate: Maya replies to the signed-in person, then goes offline', async () => {
    renderPanel();
    const panel = await openPanel();
    const who = within(panel).getByRole('combobox', { name: 'Teammate' });
    await waitFor(() => expect(within(who).getByRole('option', { name: 'Maya Chen (online)' })).toBeInTheDocument(), wait);
    await userEvent.selectOptions(who, 'maya');
    const before = (await scenario.transport.conversations()).find((c) => c.id === scenario.build.open)!.lastMessage!.seq;
    await userEvent.click(within(panel).getByRole('button', { name: 'Reply' }));
    await within(panel).findByText('Maya Chen replied.', undefined, wait);
    const after = (await scenario.transport.conversations()).find((c) => c.id === scenario.build.open)!.lastMessage!;
    expect(after.seq).toBe(before + 1);
    expect(after.senderId).not.toBe(scenario.session!.user.id);

    await userEvent.click(within(panel).getByRole('button', { name: 'Go offline' }));
    await within(panel).findByText('Maya Chen went offline.', undefined, wait);
    expect((await scenario.transport.sim.teammates()).find((t) => t.username === 'maya')?.presence).toBe('offline');
    await within(panel).findByRole('button', { name: 'Come online' }, wait);
  });

  it('links every scenario and the gallery; in a scenario, Reset restarts it', async () => {
    renderPanel({ name: 'typing', href: '?scenario=typing' });
    const panel = await openPanel();
    expect(within(panel).getByRole('link', { name: 'typing' })).toHaveAttribute('aria-current', 'page');
    expect(within(panel).getByRole('link', { name: 'empty' })).toHaveAttribute('href', '?scenario=empty');
    expect(within(panel).getByRole('link', { name: 'All scenarios, described' })).toHaveAttribute('href', '?scenarios');
    expect(within(panel).getByRole('link', { name: 'Restart the typing scenario' })).toHaveAttribute('href', '?scenario=typing');
    expect(within(panel).queryByRole('button', { name: 'Reset demo data' })).toBeNull();
  });
});
