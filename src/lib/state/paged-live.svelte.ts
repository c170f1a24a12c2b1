/**
 * A live list shown a page at a time (the session and draft lists): the query asks the store for one more than
 * is shown, so the store stops reading at the page (thousands of records stay fast) and the extra one tells
 * whether "Tampilkan lebih banyak" has anything to add.
 */
import { Live } from './live.svelte';

export class PagedLive<T> {
  readonly #page: number;
  #shown = $state(0);
  readonly #live: Live<T[]>;
  readonly #visible = $derived.by(() => (this.#live.current ?? []).slice(0, this.#shown));

  /** `source(limit)`: the query for at most `limit` records, newest first, or null while nothing to ask. */
  constructor(page: number, source: (limit: number) => (() => Promise<T[]>) | null) {
    this.#page = page;
    this.#shown = page;
    this.#live = new Live(() => source(this.#shown + 1));
  }

  get visible(): T[] {
    return this.#visible;
  }
  get more(): boolean {
    return (this.#live.current?.length ?? 0) > this.#shown;
  }
  get loaded(): boolean {
    return this.#live.loaded;
  }
  get empty(): boolean {
    return this.#live.current?.length === 0;
  }
  get error(): string | null {
    return this.#live.error;
  }

  showMore(): void {
    this.#shown += this.#page;
  }
}
