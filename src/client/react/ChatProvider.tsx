import { createContext, type ReactNode, useContext } from 'react';
import type { ChatClient } from '../createChatClient';

const ChatClientContext = createContext<ChatClient | null>(null);

/** Gives the tree one chat client; start() and stop() stay with whoever created it (main.tsx). */
export function ChatProvider({ client, children }: { client: ChatClient; children: ReactNode }) {
  return <ChatClientContext.Provider value={client}>{children}</ChatClientContext.Provider>;
}

export function useChatClient(): ChatClient {
  const client = useContext(ChatClientContext);
  if (!client) throw new Error('useChatClient: wrap the app in <ChatProvider client={...}>.');
  return client;
}

/** The client's clock, or the system's outside a provider: what "5 minutes ago" counts from. */
export function useClock(): () => number {
  return useContext(ChatClientContext)?.now ?? Date.now;
}
