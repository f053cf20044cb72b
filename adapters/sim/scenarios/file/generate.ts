import type { Random } from '../../random';
import type { FileHistory, ScenarioFile } from './scenarioFile';

// What a scenario file's generators make. People come from a pattern alone (the reference check
// needs their handles before anything is built); histories and direct conversations draw on the
// scenario's seeded dice in file order, so every load makes the same.

export interface PersonSpec {
  handle: string;
  displayName: string;
  avatarColor: string;
  lastSeenMinutesAgo: number | null;
  me: boolean;
  /** Where it comes from in the file, for a problem with it. */
  path: string;
}

/** `{n}` is the number, `{n:3}` the number padded to 3 digits. */
export function fillPattern(pattern: string, n: number): string {
  return pattern.replace(/\{n(?::(\d+))?\}/g, (_, width: string | undefined) => String(n).padStart(Number(width ?? 0), '0'));
}

/** Everyone in the file: its people, then those its "people" generators make, in order. */
export function allPeople(file: ScenarioFile): PersonSpec[] {
  const people: PersonSpec[] = file.people.map((p, i) => ({
    handle: p.handle,
    displayName: p.displayName,
    avatarColor: p.avatarColor,
    lastSeenMinutesAgo: p.lastSeenMinutesAgo ?? null,
    me: p.me === true,
    path: `people[${i}]`,
  }));
  (file.generate ?? []).forEach((g, gi) => {
    if (g.kind !== 'people') return;
    const first = g.firstNumber ?? 1;
    for (let k = 0; k < g.count; k++) {
      const n = first + k;
      people.push({
        handle: fillPattern(g.handle, n),
        displayName: fillPattern(g.displayName, n),
        avatarColor: g.avatarColors[k % g.avatarColors.length]!,
        lastSeenMinutesAgo: g.lastSeenMinutesAgo === undefined ? null : g.lastSeenMinutesAgo + k * (g.lastSeenStepMinutes ?? 0),
        me: false,
        path: `generate[${gi}]`,
      });
    }
  });
  return people;
}

/** `repeat` again and again to exactly `length` characters, ending with a full stop. */
export function repeatedText(repeat: string, length: number): string {
  let text = '';
  while (text.length < length) text += repeat;
  return length === 1 ? '.' : text.slice(0, length - 1).trimEnd().padEnd(length - 1, '.') + '.';
}

/** One generated message: who (a handle), what, when. */
export interface GeneratedLine {
  from: string;
  body: string;
  minutesAgo: number;
}

/** A history's messages, spread evenly from its first time to its last (whole minutes), each author and text picked by the dice. */
export function historyLines(history: FileHistory, random: Random): GeneratedLine[] {
  const { count, fromMinutesAgo, toMinutesAgo } = history;
  const step = count > 1 ? (fromMinutesAgo - toMinutesAgo) / (count - 1) : 0;
  const lines: GeneratedLine[] = new Array(count);
  for (let i = 0; i < count; i++) {
    lines[i] = { from: random.pick(history.from), body: random.pick(history.bodies), minutesAgo: Math.round(fromMinutesAgo - i * step) };
  }
  return lines;
}

/**
 * One direct conversation of a "directs" generator: messages back and forth, the newest `newest` minutes
 * ago, each earlier one up to `spread` minutes (and at least one) before the next; the last `unread`
 * are theirs. Oldest first.
 */
export function directLines(
  random: Random,
  me: string,
  them: string,
  options: { count: number; unread: number; newest: number; spread: number; bodies: readonly string[] },
): GeneratedLine[] {
  const lines: GeneratedLine[] = [];
  let minutesAgo = options.newest;
  for (let i = 0; i < options.count; i++) {
    lines.unshift({ from: random.chance(0.5) ? me : them, body: random.pick(options.bodies), minutesAgo: Math.round(minutesAgo) });
    minutesAgo += 1 + random.between(0, options.spread);
  }
  for (const line of lines.slice(lines.length - options.unread)) line.from = them;
  return lines;
}
