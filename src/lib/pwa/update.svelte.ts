/**
 * The update prompt's state. A new service worker that is waiting is applied only when the user accepts, and only
 * after every pending edit is flushed to IndexedDB: the page is never reloaded under unsaved input. If flushing
 * fails (for example the disk is full), nothing is reloaded and the error is shown instead.
 */
export type UpdatePhase =
  /** Nothing to do. */
  | 'idle'
  /** A new version is installed and waiting for the user's "Perbarui". */
  | 'waiting'
  /** The user accepted: flushing edits, then asking the worker to take over. */
  | 'applying'
  /** Another tab already switched to the new version; this tab runs the old code until it reloads. */
  | 'activated'
  /** Pending edits could not be saved, so the update was not applied. */
  | 'failed';

export interface UpdateDeps {
  /** Saves every pending edit; rejects if something could not be saved. */
  flush(): Promise<void>;
  /** Tells the waiting worker to activate (workbox-window's messageSkipWaiting). */
  skipWaiting(): void;
  reload(): void;
}

export class AppUpdate {
  #phase = $state<UpdatePhase>('idle');
  #dismissed = $state(false);
  #error = $state<unknown>(null);
  #deps: UpdateDeps | null = null;

  get phase(): UpdatePhase {
    return this.#phase;
  }
  /** The prompt is shown; "Nanti" hides it until the next new version (Settings still offers the update). */
  get visible(): boolean {
    return this.#phase !== 'idle' && !this.#dismissed;
  }
  get pending(): boolean {
    return this.#phase !== 'idle';
  }
  get error(): unknown {
    return this.#error;
  }

  connect(deps: UpdateDeps): void {
    this.#deps = deps;
  }

  /** A new worker is installed and waiting. */
  onWaiting(): void {
    if (this.#phase === 'applying') return;
    this.#phase = 'waiting';
    this.#dismissed = false;
  }

  /** A new worker took control of this page (an update, not the first install). */
  onControlling(): Promise<void> {
    if (this.#phase === 'applying') return this.#flushThenReload();
    this.#phase = 'activated';
    this.#dismissed = false;
    return Promise.resolve();
  }

  /** "Perbarui": flush, then activate the waiting worker (the reload follows on controlling). */
  async accept(): Promise<void> {
    const deps = this.#deps;
    if (!deps) return;
    if (this.#phase === 'activated') return this.#flushThenReload();
    this.#phase = 'applying';
    this.#error = null;
    if (await this.#flushed(deps)) deps.skipWaiting();
  }

  /** "Nanti": keep working on this version. */
  later(): void {
    this.#dismissed = true;
  }

  reset(): void {
    this.#phase = 'idle';
    this.#dismissed = false;
    this.#error = null;
    this.#deps = null;
  }

  async #flushThenReload(): Promise<void> {
    const deps = this.#deps;
    if (!deps) return;
    // Flush again: the user may have typed between "Perbarui" and the new worker taking over.
    if (await this.#flushed(deps)) deps.reload();
  }

  /** Saves what is typed; false (the failure shown) when it could not be. */
  async #flushed(deps: UpdateDeps): Promise<boolean> {
    try {
      await deps.flush();
      return true;
    } catch (err) {
      this.#fail(err);
      return false;
    }
  }

  #fail(err: unknown): void {
    this.#error = err;
    this.#phase = 'failed';
    this.#dismissed = false;
  }
}

export const appUpdate = new AppUpdate();
