import type { UserRecord } from '../../../src/backend/store';
import { ChatError, type ConversationId, type GroupVisibility, type Message, type User, type UserId } from '../../../src/transport';
import type { SimController } from '../controller';
import type { FileIssue } from '../scenarios/file/checkFile';
import type { SimBackend } from '../simOptions';
import type { DemoFile, DemoStep } from './demoFile';

/** What "me" does in a demo goes through the app's own client, so it shows as Sending, Sent or failed like any message. */
export interface DemoApp {
  send(conversationId: ConversationId, body: string, options?: { replyToSeq?: number }): Promise<string>;
  react(message: { conversationId: ConversationId; senderId: UserId; clientId: string }, emoji: string, on: boolean): Promise<void>;
  createGroup(input: { title: string; visibility: GroupVisibility; memberIds: UserId[] }): Promise<ConversationId>;
  /** Opens the conversation on screen. */
  open(conversationId: ConversationId): void;
}

/** Who and what a demo's steps can name, read from its scenario once built. */
export interface DemoCast {
  me: User;
  /** Everyone, by handle (username). */
  people: ReadonlyMap<string, UserRecord>;
  /** My groups at the start, by title. */
  groups: ReadonlyMap<string, ConversationId>;
}

export async function readCast(backend: SimBackend, me: User): Promise<DemoCast> {
  const people = new Map((await backend.store.listUsers()).map((u) => [u.username, u]));
  const groups = new Map<string, ConversationId>();
  for (const c of await backend.store.listConversations(me.id)) if (c.group) groups.set(c.group.title, c.id);
  return { me, people, groups };
}

const isMe = (cast: DemoCast, handle: string) => handle === 'me' || handle === cast.me.username;

/**
 * What the steps name exists in the scenario: people by handle ("me" where the step allows it) and
 * conversations (a person, a group of the scenario, or one an earlier step creates). As `{path, message}`,
 * for the overlay, before anything plays.
 */
export function checkCast(file: DemoFile, cast: DemoCast): FileIssue[] {
  const issues: FileIssue[] = [];
  const handles = [...cast.people.keys()].filter((h) => h !== cast.me.username).sort();
  const example = handles.slice(0, 3).map((h) => `"${h}"`).join(', ');
  const created = new Set<string>();
  const person = (handle: string, path: string, meToo: boolean) => {
    if (isMe(cast, handle)) {
      if (!meToo) issues.push({ path, message: `a person other than "me" (what "me" does here the app does by itself)` });
      return;
    }
    if (!cast.people.has(handle)) issues.push({ path, message: `a person's handle in the scenario, like ${example}; "${handle}" is not one of them` });
  };
  const conversation = (name: string, path: string) => {
    if (created.has(name) || cast.groups.has(name) || (cast.people.has(name) && !isMe(cast, name))) return;
    const groups = [...cast.groups.keys(), ...created].map((t) => `"${t}"`).join(', ');
    issues.push({ path, message: `a person's handle, a group's title${groups ? ` (${groups})` : ''} or the label of a group an earlier step created; "${name}" is none of them` });
  };
  file.steps.forEach((step, i) => {
    const at = `steps[${i}]`;
    if ('who' in step) person(step.who, `${at}.who`, step.do !== 'type' && step.do !== 'read');
    if ('in' in step) conversation(step.in, `${at}.in`);
    if (step.do === 'createGroup') {
      step.members.forEach((h, m) => person(h, `${at}.members[${m}]`, true));
      created.add(step.title);
      if (step.label !== undefined) created.add(step.label);
    }
  });
  return issues;
}

/** A step as the demo controls put it in words: names as the signed-in person sees them; `who` null is "me". */
export type DemoStepView =
  | { do: 'type'; who: string; in: string; typing: boolean }
  | { do: 'send'; who: string | null; in: string; body: string; reply: boolean }
  | { do: 'react'; who: string | null; emoji: string; on: boolean; to: string }
  | { do: 'read'; who: string; in: string }
  | { do: 'network'; offline: boolean }
  | { do: 'createGroup'; who: string | null; title: string }
  | { do: 'open'; in: string };

export function stepViews(file: DemoFile, cast: DemoCast): DemoStepView[] {
  const name = (handle: string) => (isMe(cast, handle) ? null : (cast.people.get(handle)?.displayName ?? handle));
  const titles = new Map<string, string>();
  const bodies = new Map<string, string>();
  const where = (conversation: string) => titles.get(conversation) ?? (cast.people.has(conversation) ? name(conversation) : null) ?? conversation;
  return file.steps.map((step): DemoStepView => {
    switch (step.do) {
      case 'type':
        return { do: 'type', who: name(step.who) ?? step.who, in: where(step.in), typing: step.typing ?? true };
      case 'send':
        if (step.label !== undefined) bodies.set(step.label, step.body);
        return { do: 'send', who: name(step.who), in: where(step.in), body: step.body, reply: step.replyTo !== undefined };
      case 'react':
        return { do: 'react', who: name(step.who), emoji: step.emoji, on: step.on ?? true, to: bodies.get(step.to) ?? step.to };
      case 'read':
        return { do: 'read', who: name(step.who) ?? step.who, in: where(step.in) };
      case 'network':
        return { do: 'network', offline: step.offline };
      case 'createGroup':
        if (step.label !== undefined) titles.set(step.label, step.title);
        return { do: 'createGroup', who: name(step.who), title: step.title };
      case 'open':
        return { do: 'open', in: where(step.in) };
    }
  });
}

