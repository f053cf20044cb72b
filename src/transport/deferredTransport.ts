import type { ChatTransport } from './ChatTransport';
import { TransportSignals } from './transportSignals';
import type { ChatEvent, ConnectionState, Session, Unsubscribe } from './types';

/**
 * A transport that can be handed to the app before the real one exists: the
 * app paints (the sign-in form, a returning person's cached list) while the
 * adapter's code downloads and its backend opens, instead of after. Calls
 * that answer wait for the real transport; listeners are heard at once and
 * joined to it when it comes; a connect asked for meanwhile is made then
 * (and the state says connecting until it is). Typing meanwhile is dropped:
 * it is ephemeral, and nobody can be typing to a backend that is not there.
 * If the real transport fails to come, every call fails with that error.
 */
export function deferredTransport(name: string, coming: Promise<ChatTransport>): ChatTransport {
  const signals = new TransportSignals();
  let real: ChatTransport | null = null;
  let wanted: Session | null = null;

  void coming.then(
    (transport) => {
      real = transport;
      transport.onConnection((state) => signals.setState(state));
      transport.subscribe((event) => signals.emit(event));
      // Connecting first: the state goes on from "connecting" to where that leads, never back through "offline".
      if (wanted) transport.connect(wanted);
      signals.setState(transport.connectionState());
    },
    // The caller awaits `coming` itself and says so on screen; the calls made meanwhile reject with it.
    () => undefined,
  );

  return {
    name,
    register: async (input) => (await coming).register(input),
    login: async (input) => (await coming).login(input),
    resume: async (session) => (await coming).resume(session),
    logout: async () => {
      wanted = null;
      return (await coming).logout();
    },
    connect(session: Session) {
      wanted = session;
      if (real) real.connect(session);
      else signals.setState({ status: 'connecting' });
    },
    disconnect() {
      wanted = null;
      if (real) real.disconnect();
      else signals.setState({ status: 'offline', reason: 'Not connected.' });
    },
    connectionState: (): ConnectionState => signals.state,
    onConnection: (listener: (state: ConnectionState) => void): Unsubscribe => signals.onConnection(listener),
    subscribe: (listener: (event: ChatEvent) => void): Unsubscribe => signals.subscribe(listener),
    users: async () => (await coming).users(),
    conversations: async () => (await coming).conversations(),
    bootstrap: async () => (await coming).bootstrap(),
    openDirect: async (userId) => (await coming).openDirect(userId),
    history: async (conversationId, query) => (await coming).history(conversationId, query),
    catchUp: async (since) => (await coming).catchUp(since),
    send: async (input) => (await coming).send(input),
    editMessage: async (input) => (await coming).editMessage(input),
    deleteMessage: async (input) => (await coming).deleteMessage(input),
    react: async (input) => (await coming).react(input),
    markDelivered: async (conversationId, uptoSeq) => (await coming).markDelivered(conversationId, uptoSeq),
    markRead: async (conversationId, uptoSeq) => (await coming).markRead(conversationId, uptoSeq),
    setTyping(conversationId, typing) {
      real?.setTyping(conversationId, typing);
    },
    createGroup: async (input) => (await coming).createGroup(input),
    addMembers: async (conversationId, userIds) => (await coming).addMembers(conversationId, userIds),
    removeMember: async (conversationId, userId) => (await coming).removeMember(conversationId, userId),
    leaveGroup: async (conversationId) => (await coming).leaveGroup(conversationId),
    renameGroup: async (conversationId, title) => (await coming).renameGroup(conversationId, title),
    browseChannels: async (query) => (await coming).browseChannels(query),
    joinChannel: async (conversationId) => (await coming).joinChannel(conversationId),
    messageInfo: async (conversationId, seq) => (await coming).messageInfo(conversationId, seq),
  };
}
