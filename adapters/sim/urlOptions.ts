import type { SimOptions } from './simOptions';

const number = (value: string | null, min: number, max: number): number | undefined => {
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= min && n <= max ? n : undefined;
};

const flag = (value: string | null): boolean | undefined => (value === null ? undefined : !['0', 'false', 'off', 'no'].includes(value.toLowerCase()));

/**
 * Sim knobs from a query string (`sim.latency`, `sim.jitter`, `sim.failure`,
 * `sim.offline`, `sim.seed`, `sim.teammates`, `sim.db`). Values out of range
 * are ignored, not guessed at. Whole states by name are scenarios
 * (`?scenario=NAME`, see scenarios/).
 */
export function simOptionsFromUrl(search: string): SimOptions {
  const params = new URLSearchParams(search);
  const options: SimOptions = {};
  const meanMs = number(params.get('sim.latency'), 0, 60_000);
  const jitterMs = number(params.get('sim.jitter'), 0, 60_000);
  if (meanMs !== undefined || jitterMs !== undefined) {
    options.latency = { ...options.latency, ...(meanMs !== undefined && { meanMs }), ...(jitterMs !== undefined && { jitterMs }) };
  }
  const failureRate = number(params.get('sim.failure'), 0, 1);
  if (failureRate !== undefined) options.failureRate = failureRate;
  const offline = flag(params.get('sim.offline'));
  if (offline !== undefined) options.offline = offline;
  const seed = number(params.get('sim.seed'), 0, 2 ** 32 - 1);
  if (seed !== undefined) options.seed = Math.floor(seed);
  const teammates = flag(params.get('sim.teammates'));
  if (teammates !== undefined) options.teammates = teammates;
  const db = params.get('sim.db');
  if (db && /^[\w.-]{1,64}$/.test(db)) options.dbName = `violetchat-sim-${db}`;
  return options;
}
