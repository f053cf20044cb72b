import { t } from '@lingui/core/macro';
import { useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { IconButton } from './Button';
import { CloseIcon } from './moreIcons';
import { useModalDialog } from './useModalDialog';

export interface DialogProps {
  /** The dialog's heading and accessible name. */
  title: string;
  children: ReactNode;
  /** Buttons at the bottom (a form's submit among them). */
  actions?: ReactNode;
  /** Escape, the close button, or the browser closing it. */
  onClose(): void;
  /** A CSS selector inside the dialog for what gets focus first (else the first field or button after the title). */
  initialFocus?: string;
  /** Wider, for lists. */
  wide?: boolean;
}

/**
 * A modal window for a task (New group, Browse channels, Message info): a
 * native `<dialog>` opened with showModal(), as ConfirmDialog is, so the page
 * behind is inert for the pointer, the keyboard and screen readers. Escape
 * and the close button close it; focus goes back to where it was. Shown while
 * mounted.
 */
export function Dialog({ title, children, actions, onClose, initialFocus, wide = false }: DialogProps) {
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  useModalDialog(dialog, {
    onCancel: onClose,
    onClosed: onClose,
    focus: (element) => {
      const target =
        (initialFocus ? element.querySelector<HTMLElement>(initialFocus) : null) ??
        element.querySelector<HTMLElement>('.dialog__body input, .dialog__body select, .dialog__body textarea, .dialog__body button, .dialog__body [tabindex="0"]') ??
        element.querySelector<HTMLElement>('.dialog__close');
      target?.focus();
    },
  });

  return createPortal(
    <dialog ref={dialog} aria-modal="true" aria-labelledby={titleId} className={wide ? 'dialog dialog--wide' : 'dialog'}>
      <div className="dialog__header">
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        <IconButton label={t`Close`} className="dialog__close" onClick={onClose}>
          <CloseIcon size={18} />
        </IconButton>
      </div>
      <div className="dialog__body">{children}</div>
      {actions && <div className="dialog__actions">{actions}</div>}
    </dialog>,
    document.body,
  );
}
