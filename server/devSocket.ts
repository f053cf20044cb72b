import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

// `npm run dev:socket`: the server and the Vite app in socket mode, together;
// Ctrl-C (or either one exiting) stops both.

const serverUrl = process.env.VITE_CHAT_SERVER_URL ?? `http://localhost:${process.env.PORT ?? '3001'}`;
const bin = (name: string) => join(process.cwd(), 'node_modules', '.bin', name);

const children: ChildProcess[] = [
  spawn(bin('tsx'), ['server/main.ts', '--dev'], { stdio: 'inherit', env: process.env }),
  spawn(bin('vite'), [], {
    stdio: 'inherit',
    env: { ...process.env, VITE_CHAT_TRANSPORT: 'socket', VITE_CHAT_SERVER_URL: serverUrl },
  }),
];

let stopping = false;
function stopAll(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  Promise.all(children.map((child) => (child.exitCode === null ? new Promise((r) => child.once('exit', r)) : null))).then(() => process.exit(code));
}

for (const child of children) child.once('exit', (code) => stopAll(code ?? 0));
process.once('SIGINT', () => stopAll(0));
process.once('SIGTERM', () => stopAll(0));
