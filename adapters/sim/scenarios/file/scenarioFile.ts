import { z } from 'zod/mini';

// A designer's scenario as a JSON file (public/scenarios/NAME.json): literal
// content only, checked by zod and then by `checkReferences` (the handles and
// labels it names exist). interpretFile.ts builds it through the ScenarioWriter.
// Every `error` says what was expected, for the overlay a broken file opens.

/** The built-ins' Thursday mid-afternoon (UTC): "Yesterday", weekdays and "5 minutes ago" all have something to show. */
export const DEFAULT_STARTS_AT = '2026-03-12T14:30:00.000Z';

const HANDLE = 'a handle from "people", like "maya"';
const ISO = 'an ISO date and time in UTC, like "2026-03-12T14:30:00.000Z"';

/**
 * What the published JSON Schema says of a field beyond zod's own (scripts/scenarioSchema.ts puts it in a
 * registry): a plain list, because zod's registry (and z.record) would add to the sim's first load.
 */
export const JSON_SCHEMA_EXTRAS: [z.ZodMiniType, Record<string, unknown>][] = [];

const described = <T extends z.ZodMiniType>(schema: T, description: string, extra: Record<string, unknown> = {}): T => {
  JSON_SCHEMA_EXTRAS.push([schema, { description, ...extra }]);
  return schema;
};

