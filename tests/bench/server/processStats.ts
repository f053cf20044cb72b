import { readFileSync } from 'node:fs';

// CPU and memory of other processes from Linux's /proc, for the benchmarks'
// "where does the time go" columns. Elsewhere every reading is NaN, and the
// reports print it as such rather than failing.

/** Clock ticks per second for /proc times: 100 on every Linux this runs on (USER_HZ). */
const TICKS_PER_SECOND = 100;

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a process has used so far; NaN when it cannot be read. */
export function processCpuSeconds(pid: number): number {
  const stat = read(`/proc/${pid}/stat`);
  if (stat === null) return Number.NaN;
  // Fields after the parenthesised command name (which may contain spaces): utime is the 14th field, stime the 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Resident memory of a process in bytes (VmRSS); NaN when it cannot be read. */
export function processRssBytes(pid: number): number {
  const status = read(`/proc/${pid}/status`);
  const match = status?.match(/^VmRSS:\s+(\d+) kB$/m);
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

/** The whole machine's CPU time so far, busy and total, in ticks summed over all cores. */
export function machineTicks(): { busy: number; total: number } {
  const line = read('/proc/stat')?.split('\n')[0];
  if (!line?.startsWith('cpu ')) return { busy: Number.NaN, total: Number.NaN };
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.reduce((sum, t) => sum + t, 0);
  // idle and iowait are the 4th and 5th.
  return { busy: total - ticks[3]! - ticks[4]!, total };
}

/**
 * Measures from now, until `stop()`: CPU of `pids` together and of each (as
 * shares of one core), and the machine's busy share.
 */
export function startCpuWindow(pids: readonly number[]): { stop(): { processes: number; perProcess: number[]; machineBusy: number } } {
  const started = performance.now();
  const before = pids.map(processCpuSeconds);
  const machineBefore = machineTicks();
  return {
    stop() {
      const seconds = (performance.now() - started) / 1000;
      const perProcess = pids.map((pid, i) => (processCpuSeconds(pid) - before[i]!) / seconds);
      const machine = machineTicks();
      return {
        processes: perProcess.reduce((sum, share) => sum + share, 0),
        perProcess,
        machineBusy: (machine.busy - machineBefore.busy) / (machine.total - machineBefore.total),
      };
    },
  };
}
