/**
 * A text box that grows with its text (issue #14: a 600-word section is not read through a five-line slot).
 * Browsers with CSS `field-sizing: content` do it themselves (the `.grow` rule in app.css sets it, with the
 * minimum of about three lines and the maximum); this attachment is the fallback for the others (Chromium before
 * 123, old Android WebViews, jsdom): it sets the height from the text's height, up to the same maximum, after
 * each keystroke, after a change from outside (another person's words merged in by live rebase), and when the
 * box is laid out again (a hidden tab shown, the phone turned).
 *
 * Use after keepCaret, with the same value, so the height follows the text set there:
 * `<textarea class="grow" {@attach keepCaret(value)} {@attach autosize(value)}>`.
 */
import type { Attachment } from 'svelte/attachments';

/** The tallest a text box grows, as a share of the window's height; beyond it the box scrolls. */
export const GROW_MAX_SHARE = 0.75;

export function supportsFieldSizing(): boolean {
  return (
    typeof CSS !== 'undefined' &&
    typeof CSS.supports === 'function' &&
    CSS.supports('field-sizing', 'content')
  );
}

/**
 * Sets the height of `el` to fit its text (up to the maximum). While it is hidden the height comes out too small
 * (the CSS minimum holds); it is fitted again when shown (the ResizeObserver below).
 */
export function fitHeight(el: HTMLTextAreaElement): void {
  if (!el.isConnected) return;
  const style = getComputedStyle(el);
  const borders = parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth) || 0;
  const max = Math.round(window.innerHeight * GROW_MAX_SHARE);
  el.style.height = 'auto';
  const wanted = el.scrollHeight + borders;
  el.style.height = `${Math.min(wanted, max)}px`;
  el.style.overflowY = wanted > max ? 'auto' : 'hidden';
}

export function autosize(value: string): Attachment<HTMLTextAreaElement> {
  return (el) => {
    void value; // re-run (and refit) when the text changes from outside the keyboard
    if (supportsFieldSizing()) return;
    fitHeight(el);
    const onInput = () => fitHeight(el);
    el.addEventListener('input', onInput);
    // Laid out again: shown after being hidden, or a new width (the phone turned, the font loaded).
    let width = 0;
    const observer =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(([entry]) => {
            const w = entry?.contentRect.width ?? 0;
            if (w === width) return;
            width = w;
            fitHeight(el);
          });
    observer?.observe(el);
    return () => {
      el.removeEventListener('input', onInput);
      observer?.disconnect();
    };
  };
}
