import { LIMITS } from '../../../src/protocol/limits';
import type { ConversationId, Session } from '../../../src/transport';
import type { SimController } from '../controller';
import { DEMO_TEAM } from '../demoTeam';
import type { LatencySettings } from '../simLink';
import { demoCast, demoConversations, demoOnline, member } from './cast';
import { EXTRA_TEAMMATES, GUESTS, LONG_CONTENT_LINES, longestMessage, SMALL_TALK } from './content';
import { GROUP_SCENARIOS } from './groups';
import { MESSAGE_ACTION_SCENARIOS } from './messageActions';
import type { ScenarioName } from './scenarioList';
import type { ScenarioWriter, ScriptLine } from './scenarioWriter';

/** What a scenario's build leaves for the app. */
export interface ScenarioBuild {
  /** Who the app starts signed in as; null for a signed-out scenario. */
  session: Session | null;
  /** The conversation to open, if any. */
  open: ConversationId | null;
  /** Message info to show on my message at this seq of the open conversation (the URL's `#/c/<id>/info/<seq>`). */
  info?: number;
  /** What the scenario does once the app is online (teammates typing in a group); its play calls it. */
  whenOnline?: () => Promise<void>;
}

/** What a scenario may do once the app runs, signed in: leave messages pending or failed, make someone type. */
export interface ScenarioPlay {
  build: ScenarioBuild;
  sim: SimController;
  /** Sends as the signed-in person, through the app's own engine (so it is pending, sent or failed like any message). */
  send(conversationId: ConversationId, body: string): Promise<unknown>;
  /** Resolves once the app is connected. */
  online(): Promise<void>;
  /** Resolves once the app's cache holds everything the server had when this was called. */
  synced(): Promise<void>;
}

export interface ScenarioDefinition {
  /** A built-in's name, or a scenario file's. */
  name: string;
  /** The instant the scenario's clock starts from (ISO). */
  startsAt: string;
  network?: { latency?: LatencySettings; failureRate?: number; offline?: boolean; timeoutMs?: number };
  /** Sends the server refuses, first ones first (the Retry then goes through). */
  refusedSends?: number;
  /** How long a "typing" lasts without a refresh, in the sim and in the app. */
  typingLastsMs?: number;
  build(w: ScenarioWriter): Promise<ScenarioBuild>;
  play?(play: ScenarioPlay): Promise<void>;
  /** A signed-out scenario: what the sign-in form shows, submitted once (so its field errors show). */
  signInForm?: { username: string; password: string };
}

const DAY = 24 * 60;
/** The last messages of the long history, recognisable (a test waits for them: the whole year has arrived). */
const LAST_WORDS = ['Message 9,999: one to go.', 'Message 10,000: happy anniversary of this chat 🎂'];
/** A Thursday mid-afternoon (UTC): "Yesterday", weekdays and "5 minutes ago" all have something to show. */
const THURSDAY = '2026-03-12T14:30:00.000Z';

/** The demo account's usual five conversations, opened at Maya's. */
async function demoState(w: ScenarioWriter, options: { allRead?: boolean; open?: string } = {}): Promise<ScenarioBuild> {
  const cast = await demoCast(w);
  const conversations = await demoConversations(w, cast, options);
  await demoOnline(w, cast);
  return { session: await w.session(cast.me), open: conversations.get(options.open ?? 'maya') ?? null };
}

/** Lines back and forth, the newest `minutesAgo` before now, older ones spaced by up to `spreadMinutes`. */
function chatter(w: ScenarioWriter, me: string, them: string, count: number, newestMinutesAgo: number, spreadMinutes: number): ScriptLine[] {
  const lines: ScriptLine[] = [];
  let minutesAgo = newestMinutesAgo;
  for (let i = 0; i < count; i++) {
    lines.unshift({ from: w.random.chance(0.5) ? me : them, body: w.random.pick(SMALL_TALK), minutesAgo: Math.round(minutesAgo) });
    minutesAgo += 1 + w.random.between(0, spreadMinutes);
  }
  return lines;
}

