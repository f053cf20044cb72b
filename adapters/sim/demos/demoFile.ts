import { z } from 'zod/mini';
import { type FileIssue, formatPath } from '../scenarios/file/checkFile';

// A scripted demo as a JSON file (public/demos/NAME.json, opened at ?demo=NAME): a scenario to start
// from and steps at times, checked by zod and then by `checkSteps` (times in order, labels named before
// they are used). What the steps name in the scenario (people, groups) is checked once it is built
// (demoActor.ts). Every `error` says what was expected, for the overlay a broken file opens; they stay
// English: they describe the file format to the designer writing it.

/**
 * What the published JSON Schema says of a field beyond zod's own (scripts/demoSchema.ts puts it in a
 * registry), as scenarioFile.ts does.
 */
export const DEMO_JSON_SCHEMA_EXTRAS: [z.ZodMiniType, Record<string, unknown>][] = [];

const described = <T extends z.ZodMiniType>(schema: T, description: string, extra: Record<string, unknown> = {}): T => {
  DEMO_JSON_SCHEMA_EXTRAS.push([schema, { description, ...extra }]);
  return schema;
};

const text = (what: string) => z.string({ error: `${what} (text)` }).check(z.minLength(1, `${what} (not empty)`));

const PERSON = 'a person\'s handle (username) in the scenario, like "maya"';
const PERSON_OR_ME = `"me" (the person signed in) or ${PERSON}`;
const person = described(text(PERSON), 'A person of the scenario, by handle (username).');
const personOrMe = described(text(PERSON_OR_ME), '"me" (the person signed in), or a person of the scenario by handle.');
const conversation = described(
  text('a conversation: a person\'s handle (your direct conversation with them), a group\'s title, or the label of a group an earlier step created'),
  'A conversation as the signed-in person sees it: the other person\'s handle for a direct one, a group\'s title, or the label of a group an earlier step created.',
);
const label = described(text('a label, like "welcome"'), 'A name for what this step makes, for a later step to refer to it.');

const AT = 'seconds from the start of the demo: a number (0 or more) or minutes and seconds like "1:05"';
/** "m:ss": minutes, then two digits of seconds. */
const MINUTES_SECONDS = /^(\d{1,3}):([0-5]\d)(\.\d{1,3})?$/;
const at = described(
  z.union([z.number({ error: AT }).check(z.minimum(0, AT)), z.string({ error: AT }).check(z.regex(MINUTES_SECONDS, AT))], { error: AT }),
  'When the step starts, from the start of the demo: seconds, or "m:ss". Steps go in time order. The demo\'s time stands still while a step is carried out and the app settles, so every step happens at exactly its time, playing or stepping.',
  { anyOf: [{ type: 'number', minimum: 0 }, { type: 'string', pattern: MINUTES_SECONDS.source }] },
);

/** A step's time in milliseconds from the start. */
export function atMs(value: number | string): number {
  if (typeof value === 'number') return Math.round(value * 1000);
  const [, minutes = '0', seconds = '0', fraction = ''] = MINUTES_SECONDS.exec(value) ?? [];
  return Math.round((Number(minutes) * 60 + Number(seconds) + Number(fraction || 0)) * 1000);
}

const stepKinds = '"type", "send", "react", "read", "network", "createGroup" or "open"';

