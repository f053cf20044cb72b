#!/usr/bin/env node
/**
 * `npm test`: the typecheck, lint and the size budget (side by side, each
 * printed once done), then the unit project's tests, and how long each step
 * and the whole took. Arguments go to vitest: `npm test -- src/ui` checks
 * everything, tests src/ui. The commands themselves are the npm scripts
 * `typecheck`, `lint`, `size:check` (a production build of each transport
 * mode, skipped while the sources it reads are unchanged), `i18n:check` (the
 * message catalogues match the code and are translated), `test:unit`.
 */
import { spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';

const started = performance.now();
const timings = [];

/** Runs an npm script; `capture` holds its output until it ends, so two at once do not interleave. */
function run(script, args = [], { capture = false } = {}) {
  const begin = performance.now();
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], {
      stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    const output = [];
    child.stdout?.on('data', (chunk) => output.push(chunk));
    child.stderr?.on('data', (chunk) => output.push(chunk));
    child.on('close', (code, signal) => {
      const seconds = (performance.now() - begin) / 1000;
      timings.push(`${script} ${seconds.toFixed(1)} s`);
      const text = Buffer.concat(output).toString();
      if (capture) process.stdout.write(`\n> ${script} (${seconds.toFixed(1)} s)${code === 0 ? ', passed' : ''}\n${text}`);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

function finish(code) {
  const total = (performance.now() - started) / 1000;
  const load = loadavg()[0].toFixed(1);
  console.log(`\nnpm test ${code === 0 ? 'passed' : 'FAILED'} in ${total.toFixed(1)} s (${timings.join(', ')}; load ${load} on ${availableParallelism()} cores)`);
  process.exit(code);
}

const checks = await Promise.all([
  run('typecheck', [], { capture: true }),
  run('lint', [], { capture: true }),
  run('size:check', [], { capture: true }),
  run('i18n:check', [], { capture: true }),
]);
const failed = checks.find((code) => code !== 0);
if (failed !== undefined) finish(failed);
else finish(await run('test:unit', process.argv.slice(2)));
