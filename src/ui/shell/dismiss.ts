/**
 * What every small panel the bars open (the "Lainnya" menu, the account menu, the sync details) does the same
 * way: a tap outside it or Escape closes it, and Escape gives focus back to the button that opened it, so a
 * keyboard or screen-reader user is not left on nothing. The shell closes them on navigation too.
 */
import type { Action } from 'svelte/action';

export interface DismissOptions {
  close: () => void;
  /** The button that opens the panel: a tap on it toggles, so it does not count as outside. */
  trigger: () => HTMLElement | undefined;
}

export const dismissable: Action<HTMLElement, DismissOptions> = (node, initial) => {
  let options = initial;
  const onPointerDown = (event: PointerEvent) => {
    const target = event.target as Node | null;
    if (!target || node.contains(target) || options.trigger()?.contains(target)) return;
    options.close();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    options.close();
    options.trigger()?.focus();
  };
  document.addEventListener('pointerdown', onPointerDown, true);
  document.addEventListener('keydown', onKeyDown);
  return {
    update(next) {
      options = next;
    },
    destroy() {
      document.removeEventListener('pointerdown', onPointerDown, true);
      document.removeEventListener('keydown', onKeyDown);
    },
  };
};
