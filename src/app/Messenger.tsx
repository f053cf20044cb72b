import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useActions } from '../client';
import { SignOutButton } from '../features/auth/SignOutButton';
import { ChatViewSkeleton } from '../features/chat/ChatViewSkeleton';
import { LiveConnectionBanner } from '../features/connection/ConnectionBanner';
import { Sidebar } from '../features/conversations/Sidebar';
import { GroupActions } from '../features/groups';
import { EmptyState } from '../ui/EmptyState';
import { ChatBubblesIcon } from '../ui/icons';
import { hashForConversation, useConversationRoute } from './useConversationRoute';
import { PHONE_QUERY, useMediaQuery } from './useMediaQuery';

/**
 * The conversation pane's code (the message list and react-virtuoso under it)
 * is a chunk of its own: nobody on the sign-in screen needs it. The messenger
 * starts loading it as it mounts, so it is usually there before a
 * conversation is opened; until then the pane shows the conversation's
 * loading frame, the one the view itself shows while a conversation is not cached.
 */
const loadChatView = () => import('../features/chat/ChatView');
const ChatView = lazy(async () => ({ default: (await loadChatView()).ChatView }));

/**
 * The signed-in layout. Side by side on wide screens; on phones two screens
 * that slide, with the hidden one inert and focus moved to the shown one's heading.
 */
export function Messenger() {
  const [activeId, navigate, infoSeq] = useConversationRoute();
  const phone = useMediaQuery(PHONE_QUERY);
  const actions = useActions();
  const listHeading = useRef<HTMLHeadingElement>(null);
  const chatHeading = useRef<HTMLHeadingElement>(null);
  // Keeps the last conversation on its screen while it slides away after "Back".
  const [shownId, setShownId] = useState(activeId);
  if (activeId && activeId !== shownId) setShownId(activeId);

  // Fetched ahead; a failure here is not shown: the pane asks again when it is needed, and says so there.
  useEffect(() => void loadChatView().catch(() => {}), []);
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
          listActions={<GroupActions onOpen={navigate} />}
        />
      </div>
      <main className="messenger__pane messenger__pane--chat" inert={phone && !chatOpen}>
        {chatId ? (
          <Suspense fallback={<ChatViewSkeleton />}>
            <ChatView
              key={chatId}
              conversationId={chatId}
              onBack={phone ? () => navigate(null) : undefined}
              headingRef={chatHeading}
              focusComposer={!phone}
              focusHeading={phone}
              banner={phone ? <LiveConnectionBanner placement="float" /> : null}
              infoSeq={chatId === activeId ? infoSeq : null}
              onInfoClosed={() => navigate(chatId)}
            />
          </Suspense>
        ) : (
          <div className="messenger__placeholder">
            <EmptyState icon={<ChatBubblesIcon size={36} />} title={t`Pick a conversation`}>
              <p>
                <Trans comment="The list of conversations is on the left; in a right-to-left language it is on the right">Choose someone on the left, or search for a teammate to start a new conversation.</Trans>
              </p>
            </EmptyState>
          </div>
        )}
      </main>
    </div>
  );
}
