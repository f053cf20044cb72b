import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SimulationControls } from './controls';
import { ScenarioGallery } from './ScenarioGallery';
import { SimulationTools } from './SimulationTools';

// The gallery and the panel list the scenarios of the build's index (scenarios/index.json), in its order.

const INDEX = [
  { name: 'empty', title: 'empty', description: 'No conversations yet.' },
  { name: 'busy-team', title: 'busy-team', description: 'Many people.' },
  { name: 'example-launch-day', title: 'Launch day', description: 'A designer\'s file.' },
];

beforeAll(() => {
  vi.stubGlobal('fetch', async (url: string) => (url === 'scenarios/index.json' ? new Response(JSON.stringify(INDEX)) : new Response('', { status: 404 })));
});
afterAll(() => vi.unstubAllGlobals());

const controls = {
  getState: () => ({ latency: { meanMs: 0, jitterMs: 0 }, failureRate: 0, offline: false, online: true }),
  subscribe: () => () => {},
  teammates: async () => [],
} as unknown as SimulationControls;

describe('the scenario lists', () => {
  it('the gallery links every scenario of the index under its title, in order', async () => {
    render(<ScenarioGallery demoHref="/" />);
    await screen.findByRole('link', { name: 'Launch day' });
    const links = screen.getAllByRole('heading', { level: 2 }).map((h) => within(h).getByRole('link'));
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['empty', '?scenario=empty'],
      ['busy-team', '?scenario=busy-team'],
      ['Launch day', '?scenario=example-launch-day'],
    ]);
  });

  it('the panel lists them too, the one on screen marked and named by its title', async () => {
    render(<SimulationTools controls={controls} scenario="example-launch-day" />);
    await userEvent.click(screen.getByRole('button', { name: 'Simulation' }));
    const panel = screen.getByRole('dialog', { name: 'Simulation' });
    const current = await within(panel).findByRole('link', { name: 'Launch day' });
    expect(current).toHaveAttribute('aria-current', 'page');
    expect(within(panel).getByRole('link', { name: 'Restart the Launch day scenario' })).toHaveAttribute('href', '?scenario=example-launch-day');
    expect(within(panel).getByRole('link', { name: 'busy-team' })).not.toHaveAttribute('aria-current');
  });
});
