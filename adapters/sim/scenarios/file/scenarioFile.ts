import { z } from 'zod/mini';
import { LIMITS } from '../../../../src/protocol/limits';

// A scenario as a JSON file (public/scenarios/NAME.json): the built-ins and a designer's own alike.
// Literal content (people, conversations, messages with replies, reactions, edits and deletes, read
// marks), compact generators for the big ones (many people, long histories, many conversations), and
// the state around it (who is online and typing, the network, what is open, what happens at the start).
// Checked by zod, then by `checkReferences` (checkFile.ts: the handles and labels it names exist);
// interpretFile.ts builds it through the ScenarioWriter. Every `error` says what was expected, for the
// overlay a broken file opens.

/** The built-ins' Thursday mid-afternoon (UTC): "Yesterday", weekdays and "5 minutes ago" all have something to show. */
export const DEFAULT_STARTS_AT = '2026-03-12T14:30:00.000Z';

export const HANDLE = 'a handle from "people", like "maya"';
const ISO = 'an ISO date and time in UTC, like "2026-03-12T14:30:00.000Z"';
const COUNT = '"all", how many of the messages (from the first), or {"allBut": n}';
const COLOR = 'a colour like "#a21caf"';

/**
 * What the published JSON Schema says of a field beyond zod's own (scripts/scenarioSchema.ts puts it in a
 * registry): a plain list, because zod's registry (and z.record) would add to the sim's first load.
 */
export const JSON_SCHEMA_EXTRAS: [z.ZodMiniType, Record<string, unknown>][] = [];
/** Objects from any key to a value: the script writes the value's JSON Schema as their `additionalProperties`. */
export const JSON_SCHEMA_RECORDS: [z.ZodMiniType, z.ZodMiniType][] = [];

const described = <T extends z.ZodMiniType>(schema: T, description: string, extra: Record<string, unknown> = {}): T => {
  JSON_SCHEMA_EXTRAS.push([schema, { description, ...extra }]);
  return schema;
};

