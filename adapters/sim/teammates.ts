import type { Clock } from '../../src/backend/clock';
import type { PresenceRegistry } from '../../src/backend/ports';
import type { ChatService } from '../../src/backend/service';
import type { Store, UserRecord } from '../../src/backend/store';
import { ChatError, type ChatEvent, type Conversation, type ConversationId, type Message, type Unsubscribe, type UserId } from '../../src/transport';
import { DEMO_ACCOUNT, DEMO_GROUPS, DEMO_TEAM, type DemoGroup, type Teammate } from './demoTeam';
import type { Random } from './random';
import type { EventFeed } from './serviceTransport';

type Range = readonly [min: number, max: number];

export interface TeammateTiming {
  /** From a message arriving to their device marking it delivered. */
  deliverMs: Range;
  /** From delivered to read. */
  readMs: Range;
  /** How long they type before the reply lands. */
  typeMs: Range;
  /** An offline teammate who gets a message comes online after this. */
  wakeMs: Range;
  /** Spontaneous presence: how long they stay online, then offline. */
  onlineMs: Range;
  offlineMs: Range;
  /** Share of the team online when the simulation starts. */
  initialOnline: number;
  /** Between one teammate's unprompted line in a group and the next. */
  chatterMs: Range;
  /** Share of group messages that two teammates answer rather than one. */
  secondAnswer: number;
  /** Share of what they read that they react to (an emoji on the newest message from someone outside the team). */
  reactChance: number;
  /** Share of their answers that quote what they answer (a reply to that message). */
  quoteChance: number;
}

/** What teammates react with. */
const TEAMMATE_REACTIONS = ['👍', '❤️', '😂', '🎉', '🙏', '👀', '🔥'] as const;

const DEFAULT_TEAMMATE_TIMING: TeammateTiming = {
  deliverMs: [300, 1200],
  readMs: [1500, 5000],
  typeMs: [2000, 5000],
  wakeMs: [4000, 15000],
  onlineMs: [3 * 60_000, 10 * 60_000],
  offlineMs: [60_000, 4 * 60_000],
  initialOnline: 0.6,
  chatterMs: [90_000, 4 * 60_000],
  secondAnswer: 0.3,
  reactChance: 0.3,
  quoteChance: 0.25,
};

export interface TeammateDeps {
  service: ChatService;
  store: Store;
  presence: PresenceRegistry;
  feed: EventFeed;
  clock: Clock;
  random: Random;
  timing?: Partial<TeammateTiming>;
  onError?: (error: unknown) => void;
}

interface Member {
  user: UserRecord;
  persona: Teammate;
  /** Conversations with a delivered-read-reply under way. */
  busy: Set<ConversationId>;
  /** Groups where they were picked to answer, and the seq of the message they owe an answer to. */
  owes: Map<ConversationId, number>;
  cycle: unknown;
  wake: unknown;
}

/** A teammate's one connection, the same from whichever tab switches them on or off. */
export function teammateConnectionId(userId: UserId): string {
  return `teammate:${userId}`;
}

/**
 * The simulated team. Started (in one tab only) it lives: teammates come and
 * go, and answer what is sent to them (delivered, read, typing, reply). Its
 * commands also work unstarted, for the designer panel of any tab. Everything
 * goes through the ChatService as the teammate, so they obey every rule, and
 * every delay comes from the injected clock and random source.
 */
export class SimulatedTeam {
  private readonly timing: TeammateTiming;
  private members = new Map<UserId, Member>();
  private readonly timers = new Set<unknown>();
  private readonly inflight = new Set<Promise<void>>();
  private readonly subscriptions: Unsubscribe[] = [];
  private running = false;

