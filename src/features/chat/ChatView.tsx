import { useCallback, useEffect, useState, type ReactNode, type Ref } from 'react';
import { useActions, useConnection, useConversation, useDraft, useMessages, useTyping } from '../../client';
import { ChatBubblesIcon } from '../../ui/icons';
import { EmptyState } from '../../ui/EmptyState';
import { SkeletonRows } from '../../ui/SkeletonRows';
import { VisuallyHidden } from '../../ui/VisuallyHidden';
import { useNow } from '../../ui/useNow';
import { ChatHeader } from './ChatHeader';
import { Composer } from './Composer';
import { MessageList } from './MessageList';

export interface ChatViewProps {
  conversationId: string;
  onBack?: () => void;
  headingRef?: Ref<HTMLHeadingElement>;
  /** Put the caret in the message box when the view opens (not on phones, where it raises the keyboard). */
  focusComposer?: boolean;
  /** Move focus to the heading when the view opens (phones: the screen changed). */
  focusHeading?: boolean;
  /** The connection banner, laid over the top of the log (phones, where the list with its banner is off screen). */
  banner?: ReactNode;
}

/** One conversation: header, the message log and the composer. */
export function ChatView({ conversationId, onBack, headingRef, focusComposer = false, focusHeading = false, banner }: ChatViewProps) {
  const conversation = useConversation(conversationId);
  const messages = useMessages(conversationId);
  const typing = useTyping(conversationId);
  const draft = useDraft(conversationId);
  const actions = useActions();
  const now = useNow();
  const connected = useConnection().status === 'online';
  // Once the list is up it stays: a window that is empty for a moment (reloading a page) must not remount it.
  const [listShown, setListShown] = useState(false);
  if (!listShown && messages.messages.length > 0) setListShown(true);

  useEffect(() => {
    if (focusComposer) document.querySelector<HTMLTextAreaElement>('.chat-view .composer__input')?.focus({ preventScroll: true });
  }, [focusComposer, conversationId]);

  const reached = useCallback((seq: number) => actions.reached(conversationId, seq), [actions, conversationId]);
  const retry = useCallback((clientId: string) => void actions.retry(clientId), [actions]);
  const discard = useCallback((clientId: string) => void actions.discard(clientId), [actions]);
  const send = useCallback((body: string) => void actions.send(conversationId, body), [actions, conversationId]);
  const setDraft = useCallback((text: string) => actions.setDraft(conversationId, text), [actions, conversationId]);
  const keystroke = useCallback(() => actions.typing(conversationId), [actions, conversationId]);

  if (!conversation) {
    // Not in the cache yet (a first sync on its way): the conversation's shape, and what is happening.
    return (
      <section className="chat-view chat-view--loading" aria-label="Conversation" aria-busy="true">
        <div className="message-list message-list--skeleton">
          <div className="message-list__opening">
            <SkeletonRows kind="messages" count={8} />
          </div>
        </div>
        <VisuallyHidden>Opening conversation</VisuallyHidden>
      </section>
    );
  }

  // A conversation without a message is empty at once; one with messages waits until the window knows where to open,
  // and again after a jump to the latest, so the list starts afresh there.
  const opening = messages.opening && (!listShown || messages.epoch > 0) && conversation.lastMessage !== null;
  const empty = messages.messages.length === 0 && !messages.hasOlder && !listShown;
  return (
    <section className="chat-view" aria-label={`Conversation with ${conversation.peer.displayName}`}>
      <ChatHeader peer={conversation.peer} typing={typing.length > 0} now={now} onBack={onBack} headingRef={headingRef} focusOnMount={focusHeading} connected={connected} />
      {banner}
      {opening ? (
        // Reading the cache, or fetching the history back to the first unread message.
        <div className="message-list message-list--skeleton" aria-busy="true">
          <div className="message-list__opening">
            <SkeletonRows kind="messages" count={8} />
          </div>
          <VisuallyHidden>Loading messages</VisuallyHidden>
        </div>
      ) : empty ? (
        <div className="message-list message-list--empty">
          <EmptyState icon={<ChatBubblesIcon size={30} />} title="No messages yet">
            <p>Say hello to {conversation.peer.displayName} 👋</p>
          </EmptyState>
        </div>
      ) : (
        // Mounted once there is something to show, so it opens at the first unread message or the bottom.
        <MessageList key={messages.epoch} window={messages} peerName={conversation.peer.displayName} now={now} onReached={reached} onRetry={retry} onDiscard={discard} />
      )}
      <Composer draft={draft} onDraftChange={setDraft} onSend={send} onTyping={keystroke} placeholder={`Message ${conversation.peer.displayName}`} />
    </section>
  );
}
