import type { ChatService } from '../../src/backend/service';
import type { SocketRequest } from '../../src/protocol/socket';
import type { UserId } from '../../src/transport/types';

/** What a request runs with: the identity from the session, never from the payload. */
export interface RequestContext {
  userId: UserId;
  /** Starts the socket's event flow (joins its user room, counts presence). */
  goLive(): Promise<void>;
}

type Handler = (ctx: RequestContext, payload: unknown) => Promise<unknown>;

/**
 * One line per socket request: the service parses the payload and applies
 * every rule; this layer only says who is asking.
 */
export function requestHandlers(service: ChatService): Record<SocketRequest, Handler> {
  const done = () => null;
  return {
    live: (ctx) => ctx.goLive().then(done),
    users: (ctx) => service.users(ctx.userId),
    conversations: (ctx) => service.conversations(ctx.userId),
    openDirect: (ctx, payload) => service.openDirect(ctx.userId, payload),
    history: (ctx, payload) => service.history(ctx.userId, payload),
    bootstrap: (ctx) => service.bootstrap(ctx.userId),
    catchUp: (ctx, payload) => service.catchUp(ctx.userId, payload),
    send: (ctx, payload) => service.send(ctx.userId, payload),
    editMessage: (ctx, payload) => service.editMessage(ctx.userId, payload),
    deleteMessage: (ctx, payload) => service.deleteMessage(ctx.userId, payload),
    react: (ctx, payload) => service.react(ctx.userId, payload),
    markDelivered: (ctx, payload) => service.markDelivered(ctx.userId, payload).then(done),
    markRead: (ctx, payload) => service.markRead(ctx.userId, payload).then(done),
    typing: (ctx, payload) => service.setTyping(ctx.userId, payload).then(done),
    createGroup: (ctx, payload) => service.createGroup(ctx.userId, payload),
    addMembers: (ctx, payload) => service.addMembers(ctx.userId, payload),
    removeMember: (ctx, payload) => service.removeMember(ctx.userId, payload),
    leaveGroup: (ctx, payload) => service.leaveGroup(ctx.userId, payload).then(done),
    renameGroup: (ctx, payload) => service.renameGroup(ctx.userId, payload),
    browseChannels: (ctx, payload) => service.browseChannels(ctx.userId, payload),
    joinChannel: (ctx, payload) => service.joinChannel(ctx.userId, payload),
    messageInfo: (ctx, payload) => service.messageInfo(ctx.userId, payload),
  };
}
