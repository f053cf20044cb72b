import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode, type Ref } from 'react';
import { useActions, useConnection, useConversation, useDirectory, useDraft, useMe, useMessages, useTyping, type MessageView, type UserWithPresence } from '../../client';
import { Button } from '../../ui/Button';
import { typingLine } from '../../ui/format/typing';
import { ChatBubblesIcon } from '../../ui/icons';
import { UsersIcon } from '../../ui/moreIcons';
import { EmptyState } from '../../ui/EmptyState';
import { SkeletonRows } from '../../ui/SkeletonRows';
import { VisuallyHidden } from '../../ui/VisuallyHidden';
import { useNow } from '../../ui/useNow';
import { ChatHeader } from './ChatHeader';
import { ChatViewSkeleton } from './ChatViewSkeleton';
import { Composer } from './Composer';
import { MembersPanel } from './MembersPanel';
import { MessageInfoDialog } from './MessageInfoDialog';
import { MessageList, type GroupPeople } from './MessageList';

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
  /** The URL asks for Message info on my message at this seq: shown once that message is in the window. */
  infoSeq?: number | null;
  /** Message info opened from the URL was closed: the URL stops asking for it, so a reload does not bring it back. */
  onInfoClosed?: () => void;
}

/** One conversation: header, the message log and the composer. */
export function ChatView({ conversationId, onBack, headingRef, focusComposer = false, focusHeading = false, banner, infoSeq = null, onInfoClosed }: ChatViewProps) {
  const conversation = useConversation(conversationId);
  const messages = useMessages(conversationId);
  const typing = useTyping(conversationId);
  const draft = useDraft(conversationId);
  const actions = useActions();
  const now = useNow();
  const connected = useConnection().status === 'online';
  const me = useMe();
  const directory = useDirectory();
  const membersId = useId();
  const [membersOpen, setMembersOpen] = useState(false);
  const membersButtonRef = useRef<HTMLButtonElement>(null);
  const [info, setInfo] = useState<MessageView | null>(null);
  const isGroup = conversation?.kind === 'group';

  // Names and colours by id: the directory, and me (whom it leaves out).
  const personOf = useMemo(() => {
    const byId = new Map<string, UserWithPresence>(directory.map((user) => [user.id, user]));
    if (me) byId.set(me.id, me);
    return (userId: string): UserWithPresence =>
      byId.get(userId) ?? { id: userId, username: '', displayName: 'Someone', avatarColor: '#6d28d9', presence: 'offline', lastSeen: null };
  }, [directory, me]);
  const people = useMemo<GroupPeople | null>(
    () => (isGroup && me ? { me: me.id, nameOf: (id) => personOf(id).displayName, colorOf: (id) => personOf(id).avatarColor } : null),
    [isGroup, me, personOf],
  );
  const showInfo = useCallback((message: MessageView) => setInfo(message), []);
  // Asked for by the URL: opened once, when my message with that seq is in the window (info is on my messages only).
  const [infoFromUrl, setInfoFromUrl] = useState<number | null>(null);
  if (infoSeq !== null && infoSeq !== infoFromUrl) {
    const asked = messages.messages.find((m) => m.seq === infoSeq && m.mine);
    if (asked) {
      setInfoFromUrl(infoSeq);
      setInfo(asked);
    }
  }
  const closeInfo = useCallback(() => {
    setInfo(null);
    if (infoSeq !== null) onInfoClosed?.();
  }, [infoSeq, onInfoClosed]);
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

  // Not in the cache yet (a first sync on its way): the conversation's shape, and what is happening.
  if (!conversation) return <ChatViewSkeleton />;

  // A conversation without a message is empty at once; one with messages waits until the window knows where to open,
  // and again after a jump to the latest, so the list starts afresh there.
  const opening = messages.opening && (!listShown || messages.epoch > 0) && conversation.lastMessage !== null;
  const empty = messages.messages.length === 0 && !messages.hasOlder && !listShown;
  const { group } = conversation;
  const membersButton = group && (
    <Button
      variant="ghost"
      icon={<UsersIcon size={18} />}
      aria-expanded={membersOpen}
      aria-controls={membersOpen ? membersId : undefined}
      onClick={() => setMembersOpen((open) => !open)}
      className="chat-header__members"
      ref={membersButtonRef}
    >
      <span className="button__label">Members</span>
    </Button>
  );
  return (
    <section className={membersOpen ? 'chat-view chat-view--panel' : 'chat-view'} aria-label={group ? `Group ${conversation.title}` : `Conversation with ${conversation.peer.displayName}`}>
      <ChatHeader
        peer={conversation.peer}
        typing={typing.length > 0}
        typingText={group ? typingLine(typing.map((user) => user.displayName)) : undefined}
        group={group ? { visibility: group.visibility, memberCount: group.members.length, onlineCount: group.onlineCount } : null}
        actions={membersButton}
        now={now}
        onBack={onBack}
        headingRef={headingRef}
        focusOnMount={focusHeading}
        connected={connected}
      />
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
            <p>Say hello to {conversation.title} 👋</p>
          </EmptyState>
        </div>
      ) : (
        // Mounted once there is something to show, so it opens at the first unread message or the bottom.
        <MessageList
          key={messages.epoch}
          window={messages}
          peerName={conversation.title}
          people={people}
          onInfo={showInfo}
          now={now}
          onReached={reached}
          onRetry={retry}
          onDiscard={discard}
        />
      )}
      {group && group.myRole === null ? (
        <p className="chat-view__left" role="note">
          You are no longer in this group. You can read what was said while you were in it.
        </p>
      ) : (
        <Composer draft={draft} onDraftChange={setDraft} onSend={send} onTyping={keystroke} placeholder={`Message ${conversation.title}`} />
      )}
      {group && membersOpen && me && (
        <MembersPanel
          id={membersId} conversationId={conversationId} group={group} meId={me.id} onClose={() => {
            setMembersOpen(false);
            membersButtonRef.current?.focus();
          }}
        />
      )}
      {info && <MessageInfoDialog message={info} personOf={personOf} onClose={closeInfo} />}
    </section>
  );
}
