import { afterEach } from 'vitest';
import type { ChatTransport, Session } from '../../src/transport';
import { plainHasher } from './plainHasher';
import { type SimOptions, type SimTransport, createSimTransport } from '../../adapters/sim';

/**
 * Simulated tabs of one fresh database for tests: no latency, no failures, no
 * browser, no team, no real password hashing unless asked. `close` ends every tab opened.
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
        hasher: plainHasher,
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

/** Tabs on a fresh database for every test of the calling file, all closed after each test. */
export function tabsPerTest(defaults: SimOptions = {}) {
  let current = testTabs(defaults);
  afterEach(() => fresh());
  async function fresh(): Promise<void> {
    await current.close();
    current = testTabs(defaults);
  }
  return {
    open: (options?: SimOptions) => current.open(options),
    /** Closes every tab and moves on to a new, empty database. */
    fresh,
  };
}

export const TEST_PASSWORD = 'correct horse battery';

/** Registers `username` in tab `t`. */
export function signUp(t: ChatTransport, username: string): Promise<Session> {
  return t.register({ username, email: `${username}@example.com`, password: TEST_PASSWORD });
}
