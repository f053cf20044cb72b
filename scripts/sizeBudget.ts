/**
 * The size budget's arithmetic, apart from the builds (scripts/bundle-sizes.ts
 * runs those): which chunks a first visit loads, what a chunk is made of, and
 * what an over-budget mode is told.
 */

export const MODES = ['sim', 'msw', 'socket'] as const;
export type Mode = (typeof MODES)[number];

/** A built chunk as far as the budget cares: its file, what it imports statically, its modules' lengths. */
export interface ChunkInfo {
  fileName: string;
  imports: readonly string[];
  modules: Record<string, { renderedLength: number }>;
}

/** One file of a first load. */
export interface LoadedFile {
  file: string;
  gzip: number;
  /** Its largest parts, in words (largestParts). */
  parts: string;
}

/** What a mode's first load weighs, and its files. */
export interface FirstLoad {
  initial: number;
  initialFiles: LoadedFile[];
}

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} kB`;

/** The chunks `keys` name and, transitively, the chunks they import statically (dynamic imports are not followed). */
export function withStaticImports(chunks: ReadonlyMap<string, Pick<ChunkInfo, 'imports'>>, keys: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    const chunk = chunks.get(file);
    if (seen.has(file) || !chunk) return;
    seen.add(file);
    for (const next of chunk.imports) visit(next);
  };
  keys.forEach(visit);
  return seen;
}

/**
 * What a chunk is made of, the largest first: packages by name, our code by
 * folder (a feature by its own folder), as shares of the chunk's code before
 * minifying (the only per-module length a build reports).
 */
export function largestParts(modules: ChunkInfo['modules'], root: string, count = 6): string {
  const parts = new Map<string, number>();
  for (const [id, { renderedLength }] of Object.entries(modules)) {
    const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id);
    const ours = id.startsWith(`${root}/`) ? id.slice(root.length + 1).split('/') : [id];
    const part = inPackage ? inPackage[1]! : ours.slice(0, ours[1] === 'features' ? 3 : 2).join('/');
    parts.set(part, (parts.get(part) ?? 0) + renderedLength);
  }
  const total = [...parts.values()].reduce((n, length) => n + length, 0) || 1;
  return [...parts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([part, length]) => `${part} ${Math.round((100 * length) / total)}%`)
    .join(', ');
}

/** The refusal of a first load over its budget (kB), naming each file with its size and largest parts; null within it. */
export function overBudget(mode: Mode, load: FirstLoad, budgetKb: number, budgetFile: string): string | null {
  const limit = budgetKb * 1024;
  if (load.initial <= limit) return null;
  const files = load.initialFiles.map(({ file, gzip, parts }) => `    ${file}  ${kb(gzip)}  (largest parts: ${parts})`).join('\n');
  return (
    `the ${mode} build's first load is ${kb(load.initial)}, over its budget of ${kb(limit)} (${budgetFile}):\n${files}\n` +
    '  Load what only some people use when it is first used (import(), React.lazy); raise the budget only as a deliberate, reviewed edit.'
  );
}

/** The budget per mode, in kB (1024 bytes) of gzip -9, from the parsed size-budget.json. */
export function budgetsFrom(json: unknown, budgetFile: string): Record<Mode, number> {
  const budget = (json as { initialKb?: Record<string, unknown> } | null)?.initialKb;
  const out = {} as Record<Mode, number>;
  for (const mode of MODES) {
    const value = budget?.[mode];
    if (typeof value !== 'number' || !(value > 0)) throw new Error(`${budgetFile} has no positive number at initialKb.${mode}`);
    out[mode] = value;
  }
  return out;
}
