/** Pure arithmetic of the browser benchmark: summaries, layout shift and dropped frames. */

/** Nearest-rank percentile (p in 0..100) of the samples; NaN for none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

export interface LayoutShift {
  value: number;
  startTime: number;
  hadRecentInput: boolean;
}

/**
 * Cumulative Layout Shift as the web-vitals definition has it: shifts not
 * caused by input, grouped in session windows (a gap under 1 s between shifts,
 * at most 5 s long), the largest window's sum.
 */
export function cumulativeLayoutShift(shifts: readonly LayoutShift[]): number {
  let largest = 0;
  let sum = 0;
  let first = -Infinity;
  let last = -Infinity;
  for (const shift of [...shifts].filter((s) => !s.hadRecentInput).sort((a, b) => a.startTime - b.startTime)) {
    if (shift.startTime - last < 1000 && shift.startTime - first < 5000) sum += shift.value;
    else {
      sum = shift.value;
      first = shift.startTime;
    }
    last = shift.startTime;
    largest = Math.max(largest, sum);
  }
  return largest;
}

/**
 * Frames missed between animation frames stamped at `stamps` (ms): each gap of
 * n frame intervals (rounded) missed n - 1 frames.
 */
export function droppedFrames(stamps: readonly number[], frameMs = 1000 / 60): number {
  let dropped = 0;
  for (let i = 1; i < stamps.length; i++) dropped += Math.max(0, Math.round((stamps[i]! - stamps[i - 1]!) / frameMs) - 1);
  return dropped;
}
