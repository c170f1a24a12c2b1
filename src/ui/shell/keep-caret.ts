/**
 * Sets a text field's value when it changes from outside the keyboard (another person's change merged into the
 * text being typed, see RecordEditor's live rebase) without moving the person: the caret and the selection are
 * mapped through the change (`mapOffset`), the field's own scroll position is kept, and typing goes on where it
 * was. Setting `value` directly would put the caret at the end of the text in every browser.
 *
 * Use instead of the `value` attribute: `<textarea {@attach keepCaret(value)} ...>`.
 */
import type { Attachment } from 'svelte/attachments';
import { mapOffset } from '../../shared/caret';

type TextControl = HTMLTextAreaElement | HTMLInputElement;

/** Whether the control keeps a caret (`selectionStart` throws or is null on date inputs and the like). */
function hasCaret(el: TextControl): boolean {
  try {
    return typeof el.selectionStart === 'number';
  } catch {
    return false;
  }
}

export function applyValue(el: TextControl, next: string): void {
  const before = el.value;
  if (before === next) return;
  if (el.ownerDocument.activeElement !== el || !hasCaret(el)) {
    el.value = next;
    return;
  }
  const start = el.selectionStart ?? before.length;
  const end = el.selectionEnd ?? start;
  const direction = el.selectionDirection ?? 'none';
  const scrollTop = el.scrollTop;
  el.value = next;
  el.setSelectionRange(mapOffset(before, next, start), mapOffset(before, next, end), direction);
  el.scrollTop = scrollTop;
}

export function keepCaret(value: string): Attachment<TextControl> {
  return (el) => applyValue(el, value);
}
