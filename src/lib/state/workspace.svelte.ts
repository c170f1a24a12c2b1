/**
 * The current local store. The app opens the guest database at start; signing in switches to that user's
 * own database (one database per user, so a shared phone never mixes people's data). Every screen reads
 * `workspace.store`, so switching re-renders them against the new database.
 */
import type { AccessPrincipal } from '../../shared/access';
import type { LocalStore } from '../db/types';
import { loadDataModule } from './data-module';
import { flushAllEditors } from './editors';

export class Workspace {
  #store = $state.raw<LocalStore | null>(null);
  #error = $state<string | null>(null);
  #userId = $state<string | null>(null);
  #tenantId = $state<string | null>(null);

  get store(): LocalStore | null {
    return this.#store;
  }
  get error(): string | null {
    return this.#error;
  }
  get userId(): string | null {
    return this.#userId;
  }
  get tenantId(): string | null {
    return this.#tenantId;
  }

  /** The store, for code that runs only while one is open (screens render after it is). */
  requireStore(): LocalStore {
    if (!this.#store) throw new Error('Penyimpanan lokal belum dibuka / local store not open');
    return this.#store;
  }

  /** Opens the guest database (before any sign-in). */
  openGuest(): Promise<void> {
    return this.switchUser(null, null);
  }

  /**
   * Flushes pending edits to the current database, closes it, and opens the user's own one. `principal` (the
   * signed-in person, read at each write) lets the store refuse what the shared access rules forbid.
   */
  async switchUser(
    userId: string | null,
    tenantId: string | null = null,
    principal?: () => AccessPrincipal | null,
  ): Promise<void> {
    await flushAllEditors();
    const previous = this.#store;
    this.#error = null;
    try {
      const { openLocalStore } = await loadDataModule();
      const next = await openLocalStore({
        userId,
        ...(tenantId ? { tenantId } : {}),
        ...(principal ? { principal } : {}),
      });
      this.#store = next;
      this.#userId = userId;
      this.#tenantId = tenantId;
      if (previous && previous !== next) previous.close();
    } catch (err) {
      this.#error = err instanceof Error ? err.message : String(err);
    }
  }

  /** For tests: closes the database and forgets it. */
  reset(): void {
    this.#store?.close();
    this.#store = null;
    this.#error = null;
    this.#userId = null;
    this.#tenantId = null;
  }
}

export const workspace = new Workspace();