const typeStep = z.object({
  at,
  do: z.literal('type'),
  who: person,
  in: conversation,
  typing: z.optional(described(z.boolean({ error: 'true (starts typing, the default) or false (stops)' }), 'false stops the typing; it lasts until they send otherwise.')),
});
const sendStep = z.object({
  at,
  do: z.literal('send'),
  who: personOrMe,
  in: conversation,
  body: text('the message\'s text'),
  replyTo: z.optional(described(text('the label of a message an earlier step sent'), 'Makes it a reply to the message an earlier "send" step labelled so.')),
  label: z.optional(label),
});
const reactStep = z.object({
  at,
  do: z.literal('react'),
  who: personOrMe,
  to: described(text('the label of a message an earlier step sent'), 'The message, by the label an earlier "send" step gave it.'),
  emoji: text('one emoji, like "🎉"'),
  on: z.optional(described(z.boolean({ error: 'true (adds the reaction, the default) or false (takes it back)' }), 'false takes the reaction back.')),
});
const readStep = z.object({ at, do: z.literal('read'), who: person, in: conversation });
const networkStep = z.object({
  at,
  do: z.literal('network'),
  offline: described(z.boolean({ error: 'true (the network drops) or false (it comes back)' }), 'true: the network drops (the simulation panel\'s Offline switch); false: it comes back.'),
});
const createGroupStep = z.object({
  at,
  do: z.literal('createGroup'),
  who: personOrMe,
  title: text('a group title'),
  members: described(z.array(personOrMe, { error: 'the other members: a list of handles, like ["me", "maya"]' }), 'Who else is in it: "me" and handles.'),
  visibility: z.optional(z.enum(['private', 'public'], { error: '"private" (the default) or "public"' })),
  label: z.optional(label),
});
const openStep = z.object({ at, do: z.literal('open'), in: conversation });

const stepSchema = z.discriminatedUnion('do', [typeStep, sendStep, reactStep, readStep, networkStep, createGroupStep, openStep], {
  error: `a step: an object whose "do" is ${stepKinds}`,
});

export const demoFileSchema = z.object({
  $schema: z.optional(z.string()),
  title: text('a title'),
  description: text('a line about the demo'),
  scenario: described(
    text('the scenario it starts from: a built-in\'s name like "all-read", a scenario file\'s name, or a URL'),
    'The state the demo starts from, as ?scenario= takes it: a built-in\'s name ("empty", "all-read", …), the name of a file in public/scenarios, or a URL. It must start signed in.',
  ),
  steps: z.array(stepSchema, { error: 'a list of steps' }).check(z.minLength(1, 'at least one step')),
});

export type DemoFile = z.infer<typeof demoFileSchema>;
export type DemoStep = DemoFile['steps'][number];

export type ParsedDemo = { ok: true; file: DemoFile } | { ok: false; issues: FileIssue[] };

/** Steps in time order; labels of their own, named by an earlier step before a later one uses them. */
export function checkSteps(file: DemoFile): FileIssue[] {
  const issues: FileIssue[] = [];
  const messages = new Set<string>();
  const groups = new Set<string>();
  let previous = 0;
  file.steps.forEach((step, i) => {
    const path = `steps[${i}]`;
    const time = atMs(step.at);
    if (time < previous) issues.push({ path: `${path}.at`, message: `a time no earlier than the step before's (steps go in time order)` });
    previous = Math.max(previous, time);
    const earlierMessage = (value: string, field: string) => {
      if (!messages.has(value)) issues.push({ path: `${path}.${field}`, message: `the label of a message an earlier step sent; "${value}" is not one` });
    };
    if (step.do === 'send' && step.replyTo !== undefined) earlierMessage(step.replyTo, 'replyTo');
    if (step.do === 'react') earlierMessage(step.to, 'to');
    if ((step.do === 'send' || step.do === 'createGroup') && step.label !== undefined) {
      if (messages.has(step.label) || groups.has(step.label)) issues.push({ path: `${path}.label`, message: `a label of its own; "${step.label}" is taken` });
      (step.do === 'send' ? messages : groups).add(step.label);
    }
  });
  return issues;
}

/** zod's check, then the steps' order and labels: every problem as `{path, message}`. */
export function parseDemoFile(json: unknown): ParsedDemo {
  const parsed = demoFileSchema.safeParse(json);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
  const issues = checkSteps(parsed.data);
  return issues.length ? { ok: false, issues } : { ok: true, file: parsed.data };
}
