/**
 * Shows a long list a few items at a time: the first ones at once, then `step` more after each paint, until
 * `total()` are shown (and again when it grows). The draft's writing is eleven sections, each with its comments
 * and attachments; rendered in one task they kept a low-end phone's main thread busy for most of a second before
 * the first text showed. Construct it during a component's initialisation: its effect ends with the component.
 */
import { afterNextPaint } from '../pwa/after-paint';

export class ProgressiveCount {
  #shown = $state(0);
  readonly #total: () => number;

  constructor(
    total: () => number,
    first = 2,
    step = 2,
    schedule: (work: () => void) => void = afterNextPaint,
  ) {
    this.#total = total;
    this.#shown = first;
    $effect(() => {
      if (this.#shown >= this.#total()) return;
      let cancelled = false;
      schedule(() => {
        if (!cancelled) this.#shown += step;
      });
      return () => {
        cancelled = true;
      };
    });
  }

  /** How many items to render now. */
  get count(): number {
    return Math.min(this.#shown, this.#total());
  }

  /** Everything at once (a link to a field further down must find it). */
  showAll(): void {
    this.#shown = Math.max(this.#shown, this.#total());
  }
}
