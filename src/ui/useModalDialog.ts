import { useEffect, useEffectEvent, type RefObject } from 'react';

export interface ModalDialogHandlers {
  /** Escape (the dialog's cancel event); the default close is already prevented. */
  onCancel(): void;
  /** The browser closed it regardless (a second Escape with no click between). */
  onClosed(element: HTMLDialogElement): void;
  /** Where focus starts once it is open. */
  focus(element: HTMLDialogElement): void;
}

/**
 * Opens a native `<dialog>` as a modal while the component is mounted (the
 * page behind inert for pointer, keyboard and screen readers alike) and, on
 * unmount, closes it and puts focus back where it was, if that is still on
 * screen. The owner closes it by no longer rendering it.
 */
export function useModalDialog(dialog: RefObject<HTMLDialogElement | null>, handlers: ModalDialogHandlers): void {
  const onCancelRequest = useEffectEvent((event: Event) => {
    event.preventDefault();
    handlers.onCancel();
  });
  const onClosedByBrowser = useEffectEvent((element: HTMLDialogElement) => handlers.onClosed(element));
  const focus = useEffectEvent((element: HTMLDialogElement) => handlers.focus(element));

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const opener = document.activeElement;
    const cancelRequested = (event: Event) => onCancelRequest(event);
    const closed = () => onClosedByBrowser(element);
    element.showModal();
    focus(element);
    element.addEventListener('cancel', cancelRequested);
    element.addEventListener('close', closed);
    return () => {
      element.removeEventListener('cancel', cancelRequested);
      element.removeEventListener('close', closed);
      element.close();
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, [dialog]);
}
