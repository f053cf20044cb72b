import { type SimOptions, type SimTransport, createSimTransport } from './index';

/**
 * Simulated tabs of one fresh database for tests: no latency, no failures, no
 * browser, no team unless asked. `close` ends every tab opened.
 */
export function testTabs(defaults: SimOptions = {}) {
  const dbName = `sim-test-${crypto.randomUUID()}`;
  const opened: SimTransport[] = [];
  return {
    dbName,
    async open(options: SimOptions = {}): Promise<SimTransport> {
      const tab = await createSimTransport({
        dbName,
        latency: { meanMs: 0, jitterMs: 0 },
        failureRate: 0,
        followBrowser: false,
        locks: null,
        teammates: false,
        seedDemo: false,
        seed: 1,
        ...defaults,
        ...options,
      });
      opened.push(tab);
      return tab;
    },
    async close(): Promise<void> {
      for (const tab of opened.splice(0)) await tab.sim.dispose();
    },
  };
}
