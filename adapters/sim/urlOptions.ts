import type { SimOptions } from './index';

/** Named starting points a designer can open by URL (`?sim.scenario=offline`). */
export const SCENARIOS = {
  /** A database of its own with nobody in it: first-run and empty states. */
  empty: { dbName: 'violetchat-sim-empty', seedDemo: false, teammates: false },
  /** The network switched off: offline banners, pending messages. */
  offline: { offline: true },
  /** Slow and jittery: spinners, pending ticks. */
  slow: { latency: { meanMs: 1500, jitterMs: 700 } },
  /** A third of requests lost: retries and failed sends. */
  flaky: { failureRate: 0.3, timeoutMs: 1500 },
  /** Nobody answers: the demo data without the living team. */
  quiet: { teammates: false },
} as const satisfies Record<string, SimOptions>;

export type ScenarioName = keyof typeof SCENARIOS;

const number = (value: string | null, min: number, max: number): number | undefined => {
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= min && n <= max ? n : undefined;
};

const flag = (value: string | null): boolean | undefined => (value === null ? undefined : !['0', 'false', 'off', 'no'].includes(value.toLowerCase()));

/**
 * Sim options from a query string: `sim.scenario` first, then single knobs
 * on top (`sim.latency`, `sim.jitter`, `sim.failure`, `sim.offline`, `sim.seed`,
 * `sim.teammates`, `sim.db`). Values out of range are ignored, not guessed at.
 */
export function simOptionsFromUrl(search: string): SimOptions {
  const params = new URLSearchParams(search);
  const scenario = params.get('sim.scenario');
  const options: SimOptions = scenario && scenario in SCENARIOS ? structuredClone(SCENARIOS[scenario as ScenarioName]) : {};
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
