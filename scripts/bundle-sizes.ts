/**
 * `npm run size`: builds the app once per transport mode (the three in this
 * one process) and reports, per mode, the gzip size of the JavaScript a first
 * visit loads (the entry chunk and everything it imports statically), of the
 * same with the mode's transport (the adapter main.tsx imports at start), and
 * of all its JavaScript.
 *
 * It fails when a mode's first load is over its budget in size-budget.json
 * (naming each file of that load and its size), and when a mode carries
 * another mode's transport code: the sim build must hold no msw and no
 * socket.io-client, the socket build no msw, and no mode's first load may
 * hold msw (msw mode loads it lazily, after the flag is read).
 *
 * The arithmetic (what a first load is, the refusal) is in sizeBudget.ts,
 * with its tests. `npm test` runs it with `--check`: the same, printed in a few lines. The
 * result is kept in .cache/bundle-sizes.json under a hash of everything a
 * build reads (the app's sources without tests, public/, the configs, the
 * lockfile, this script), so a run with no change to those builds nothing.
 * `--fresh` builds anyway. The service worker is not generated (it is not
 * JavaScript a page loads, and most of a build's time), so "all JS" leaves
 * out its registration library, loaded after start-up.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Rolldown, build as viteBuild } from 'vite';
import { SHELL_FILES } from '../lingui.config';
import { budgetsFrom, type FirstLoad, kb, largestParts, type Mode, MODES, overBudget, withStaticImports } from './sizeBudget';

type Build = typeof viteBuild;
type OutputChunk = Rolldown.OutputChunk;
type RolldownOutput = Rolldown.RolldownOutput;

interface Measured extends FirstLoad {
  withTransport: number;
  all: number;
  chunks: number;
  problems: string[];
}

/** The modules main.tsx imports at start in each mode: the transport. */
const TRANSPORT_ENTRIES: Record<Mode, string[]> = {
  sim: ['adapters/sim/index.ts'],
  msw: ['mocks/browser.ts', 'adapters/http/index.ts'],
  socket: ['adapters/socketio/index.ts'],
};

/** Strings only the library's own code contains (checked against real builds). */
const TELLTALES: Record<string, string[]> = {
  msw: ['[MSW]', 'mockServiceWorker'],
  'socket.io-client': ['/engine.io', 'socket.io/docs'],
};

/** What a mode must not contain, in all of its JS or in its first load only. */
const FORBIDDEN: Record<Mode, { all: string[]; initial: string[] }> = {
  sim: { all: ['msw', 'socket.io-client'], initial: [] },
  msw: { all: [], initial: ['msw'] },
  socket: { all: ['msw'], initial: [] },
};

/** What a build reads besides node_modules (which the lockfile stands for). */
const INPUT_DIRS = ['src/', 'adapters/', 'mocks/', 'public/'];
const INPUT_FILES = ['index.html', 'vite.config.ts', 'lingui.config.ts', 'scripts/linguiMacroPlugin.ts', 'scripts/scenarioIndexPlugin.ts', 'tsconfig.json', 'package.json', 'package-lock.json', 'scripts/bundle-sizes.ts', 'scripts/sizeBudget.ts'];
const TEST_FILE = /\.test\.tsx?$/;

const root = process.cwd();
const BUDGET_FILE = 'size-budget.json';
const CACHE_FILE = join(root, '.cache', 'bundle-sizes.json');
const args = new Set(process.argv.slice(2));
const check = args.has('--check');

const gzipBytes = (text: string) => gzipSync(text, { level: 9 }).byteLength;

/** A hash of every file a build reads, or null outside a git checkout (then it always builds). */
function inputsHash(): string | null {
  let listed: string;
  try {
    listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...INPUT_DIRS, ...INPUT_FILES], { cwd: root, encoding: 'utf8' });
  } catch {
    return null;
  }
  const files = [...new Set(listed.split('\0').filter((file) => file && !TEST_FILE.test(file)))].sort();
  const hash = createHash('sha256');
  for (const file of files) {
    const path = join(root, file);
    hash.update(`${file}\0`);
    hash.update(existsSync(path) ? readFileSync(path) : '(deleted)');
    hash.update('\0');
  }
  return hash.digest('hex');
}

function leaks(texts: string[], libraries: string[]): string[] {
  return libraries.filter((lib) => (TELLTALES[lib] ?? []).some((s) => texts.some((text) => text.includes(s))));
}

/**
 * A chunk as the production build writes it. The build here makes no source maps (they are half its
 * time), so the line that points to one (vite.config.ts has `sourcemap: true`) is put back as Vite writes it.
 */
const asShipped = (chunk: OutputChunk) => `${chunk.code}\n//# sourceMappingURL=${basename(chunk.fileName)}.map`;

/** The first load's own files that use Lingui's macros and are not in the shell catalogue (they would show ids, not words). */
function shellMisses(moduleIds: readonly string[]): string[] {
  return moduleIds
    .filter((id) => id.startsWith(join(root, 'src')) && /\.tsx?$/.test(id))
    .map((id) => relative(root, id))
    .filter((file) => !SHELL_FILES.includes(file) && /from '@lingui\/(core|react)\/macro'/.test(readFileSync(join(root, file), 'utf8')));
}

