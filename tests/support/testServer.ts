import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, type ServerOptions, createServer } from '../../server/app';
import { ONE_ADDRESS_LIMITS } from './oneAddressLimits';

export { ONE_ADDRESS_LIMITS };

export interface TestServer extends RunningServer {
  dbPath: string;
}

/**
 * The real server in this process on a free port, with its own SQLite file in
 * the OS temp dir; close() also removes the file.
 */
export async function startTestServer(options: ServerOptions = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'violetchat-server-'));
  const dbPath = join(dataDir, 'test.db');
  const server = await createServer({
    port: 0,
    dataDir,
    dbPath,
    jwtSecret: 'test-secret-that-is-at-least-32-bytes-long',
    logLevel: 'silent',
    ...options,
    limits: { ...ONE_ADDRESS_LIMITS, ...options.limits },
  });
  return {
    ...server,
    dbPath,
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
