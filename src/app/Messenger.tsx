import { useEffect, useRef, useState } from 'react';
import { useActions } from '../client';
import { SignOutButton } from '../features/auth/SignOutButton';
import { ChatView } from '../features/chat/ChatView';
import { LiveConnectionBanner } from '../features/connection/ConnectionBanner';
import { Sidebar } from '../features/conversations/Sidebar';
import { EmptyState } from '../ui/EmptyState';
import { ChatBubblesIcon } from '../ui/icons';
import { hashForConversation, useConversationRoute } from './useConversationRoute';
import { PHONE_QUERY, useMediaQuery } from './useMediaQuery';

/**
 * The signed-in layout. Side by side on wide screens; on phones two screens
 * that slide, with the hidden one inert and focus moved to the shown one's heading.
 */
export function Messenger() {
  const [activeId, navigate] = useConversationRoute();
  const phone = useMediaQuery(PHONE_QUERY);
  const actions = useActions();
  const listHeading = useRef<HTMLHeadingElement>(null);
  const chatHeading = useRef<HTMLHeadingElement>(null);
  // Keeps the last conversation on its screen while it slides away after "Back".
  const [shownId, setShownId] = useState(activeId);
  if (activeId && activeId !== shownId) setShownId(activeId);

  useEffect(() => {
    actions.setActiveConversation(activeId);
  }, [actions, activeId]);
  useEffect(() => () => actions.setActiveConversation(null), [actions]);

  const previous = useRef(activeId);
  useEffect(() => {
    if (previous.current === activeId) return;
    previous.current = activeId;
    if (!phone) return;
    // A header that is not mounted yet focuses itself when it appears (ChatHeader focusOnMount).
    (activeId ? chatHeading : listHeading).current?.focus({ preventScroll: true });
  }, [activeId, phone]);

  const chatOpen = activeId !== null;
  const chatId = phone ? shownId : activeId;
  return (
    <div className={['messenger', phone && 'messenger--phone', chatOpen && 'messenger--chat-open'].filter(Boolean).join(' ')}>
      <div className="messenger__pane messenger__pane--list" inert={phone && chatOpen}>
        <Sidebar
          activeId={activeId}
          hrefFor={hashForConversation}
          onOpen={navigate}
          headingRef={listHeading}
          banner={!phone || !chatOpen ? <LiveConnectionBanner /> : null}
          accountActions={<SignOutButton />}
        />
      </div>
      <main className="messenger__pane messenger__pane--chat" inert={phone && !chatOpen}>
        {chatId ? (
          <ChatView
            key={chatId}
            conversationId={chatId}
            onBack={phone ? () => navigate(null) : undefined}
            headingRef={chatHeading}
            focusComposer={!phone}
            focusHeading={phone}
            banner={phone ? <LiveConnectionBanner placement="float" /> : null}
          />
        ) : (
          <div className="messenger__placeholder">
            <EmptyState icon={<ChatBubblesIcon size={36} />} title="Pick a conversation">
              <p>Choose someone on the left, or search for a teammate to start a new conversation.</p>
            </EmptyState>
          </div>
        )}
      </main>
    </div>
  );
}
