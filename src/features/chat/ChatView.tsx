import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode, type Ref } from 'react';
import { messageKey, useActions, useConnection, useConversation, useDirectory, useDraft, useMe, useMessages, useTyping, type MessageAction, type MessageView, type UserWithPresence } from '../../client';
import { isChatError } from '../../transport';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { typingLine } from '../../ui/format/typing';
import { ChatBubblesIcon } from '../../ui/icons';
import { UsersIcon } from '../../ui/moreIcons';
import { EmptyState } from '../../ui/EmptyState';
import { errorText } from '../../ui/i18n/errors';
import { SkeletonRows } from '../../ui/SkeletonRows';
import { VisuallyHidden } from '../../ui/VisuallyHidden';
import { useNow } from '../../ui/useNow';
import { ChatHeader } from './ChatHeader';
import { ChatViewSkeleton } from './ChatViewSkeleton';
import { Composer, type ComposerEdit, type ComposerReply } from './Composer';
import { MembersPanel } from './MembersPanel';
import { firstLine, lastEditable, reactedWith, refusalText, type MessageActionHandlers } from './messageActions';
import { MessageInfoDialog } from './MessageInfoDialog';
import { MessageList, type GroupPeople } from './MessageList';
import { ReactionPicker } from './ReactionPicker';

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

/** How long a notice ("Copied") stays. */
const NOTICE_MS = 2500;
/** How long a refusal stays: a sentence to read, not a word. */
const REFUSAL_MS = 6000;

