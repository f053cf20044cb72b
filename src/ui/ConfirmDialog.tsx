import { useEffect, useEffectEvent, useId, useRef, type ReactNode } from 'react';
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
 * A native `<dialog>` opened with showModal(): the browser puts it above
 * everything (the sim panel included) and makes the page behind inert, for
 * the pointer, the keyboard and screen readers alike, so focus cannot leave
 * it. Focus starts on Cancel, the safe answer; Escape cancels; on closing,
 * focus goes back to where it was. Shown while mounted: the owner closes it
 * by no longer rendering it.
 */
export function ConfirmDialog({ title, children, confirmLabel, cancelLabel = 'Cancel', destructive = false, busy = false, onConfirm, onCancel }: ConfirmDialogProps) {
  const titleId = useId();
  const descriptionId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);

  // Escape (the dialog's cancel event): the owner decides by unmounting us; never while the action runs.
  const onCancelRequest = useEffectEvent((event: Event) => {
    event.preventDefault();
    if (!busy) onCancel();
  });
  // The browser may close it regardless (a second Escape with no click between): treat it as Cancel,
  // or open it again while the confirmed action still runs.
  const onClosedByBrowser = useEffectEvent((element: HTMLDialogElement) => {
    if (busy) element.showModal();
    else onCancel();
  });

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const opener = document.activeElement;
    const cancelRequested = (event: Event) => onCancelRequest(event);
    const closed = () => onClosedByBrowser(element);
    element.showModal();
    cancel.current?.focus();
    element.addEventListener('cancel', cancelRequested);
    element.addEventListener('close', closed);
    return () => {
      element.removeEventListener('cancel', cancelRequested);
      element.removeEventListener('close', closed);
      element.close();
      // Back to the button that opened the dialog, if it is still on screen.
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, []);

  // In <body>, so no ancestor's styles (a header's, a list's) reach into the dialog.
  return createPortal(
    <dialog ref={dialog} role="alertdialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={descriptionId} className="dialog">
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      <div id={descriptionId} className="dialog__description">
        {children}
      </div>
      <div className="dialog__actions">
        <Button ref={cancel} variant="secondary" onClick={onCancel} disabled={busy}>
          {cancelLabel}
        </Button>
        <Button variant={destructive ? 'danger' : 'primary'} onClick={onConfirm} busy={busy}>
          {confirmLabel}
        </Button>
      </div>
    </dialog>,
    document.body,
  );
}
