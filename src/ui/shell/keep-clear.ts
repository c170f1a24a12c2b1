/**
 * Keeps the snackbar off the field someone is typing in. It sits at the bottom, above the navigation bar; while
 * the focused field would be under it there (a field low on the screen, or the on-screen keyboard pushing the
 * field down), it moves to the top, under the header. Checked again when the focus moves, the page scrolls, the
 * viewport changes (the keyboard opening) and a message appears.
 */
import type { Attachment } from 'svelte/attachments';

export type SnackbarPlace = 'top' | 'bottom';

const EDITABLE =
  'textarea, select, input:not([type="button"], [type="submit"], [type="reset"], [type="checkbox"], [type="radio"], [type="file"], [type="range"], [type="color"])';

function focusedField(doc: Document): HTMLElement | null {
  const el = doc.activeElement;
  if (!(el instanceof HTMLElement)) return null;
  return el.isContentEditable || el.matches(EDITABLE) ? el : null;
}

/** Vertical pixels two boxes share (0 when they do not meet). */
function overlap(a: DOMRect, b: DOMRect): number {
  return Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
}

/** Puts the region where its message covers the focused field least (the bottom when neither covers it). */
export function placeClearOfFocus(region: HTMLElement): SnackbarPlace {
  const measure = (place: SnackbarPlace): number => {
    region.dataset.place = place;
    const box = region.firstElementChild;
    return box && field ? overlap(box.getBoundingClientRect(), field.getBoundingClientRect()) : 0;
  };
  const field = focusedField(region.ownerDocument);
  const atBottom = measure('bottom');
  if (atBottom === 0) return 'bottom';
  const atTop = measure('top');
  if (atTop < atBottom) return 'top';
  region.dataset.place = 'bottom';
  return 'bottom';
}

export const keepClearOfFocus: Attachment<HTMLElement> = (region) => {
  const doc = region.ownerDocument;
  const win = doc.defaultView ?? window;
  let frame: number | null = null;
  // Once per frame, after the layout the event caused (the keyboard's resize, the scroll into view).
  const schedule = () => {
    if (frame !== null) return;
    frame = win.requestAnimationFrame(() => {
      frame = null;
      placeClearOfFocus(region);
    });
  };
  const observer = new MutationObserver(schedule);
  observer.observe(region, { childList: true, subtree: true });
  doc.addEventListener('focusin', schedule);
  doc.addEventListener('focusout', schedule);
  win.addEventListener('scroll', schedule, { passive: true });
  win.addEventListener('resize', schedule);
  win.visualViewport?.addEventListener('resize', schedule);
  return () => {
    if (frame !== null) win.cancelAnimationFrame(frame);
    observer.disconnect();
    doc.removeEventListener('focusin', schedule);
    doc.removeEventListener('focusout', schedule);
    win.removeEventListener('scroll', schedule);
    win.removeEventListener('resize', schedule);
    win.visualViewport?.removeEventListener('resize', schedule);
  };
};