/**
 * Carries a demo's steps out: the scenario's people act through the ChatService as themselves (so
 * the backend's rules apply and the app hears of it as of anything else), "me" through the app's
 * client, the network through the simulation's offline switch. Labels name what a step made (a
 * message, a group) for later steps.
 */
export class DemoActor {
  private readonly messages = new Map<string, { conversationId: ConversationId; clientId: string }>();
  private readonly created = new Map<string, ConversationId>();

  constructor(
    private readonly backend: SimBackend,
    private readonly sim: Pick<SimController, 'setOffline'>,
    private readonly cast: DemoCast,
    private readonly app: DemoApp,
  ) {}

  async execute(step: DemoStep): Promise<void> {
    const { service } = this.backend;
    switch (step.do) {
      case 'type': {
        const who = this.person(step.who);
        await service.setTyping(who.id, { conversationId: await this.conversation(step.in), typing: step.typing ?? true });
        return;
      }
      case 'send': {
        const conversationId = await this.conversation(step.in);
        const reply = step.replyTo === undefined ? {} : { replyToSeq: (await this.message(step.replyTo)).seq };
        let clientId: string;
        if (isMe(this.cast, step.who)) clientId = await this.app.send(conversationId, step.body, reply);
        else {
          const who = this.person(step.who);
          clientId = crypto.randomUUID();
          await service.send(who.id, { conversationId, clientId, body: step.body, ...reply });
        }
        if (step.label !== undefined) this.messages.set(step.label, { conversationId, clientId });
        return;
      }
      case 'react': {
        const target = await this.message(step.to);
        const on = step.on ?? true;
        if (isMe(this.cast, step.who)) return this.app.react(target, step.emoji, on);
        const who = this.person(step.who);
        await service.react(who.id, { conversationId: target.conversationId, seq: target.seq, opId: crypto.randomUUID(), emoji: step.emoji, on });
        return;
      }
      case 'read': {
        const who = this.person(step.who);
        const conversationId = await this.conversation(step.in);
        const uptoSeq = (await this.backend.store.getConversation(conversationId))?.lastSeq ?? 0;
        if (uptoSeq === 0) return;
        await service.markDelivered(who.id, { conversationId, uptoSeq });
        await service.markRead(who.id, { conversationId, uptoSeq });
        return;
      }
      case 'network':
        return this.sim.setOffline(step.offline);
      case 'createGroup': {
        const owner = isMe(this.cast, step.who) ? this.cast.me.id : this.person(step.who).id;
        const memberIds = step.members.map((h) => this.person(h).id).filter((id) => id !== owner);
        const fields = { title: step.title, visibility: step.visibility ?? 'private', memberIds };
        const id = isMe(this.cast, step.who) ? await this.app.createGroup(fields) : (await service.createGroup(owner, { clientId: crypto.randomUUID(), ...fields })).id;
        this.created.set(step.title, id);
        if (step.label !== undefined) this.created.set(step.label, id);
        return;
      }
      case 'open':
        return this.app.open(await this.conversation(step.in));
    }
  }

  /**
   * A person of the scenario by handle, "me" included. Someone who acts keeps the scenario's presence:
   * bringing them online would be a presence event, which reaches the app on no change number the demo
   * could wait for, so a step's screen would depend on when it was looked at.
   */
  private person(handle: string): Pick<User, 'id'> {
    if (isMe(this.cast, handle)) return this.cast.me;
    const user = this.cast.people.get(handle);
    if (!user) throw new ChatError('NOT_FOUND', `There is no "${handle}" in the scenario.`);
    return user;
  }

  /** A conversation as I see it: a group a step created (label or title), the direct one with a person, a group by title. */
  private async conversation(name: string): Promise<ConversationId> {
    const created = this.created.get(name);
    if (created) return created;
    const peer = this.cast.people.get(name);
    if (peer && !isMe(this.cast, name)) return (await this.backend.service.openDirect(peer.id, { userId: this.cast.me.id })).id;
    const group = this.cast.groups.get(name);
    if (group) return group;
    throw new ChatError('NOT_FOUND', `There is no conversation "${name}".`);
  }

  /** The message an earlier step sent under `label`, as the server has it. */
  private async message(label: string): Promise<Message> {
    const sent = this.messages.get(label);
    if (!sent) throw new ChatError('NOT_FOUND', `No step has sent a message labelled "${label}".`);
    const recent = await this.backend.store.history(sent.conversationId, undefined, 500);
    const message = recent.find((m) => m.clientId === sent.clientId);
    // Mine, still on its way (offline): there is nothing to answer or react to on the server yet.
    if (!message) throw new ChatError('NOT_FOUND', `The message "${label}" has not reached the server yet.`);
    return message;
  }
}
