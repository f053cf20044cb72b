import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** What a child server signs sessions with unless the test says otherwise. */
export const CHILD_JWT_SECRET = 'child-server-test-secret-at-least-32-bytes';

export interface ChildServer {
  url: string;
  process: ChildProcess;
  /** Sends a signal and waits for the process to end. */
  stop(signal: NodeJS.Signals): Promise<void>;
}

/**
 * `server/main.ts` (or another server script) as its own process, as
 * production runs it, on a free port: resolves once it prints the line
 * `{"listening": url}` saying where it listens.
 */
export function startChildServer(env: Record<string, string>, script = 'server/main.ts', args: readonly string[] = []): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: process.cwd(),
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', JWT_SECRET: CHILD_JWT_SECRET, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  // What it said before it exited, for the error: its logs go to stdout, a crash to stderr.
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const url = listeningUrl(line);
      if (url) resolve({ url, process: child, stop });
      else output += `${line}\n`;
    });
    void exited.then(() => reject(new Error(`the server exited before listening: ${output}`)));
  });
}

/** The URL in the line server/main.ts prints once it listens, or undefined for any other line. */
export function listeningUrl(line: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed === 'object' && parsed !== null && 'listening' in parsed && typeof parsed.listening === 'string') return parsed.listening;
  } catch {
    // A log line that is not the announcement.
  }
  return undefined;
}
