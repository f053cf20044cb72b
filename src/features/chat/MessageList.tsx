import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useCallback, useEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { Virtuoso, type ListRange, type VirtuosoHandle } from 'react-virtuoso';
import { messageKey, type MessagesWindow, type MessageView } from '../../client';
import { formatDayLabel } from '../../ui/format/time';
import { errorText } from '../../ui/i18n/errors';
import { ArrowDownIcon } from '../../ui/moreIcons';
import type { MenuAnchor } from '../../ui/Menu';
import { Spinner } from '../../ui/Spinner';
import { MessageBubble, type BubbleControls, type MenuRequest } from './MessageBubble';
import { MessageMenu, type MenuChoice } from './MessageMenu';
import { availableActions, reactedWith, type MessageActionHandlers } from './messageActions';
import { errorReason } from './errorReason';
import { systemEntryText } from '../../ui/format/systemEntryText';
import { buildTimeline, dayStarts, initialRowIndex, seqRange, type TimelineItem } from './timeline';
import { usePrependAnchor } from './usePrependAnchor';

/** In a group: who wrote what, by name and colour, and who I am (system entries say "You"). */
export interface GroupPeople {
  me: string;
  nameOf(userId: string): string;
  colorOf(userId: string): string;
}

export interface MessageListProps {
  window: MessagesWindow;
  /** The other person's name, or the group's title. */
  peerName: string;
  /** Present in a group: senders are named on their messages, system entries are put in words. */
  people?: GroupPeople | null;
  /** Me, for "you" among who reacted and on quotes of my messages. */
  meId?: string | null;
  /** What the messages' toolbars, menus and reaction chips do; without it, messages are only shown. */
  handlers?: MessageActionHandlers | null;
  /** The message being edited in the composer (its messageKey), marked in the log. */
  editingKey?: string | null;
  /** Something to tell the reader for a moment (the original of a reply could not be loaded). */
  onNotice?: (text: string) => void;
  now: Date;
  /** Messages up to `seq` were on screen. */
  onReached(seq: number): void;
  onRetry(clientId: string): void;
  onDiscard(clientId: string): void;
}

/**
 * The conversation as a virtualized log: only the rows near the viewport are in
 * the DOM, older pages load when the top is reached, and it opens at the first
 * unread message or the bottom.
 */