/** How the screen tells a message apart: sender and clientId, as the cache does (another sender may choose a clientId of mine). */
const keyOf = (message: MessageView) => messageKey(message.senderId, message.clientId);

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
      byId.get(userId) ?? { id: userId, username: '', displayName: t`Someone`, avatarColor: '#6d28d9', presence: 'offline', lastSeen: null };
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

  // --- message actions: reply and edit in the composer, delete asks first, reactions, copy ---
  const [replyTo, setReplyTo] = useState<MessageView | null>(null);
  const [editing, setEditing] = useState<MessageView | null>(null);
  const [deleting, setDeleting] = useState<MessageView | null>(null);
  const [picking, setPicking] = useState<MessageView | null>(null);
  const [notice, setNotice] = useState<{ text: string; id: number; ms: number } | null>(null);
  // The messages as they are now (an edit, a reaction from elsewhere); a reply or an edit whose message
  // was deleted meanwhile is let go.
  const current = (message: MessageView | null) => (message && messages.messages.find((m) => keyOf(m) === keyOf(message))) ?? message;
  const replyNow = current(replyTo);
  const editingNow = current(editing);
  if (replyNow?.deleted) setReplyTo(null);
  if (editingNow?.deleted) setEditing(null);
  const say = useCallback((text: string, ms = NOTICE_MS) => setNotice((previous) => ({ text, id: (previous?.id ?? 0) + 1, ms })), []);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), notice.ms);
    return () => clearTimeout(timer);
  }, [notice]);
  // A change the engine refuses at once, on this device (the message was deleted meanwhile under a stale
  // picker or edit bar, a 21st emoji), is said in the reader's language (errorText); one the server refuses later is
  // undone and shown on the message (actionError). Anything else is a fault, for the console.
  const refused = useCallback(
    (action: MessageAction) => (error: unknown) => {
      if (isChatError(error)) say(refusalText(action, errorText(error)), REFUSAL_MS);
      else console.error(`[violetchat] a message change (${action}) failed`, error);
    },
    [say],
  );

  const handlers = useMemo<MessageActionHandlers>(
    () => ({
      react: (message, emoji, on) => void actions.react(message, emoji, on).catch(refused('react')),
      pickReaction: setPicking,
      reply: (message) => {
        setEditing(null);
        setReplyTo(message);
      },
      edit: setEditing,
      remove: setDeleting,
      copy: (message) => {
        if (!navigator.clipboard) return say(t`Copying is not available in this browser.`);
        navigator.clipboard.writeText(message.body).then(
          () => say(t`Copied`),
          () => say(t`Couldn’t copy the message.`),
        );
      },
      info: isGroup ? showInfo : undefined,
    }),
    [actions, isGroup, showInfo, say, refused],
  );

  const reached = useCallback((seq: number) => actions.reached(conversationId, seq), [actions, conversationId]);
  const retry = useCallback((clientId: string) => void actions.retry(clientId), [actions]);
  const discard = useCallback((clientId: string) => void actions.discard(clientId), [actions]);
  const replyToSeq = replyNow?.seq ?? null;
  const send = useCallback(
    (body: string) => {
      setReplyTo(null);
      void (replyToSeq === null ? actions.send(conversationId, body) : actions.send(conversationId, body, { replyToSeq }));
    },
    [actions, conversationId, replyToSeq],
  );
  const saveEdit = useCallback(
    (body: string) => {
      setEditing(null);
      if (editingNow && body !== editingNow.body) void actions.editMessage(editingNow, body).catch(refused('edit'));
    },
    [actions, editingNow, refused],
  );
  const cancelEdit = useCallback(() => setEditing(null), []);
  const cancelReply = useCallback(() => setReplyTo(null), []);
  const messageList = messages.messages;
  const editLast = useCallback(() => {
    const last = lastEditable(messageList);
    if (last) handlers.edit(last);
    return last !== null;
  }, [messageList, handlers]);
  const composerReply = useMemo<ComposerReply | null>(
    () =>
      replyNow && {
        key: keyOf(replyNow),
        name: personOf(replyNow.senderId).displayName,
        mine: replyNow.mine,
        text: firstLine(replyNow.body),
        accent: isGroup ? personOf(replyNow.senderId).avatarColor : undefined,
      },
    [replyNow, personOf, isGroup],
  );
  const composerEdit = useMemo<ComposerEdit | null>(() => editingNow && { key: keyOf(editingNow), body: editingNow.body }, [editingNow]);
  const setDraft = useCallback((text: string) => actions.setDraft(conversationId, text), [actions, conversationId]);
  const keystroke = useCallback(() => actions.typing(conversationId), [actions, conversationId]);

  // Not in the cache yet (a first sync on its way): the conversation's shape, and what is happening.
  if (!conversation) return <ChatViewSkeleton />;

  // A conversation without a message is empty at once; one with messages waits until the window knows where to open,
  // and again after a jump to the latest, so the list starts afresh there.
  const opening = messages.opening && (!listShown || messages.epoch > 0) && conversation.lastMessage !== null;
  const empty = messages.messages.length === 0 && !messages.hasOlder && !listShown;
  const { group, title } = conversation;
  const peerName = conversation.peer.displayName;
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
      <span className="button__label">
        <Trans>Members</Trans>
      </span>
    </Button>
  );
  return (
    <section className={membersOpen ? 'chat-view chat-view--panel' : 'chat-view'} aria-label={group ? t`Group ${title}` : t`Conversation with ${peerName}`}>
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
          <VisuallyHidden>
            <Trans>Loading messages</Trans>
          </VisuallyHidden>
        </div>
      ) : empty ? (
        <div className="message-list message-list--empty">
          <EmptyState icon={<ChatBubblesIcon size={30} />} title={t`No messages yet`}>
            <p>
              <Trans>Say hello to {title} 👋</Trans>
            </p>
          </EmptyState>
        </div>
      ) : (
        // Mounted once there is something to show, so it opens at the first unread message or the bottom.
        <MessageList
          key={messages.epoch}
          window={messages}
          peerName={conversation.title}
          people={people}
          meId={me?.id ?? null}
          handlers={handlers}
          editingKey={editingNow && keyOf(editingNow)}
          onNotice={say}
          now={now}
          onReached={reached}
          onRetry={retry}
          onDiscard={discard}
        />
      )}
      {group && group.myRole === null ? (
        <p className="chat-view__left" role="note">
          <Trans>You are no longer in this group. You can read what was said while you were in it.</Trans>
        </p>
      ) : (
        <Composer
          draft={draft}
          onDraftChange={setDraft}
          onSend={send}
          onTyping={keystroke}
          placeholder={t`Message ${title}`}
          reply={composerReply}
          onCancelReply={cancelReply}
          editing={composerEdit}
          onSaveEdit={saveEdit}
          onCancelEdit={cancelEdit}
          onEditLast={editLast}
        />
      )}
      {/* What just happened, for a moment ("Copied"): a live region, always there so it is heard. */}
      <p className="chat-view__notice" role="status">
        {notice?.text}
      </p>
      {group && membersOpen && me && (
        <MembersPanel
          id={membersId} conversationId={conversationId} group={group} meId={me.id} onClose={() => {
            setMembersOpen(false);
            membersButtonRef.current?.focus();
          }}
        />
      )}
      {info && <MessageInfoDialog message={info} personOf={personOf} onClose={closeInfo} />}
      {deleting && (
        <ConfirmDialog
          title={t`Delete this message?`}
          confirmLabel={t`Delete`}
          destructive
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const message = deleting;
            setDeleting(null);
            if (editingNow && keyOf(editingNow) === keyOf(message)) setEditing(null);
            if (replyNow && keyOf(replyNow) === keyOf(message)) setReplyTo(null);
            void actions.deleteMessage(message).catch(refused('delete'));
          }}
        >
          {/* One sentence whether it is sent or not: a send handed to the server before this is sent, then deleted. */}
          <p>
            <Trans>It will be deleted for everyone in this conversation.</Trans>
          </p>
        </ConfirmDialog>
      )}
      {picking && (
        <ReactionPicker
          message={current(picking)!}
          onClose={() => setPicking(null)}
          onPick={(emoji) => {
            const message = current(picking)!;
            setPicking(null);
            handlers.react(message, emoji, !reactedWith(message, emoji));
          }}
        />
      )}
    </section>
  );
}