/** One production build of `mode`, kept in memory: what its first load is, and what the mode must not carry. */
async function measure(build: Build, mode: Mode): Promise<Measured> {
  process.env.VITE_CHAT_TRANSPORT = mode;
  const result = await build({ root, logLevel: 'error', build: { write: false, sourcemap: false, reportCompressedSize: false } });
  const outputs = ([] as RolldownOutput[]).concat(result as RolldownOutput | RolldownOutput[]).flatMap((r) => r.output);
  const chunks = new Map(outputs.filter((o): o is OutputChunk => o.type === 'chunk').map((chunk) => [chunk.fileName, chunk]));
  const size = new Map([...chunks.values()].map((chunk) => [chunk.fileName, gzipBytes(asShipped(chunk))]));
  const entries = [...chunks.values()].filter((chunk) => chunk.isEntry).map((chunk) => chunk.fileName);
  const initial = [...withStaticImports(chunks, entries)];
  const transportKeys = [...chunks.values()].filter((c) => TRANSPORT_ENTRIES[mode].some((m) => c.facadeModuleId?.endsWith(`/${m}`))).map((c) => c.fileName);
  const withTransport = withStaticImports(chunks, [...initial, ...transportKeys]);
  const sum = (files: Iterable<string>) => [...files].reduce((n, file) => n + size.get(file)!, 0);
  const code = (files: Iterable<string>) => [...files].map((file) => chunks.get(file)!.code);
  const problems = [
    ...leaks(code(chunks.keys()), FORBIDDEN[mode].all).map((lib) => `the ${mode} build contains ${lib} code`),
    ...leaks(code(initial), FORBIDDEN[mode].initial).map((lib) => `the ${mode} build loads ${lib} before it is needed (in its initial JavaScript)`),
  ];
  problems.push(...shellMisses(initial.flatMap((file) => Object.keys(chunks.get(file)!.modules))).map((file) => `${file} is in the ${mode} build's first load, but its strings are in the app catalogue, fetched later: add it to SHELL_FILES in lingui.config.ts`));
  if (transportKeys.length !== TRANSPORT_ENTRIES[mode].length) problems.push(`the ${mode} build has no chunk for its transport (${TRANSPORT_ENTRIES[mode].join(', ')}): main.tsx changed?`);
  return {
    initial: sum(initial),
    initialFiles: initial.map((file) => ({ file, gzip: size.get(file)!, parts: largestParts(chunks.get(file)!.modules, root) })),
    withTransport: sum(withTransport),
    all: sum(chunks.keys()),
    chunks: chunks.size,
    problems,
  };
}

async function measureAll(): Promise<Record<Mode, Measured>> {
  // Vite is loaded only when something is built: a run that finds its result cached stays quick.
  const { build } = await import('vite');
  const saved = { transport: process.env.VITE_CHAT_TRANSPORT, sw: process.env.VIOLETCHAT_SERVICE_WORKER };
  process.env.VIOLETCHAT_SERVICE_WORKER = 'off';
  try {
    const modes = {} as Record<Mode, Measured>;
    for (const mode of MODES) modes[mode] = await measure(build, mode);
    return modes;
  } finally {
    for (const [name, value] of [['VITE_CHAT_TRANSPORT', saved.transport], ['VIOLETCHAT_SERVICE_WORKER', saved.sw]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

function readCache(key: string | null): Record<Mode, Measured> | null {
  if (!key || args.has('--fresh') || !existsSync(CACHE_FILE)) return null;
  try {
    const cached = JSON.parse(readFileSync(CACHE_FILE, 'utf8'));
    return cached.key === key ? cached.modes : null;
  } catch {
    return null;
  }
}


const started = performance.now();
const budget = budgetsFrom(JSON.parse(readFileSync(join(root, BUDGET_FILE), 'utf8')), BUDGET_FILE);
const key = inputsHash();
let modes = readCache(key);
const cached = modes !== null;
if (!modes) {
  modes = await measureAll();
  if (key) {
    mkdirSync(join(root, '.cache'), { recursive: true });
    writeFileSync(CACHE_FILE, `${JSON.stringify({ key, modes }, null, 1)}\n`);
  }
}

const problems: string[] = [];
for (const mode of MODES) {
  problems.push(...modes[mode].problems);
  const refusal = overBudget(mode, modes[mode], budget[mode], BUDGET_FILE);
  if (refusal) problems.push(refusal);
}

const seconds = ((performance.now() - started) / 1000).toFixed(1);
const how = cached ? 'unchanged sources, measured before' : `built in ${seconds} s`;
if (check) {
  const line = MODES.map((mode) => `${mode} ${kb(modes[mode].initial)} of ${kb(budget[mode] * 1024)}`).join(', ');
  console.log(`First-load JavaScript (gzip -9) against ${BUDGET_FILE}: ${line} (${how})`);
} else {
  console.log(`\nJavaScript per mode (gzip -9; ${how}):`);
  console.table(
    Object.fromEntries(
      MODES.map((mode) => {
        const m = modes[mode];
        return [mode, { 'initial load': kb(m.initial), budget: kb(budget[mode] * 1024), 'with transport': kb(m.withTransport), 'all JS': kb(m.all), chunks: m.chunks }];
      }),
    ),
  );
}
if (problems.length > 0) {
  for (const problem of problems) console.error(`SIZE: ${problem}`);
  process.exit(1);
}
if (!check) console.log('Every mode is within its budget, and no mode carries another mode’s transport code.');
