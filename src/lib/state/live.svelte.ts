/**
 * Live queries for screens: the result re-renders when the data changes, in this tab or in another tab on the
 * same database (Dexie's liveQuery, through the store's `observe` helper).
 *
 * `source` runs inside an effect: it reads the reactive inputs (the current store, filters) and returns the
 * query to observe, or null while there is nothing to ask. When an input changes, the old subscription ends and
 * a new one starts; the last result stays on screen until the new one arrives, so lists do not flicker.
 */
import { dataModule } from './data-module';

export class Live<T> {
  #value = $state.raw<T | undefined>(undefined);
  #error = $state<string | null>(null);

  constructor(source: () => (() => Promise<T>) | null) {
    $effect(() => {
      const querier = source();
      if (!querier) return;
      return dataModule().observe(querier, {
        next: (value) => {
          this.#value = value;
          this.#error = null;
        },
        error: (err) => {
          this.#error = err instanceof Error ? err.message : String(err);
        },
      });
    });
  }

  get current(): T | undefined {
    return this.#value;
  }
  get loaded(): boolean {
    return this.#value !== undefined;
  }
  get error(): string | null {
    return this.#error;
  }
}
