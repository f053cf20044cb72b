import { describe, expect, it } from 'vitest';
import { simOptionsFromUrl } from './urlOptions';

describe('simOptionsFromUrl', () => {
  it.each([
    { search: '', expected: {} },
    { search: '?sim.latency=800&sim.jitter=200', expected: { latency: { meanMs: 800, jitterMs: 200 } } },
    { search: '?sim.failure=0.25&sim.offline=1&sim.seed=42', expected: { failureRate: 0.25, offline: true, seed: 42 } },
    { search: '?sim.teammates=off', expected: { teammates: false } },
    { search: '?sim.jitter=0', expected: { latency: { jitterMs: 0 } } },
    { search: '?sim.db=review-42', expected: { dbName: 'violetchat-sim-review-42' } },
  ])('$search', ({ search, expected }) => {
    expect(simOptionsFromUrl(search)).toEqual(expected);
  });

  it.each(['?sim.failure=2', '?sim.latency=-5', '?sim.latency=abc', '?scenario=offline', '?sim.db=../../etc', '?other=1'])('ignores %s', (search) => {
    expect(simOptionsFromUrl(search)).toEqual({});
  });
});
