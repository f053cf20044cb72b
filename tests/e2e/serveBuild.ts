import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { build, preview } from 'vite';

export interface ServedBuild {
  url: string;
  close(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Builds the app for one transport, as a user gets it, and serves the build on
 * a free port. Each call has its own output folder, so runs at the same time
 * (several people share the machine) never empty each other's build.
 * `env`: more VITE_* settings for this build only (socket mode's server URL).
 */
export async function buildAndServe(transport: string, env: Record<string, string> = {}): Promise<ServedBuild> {
  const outDir = `test-results/e2e-dist-${transport}-${process.pid}`;
  await buildApp(transport, outDir, env);
  const port = await freePort();
  const server = await preview({ logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port, strictPort: true, open: false } });
  return {
    url: server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`,
    close: async () => {
      await server.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

/** The production build of the app for one transport into `outDir`, as a user gets it. */
export async function buildApp(transport: string, outDir: string, env: Record<string, string> = {}): Promise<void> {
  // Vite reads VITE_* from the environment; vitest's NODE_ENV=test would give a development React.
  const settings: Record<string, string> = { ...env, VITE_CHAT_TRANSPORT: transport, NODE_ENV: 'production' };
  const previous = Object.fromEntries(Object.keys(settings).map((name) => [name, process.env[name]]));
  Object.assign(process.env, settings);
  try {
    await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } });
  } finally {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
