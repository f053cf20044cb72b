import type { ConversationId, UserId } from '../../transport';
import type { EngineContext } from '../engine/context';

/**
 * Typing both ways. Outgoing: setTyping(true) throttled while keys come,
 * false after an idle spell. Incoming: each "typing" expires locally, so a
 * lost "stopped" never leaves someone typing forever.
 */
export class Typing {
  private outgoing: { conversationId: ConversationId; sentAt: number; idle: ReturnType<typeof setTimeout> } | null = null;
  private sweep: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly ctx: EngineContext) {}

  keystroke(conversationId: ConversationId): void {
    const now = Date.now();
    const current = this.outgoing;
    if (current && current.conversationId !== conversationId) this.stop(true);
    clearTimeout(this.outgoing?.idle);
    const due = !this.outgoing || now - this.outgoing.sentAt >= this.ctx.timing.typingThrottleMs;
    if (due) this.ctx.transport.setTyping(conversationId, true);
    this.outgoing = {
      conversationId,
      sentAt: due ? now : this.outgoing!.sentAt,
      idle: setTimeout(() => this.stop(true), this.ctx.timing.typingIdleMs),
    };
  }

  /** After a send the server ends the typing itself: only forget it here. */
  stop(tell: boolean): void {
    const current = this.outgoing;
    if (!current) return;
    clearTimeout(current.idle);
    this.outgoing = null;
    if (tell) this.ctx.transport.setTyping(current.conversationId, false);
  }

  incoming(conversationId: ConversationId, userId: UserId, typing: boolean): void {
    this.ctx.stores.ui.setState((state) => {
      const inConversation = { ...state.typing[conversationId] };
      if (typing) inConversation[userId] = Date.now() + this.ctx.timing.typingExpiryMs;
      else delete inConversation[userId];
      return { typing: { ...state.typing, [conversationId]: inConversation } };
    });
    this.scheduleSweep();
  }

  private scheduleSweep(): void {
    clearTimeout(this.sweep);
    const expiries = Object.values(this.ctx.stores.ui.getState().typing).flatMap((users) => Object.values(users));
    if (expiries.length === 0 || this.ctx.signal.aborted) return;
    const wait = Math.max(0, Math.min(...expiries) - Date.now());
    this.sweep = setTimeout(() => {
      const now = Date.now();
      this.ctx.stores.ui.setState((state) => ({
        typing: Object.fromEntries(
          Object.entries(state.typing).map(([id, users]) => [id, Object.fromEntries(Object.entries(users).filter(([, until]) => until > now))]),
        ),
      }));
      this.scheduleSweep();
    }, wait + 1);
  }

  dispose(): void {
    this.stop(false);
    clearTimeout(this.sweep);
    this.ctx.stores.ui.setState({ typing: {} });
  }
}