/** An object from any key (an emoji, a handle) to a `value`. */
function recordOf<T extends z.ZodMiniType>(value: T, error: string, description: string) {
  const schema = z.custom<Record<string, z.infer<T>>>(
    (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((item) => value.safeParse(item).success),
    { error },
  );
  JSON_SCHEMA_RECORDS.push([schema, value]);
  return described(schema, description, { type: 'object' });
}

/** A whole number from `min` (and up to `max`). */
const whole = (error: string, min = 0, max?: number) =>
  z.number({ error }).check(z.int(error), z.minimum(min, error), ...(max === undefined ? [] : [z.maximum(max, error)]));

/** A username, as the backend takes them (3 to 32 of a-z, 0-9, "_", "." and "-"). */
export const HANDLE_PATTERN = /^[a-z0-9_.-]{3,32}$/;

// Factories, not shared schemas: the JSON Schema's description is per schema object, and each use says its own.
const handleOf = (description = 'A person\'s username, as in "people".') =>
  described(z.string({ error: HANDLE }).check(z.regex(HANDLE_PATTERN, `${HANDLE} (3 to 32 lowercase letters, digits, "_", "." or "-")`)), description);
const handle = handleOf();
const text = (what: string) => z.string({ error: `${what} (text)` }).check(z.minLength(1, `${what} (not empty)`));
const minutesAgoOf = (description = 'Minutes before the scenario starts.') =>
  described(
    z.number({ error: 'minutes before the scenario starts (a number, 0 or more)' }).check(z.minimum(0, 'minutes before the scenario starts (0 or more)')),
    description,
  );
const minutesAgo = minutesAgoOf();
const label = described(text('a label, like "kickoff"'), 'A name for this item, for others to refer to it.');
const color = z.string({ error: COLOR }).check(z.regex(/^#[0-9a-fA-F]{6}$/, COLOR));
const conversationRef = (description = 'A conversation of mine: its label, or the handle of the other person of a direct one.') =>
  described(text('a conversation\'s label or a direct peer\'s handle'), description);
const bodies = described(
  z.array(text('a message\'s text'), { error: 'a list of texts to pick from, like ["Morning!", "Coffee?"]' }).check(z.minLength(1, 'at least one text to pick from')),
  'Texts to pick from at random (seeded: the same on every load).',
);

export const personSchema = z.object({
  handle,
  displayName: text('a display name, like "Maya Chen"'),
  avatarColor: color,
  lastSeenMinutesAgo: z.optional(minutesAgoOf('When they were last seen (minutes before the start); left out: never.')),
  me: z.optional(described(z.literal(true, { error: 'true (the signed-in person), or leave it out' }), 'The signed-in person: exactly one. They sign in with the demo password, "violet-demo".')),
});

const longText = described(
  z.object({
    repeat: text('the text to repeat'),
    length: whole(`how many characters (1 to ${LIMITS.bodyMaxChars})`, 1, LIMITS.bodyMaxChars),
  }),
  `A long text: "repeat" again and again up to "length" characters (at most ${LIMITS.bodyMaxChars}, the longest a message may be), ending with a full stop.`,
);

export const messageSchema = z.object({
  from: handle,
  body: described(z.union([text('the message\'s text'), longText], { error: 'the message\'s text, or a long one like {"repeat": "…", "length": 4000}' }), 'What it says.'),
  minutesAgo,
  label: z.optional(label),
  replyTo: z.optional(described(text('the label of an earlier message in this conversation'), 'The label of an earlier message in this conversation.')),
  reactions: z.optional(recordOf(z.array(handle), 'reactions like {"👍": ["maya", "leo"]}', 'Who reacted with each emoji.')),
  edited: z.optional(
    described(
      z.object({ body: z.optional(text('the edited text')), minutesAgo }, { error: 'an edit like {"body": "…", "minutesAgo": 5}' }),
      'Its author edited it then: "body" is the new text (left out: marked edited, the text as it is).',
    ),
  ),
  deleted: z.optional(z.object({ minutesAgo }, { error: 'a deletion like {"minutesAgo": 5}' })),
});

/** Many messages at once, between two times, in the conversation's order at this point of `messages`. */
export const historySchema = z.object({
  count: whole('how many messages (1 to 100,000)', 1, 100_000),
  fromMinutesAgo: minutesAgoOf('When the first of them was (minutes before the start).'),
  toMinutesAgo: minutesAgoOf('When the last of them was (minutes before the start); they are spread evenly in between.'),
  from: described(
    z.array(handle, { error: 'who writes them: a list of handles, like ["sam", "maya"]' }).check(z.minLength(1, 'at least one handle')),
    'Who writes them: each message from one of these, at random.',
  ),
  bodies,
});

const historyItem = described(
  z.object({ history: historySchema }),
  'In place of a message: "count" messages spread evenly from "fromMinutesAgo" to "toMinutesAgo", each from one of "from" saying one of "bodies" (seeded: the same on every load).',
);

const count = described(
  z.union([z.literal('all'), whole(COUNT), z.object({ allBut: whole(COUNT) })], { error: COUNT }),
  'How far: "all" the messages, a number of them counted from the first, or all but the last n ({"allBut": n}).',
);

const mark = z.union([count, z.object({ read: count, delivered: z.optional(count) })], {
  error: `${COUNT}, or {"read": …, "delivered": …}`,
});

const read = recordOf(
  mark,
  `read marks like {"maya": "all", "me": 2}: ${COUNT} for each, or {"read": …, "delivered": …}`,
  'How far each member read: "all" (the default), how many of the messages from the first, {"allBut": n}, or {"read": …, "delivered": …} when their device has more than they read (delivered defaults to "all").',
);

const receiptRange = z.object({
  members: described(
    z.union([whole('how many members (1 or more)', 1), z.literal('rest')], { error: 'how many members (a number), or "rest"' }),
    'How many of the members (other than me, in the order the conversation lists them) this covers; "rest" for all that are left.',
  ),
  read: count,
  delivered: z.optional(count),
});

const groupSchema = z.object({
  title: text('a group title'),
  visibility: z.enum(['private', 'public'], { error: '"private" or "public"' }),
  owner: handle,
  members: described(
    z.union([z.array(handle), z.literal('everyone')], { error: 'the other members: a list of handles, like ["maya", "leo"], or "everyone"' }),
    'The other members, or "everyone" (every person of the file but the owner).',
  ),
});

export const conversationSchema = z.object({
  label: z.optional(label),
  with: z.optional(handleOf('A direct conversation between me and this person.')),
  group: z.optional(described(groupSchema, 'A group: its owner and the other members. A public one without me is a channel to browse and join.')),
  createdMinutesAgo: z.optional(minutesAgoOf('When it was made (default: a minute before its first message).')),
  messages: z.array(z.union([messageSchema, historyItem]), { error: 'a list of messages' }),
  read: z.optional(read),
  receipts: z.optional(
    described(
      z.array(receiptRange, { error: 'a list of ranges like {"members": 120, "read": "all"}' }),
      'Read marks for many members at once, in ranges over the members other than me, in order; "read" names any member in particular afterwards.',
    ),
  ),
});

const peopleGenerator = described(
  z.object({
    kind: z.literal('people'),
    count: whole('how many people (1 to 1,000)', 1, 1000),
    handle: described(text('a handle with {n} in it, like "colleague{n}"').check(z.regex(/\{n(:\d+)?\}/, 'a handle with {n} in it, like "colleague{n}"')), 'Their handles: {n} is their number ({n:3} pads it to 3 digits).'),
    displayName: described(text('a display name, like "Colleague {n:3}"'), 'Their names: {n} is their number ({n:3} pads it to 3 digits).'),
    firstNumber: z.optional(described(whole('the first number (0 or more)'), 'The number of the first of them (default 1).')),
    avatarColors: described(z.array(color, { error: 'a list of colours like ["#a21caf"]' }).check(z.minLength(1, 'at least one colour')), 'Their avatar colours, in turn.'),
    lastSeenMinutesAgo: z.optional(minutesAgoOf('When the first of them was last seen (minutes before the start); left out: never.')),
    lastSeenStepMinutes: z.optional(described(z.number({ error: 'minutes (a number)' }).check(z.minimum(0, 'minutes (0 or more)')), 'Each next one was last seen this much longer ago.')),
  }),
  'People made from a pattern, after those of "people" (and in their order, for "everyone").',
);

const directsGenerator = described(
  z.object({
    kind: z.literal('directs'),
    with: described(
      z.union([z.literal('everyone-but-me'), z.array(handle)], { error: '"everyone-but-me" or a list of handles' }),
      'Whom I have a direct conversation with: a list, or "everyone-but-me" (in the order of "people").',
    ),
    newestMinutesAgo: described(
      z.array(minutesAgo, { error: 'a list of minutes, one per conversation' }).check(z.minLength(1, 'at least one')),
      'When each conversation\'s newest message was, one per conversation, in order (the last one stands for the rest).',
    ),
    messages: described(
      z.object({ min: whole('a number of messages'), max: whole('a number of messages') }, { error: 'like {"min": 3, "max": 7}' }),
      'How many messages each has besides the unread ones, picked between min and max.',
    ),
    spreadMinutes: described(z.number({ error: 'minutes (a number)' }).check(z.minimum(0, 'minutes (0 or more)')), 'Up to this many minutes between one message and the one before it.'),
    unread: z.optional(described(z.array(whole('a number of messages')), 'How many of each conversation\'s newest messages are theirs and unread by me, in turn (default none).')),
    unreadByThem: z.optional(described(z.array(whole('a number of messages')), 'How many of each conversation\'s newest messages they have not read, in turn (default none).')),
    bodies,
  }),
  'Direct conversations with many people at once, back and forth (seeded: the same on every load), after those of "conversations".',
);

const sendAction = described(
  z.object({ do: z.literal('send'), in: conversationRef(), body: text('the message\'s text') }),
  'I send a message, through the app: it is pending, sent or failed as the network and "refuseSends" decide.',
);
const networkAction = described(
  z.object({
    do: z.literal('network'),
    offline: z.optional(z.boolean({ error: 'true or false' })),
    latencyMs: z.optional(z.number({ error: 'a round trip in ms (a number)' }).check(z.minimum(0, 'a round trip in ms (0 or more)'))),
    jitterMs: z.optional(z.number({ error: 'ms (a number)' }).check(z.minimum(0, 'ms (0 or more)'))),
    failureRate: z.optional(z.number({ error: 'a share from 0 to 1' }).check(z.minimum(0, 'a share from 0 to 1'), z.maximum(1, 'a share from 0 to 1'))),
  }),
  'The network changes, as the simulation panel would change it.',
);

export const actionSchema = z.discriminatedUnion('do', [sendAction, networkAction], { error: 'an action like {"do": "send", "in": "maya", "body": "Hi"} or {"do": "network", "offline": true}' });

export const scenarioFileSchema = z.object({
  $schema: z.optional(z.string()),
  title: text('a title for the gallery'),
  description: text('a line for the gallery'),
  startsAt: z.optional(
    described(
      z.string({ error: ISO }).check(z.regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z$/, ISO), z.refine((v) => !Number.isNaN(Date.parse(v)), ISO)),
      'The scenario\'s "now" (default: a Thursday afternoon, UTC). Its clock starts there on every load.',
    ),
  ),
  seed: z.optional(described(whole('a whole number from 0 to 4294967295', 0, 2 ** 32 - 1), 'Seeds the ids and what the generators pick (default: from the file\'s name).')),
  people: z.array(personSchema, { error: 'a list of people' }).check(z.minLength(1, 'at least one person, the one with "me": true')),
  generate: z.optional(
    described(
      z.array(z.discriminatedUnion('kind', [peopleGenerator, directsGenerator], { error: 'a generator: {"kind": "people", …} or {"kind": "directs", …}' }), { error: 'a list of generators' }),
      'Content made from patterns and seeded dice: "people" run after the people above, "directs" after the conversations.',
    ),
  ),
  conversations: z.array(conversationSchema, { error: 'a list of conversations' }),
  online: z.optional(described(z.array(handle, { error: 'a list of handles, like ["maya"]' }), 'Who is online.')),
  typing: z.optional(
    described(
      z.array(z.object({ who: handle, in: conversationRef() }), { error: 'a list like [{"who": "maya", "in": "maya"}]' }),
      'Who is typing where, once the app is online (it lasts while the scenario is open).',
    ),
  ),
  open: z.optional(conversationRef('The conversation open at the start: its label, or the handle of the direct peer.')),
  info: z.optional(described(text('the label of a message in the open conversation'), 'Message info open on this message (its label) of the open conversation.')),
  network: z.optional(
    described(
      z.object({
        latencyMs: z.optional(described(z.number({ error: 'a round trip in ms (a number)' }).check(z.minimum(0, 'a round trip in ms (0 or more)')), 'The mean round trip of a request, in ms (default 120).')),
        jitterMs: z.optional(described(z.number({ error: 'ms (a number)' }).check(z.minimum(0, 'ms (0 or more)')), 'How much a round trip varies either way, in ms (default 80; 0 when only latencyMs is given).')),
        failureRate: z.optional(
          described(z.number({ error: 'a share from 0 to 1' }).check(z.minimum(0, 'a share from 0 to 1'), z.maximum(1, 'a share from 0 to 1')), 'The share of requests lost, 0 to 1.'),
        ),
        timeoutMs: z.optional(described(z.number({ error: 'ms (a number)' }).check(z.positive('ms (more than 0)')), 'How long a lost request takes to fail, in ms.')),
        offline: z.optional(described(z.boolean({ error: 'true or false' }), 'Start with the network down (nothing synced: use a "network" action in "onStart" to go offline after the first sync).')),
        refuseSends: z.optional(described(whole('how many sends (0 or more)'), 'The server refuses my first n sends for good (failed, with Retry); later ones go through.')),
      }),
      'The simulated network, as the simulation panel sets it.',
    ),
  ),
  onStart: z.optional(
    described(z.array(actionSchema, { error: 'a list of actions' }), 'What happens once the app is online and has synced, in order: sends, network changes.'),
  ),
  signInForm: z.optional(
    described(
      z.object({ username: z.string({ error: 'text' }), password: z.string({ error: 'text' }) }, { error: 'like {"username": "demo", "password": ""}' }),
      'Start signed out, on the sign-in form with these in it, submitted once (so its field errors show).',
    ),
  ),
  theme: z.optional(described(z.enum(['light', 'dark', 'system'], { error: '"light", "dark" or "system"' }), 'The theme at the start (default: the one the reader chose).')),
  viewport: z.optional(
    described(z.enum(['phone', 'desktop'], { error: '"phone" or "desktop"' }), 'The size it is made for, for screenshot tools and the gallery\'s index (the app does not resize the window).'),
  ),
});

export type ScenarioFile = z.infer<typeof scenarioFileSchema>;
export type FileMessage = z.infer<typeof messageSchema>;
export type FileHistory = z.infer<typeof historySchema>;
export type FileConversation = z.infer<typeof conversationSchema>;
export type FileCount = z.infer<typeof count>;
export type FileAction = z.infer<typeof actionSchema>;
export type FileGenerator = NonNullable<ScenarioFile['generate']>[number];
