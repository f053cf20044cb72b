import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { LIMITS, messageLength } from '../../client';
import { IconButton } from '../../ui/Button';
import { SendIcon } from '../../ui/icons';

export interface ComposerProps {
  /** The stored draft; it may arrive after mount (read from the local database). */
  draft: string;
  onDraftChange(text: string): void;
  onSend(body: string): void;
  onTyping(): void;
  placeholder?: string;
}

/** Show the counter this close to the limit. */
const COUNTER_FROM = LIMITS.bodyMaxChars - 500;

/** The message box: Enter sends, Shift+Enter adds a line; the draft is kept as it is typed. */
export function Composer({ draft, onDraftChange, onSend, onTyping, placeholder = 'Write a message…' }: ComposerProps) {
  const [text, setText] = useState(draft);
  const edited = useRef(false);
  const counterId = useId();
  const inputRef = useRef<HTMLTextAreaElement>(null);

  // A stored draft that loads after mount wins only until the person starts typing.
  useEffect(() => {
    if (!edited.current) setText(draft);
  }, [draft]);

  // Counted as every backend counts it, so a message the counter allows is never refused as too long.
  const length = messageLength(text);
  const over = length > LIMITS.bodyMaxChars;
  const canSend = text.trim().length > 0 && !over;

  function change(next: string) {
    edited.current = true;
    setText(next);
    onDraftChange(next);
    if (next.trim()) onTyping();
  }

  function send() {
    if (!canSend) return;
    onSend(text.trim());
    edited.current = true;
    setText('');
    onDraftChange('');
    inputRef.current?.focus();
  }

  function keyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // IME composition uses Enter to pick a word: never send then.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  }

  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <div className="composer__box">
        <textarea
          ref={inputRef}
          className="composer__input"
          aria-label="Message"
          aria-describedby={length >= COUNTER_FROM ? counterId : undefined}
          aria-invalid={over || undefined}
          placeholder={placeholder}
          rows={1}
          dir="auto"
          value={text}
          onChange={(event) => change(event.target.value)}
          onKeyDown={keyDown}
        />
        {length >= COUNTER_FROM && (
          <span id={counterId} className={over ? 'composer__counter composer__counter--over' : 'composer__counter'} aria-live="polite">
            {over ? overLimit(length - LIMITS.bodyMaxChars) : `${length} / ${LIMITS.bodyMaxChars}`}
          </span>
        )}
      </div>
      <IconButton label="Send" type="submit" className="composer__send" disabled={!canSend}>
        <SendIcon size={20} />
      </IconButton>
    </form>
  );
}

const plural = new Intl.PluralRules('en');

/** "1 character over the limit", "3 characters over the limit". */
function overLimit(by: number): string {
  return `${by} ${plural.select(by) === 'one' ? 'character' : 'characters'} over the limit`;
}