  constructor(private readonly deps: TeammateDeps) {
    this.timing = { ...DEFAULT_TEAMMATE_TIMING, ...deps.timing };
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Reads who the team is (after seeding or a reset). */
  async load(): Promise<void> {
    const members = new Map<UserId, Member>();
    for (const persona of DEMO_TEAM) {
      const user = await this.deps.store.getUserByUsername(persona.username);
      if (user) members.set(user.id, { user, persona, busy: new Set(), owes: new Map(), cycle: undefined, wake: undefined });
    }
    this.members = members;
  }

  /** The team comes alive: listens for messages, and some of them come online. */
  async start(): Promise<void> {
    await this.load();
    this.running = true;
    for (const member of this.members.values()) {
      this.subscriptions.push(this.deps.feed.subscribe(member.user.id, (event) => this.onEvent(member, event)));
    }
    for (const member of this.members.values()) {
      if (this.deps.random.chance(this.timing.initialOnline)) this.track(this.comeOnlineNow(member));
      else this.scheduleCycle(member, false);
    }
    this.scheduleChatter();
    await this.idle();
  }

  /** Everyone goes quiet and offline; pending replies are dropped. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    for (const timer of this.timers) this.deps.clock.clearTimeout(timer);
    this.timers.clear();
    for (const unsubscribe of this.subscriptions.splice(0)) unsubscribe();
    await this.idle();
    for (const member of this.members.values()) {
      member.busy.clear();
      member.owes.clear();
      await this.deps.service.disconnect(member.user.id, teammateConnectionId(member.user.id));
    }
  }

  /** Resolves once nothing the team started is still running (timers may be pending). */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  list(): { user: UserRecord; persona: Teammate }[] {
    return [...this.members.values()].map(({ user, persona }) => ({ user, persona }));
  }

  // --- commands (designer panel) ---

  async comeOnline(username: string): Promise<void> {
    const member = this.member(username);
    this.scheduleCycle(member, true);
    await this.comeOnlineNow(member);
  }

  async goOffline(username: string): Promise<void> {
    const member = this.member(username);
    this.scheduleCycle(member, false);
    await this.goOfflineNow(member);
  }

  /** Shows the teammate typing to `userId` (it expires by itself after the service's typing TTL). */
  async type(username: string, userId: UserId, typing = true): Promise<void> {
    const member = this.member(username);
    const conversation = await this.deps.service.openDirect(member.user.id, { userId });
    await this.deps.service.setTyping(member.user.id, { conversationId: conversation.id, typing });
  }

  /** The teammate writes to `userId` now (after reading what is there). */
  async reply(username: string, userId: UserId, body?: string): Promise<Message> {
    const member = this.member(username);
    const conversation = await this.deps.service.openDirect(member.user.id, { userId });
    await this.markRead(member, conversation.id);
    return this.deps.service.send(member.user.id, {
      conversationId: conversation.id,
      clientId: crypto.randomUUID(),
      body: body ?? this.deps.random.pick(member.persona.replies),
    });
  }

  /** The teammate reads everything `userId` sent them. */
  async read(username: string, userId: UserId): Promise<void> {
    const member = this.member(username);
    const conversation = await this.deps.service.openDirect(member.user.id, { userId });
    await this.markRead(member, conversation.id);
  }

  // --- behaviour ---

  private member(username: string): Member {
    const member = [...this.members.values()].find((m) => m.user.username === username.toLowerCase());
    if (!member) throw new ChatError('NOT_FOUND', `There is no simulated teammate called "${username}".`);
    return member;
  }

  private onEvent(member: Member, event: ChatEvent): void {
    if (event.type !== 'message' || this.members.has(event.message.senderId) || event.message.system) return;
    const { message } = event;
    const conversationId = message.conversationId;
    this.track(
      this.pickAnswerers(message).then(async (answerers) => {
        const picked = answerers?.has(member.user.id) ?? false;
        if (picked) member.owes.set(conversationId, Math.max(member.owes.get(conversationId) ?? 0, message.seq ?? 0));
        if (await this.isOnline(member)) this.attend(member, conversationId);
        // In a group only who answers comes online for it; the others read it when they next come online.
        else if (answerers === null || picked) this.scheduleWake(member);
      }),
    );
  }

  /**
   * Who of the team answers a message in a group (null in a direct conversation, where the one teammate
   * does): one of its teammates, sometimes two, picked once per message though every member hears it.
   */
  private readonly answerers = new Map<string, Promise<Set<UserId> | null>>();
  private pickAnswerers(message: Message): Promise<Set<UserId> | null> {
    let picked = this.answerers.get(message.id);
    if (!picked) {
      picked = this.deps.store.getConversation(message.conversationId).then((conversation) => {
        if (conversation?.kind !== 'group') return null;
        const candidates = conversation.members.map((m) => m.userId).filter((id) => this.members.has(id));
        const count = Math.min(candidates.length, this.deps.random.chance(this.timing.secondAnswer) ? 2 : 1);
        const chosen = new Set<UserId>();
        while (chosen.size < count) chosen.add(this.deps.random.pick(candidates));
        return chosen;
      });
      this.answerers.set(message.id, picked);
      // Only the last few matter: every member's event for a message arrives together.
      if (this.answerers.size > 50) this.answerers.delete(this.answerers.keys().next().value!);
    }
    return picked;
  }

  /** Whether they answer in this conversation: always in a direct one, in a group when picked. */
  private async answers(member: Member, conversationId: ConversationId): Promise<boolean> {
    if (member.owes.has(conversationId)) return true;
    return (await this.deps.store.getConversation(conversationId))?.kind === 'direct';
  }

  /** Delivered, then read, then (where they answer) typing, then a reply; each step only while still online. */
  private attend(member: Member, conversationId: ConversationId): void {
    if (!this.running || member.busy.has(conversationId)) return;
    member.busy.add(conversationId);
    const id = member.user.id;
    const { service } = this.deps;
    const abandon = () => member.busy.delete(conversationId);
    this.after(this.timing.deliverMs, async () => {
      if (!(await this.isOnline(member))) return void abandon();
      await service.markDelivered(id, { conversationId, uptoSeq: await this.lastSeq(conversationId) });
      this.after(this.timing.readMs, async () => {
        if (!(await this.isOnline(member))) return void abandon();
        const readUpTo = await this.markRead(member, conversationId);
        const answered = await this.answered(conversationId, readUpTo);
        if (answered && this.roll(this.timing.reactChance)) await this.react(member, answered);
        if (!(await this.answers(member, conversationId))) return void abandon();
        await service.setTyping(id, { conversationId, typing: true });
        this.after(this.timing.typeMs, async () => {
          abandon();
          // What they read is answered now or, gone offline meanwhile, not at all (it is read: nothing brings it back).
          if ((member.owes.get(conversationId) ?? 0) <= readUpTo) member.owes.delete(conversationId);
          if (!(await this.isOnline(member))) return service.setTyping(id, { conversationId, typing: false });
          const quote = answered && this.roll(this.timing.quoteChance) ? { replyToSeq: answered.seq } : {};
          await service.send(id, { conversationId, clientId: crypto.randomUUID(), body: this.deps.random.pick(member.persona.replies), ...quote });
          // Whatever arrived while they were typing is read, and answered where they answer (a group's owed one).
          if (await this.hasUnread(member, conversationId)) this.attend(member, conversationId);
        });
      });
    });
  }

  /** A dice roll that draws nothing when it cannot come up, so a team with the habit switched off replays as before. */
  private roll(probability: number): boolean {
    return probability > 0 && this.deps.random.chance(probability);
  }

  /** The newest message up to `uptoSeq` from someone outside the team (a person): what a teammate answers or reacts to. */
  private async answered(conversationId: ConversationId, uptoSeq: number): Promise<Message | null> {
    const recent = await this.deps.store.history(conversationId, uptoSeq + 1, 20);
    return recent.find((m) => !this.members.has(m.senderId) && !m.system && !m.deletedAt) ?? null;
  }

  /** An emoji on the message, as the teammate; one deleted or already full of reactions meanwhile is left alone. */
  private async react(member: Member, message: Message): Promise<void> {
    const emoji = this.deps.random.pick(TEAMMATE_REACTIONS);
    try {
      await this.deps.service.react(member.user.id, { conversationId: message.conversationId, seq: message.seq, opId: crypto.randomUUID(), emoji, on: true });
    } catch (error) {
      if (!(error instanceof ChatError && error.code === 'INVALID_INPUT')) throw error;
    }
  }

  private async comeOnlineNow(member: Member): Promise<void> {
    if (member.wake !== undefined) this.cancel(member.wake);
    member.wake = undefined;
    await this.deps.service.connect(member.user.id, teammateConnectionId(member.user.id));
    // Like a phone reconnecting: whatever came in meanwhile gets delivered and answered.
    for (const summary of await this.deps.service.conversations(member.user.id)) {
      if (summary.unreadCount > 0) this.attend(member, summary.id);
    }
  }

  private async goOfflineNow(member: Member): Promise<void> {
    await this.deps.service.disconnect(member.user.id, teammateConnectionId(member.user.id));
  }

  /** The next spontaneous presence change, replacing any planned one. */
  private scheduleCycle(member: Member, online: boolean): void {
    if (!this.running) return;
    if (member.cycle !== undefined) this.cancel(member.cycle);
    member.cycle = this.after(online ? this.timing.onlineMs : this.timing.offlineMs, async () => {
      member.cycle = undefined;
      this.scheduleCycle(member, !online);
      if (online) await this.goOfflineNow(member);
      else await this.comeOnlineNow(member);
    });
  }

  /**
   * The demo group a conversation is, known by its title and who made it (a group someone makes with the
   * same title is theirs, not the demo's); null for any other.
   */
  private async demoGroupOf(conversation: Conversation): Promise<DemoGroup | null> {
    if (!conversation.group) return null;
    const creator = this.members.get(conversation.group.createdBy)?.user.username ?? (await this.deps.store.getUserById(conversation.group.createdBy))?.username;
    const owner = creator === DEMO_ACCOUNT.username ? 'me' : creator;
    return DEMO_GROUPS.find((g) => g.title === conversation.group!.title && g.owner === owner) ?? null;
  }

  /** Now and then an online teammate says something in one of the demo groups (typing first), unprompted. */
  private scheduleChatter(): void {
    this.after(this.timing.chatterMs, async () => {
      this.scheduleChatter();
      const online = await this.deps.presence.onlineUsers();
      const speakers = [...this.members.values()].filter((m) => online.has(m.user.id));
      if (speakers.length === 0) return;
      const member = this.deps.random.pick(speakers);
      // (The list keeps groups they have left, for their history: those are not theirs to talk in.)
      const groups: { conversation: Conversation; lines: string[] }[] = [];
      for (const conversation of await this.deps.service.conversations(member.user.id)) {
        if (!conversation.members.some((m) => m.userId === member.user.id)) continue;
        const demo = await this.demoGroupOf(conversation);
        const lines = demo ? demo.chatter.filter(([who]) => who === member.user.username).map(([, body]) => body) : [];
        if (lines.length > 0) groups.push({ conversation, lines });
      }
      if (groups.length === 0) return;
      const { conversation, lines } = this.deps.random.pick(groups);
      const id = member.user.id;
      await this.deps.service.setTyping(id, { conversationId: conversation.id, typing: true });
      this.after(this.timing.typeMs, async () => {
        if (!(await this.isOnline(member))) return this.deps.service.setTyping(id, { conversationId: conversation.id, typing: false });
        const body = this.deps.random.pick(lines);
        await this.deps.service.send(id, { conversationId: conversation.id, clientId: crypto.randomUUID(), body });
      });
    });
  }

  private scheduleWake(member: Member): void {
    if (!this.running || member.wake !== undefined) return;
    member.wake = this.after(this.timing.wakeMs, async () => {
      member.wake = undefined;
      this.scheduleCycle(member, true);
      await this.comeOnlineNow(member);
    });
  }

  /** Reads everything in the conversation; answers the seq read up to. */
  private async markRead(member: Member, conversationId: ConversationId): Promise<number> {
    const uptoSeq = await this.lastSeq(conversationId);
    await this.deps.service.markRead(member.user.id, { conversationId, uptoSeq });
    return uptoSeq;
  }

  private async lastSeq(conversationId: ConversationId): Promise<number> {
    return (await this.deps.store.getConversation(conversationId))?.lastSeq ?? 0;
  }

  private async hasUnread(member: Member, conversationId: ConversationId): Promise<boolean> {
    const summaries = await this.deps.store.listSummaries(member.user.id);
    return (summaries.find((s) => s.conversation.id === conversationId)?.unreadCount ?? 0) > 0;
  }

  private async isOnline(member: Member): Promise<boolean> {
    return (await this.deps.presence.onlineUsers()).has(member.user.id);
  }

  /** Runs `fn` after a random delay in `range`, tracked so stop() and idle() know about it. */
  private after(range: Range, fn: () => Promise<unknown>): unknown {
    // Work still finishing while stop() waits for it plans nothing more: a stopped team stays still.
    if (!this.running) return undefined;
    const ms = Math.round(this.deps.random.between(range[0], range[1]));
    const timer = this.deps.clock.setTimeout(() => {
      this.timers.delete(timer);
      if (this.running) this.track(fn().then(() => undefined));
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  private cancel(timer: unknown): void {
    this.deps.clock.clearTimeout(timer);
    this.timers.delete(timer);
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) => (this.deps.onError ?? ((e) => console.warn('[sim] teammate', e)))(error));
    this.inflight.add(tracked);
    void tracked.finally(() => this.inflight.delete(tracked));
  }
}