/** An object from any key (an emoji, a handle) to a `value`. */
function recordOf<T extends z.ZodMiniType>(value: T, error: string, description: string, valueJsonSchema: Record<string, unknown>) {
  const schema = z.custom<Record<string, z.infer<T>>>(
    (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((item) => value.safeParse(item).success),
    { error },
  );
  return described(schema, description, { type: 'object', additionalProperties: valueJsonSchema });
}

const handle = described(z.string({ error: HANDLE }).check(z.regex(/^[a-z0-9_]{2,32}$/, `${HANDLE} (2 to 32 lowercase letters, digits or _)`)), 'A person\'s username, as in "people".');
const text = (what: string) => z.string({ error: `${what} (text)` }).check(z.minLength(1, `${what} (not empty)`));
const minutesAgo = described(z.number({ error: 'minutes before the scenario starts (a number, 0 or more)' }).check(z.minimum(0, 'minutes before the scenario starts (0 or more)')), 'Minutes before the scenario starts.');
const label = described(text('a label, like "kickoff"'), 'A name for this item, for others to refer to it.');

export const personSchema = z.object({
  handle,
  displayName: text('a display name, like "Maya Chen"'),
  avatarColor: z.string({ error: 'a colour like "#a21caf"' }).check(z.regex(/^#[0-9a-fA-F]{6}$/, 'a colour like "#a21caf"')),
  lastSeenMinutesAgo: z.optional(minutesAgo),
  me: z.optional(described(z.literal(true, { error: 'true (the signed-in person), or leave it out' }), 'The signed-in person: exactly one.')),
});

export const messageSchema = z.object({
  from: handle,
  body: text('the message\'s text'),
  minutesAgo,
  label: z.optional(label),
  replyTo: z.optional(described(text('the label of an earlier message in this conversation'), 'The label of an earlier message in this conversation.')),
  reactions: z.optional(recordOf(z.array(handle), 'reactions like {"👍": ["maya", "leo"]}', 'Who reacted with each emoji.', { type: 'array', items: { type: 'string' } })),
  edited: z.optional(z.object({ body: text('the edited text'), minutesAgo }, { error: 'an edit like {"body": "…", "minutesAgo": 5}' })),
  deleted: z.optional(z.object({ minutesAgo }, { error: 'a deletion like {"minutesAgo": 5}' })),
});

const read = recordOf(
  z.union([z.literal('all'), z.number().check(z.int(), z.minimum(0))]),
  'read marks like {"maya": "all", "me": 2}: "all" or how many of the messages (from the first) each has read',
  'How far each member read: "all" (the default) or how many of the messages, from the first.',
  { anyOf: [{ const: 'all' }, { type: 'integer', minimum: 0 }] },
);

const groupSchema = z.object({
  title: text('a group title'),
  visibility: z.enum(['private', 'public'], { error: '"private" or "public"' }),
  owner: handle,
  members: z.array(handle, { error: 'the other members: a list of handles, like ["maya", "leo"]' }),
});

export const conversationSchema = z.object({
  label: z.optional(label),
  with: z.optional(handle),
  group: z.optional(described(groupSchema, 'A group: its owner and the other members ("me" must be one of them).')),
  messages: z.array(messageSchema, { error: 'a list of messages' }),
  read: z.optional(read),
});

export const scenarioFileSchema = z.object({
  $schema: z.optional(z.string()),
  title: text('a title for the gallery'),
  description: text('a line for the gallery'),
  startsAt: z.optional(described(z.string({ error: ISO }).check(z.regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z$/, ISO), z.refine((v) => !Number.isNaN(Date.parse(v)), ISO)), 'The scenario\'s "now" (default: a Thursday afternoon, UTC).')),
  people: z.array(personSchema, { error: 'a list of people' }).check(z.minLength(1, 'at least one person, the one with "me": true')),
  conversations: z.array(conversationSchema, { error: 'a list of conversations' }),
  online: z.optional(z.array(handle, { error: 'a list of handles, like ["maya"]' })),
  open: z.optional(described(text('a conversation\'s label or a direct peer\'s handle'), 'The conversation open at the start: its label, or the handle of the direct peer.')),
  network: z.optional(
    z.object({
      latencyMs: z.optional(z.number({ error: 'a round trip in ms (a number)' }).check(z.minimum(0, 'a round trip in ms (0 or more)'))),
      offline: z.optional(z.boolean({ error: 'true or false' })),
    }),
  ),
});

export type ScenarioFile = z.infer<typeof scenarioFileSchema>;

export interface FileIssue {
  /** Where, like `conversations[1].messages[3].from`. */
  path: string;
  message: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`)).join('') || '(the file)';
}

/** The handles and labels the file names exist, "me" is one person, replies point back, `open` names a conversation. */
export function checkReferences(file: ScenarioFile): FileIssue[] {
  const issues: FileIssue[] = [];
  const handles = new Set(file.people.map((p) => p.handle));
  const known = (value: string, path: string) => {
    if (!handles.has(value)) issues.push({ path, message: `${HANDLE}; "${value}" is not one of them` });
  };
  const seen = new Set<string>();
  file.people.forEach((p, i) => {
    if (seen.has(p.handle)) issues.push({ path: `people[${i}].handle`, message: `a handle of its own; "${p.handle}" is taken` });
    seen.add(p.handle);
  });
  const me = file.people.filter((p) => p.me);
  if (me.length !== 1) issues.push({ path: 'people', message: `exactly one person with "me": true (found ${me.length})` });
  const meHandle = me[0]?.handle;
  const labels = new Set<string>();
  file.conversations.forEach((c, ci) => {
    const at = `conversations[${ci}]`;
    if ((c.with === undefined) === (c.group === undefined)) issues.push({ path: at, message: 'either "with" (a direct conversation) or "group"' });
    const members = new Set<string>();
    if (c.with !== undefined) {
      known(c.with, `${at}.with`);
      if (c.with === meHandle) issues.push({ path: `${at}.with`, message: 'someone other than "me"' });
      members.add(c.with).add(meHandle ?? '');
    }
    if (c.group) {
      known(c.group.owner, `${at}.group.owner`);
      c.group.members.forEach((h, i) => known(h, `${at}.group.members[${i}]`));
      [c.group.owner, ...c.group.members].forEach((h) => members.add(h));
      if (meHandle && !members.has(meHandle)) issues.push({ path: `${at}.group.members`, message: `a list that includes "${meHandle}" (the signed-in person)` });
    }
    if (c.label !== undefined) {
      if (labels.has(c.label)) issues.push({ path: `${at}.label`, message: `a label of its own; "${c.label}" is taken` });
      labels.add(c.label);
    }
    const messageLabels = new Set<string>();
    c.messages.forEach((m, mi) => {
      const mat = `${at}.messages[${mi}]`;
      known(m.from, `${mat}.from`);
      if (handles.has(m.from) && !members.has(m.from)) issues.push({ path: `${mat}.from`, message: `a member of this conversation; "${m.from}" is not` });
      if (m.replyTo !== undefined && !messageLabels.has(m.replyTo)) issues.push({ path: `${mat}.replyTo`, message: `the label of an earlier message in this conversation; "${m.replyTo}" is not` });
      for (const [emoji, who] of Object.entries(m.reactions ?? {})) who.forEach((h, i) => known(h, `${mat}.reactions.${emoji}[${i}]`));
      if (m.label !== undefined) messageLabels.add(m.label);
    });
    for (const h of Object.keys(c.read ?? {})) known(h, `${at}.read.${h}`);
  });
  (file.online ?? []).forEach((h, i) => known(h, `online[${i}]`));
  if (file.open !== undefined && !labels.has(file.open) && !file.conversations.some((c) => c.with === file.open)) {
    issues.push({ path: 'open', message: `a conversation's label or a direct peer's handle; "${file.open}" is neither` });
  }
  return issues;
}

export type ParsedFile = { ok: true; file: ScenarioFile } | { ok: false; issues: FileIssue[] };

/** zod's check, then the references: every problem as `{path, message}`. */
export function parseScenarioFile(json: unknown): ParsedFile {
  const parsed = scenarioFileSchema.safeParse(json);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
  const issues = checkReferences(parsed.data);
  return issues.length ? { ok: false, issues } : { ok: true, file: parsed.data };
}
