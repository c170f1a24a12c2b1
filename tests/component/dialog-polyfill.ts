/**
 * jsdom has `<dialog>` without `showModal()` / `close()` (jsdom 26). This fills in what the app's dialogs use, as
 * browsers behave: `showModal()` opens it, `close()` shuts it and fires `close`, Escape fires a cancelable
 * `cancel` on the top open dialog and closes it unless cancelled. What jsdom cannot show (the inert background,
 * the top layer) the end-to-end tests check in Chromium.
 */
const proto = globalThis.HTMLDialogElement?.prototype;
if (proto && typeof proto.showModal !== 'function') {
  proto.showModal = function showModal(this: HTMLDialogElement) {
    if (this.open) throw new DOMException('The dialog is already open.', 'InvalidStateError');
    this.open = true;
  };
  proto.show = function show(this: HTMLDialogElement) {
    this.open = true;
  };
  proto.close = function close(this: HTMLDialogElement, returnValue?: string) {
    if (!this.open) return;
    if (returnValue !== undefined) this.returnValue = returnValue;
    this.open = false;
    this.dispatchEvent(new Event('close'));
  };
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    const top = [...document.querySelectorAll('dialog')].filter((d) => d.open).at(-1);
    if (top && top.dispatchEvent(new Event('cancel', { cancelable: true }))) top.close();
  });
}
