import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Button } from './Button';

export interface ConfirmDialogProps {
  /** The question, and the dialog's accessible name. */
  title: string;
  /** What happens if the person goes ahead: the dialog's description. */
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** Going ahead cannot be undone: the confirm button says so. */
  destructive?: boolean;
  /** The confirmed action is running: the confirm button is busy and the dialog stays. */
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * A modal question before something that cannot be undone (an alertdialog).
 * Focus starts on Cancel, the safe answer, and stays inside while it is
 * open; Escape cancels; on closing, focus goes back to where it was.
 */
export function ConfirmDialog({ title, children, confirmLabel, cancelLabel = 'Cancel', destructive = false, busy = false, onConfirm, onCancel }: ConfirmDialogProps) {
  const titleId = useId();
  const descriptionId = useId();
  const dialog = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const before = document.activeElement;
    dialog.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      // Back to the button that opened the dialog, if it is still on screen.
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      if (!busy) onCancel();
      return;
    }
    if (event.key === 'Tab') trapTab(event, dialog.current);
  };

  return createPortal(
    <div className="dialog-backdrop">
      <div ref={dialog} role="alertdialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={descriptionId} className="dialog" onKeyDown={onKeyDown}>
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        <div id={descriptionId} className="dialog__description">
          {children}
        </div>
        <div className="dialog__actions">
          <Button data-autofocus variant="secondary" onClick={onCancel} disabled={busy}>
            {cancelLabel}
          </Button>
          <Button variant={destructive ? 'danger' : 'primary'} onClick={onConfirm} busy={busy}>
            {confirmLabel}
          </Button>
        </div>
      </div>
    </div>,
    document.body,
  );
}

/** Tab from the last focusable element goes to the first, Shift+Tab from the first to the last. */
function trapTab(event: KeyboardEvent, container: HTMLElement | null): void {
  if (!container) return;
  const focusable = [...container.querySelectorAll<HTMLElement>('button:not(:disabled), [href], input:not(:disabled), [tabindex]:not([tabindex="-1"])')];
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return event.preventDefault();
  const active = document.activeElement;
  if (event.shiftKey && (active === first || !container.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !container.contains(active))) {
    event.preventDefault();
    first.focus();
  }
}
