/** `MetaStore` over Dexie: small values in the `meta` table, by key. */
import type { StoreContext } from './context';
import type { MetaStore } from './types';

export class DexieMetaStore implements MetaStore {
  readonly #ctx: StoreContext;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
  }

  async getMeta<T = unknown>(key: string): Promise<T | undefined> {
    return (await this.#ctx.db.meta.get(key))?.value as T | undefined;
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    if (value === undefined) await this.#ctx.db.meta.delete(key);
    else await this.#ctx.db.meta.put({ key, value });
  }
}
