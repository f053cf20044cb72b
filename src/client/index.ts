// The client engine's public surface: the UI imports from here only.
export type {
  ChannelListing,
  ChatActions,
  ConnectionState,
  ConversationView,
  GroupMemberView,
  GroupView,
  MessageAction,
  MessageActionError,
  MessageInfoResult,
  MessageRef,
  MessageView,
  ReactionView,
  ReplyQuoteView,
  UnsentCount,
  MessagesWindow,
  NewGroup,
  SessionState,
  SyncView,
  UserWithPresence,
} from './api';
export { describeEntry, groupTitleProblem } from './groups/words';
// How a message is told apart: by its sender and clientId (each sender chooses their own clientIds).
export { messageKey } from './rules/messageKey';
export { createChatClient, type ChatClient, type ChatClientOptions } from './createChatClient';
export type { EngineTiming, Visibility } from './engine/context';
export type { WebLocks } from '../protocol/locks/webLocks';
export { MemoryStorage } from './session/storedSession';
export type { ClientStores, UiState } from './stores';
export { ChatProvider, useChatClient, useClock } from './react/ChatProvider';
export {
  PAGE_SIZE,
  useActions,
  useConnection,
  useConversation,
  useConversationList,
  useConversations,
  useDirectory,
  useDraft,
  useMe,
  useMessages,
  useSession,
  useTyping,
} from './react/hooks';

// The limits the backend enforces, counted as it counts them, so the UI can warn before a send is refused.
export { LIMITS } from '../protocol/limits';
// A reaction is one emoji of the Unicode set; the six offered first.
export { QUICK_REACTIONS, isReactionEmoji } from '../protocol/rules/emoji';
export { messageLength } from '../protocol/rules/messageLength';
