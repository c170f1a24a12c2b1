/**
 * Which part of the draft screen is open (the writing, the data, readiness, review), kept in the address's
 * `#part` so a reload or a shared link opens the same part. Switching replaces the history entry: the back
 * button leaves the draft, as on the other screens. A part is built the first time it is opened and kept after
 * (its history is fetched only when someone looks at it; a half-typed comment survives a look at the data).
 */
import { tick } from 'svelte';
import { SvelteSet } from 'svelte/reactivity';
import { router } from '../router/router.svelte';
import { hashOfTab, tabOfHash, type DraftTab, type FieldPlace } from './draft-tabs';

export class DraftView {
  readonly #opened = new SvelteSet<DraftTab>();

  get tab(): DraftTab {
    return tabOfHash(router.hash);
  }

  /** Whether the part's content is built (open now, or opened before). */
  built(tab: DraftTab): boolean {
    return tab === this.tab || this.#opened.has(tab);
  }

  show(tab: DraftTab): void {
    this.#opened.add(this.tab);
    this.#opened.add(tab);
    if (tab === this.tab) return;
    router.navigate(`${router.path}${hashOfTab(tab)}`, { replace: true });
  }

  /**
   * Opens the part a field is in and moves the focus to it (focusing also scrolls it into view). A field the
   * person may not change (disabled) cannot take the focus: its block takes it, so the place is still shown and
   * read out; should the field become editable within 3 s, the focus moves on to it.
   */
  async goTo(place: FieldPlace): Promise<void> {
    this.show(place.tab);
    await tick();
    // A long tab renders a few fields per frame (ProgressiveCount): wait a few frames for one further down.
    let field = document.getElementById(place.id);
    for (let frame = 0; !field && frame < 30; frame++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      field = document.getElementById(place.id);
    }
    if (!field) return;
    if (!field.matches(':disabled')) {
      field.focus();
      return;
    }
    const block = field.closest<HTMLElement>('.field') ?? field.parentElement;
    if (!block) return;
    block.tabIndex = -1;
    block.focus();
    // Disabled only for a moment (what decides it still arriving, as seen on a phone just after its first sync):
    // the focus moves on to the field once it may be changed, unless the person has moved it meanwhile.
    for (let wait = 0; wait < 30 && document.activeElement === block; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (document.activeElement === block && field.isConnected && !field.matches(':disabled')) {
        field.focus();
        return;
      }
    }
  }
}
