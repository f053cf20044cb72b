import { t } from '@lingui/core/macro';
import { useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Button } from './Button';
import { useModalDialog } from './useModalDialog';

export interface ConfirmDialogProps {
  /** The question, and the dialog's accessible name. */
  title: string;
  /** What happens if the person goes ahead: the dialog's description. */
  children: ReactNode;
  confirmLabel: string;
  /** "Cancel" unless the question needs another word for it. */
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
export function ConfirmDialog({ title, children, confirmLabel, cancelLabel, destructive = false, busy = false, onConfirm, onCancel }: ConfirmDialogProps) {
  const titleId = useId();
  const descriptionId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);

  // Escape: the owner decides by unmounting us; never while the action runs. Closed by the browser regardless:
  // treat it as Cancel, or open it again while the confirmed action still runs.
  useModalDialog(dialog, {
    onCancel: () => {
      if (!busy) onCancel();
    },
    onClosed: (element) => {
      if (busy) element.showModal();
      else onCancel();
    },
    focus: () => cancel.current?.focus(),
  });

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
          {cancelLabel ?? t`Cancel`}
        </Button>
        <Button variant={destructive ? 'danger' : 'primary'} onClick={onConfirm} busy={busy}>
          {confirmLabel}
        </Button>
      </div>
    </dialog>,
    document.body,
  );
}