export function MessageList({ window: messages, peerName, people = null, meId = null, handlers = null, editingKey = null, onNotice, now, onReached, onRetry, onDiscard }: MessageListProps) {
  const { firstUnreadSeq } = messages;
  const list = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => buildTimeline(messages.messages, firstUnreadSeq), [messages.messages, firstUnreadSeq]);
  const firstItemIndex = usePrependAnchor(rows);
  const virtuoso = useRef<VirtuosoHandle>(null);
  const [atBottom, setAtBottom] = useState(true);
  const [unseenNew, setUnseenNew] = useState(false);

  // Where the list opens is decided once; later changes must not move the reader. Scrolling there after
  // mount rather than with initialTopMostItemIndex: Virtuoso keeps the list hidden until that scroll
  // "arrives", which never happens when the rows fit the viewport and nothing scrolls.
  // After a jump to a message (a reply's original), centred on it; after a jump to the latest, at the bottom;
  // else at the first unread one, if any.
  // Fixed at mount: recomputed, a list opened at the bottom would count as opened higher up as soon as
  // rows were added, and scroll to a stale index.
  const [{ initialIndex, openAt }] = useState((): { initialIndex: number; openAt: 'bottom' | 'start' | 'center' } => {
    const focusIndex = messages.epoch > 0 && messages.focusSeq !== null ? rowIndexOfSeq(rows, messages.focusSeq) : -1;
    if (focusIndex >= 0) return { initialIndex: focusIndex, openAt: 'center' };
    const index = messages.epoch > 0 ? Math.max(0, rows.length - 1) : initialRowIndex(rows, firstUnreadSeq);
    return { initialIndex: index, openAt: index < rows.length - 1 ? 'start' : 'bottom' };
  });
  useEffect(() => {
    virtuoso.current?.scrollToIndex(openAt === 'bottom' ? { index: 'LAST', align: 'end' } : { index: initialIndex, align: openAt });
  }, [initialIndex, openAt]);
  // The message jumped to, marked for a moment (and focused by its bubble).
  const [highlightSeq, setHighlightSeq] = useState(() => (openAt === 'center' ? messages.focusSeq : null));
  useEffect(() => {
    if (highlightSeq === null) return;
    const timer = setTimeout(() => setHighlightSeq(null), HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [highlightSeq]);
  const { hasNewer } = messages;
  const last = messages.messages[messages.messages.length - 1];
  const lastSeq = last?.seq ?? null;
  const lastIsMine = last?.mine ?? false;
  // A newer message of theirs while I read further up (not the window letting its bottom go or loading a
  // later page): offer a way down rather than pulling me there.
  const [shownLastSeq, setShownLastSeq] = useState(lastSeq);
  if (lastSeq !== shownLastSeq) {
    setShownLastSeq(lastSeq);
    const newer = lastSeq !== null && shownLastSeq !== null && lastSeq > shownLastSeq && !hasNewer;
    if (newer && !atBottom && !lastIsMine) setUnseenNew(true);
  }

  // My own new message always brings me to the bottom; theirs only if I was already there. Virtuoso takes
  // followOutput before data from the same render, so the new message is judged by this one.
  const followOutput = useCallback((isAtBottom: boolean) => (isAtBottom || lastIsMine ? 'smooth' : false), [lastIsMine]);

  // Where the list opened (the unread row, or the bottom) holds while its rows are measured. Virtuoso
  // scrolls by the heights it knows and corrects as rows are measured, but gives up after 1.2 s: on a busy
  // machine a conversation opened 15 px short of its unread row. Every change of the list's height
  // re-applies the opening position until the reader moves the list, a message comes in below (following
  // it is then followOutput's call), or the heights have been still for OPENING_SETTLED_MS (a screen
  // reader's or find-in-page's scrolling sends no event the list could tell from its own).
  const opening = useRef<{ key: string; align: 'start' | 'center' } | 'bottom' | null>(openAt === 'bottom' ? 'bottom' : { key: rows[initialIndex]!.key, align: openAt });
  const [openingLastKey] = useState(() => rows.at(-1)?.key);
  const settled = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const readerMoved = useCallback(() => {
    opening.current = null;
    clearTimeout(settled.current);
  }, []);
  const settleLater = useCallback(() => {
    clearTimeout(settled.current);
    settled.current = setTimeout(readerMoved, OPENING_SETTLED_MS);
  }, [readerMoved]);
  useEffect(() => {
    settleLater();
    return () => clearTimeout(settled.current);
  }, [settleLater]);
  const keepOpening = useCallback(() => {
    const held = opening.current;
    if (held === null) return;
    if (rows.at(-1)?.key !== openingLastKey) return readerMoved();
    settleLater();
    if (held === 'bottom') virtuoso.current?.scrollToIndex({ index: 'LAST', align: 'end' });
    else {
      // Found by key: an older page may have come in above.
      const index = rows.findIndex((row) => row.key === held.key);
      if (index >= 0) virtuoso.current?.scrollToIndex({ index, align: held.align });
    }
  }, [rows, openingLastKey, readerMoved, settleLater]);

  // Virtuoso's indexes are absolute (firstItemIndex and up); its handlers are replaced before new rows arrive.
  const { showing } = messages;
  /** Whether the list shows its first row (what is above it, if anything, is not loaded). */
  const atTop = useRef(false);
  // The message that is the log's one Tab stop (the arrow keys move between messages): the one last
  // focused while it is on screen, else the newest on screen, else the newest.
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const tabbableKey = useMemo(() => {
    if (activeKey !== null && rows.some((row) => row.key === activeKey)) return activeKey;
    return rows.findLast((row) => row.kind === 'message')?.key ?? null;
  }, [rows, activeKey]);
  const rangeChanged = useCallback(
    ({ startIndex, endIndex }: ListRange) => {
      atTop.current = startIndex <= firstItemIndex;
      const visible = rows.slice(startIndex - firstItemIndex, endIndex - firstItemIndex + 1);
      setActiveKey((current) => (current !== null && visible.some((row) => row.key === current) ? current : (visible.findLast((row) => row.kind === 'message')?.key ?? current)));
      const shown = seqRange(visible);
      if (!shown) return;
      onReached(shown.to);
      showing(shown.from, shown.to, dayStarts(rows));
    },
    [rows, firstItemIndex, onReached, showing],
  );

  const { hasOlder, olderNeedNetwork, loadingOlder, loadOlder, olderError, loadingNewer, loadNewer, newerError, jumpToLatest } = messages;
  const startReached = useCallback(() => {
    // After a failure, the header's "Try again" asks; reaching the top again must not hammer a dead network.
    // Offline with only the server holding what is above, the header says they come once back online.
    if (hasOlder && !olderNeedNetwork && !loadingOlder && !olderError) void loadOlder();
  }, [hasOlder, olderNeedNetwork, loadingOlder, loadOlder, olderError]);
  // Back online with the top on screen: nothing scrolls, so Virtuoso does not reach the start again; ask here.
  const waitedForNetwork = useRef(olderNeedNetwork);
  useEffect(() => {
    const backOnline = waitedForNetwork.current && !olderNeedNetwork;
    waitedForNetwork.current = olderNeedNetwork;
    if (backOnline && atTop.current) startReached();
  }, [olderNeedNetwork, startReached]);
  const endReached = useCallback(() => {
    if (hasNewer && !loadingNewer && !newerError) void loadNewer();
  }, [hasNewer, loadingNewer, loadNewer, newerError]);

  const atBottomChange = useCallback((bottom: boolean) => {
    setAtBottom(bottom);
    if (bottom) setUnseenNew(false);
  }, []);

  // --- message actions: one menu for the list, the reply's jump, focus ---
  // Messages by messageKey (sender and clientId): someone else may choose a clientId I have too. One
  // scrolled out of the rendered rows meanwhile (the menu stays open) gives focus to the log instead of
  // letting it fall to <body>.
  const focusMessage = useCallback((key: string) => {
    const article = [...(list.current?.querySelectorAll<HTMLElement>('article.message') ?? [])].find((element) => element.dataset.key === key);
    (article ?? list.current?.querySelector<HTMLElement>('[role="log"]'))?.focus({ preventScroll: true });
  }, []);
  const [menu, setMenu] = useState<{ key: string; anchor: MenuAnchor; sheet: boolean } | null>(null);
  const menuMessage = menu ? messages.messages.find((message) => messageKey(message.senderId, message.clientId) === menu.key) : undefined;
  const menuActions = menuMessage && handlers ? availableActions(menuMessage, { canInfo: handlers.info !== undefined }) : null;
  // Gone from the window, deleted meanwhile: nothing left to act on. The menu held the focus; once it
  // is gone, focus goes back to the message (or the log), not to <body>.
  // (An object, so the same message orphaning its menu again is a change too.)
  const [orphaned, setOrphaned] = useState<{ key: string } | null>(null);
  if (menu && !menuActions) {
    setOrphaned({ key: menu.key });
    setMenu(null);
  }
  useEffect(() => {
    if (orphaned && (document.activeElement === null || document.activeElement === document.body)) focusMessage(orphaned.key);
  }, [orphaned, focusMessage]);
  const closeMenu = useCallback(() => {
    if (menu) focusMessage(menu.key);
    setMenu(null);
  }, [menu, focusMessage]);
  const choose = (message: MessageView, choice: MenuChoice) => {
    setMenu(null);
    // Focus back on the message first: a dialog opened by the choice gives it back there when it closes.
    focusMessage(messageKey(message.senderId, message.clientId));
    if (!handlers) return;
    if (typeof choice === 'object') return handlers.react(message, choice.emoji, !reactedWith(message, choice.emoji));
    const act = { reply: handlers.reply, edit: handlers.edit, copy: handlers.copy, info: handlers.info, delete: handlers.remove, 'more-reactions': handlers.pickReaction }[choice];
    act?.(message);
  };

  const { jumpTo } = messages;
  const jump = useCallback(
    (seq: number) => {
      const index = rowIndexOfSeq(rows, seq);
      if (index < 0) {
        // Not in the window: it opens again around the original (a new list, centred and marked there).
        jumpTo(seq).catch((error: unknown) => {
          const reason = errorReason(error);
          onNotice?.(t`Couldn’t show the original message. ${reason}`);
        });
        return;
      }
      readerMoved();
      const smooth = !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
      virtuoso.current?.scrollToIndex({ index, align: 'center', behavior: smooth ? 'smooth' : 'auto' });
      setHighlightSeq(seq);
    },
    [rows, jumpTo, onNotice, readerMoved],
  );

  const nameOf = people?.nameOf;
  const colorOf = people?.colorOf;
  const controls = useMemo<BubbleControls>(
    () => ({
      // In a conversation of two, whoever is not me is the other person.
      nameOf: nameOf ?? ((userId) => (userId === meId ? t({ message: 'You', comment: 'The author of a quoted message, when it is the reader' }) : peerName)),
      colorOf: colorOf ?? (() => 'var(--c-primary)'),
      meId,
      handlers,
      openMenu: (message: MessageView, { anchor, sheet }: MenuRequest) => setMenu({ key: messageKey(message.senderId, message.clientId), anchor, sheet }),
      jump,
    }),
    [nameOf, colorOf, meId, peerName, handlers, jump],
  );

  const renderRow = useCallback(
    (_: number, row: TimelineItem) =>
      row.kind === 'day' ? (
        <div className="day-separator">
          <span>{formatDayLabel(row.at, now)}</span>
        </div>
      ) : row.kind === 'unread' ? (
        <div className="unread-divider">
          <span>
            <Trans>Unread messages</Trans>
          </span>
        </div>
      ) : row.kind === 'system' ? (
        <div className="system-entry">
          <p className="system-entry__text">{people ? systemEntryText(row.message, people.nameOf, people.me) : row.message.body}</p>
        </div>
      ) : (
        <MessageBubble
          message={row.message}
          senderName={people ? people.nameOf(row.message.senderId) : peerName}
          sender={people && !row.message.mine ? { name: people.nameOf(row.message.senderId), color: people.colorOf(row.message.senderId) } : null}
          startsRun={row.startsRun}
          endsRun={row.endsRun}
          onRetry={onRetry}
          onDiscard={onDiscard}
          controls={controls}
          tabbable={row.key === tabbableKey}
          highlighted={row.message.seq !== null && row.message.seq === highlightSeq}
          editing={row.key === editingKey}
        />
      ),
    [now, peerName, people, onRetry, onDiscard, controls, tabbableKey, highlightSeq, editingKey],
  );

  // Up and Down from a focused message move to the one above or below (the list renders them in order).
  const keyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    readerMoved();
    const target = event.target as HTMLElement;
    if ((event.key !== 'ArrowUp' && event.key !== 'ArrowDown') || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (!target.matches('article.message')) return;
    const articles = [...(list.current?.querySelectorAll<HTMLElement>('article.message') ?? [])];
    const next = articles[articles.indexOf(target) + (event.key === 'ArrowUp' ? -1 : 1)];
    if (!next) return;
    event.preventDefault();
    next.focus();
  };
  const focused = (event: FocusEvent<HTMLDivElement>) => {
    const article = (event.target as HTMLElement).closest<HTMLElement>('article.message');
    if (article?.dataset.key) setActiveKey(article.dataset.key);
    // The list's own move to a message it jumped to is not the reader taking over.
    if (!article?.classList.contains('message--highlight')) readerMoved();
  };

  // In a group, peerName is its title.
  const startText = people ? groupStart(peerName) : t`This is the beginning of your conversation with ${peerName}.`;
  const context = useMemo<ListContext>(
    () => ({ loadingOlder, hasOlder, olderNeedNetwork, startText, olderError, retryOlder: () => void loadOlder() }),
    [loadingOlder, hasOlder, olderNeedNetwork, startText, olderError, loadOlder],
  );

  return (
    <div ref={list} className="message-list" onWheel={readerMoved} onTouchStart={readerMoved} onPointerDown={readerMoved} onKeyDown={keyDown} onFocus={focused}>
      <Virtuoso<TimelineItem, ListContext>
        ref={virtuoso}
        className="message-list__scroller"
        role="log"
        aria-label={t`Messages`}
        tabIndex={0}
        data={rows}
        firstItemIndex={firstItemIndex}
        computeItemKey={(_, row) => row.key}
        itemContent={renderRow}
        // A window short of the newest grows at the bottom a page at a time as I scroll: following that (Virtuoso
        // also keeps a list that grows at the bottom there whenever followOutput is set) would load page after page.
        followOutput={hasNewer ? false : followOutput}
        atBottomStateChange={atBottomChange}
        atBottomThreshold={48}
        defaultItemHeight={38}
        startReached={startReached}
        endReached={endReached}
        rangeChanged={rangeChanged}
        totalListHeightChanged={keepOpening}
        increaseViewportBy={{ top: 400, bottom: 0 }}
        components={COMPONENTS}
        context={context}
        alignToBottom
      />
      <div className="message-list__below">
        {loadingNewer && (
          <div className="message-list__pill" role="status">
            <Spinner size={14} /> <Trans>Loading later messages</Trans>
          </div>
        )}
        {newerError && (
          <div className="message-list__pill message-list__pill--error" role="alert">
            <span>{couldNotLoad('later', newerError)}</span>
            <button type="button" className="button button--ghost" onClick={() => void loadNewer()}>
              <Trans>Try again</Trans>
            </button>
          </div>
        )}
        {(unseenNew || hasNewer) && (
          <button
            type="button"
            className="new-messages"
            onClick={() => {
              setUnseenNew(false);
              // Short of the newest, the window opens again there (the list starts afresh at the bottom).
              if (hasNewer) void jumpToLatest();
              else virtuoso.current?.scrollToIndex({ index: 'LAST', align: 'end', behavior: 'smooth' });
            }}
          >
            <ArrowDownIcon size={16} /> {unseenNew ? t`New messages` : t`Latest messages`}
          </button>
        )}
      </div>
      {menu && menuMessage && menuActions && (
        <MessageMenu message={menuMessage} available={menuActions} anchor={menu.anchor} sheet={menu.sheet} onChoose={(choice) => choose(menuMessage, choice)} onClose={closeMenu} />
      )}
    </div>
  );
}

/** The row of the message (or system entry) with this seq; -1 when the window does not hold it. */
function rowIndexOfSeq(rows: readonly TimelineItem[], seq: number): number {
  return rows.findIndex((row) => (row.kind === 'message' || row.kind === 'system') && row.message.seq === seq);
}

/** How long a message jumped to stays marked. */
const HIGHLIGHT_MS = 2400;

interface ListContext {
  loadingOlder: boolean;
  hasOlder: boolean;
  olderNeedNetwork: boolean;
  startText: string;
  olderError: LoadError | null;
  retryOlder: () => void;
}

function groupStart(title: string): string {
  return t`This is the beginning of ${title}.`;
}

type LoadError = NonNullable<MessagesWindow['olderError']>;

/** Why a page of messages could not load, in the reader's language: one sentence each way, the reason after. */
function couldNotLoad(which: 'earlier' | 'later', error: LoadError): string {
  const reason = errorText(error);
  return which === 'earlier' ? t`Couldn’t load earlier messages. ${reason}` : t`Couldn’t load later messages. ${reason}`;
}

// Module-level components: Virtuoso remounts them (and loses measurements) when their identity changes.
function ListHeader({ context }: { context: ListContext }) {
  if (context.loadingOlder)
    return (
      <div className="message-list__loading">
        <Spinner size={16} /> <Trans>Loading earlier messages</Trans>
      </div>
    );
  if (context.olderError)
    return (
      <div className="message-list__error" role="alert">
        <span>{couldNotLoad('earlier', context.olderError)}</span>
        <button type="button" className="button button--ghost" onClick={context.retryOlder}>
          <Trans>Try again</Trans>
        </button>
      </div>
    );
  // Not "the beginning": the window lacks its top and only the server has it.
  if (context.olderNeedNetwork)
    return (
      <div className="message-list__start">
        <Trans>Earlier messages will load when you are back online.</Trans>
      </div>
    );
  // The loading row's room, unseen (CSS), so that swapping one for the other moves nothing below.
  if (context.hasOlder)
    return (
      <div className="message-list__loading message-list__spacer" aria-hidden="true">
        <span className="message-list__spacer-icon" /> <Trans>Loading earlier messages</Trans>
      </div>
    );
  return <div className="message-list__start">{context.startText}</div>;
}

// No footer: the room under the last message is the scroller's margin (CSS). A footer moves as Virtuoso
// measures the rows above it on opening, and that was the layout shift of every conversation opened.
const COMPONENTS = { Header: ListHeader };

/** How long the list's heights stay still before the opening position stops being held (see MessageList). */
const OPENING_SETTLED_MS = 3000;