export const SCENARIOS: readonly ScenarioDefinition[] = [
  {
    name: 'empty',
    startsAt: THURSDAY,
    async build(w) {
      const cast = await demoCast(w);
      return { session: await w.session(cast.me), open: null };
    },
  },
  {
    name: 'busy-team',
    startsAt: THURSDAY,
    async build(w) {
      const cast = await demoCast(w);
      const people = [...cast.team.values()];
      for (const [username, displayName, avatarColor] of [...EXTRA_TEAMMATES, ...GUESTS]) {
        people.push(await w.person({ username, displayName, avatarColor, lastSeenMinutesAgo: Math.round(w.random.between(5, 3 * DAY)) }));
      }
      const unread = [3, 0, 12, 1, 0, 0, 150, 0, 2, 0, 0, 5];
      for (const [index, peer] of people.entries()) {
        // Newest first: a few today, then yesterday, then days and weeks back.
        const newest = index < 6 ? 4 + index * 37 : index < 10 ? DAY + index * 60 : index * 0.9 * DAY;
        const theirUnread = unread[index % unread.length]!;
        const lines = chatter(w, cast.me.id, peer.id, theirUnread + 3 + Math.floor(w.random.between(0, 5)), newest, 90);
        // The unread ones are theirs, at the end.
        for (const line of lines.slice(lines.length - theirUnread)) line.from = peer.id;
        const id = await w.conversation(cast.me.id, peer.id, lines);
        await w.marker(id, cast.me.id, { read: lines.length - theirUnread, delivered: lines.length });
        await w.marker(id, peer.id, { read: lines.length - (index % 4 === 1 ? 1 : 0), delivered: lines.length });
      }
      await w.online(people.filter((_, i) => i % 3 !== 2 && i < 25).slice(0, 12).map((p) => p.id));
      return { session: await w.session(cast.me), open: null };
    },
  },
  {
    name: 'long-history',
    startsAt: THURSDAY,
    network: { latency: { meanMs: 40, jitterMs: 20 } },
    async build(w) {
      const cast = await demoCast(w);
      const maya = member(cast, 'maya');
      const persona = DEMO_TEAM.find((t) => t.username === 'maya')!;
      const total = 10_000;
      const spacing = (365 * DAY) / total;
      const lines: ScriptLine[] = Array.from({ length: total }, (_, i) => {
        const mine = w.random.chance(0.45);
        return {
          from: mine ? cast.me.id : maya.id,
          body: LAST_WORDS[i - (total - LAST_WORDS.length)] ?? w.random.pick(mine ? SMALL_TALK : [...persona.replies, ...SMALL_TALK]),
          minutesAgo: Math.round((total - 1 - i) * spacing + 2),
        };
      });
      lines[total - 1]!.from = maya.id;
      const id = await w.conversation(cast.me.id, maya.id, lines);
      await w.marker(id, cast.me.id, { read: total });
      await w.marker(id, maya.id, { read: total });
      await w.online([maya.id]);
      return { session: await w.session(cast.me), open: id };
    },
  },
  {
    name: 'offline',
    startsAt: THURSDAY,
    build: (w) => demoState(w),
    async play({ build, send, sim, online, synced }) {
      if (!build.open) return;
      // Offline-first: the app has synced before, so the cache paints the conversations.
      await online();
      await synced();
      sim.setOffline(true);
      await send(build.open, 'Sure, "5 min ago" under an hour sounds right.');
      await send(build.open, 'Sending this from the train, it will go out when I am back online 🚆');
    },
  },
  {
    name: 'flaky',
    startsAt: THURSDAY,
    network: { latency: { meanMs: 2000, jitterMs: 500 }, failureRate: 0.4, timeoutMs: 5000 },
    build: (w) => demoState(w),
  },
  {
    name: 'failed-send',
    startsAt: THURSDAY,
    refusedSends: 1,
    build: (w) => demoState(w),
    async play({ build, send, online }) {
      if (!build.open) return;
      await online();
      await send(build.open, 'Here are the final specs for the empty states 📎');
    },
  },
  {
    name: 'typing',
    startsAt: THURSDAY,
    typingLastsMs: 24 * 60 * 60_000,
    build: (w) => demoState(w),
    async play({ sim, online }) {
      await online();
      await sim.teammate('maya').type();
    },
  },
  {
    name: 'all-read',
    startsAt: THURSDAY,
    build: (w) => demoState(w, { allRead: true, open: 'leo' }),
  },
  {
    name: 'long-content',
    startsAt: THURSDAY,
    async build(w) {
      const cast = await demoCast(w);
      const long = await w.person({ username: 'maximiliana', displayName: 'Maximiliana Alexandra Featherstonehaugh-Cholmondeley', avatarColor: '#7e22ce', lastSeenMinutesAgo: 90 });
      const rtl = await w.person({ username: 'layla', displayName: 'ليلى الحسن', avatarColor: '#0f766e', lastSeenMinutesAgo: 15 });
      await w.conversation(cast.me.id, rtl.id, [{ from: rtl.id, body: 'صباح الخير! الاجتماع الساعة العاشرة 🌞', minutesAgo: 50 }]);
      const lines: ScriptLine[] = LONG_CONTENT_LINES.map(([from, body], i) => ({ from: from === 'me' ? cast.me.id : long.id, body, minutesAgo: 40 - i * 5 }));
      lines.push({ from: long.id, body: longestMessage(LIMITS.bodyMaxChars), minutesAgo: 3 });
      const id = await w.conversation(cast.me.id, long.id, lines);
      await w.marker(id, cast.me.id, { read: lines.length });
      await w.marker(id, long.id, { read: lines.length });
      await w.online([rtl.id]);
      return { session: await w.session(cast.me), open: id };
    },
  },
  {
    name: 'sign-in',
    startsAt: THURSDAY,
    signInForm: { username: 'demo', password: '' },
    async build(w) {
      const cast = await demoCast(w);
      await demoConversations(w, cast);
      return { session: null, open: null };
    },
  },
  ...GROUP_SCENARIOS,
  ...MESSAGE_ACTION_SCENARIOS,
];

export function scenarioNamed(name: ScenarioName): ScenarioDefinition {
  return SCENARIOS.find((s) => s.name === name)!;
}
