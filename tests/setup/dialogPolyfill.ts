/**
 * TEST ENVIRONMENT ONLY. jsdom 29 has HTMLDialogElement (and its `open`
 * attribute) but none of its behaviour: no show(), showModal() or close(),
 * and Escape does not cancel. This is the least of the HTML spec that
 * component tests rely on; the app ships nothing of it, browsers have the real
 * one. Not modelled: the top layer and the inert page behind a modal dialog
 * (jsdom has no `inert`), which the browser tests see in Chromium.
 */
export function installDialogPolyfill(window: Window & typeof globalThis): void {
  const proto = window.HTMLDialogElement?.prototype;
  if (!proto || typeof proto.showModal === 'function') return;

  /** Open modal dialogs, the newest last: Escape cancels the newest. */
  const modals: HTMLDialogElement[] = [];
  const returnValues = new WeakMap<HTMLDialogElement, string>();

  const invalidState = (message: string) => new window.DOMException(message, 'InvalidStateError');

  Object.defineProperty(proto, 'returnValue', {
    configurable: true,
    get(this: HTMLDialogElement) {
      return returnValues.get(this) ?? '';
    },
    set(this: HTMLDialogElement, value: string) {
      returnValues.set(this, String(value));
    },
  });

  proto.show = function show(this: HTMLDialogElement) {
    if (this.open) {
      if (modals.includes(this)) throw invalidState('The dialog is already open as a modal.');
      return;
    }
    this.setAttribute('open', '');
  };

  proto.showModal = function showModal(this: HTMLDialogElement) {
    if (this.open) {
      if (modals.includes(this)) return;
      throw invalidState('The dialog is already open, not as a modal.');
    }
    if (!this.isConnected) throw invalidState('The dialog is not in a document.');
    this.setAttribute('open', '');
    modals.push(this);
  };

  proto.close = function close(this: HTMLDialogElement, returnValue?: string) {
    if (!this.open) return;
    this.removeAttribute('open');
    const modal = modals.indexOf(this);
    if (modal >= 0) modals.splice(modal, 1);
    if (returnValue !== undefined) this.returnValue = returnValue;
    this.dispatchEvent(new window.Event('close'));
  };

  // Escape is a close request for the newest modal dialog, unless a handler took the key first.
  window.addEventListener('keydown', (event) => {
    const dialog = modals.at(-1);
    if (event.key !== 'Escape' || event.defaultPrevented || !dialog) return;
    if (dialog.dispatchEvent(new window.Event('cancel', { cancelable: true }))) dialog.close();
  });
}
