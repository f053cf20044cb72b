import { type BrowserBackend, openBrowserBackend } from '../../src/backend/browser/browserBackend';
import type { Clock } from '../../src/backend/clock';
import type { WebLocks } from '../../src/protocol/locks/webLocks';
import { clearSimData, seedDemoData } from './seed';
import { SimDatabase } from './simDatabase';
import type { SimBackend, SimOptions } from './simOptions';
import { SimChatService } from './simService';
import { welcomeNewcomer } from './welcome';

export interface SimServerOptions extends Pick<SimOptions, 'heartbeatMs' | 'staleAfterMs' | 'typingTtlMs' | 'seedDemo' | 'prepare' | 'hasher' | 'newId'> {
  dbName: string;
  clock: Clock;
  locks: WebLocks | null;
  /** Teammates greet newly registered users. */
  welcome: boolean;
}

/** The simulated server as one tab runs it: the browser backend over the sim database, and its starting data. */
export interface SimServer {
  backend: BrowserBackend;
  /** What a scenario's `prepare` writes through. */
  parts: SimBackend;
  /** Writes the starting data: the demo on the first run (unless turned off), then the scenario's `prepare`. */
  fill(): Promise<void>;
  /** Empties the database (every account and session goes) and writes the starting data again. */
  refill(): Promise<void>;
  /** Leaves the tabs and closes the database. */
  close(): Promise<void>;
}

export async function openSimServer(options: SimServerOptions): Promise<SimServer> {
  const db = new SimDatabase(options.dbName);
  const backend = await openBrowserBackend({
    db,
    locks: options.locks,
    clock: options.clock,
    heartbeatMs: options.heartbeatMs,
    staleAfterMs: options.staleAfterMs,
    typingTtlMs: options.typingTtlMs,
    hasher: options.hasher,
    newId: options.newId,
    onError: (e) => console.warn('[sim] heartbeat', e),
    createService: options.welcome ? (parts) => new SimChatService(parts, (service, user) => welcomeNewcomer(service, parts.store, user)) : undefined,
  });
  const { store, service, sessions, hasher, clock } = backend;
  const parts: SimBackend = { db, store, service, sessions, clock };
  const fill = async () => {
    if (options.seedDemo ?? true) await seedDemoData({ db, store, hasher, clock });
    await options.prepare?.(parts);
  };
  return {
    backend,
    parts,
    fill,
    refill: async () => {
      await clearSimData(db);
      await fill();
    },
    close: async () => {
      await backend.close();
      db.close();
    },
  };
}
