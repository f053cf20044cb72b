import { plural, t } from '@lingui/core/macro';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { LIMITS, messageLength } from '../../client';
import { IconButton } from '../../ui/Button';
import { CheckIcon, CloseIcon, EditIcon, ReplyIcon, SendIcon } from '../../ui/moreIcons';
import { formatLocale } from '../../ui/i18n/i18n';
import { firstLine } from './messageActions';
import { Quote } from './Quote';

/** The message a reply answers, as the composer quotes it. */
export interface ComposerReply {
  /** Which message (a new one replaces the quote and takes focus). */
  key: string;
  /** Its author's name. */
  name: string;
  /** My own message: "Replying to yourself" (in a language of its own, not my name). */
  mine?: boolean;
  /** Its first line. */
  text: string;
  accent?: string;
}

/** My message being edited: the composer holds its words until saved or cancelled. */
export interface ComposerEdit {
  key: string;
  body: string;
}

export interface ComposerProps {
  /** The stored draft; it may arrive after mount (read from the local database). */
  draft: string;
  onDraftChange(text: string): void;
  onSend(body: string): void;
  onTyping(): void;
  placeholder?: string;
  /** Replying: the quote above the box (Escape or its close button cancels). */
  reply?: ComposerReply | null;
  onCancelReply?: () => void;
  /** Editing: the box holds the message's words; Enter saves, Escape cancels, the draft comes back after. */
  editing?: ComposerEdit | null;
  onSaveEdit?: (body: string) => void;
  onCancelEdit?: () => void;
  /** Up arrow in the empty box: edit my last message. Answers whether there was one. */
  onEditLast?: () => boolean;
}

/** Show the counter this close to the limit. */
const COUNTER_FROM = LIMITS.bodyMaxChars - 500;

/**
 * The message box: Enter sends, Shift+Enter adds a line; the draft is kept as it is typed. It also
 * answers a message (its quote above the box) and edits one of mine (an "Editing message" bar, the
 * message's words in the box, Save in place of Send): editing in the composer, not in the bubble,
 * because the log is virtualized (a bubble scrolled away would take the edit with it) and on a phone
 * the keyboard opens where the box is.
 */
export function Composer({
  draft,
  onDraftChange,
  onSend,
  onTyping,
  placeholder,
  reply = null,
  onCancelReply,
  editing = null,
  onSaveEdit,
  onCancelEdit,
  onEditLast,
}: ComposerProps) {
  const [draftText, setText] = useState(draft);
  const edited = useRef(false);
  const counterId = useId();
  const barId = useId();
  const inputRef = useRef<HTMLTextAreaElement>(null);

  // A stored draft that loads after mount wins only until the person starts typing.
  useEffect(() => {
    if (!edited.current) setText(draft);
  }, [draft]);

  // Editing shows the message's words, changed as they are typed; the draft stays as it was, for after.
  const [editText, setEditText] = useState<{ key: string; text: string } | null>(null);
  const text = editing ? (editText?.key === editing.key ? editText.text : editing.body) : draftText;

  // Choosing Reply or Edit brings the caret here, at the end of the words.
  const barKey = editing ? `edit:${editing.key}` : reply ? `reply:${reply.key}` : null;
  useEffect(() => {
    const input = inputRef.current;
    if (!barKey || !input) return;
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }, [barKey]);

  // Counted as every backend counts it, so a message the counter allows is never refused as too long.
  const length = messageLength(text);
  const over = length > LIMITS.bodyMaxChars;
  const canSend = text.trim().length > 0 && !over;

  function change(next: string) {
    // The words of a message being edited are not a draft, and nobody is told I am typing.
    if (editing) return setEditText({ key: editing.key, text: next });
    setText(next);
    edited.current = true;
    onDraftChange(next);
    if (next.trim()) onTyping();
  }

  function send() {
    if (!canSend) return;
    if (editing) {
      onSaveEdit?.(text.trim());
      setEditText(null);
      inputRef.current?.focus();
      return;
    }
    onSend(text.trim());
    edited.current = true;
    setText('');
    onDraftChange('');
    inputRef.current?.focus();
  }

  function cancelBar() {
    if (editing) {
      onCancelEdit?.();
      setEditText(null);
    } else onCancelReply?.();
    inputRef.current?.focus();
  }

  function keyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // IME composition uses Enter to pick a word (and Escape, arrows): never act on them then.
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      send();
    } else if (event.key === 'Escape' && (editing || reply)) {
      event.preventDefault();
      cancelBar();
    } else if (event.key === 'ArrowUp' && text === '' && !editing && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey) {
      if (onEditLast?.()) event.preventDefault();
    }
  }

  const describedBy = [(editing || reply) && barId, length >= COUNTER_FROM && counterId].filter(Boolean).join(' ') || undefined;
  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <div className="composer__box">
        {(editing || reply) && (
          <div className="composer__bar">
            <span className="composer__bar-icon">{editing ? <EditIcon size={18} /> : <ReplyIcon size={18} />}</span>
            <span id={barId} className="composer__bar-quote">
              {editing ? <Quote title={t`Editing message`} text={firstLine(editing.body)} /> : reply && <Quote title={replyingTo(reply)} text={reply.text} accent={reply.accent} />}
            </span>
            <IconButton label={editing ? t`Cancel editing` : t`Cancel reply`} className="composer__bar-close" onClick={cancelBar}>
              <CloseIcon size={16} />
            </IconButton>
          </div>
        )}
        <textarea
          ref={inputRef}
          className="composer__input"
          aria-label={editing ? t`Edit message` : t({ message: 'Message', comment: 'The name of the box a message is written in' })}
          aria-describedby={describedBy}
          aria-invalid={over || undefined}
          placeholder={editing ? t`Edit message` : (placeholder ?? t`Write a message…`)}
          rows={1}
          dir="auto"
          value={text}
          onChange={(event) => change(event.target.value)}
          onKeyDown={keyDown}
        />
        {length >= COUNTER_FROM && (
          <span id={counterId} className={over ? 'composer__counter composer__counter--over' : 'composer__counter'} aria-live="polite">
            {over ? overLimit(length - LIMITS.bodyMaxChars) : counter(length)}
          </span>
        )}
      </div>
      <IconButton label={editing ? t`Save` : t`Send`} type="submit" className="composer__send" disabled={!canSend}>
        {editing ? <CheckIcon size={20} /> : <SendIcon size={20} />}
      </IconButton>
    </form>
  );
}

/** Whose message the reply answers, as the bar's title: "Replying to Maya". */
function replyingTo(reply: ComposerReply): string {
  if (reply.mine) return t`Replying to yourself`;
  const name = reply.name;
  return t`Replying to ${name}`;
}

/**
 * "4600 / 5000": the characters used of those allowed, its numbers written the app's language's way, as one
 * message so a right-to-left language can order the two itself.
 */
function counter(length: number): string {
  const used = formatNumber(length);
  const allowed = formatNumber(LIMITS.bodyMaxChars);
  return t`${used} / ${allowed}`;
}

/** "1 character over the limit", "3 characters over the limit". */
function overLimit(by: number): string {
  return plural(by, { one: '# character over the limit', other: '# characters over the limit' });
}

function formatNumber(value: number): string {
  return new Intl.NumberFormat(formatLocale(), { useGrouping: false }).format(value);
}
