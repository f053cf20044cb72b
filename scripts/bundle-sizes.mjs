#!/usr/bin/env node
/**
 * `npm run size`: builds the app once per transport mode and reports, per mode,
 * the gzip size of the JavaScript a first visit loads (the entry chunk and
 * everything it imports statically) and of all its JavaScript. It fails when a
 * mode carries another mode's transport code: the sim build must hold no msw
 * and no socket.io-client, the socket build no msw, and no mode's first load
 * may hold msw (msw mode loads it lazily, after the flag is read).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const MODES = ['sim', 'msw', 'socket'];

/** Strings only the library's own code contains (checked against real builds). */
const TELLTALES = {
  msw: ['[MSW]', 'mockServiceWorker'],
  'socket.io-client': ['/engine.io', 'socket.io/docs'],
};

/** What a mode must not contain, in all of its JS or in its first load only. */
const FORBIDDEN = {
  sim: { all: ['msw', 'socket.io-client'], initial: [] },
  msw: { all: [], initial: ['msw'] },
  socket: { all: ['msw'], initial: [] },
};

const root = process.cwd();
const viteBin = join(root, 'node_modules', '.bin', 'vite');

function build(mode) {
  const outDir = `dist-${mode}`;
  const result = spawnSync(viteBin, ['build', '--outDir', outDir, '--emptyOutDir', '--manifest', '--logLevel', 'warn'], {
    stdio: 'inherit',
    env: { ...process.env, VITE_CHAT_TRANSPORT: mode },
  });
  if (result.status !== 0) throw new Error(`the ${mode} build failed (exit ${result.status ?? result.signal})`);
  return join(root, outDir);
}

/** The entry chunk and, transitively, the chunks it imports statically. */
function initialFiles(manifest) {
  const entries = Object.keys(manifest).filter((key) => manifest[key].isEntry);
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    for (const next of manifest[key].imports ?? []) visit(next);
  };
  entries.forEach(visit);
  return [...seen].map((key) => manifest[key].file).filter((file) => file.endsWith('.js'));
}

function allJsFiles(outDir) {
  return readdirSync(join(outDir, 'assets')).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
}

const gzipBytes = (text) => gzipSync(text, { level: 9 }).byteLength;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

function leaks(texts, libraries) {
  return libraries.filter((lib) => TELLTALES[lib].some((s) => texts.some((text) => text.includes(s))));
}

const rows = [];
const problems = [];
for (const mode of MODES) {
  const outDir = build(mode);
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8'));
  const read = (file) => readFileSync(join(outDir, file), 'utf8');
  const initial = initialFiles(manifest).map(read);
  const all = allJsFiles(outDir).map(read);
  rows.push({ mode, initial: initial.reduce((n, t) => n + gzipBytes(t), 0), all: all.reduce((n, t) => n + gzipBytes(t), 0), chunks: all.length });
  for (const lib of leaks(all, FORBIDDEN[mode].all)) problems.push(`the ${mode} build contains ${lib} code`);
  for (const lib of leaks(initial, FORBIDDEN[mode].initial)) problems.push(`the ${mode} build loads ${lib} before it is needed (in its initial JavaScript)`);
}

console.log('\nJavaScript per mode (gzip -9):');
console.table(Object.fromEntries(rows.map((r) => [r.mode, { 'initial load': kb(r.initial), 'all JS': kb(r.all), chunks: r.chunks }])));
if (problems.length > 0) {
  for (const problem of problems) console.error(`LEAK: ${problem}`);
  process.exit(1);
}
console.log('No mode carries another mode’s transport code.');
