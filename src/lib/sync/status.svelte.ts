/**
 * The sync state people see, as runes: phase, pending count, last sync time, conflicts waiting, refused changes,
 * and per record "hanya di perangkat ini" / "terkirim" / "terkonfirmasi". `start(store, ...)` runs the engine for
 * the open store with every trigger; local edits are noticed from the outbox itself (a live query), so no screen
 * has to remember to call sync. The engine is loaded lazily (see runtime.ts).
 */
import type { LocalStore, OutboxEntry } from '../db/types';
import type { Conflict } from '../../shared/records';
import type { SyncEngine, SyncPhase, SyncSnapshot } from './engine';
import type { FetchLike } from './transport';
import { recordSyncState, type RecordSyncState } from './recordState';
import type { ConflictChoice } from './resolve';
import { latestPerPath } from './conflict-order';

export interface StartOptions {
  getToken: (opts?: { forceRefresh?: boolean }) => string | null | Promise<string | null>;
  baseUrl?: string;
  fetch?: FetchLike;
  /** Live events and browser triggers (off in component tests). */
  triggers?: boolean;
}

const IDLE: SyncSnapshot = {
  phase: 'idle',
  pending: 0,
  lastSyncAt: null,
  error: null,
  retryAt: null,
  inFlight: [],
  downloading: 0,
};

export class SyncStatus {
  #snapshot = $state.raw<SyncSnapshot>(IDLE);
  #outbox = $state.raw<OutboxEntry[]>([]);
  #conflicts = $state.raw<Conflict[]>([]);
  #waiting = $derived(latestPerPath(this.#conflicts));
  #started = $state(false);
  #engine: SyncEngine | null = null;
  #store: LocalStore | null = null;
  #stop: (() => void) | null = null;
  #generation = 0;

  get phase(): SyncPhase {
    return this.#snapshot.phase;
  }
  get syncing(): boolean {
    return this.#snapshot.phase === 'syncing';
  }
  get started(): boolean {
    return this.#started;
  }
  get lastSyncAt(): number | null {
    return this.#snapshot.lastSyncAt;
  }
  get error(): string | null {
    return this.#snapshot.error;
  }
  get retryAt(): number | null {
    return this.#snapshot.retryAt;
  }
  /** Changes still to reach the server (refused ones excluded). */
  get pending(): number {
    return this.#outbox.filter((e) => !e.rejected).length;
  }
  get rejected(): OutboxEntry[] {
    return this.#outbox.filter((e) => e.rejected);
  }
  /** Records here as summaries whose full content is still downloading (after a new phone's first pull). */
  get downloading(): number {
    return this.#snapshot.downloading;
  }
  /**
   * Conflicts waiting for a decision: unresolved, the newest per record and path (older ones on a path are settled
   * with it), so the header counts what the cards show.
   */
  get conflicts(): Conflict[] {
    return this.#waiting;
  }

  conflictsOf(recordId: string): Conflict[] {
    return this.#waiting.filter((c) => c.recordId === recordId);
  }

  recordState(record: { id: string; rev: number }): RecordSyncState {
    return recordSyncState(record, this.#outbox, this.#snapshot.inFlight);
  }

  /** Starts syncing `store`; a later `start` or `stop` replaces it. Resolves once running. */
  async start(store: LocalStore, options: StartOptions): Promise<void> {
    this.stop();
    const generation = this.#generation;
    const { startRuntime } = await import('./runtime');
    if (generation !== this.#generation) return;
    const runtime = startRuntime(store, {
      ...options,
      onSnapshot: (s) => (this.#snapshot = s),
      onOutbox: (entries) => (this.#outbox = entries),
      onConflicts: (list) => (this.#conflicts = list),
    });
    this.#engine = runtime.engine;
    this.#stop = runtime.stop;
    this.#store = store;
    this.#started = true;
  }

  /**
   * A person opened a record this phone holds only as a summary: fetch it now. False when that failed (offline,
   * signed out): the screen says the content is not here yet, and the background download retries later.
   */
  async fetchNow(id: string): Promise<boolean> {
    return (await this.#engine?.fetchNow([id])) ?? false;
  }

  /** The "Sinkronkan sekarang" button. */
  async syncNow(): Promise<void> {
    await this.#engine?.sync();
  }

  /** One tap on a conflict card: the chosen value becomes an edit and the conflict is marked resolved. */
  async resolve(conflict: Conflict, choice: ConflictChoice): Promise<void> {
    if (!this.#store) return;
    const { resolveConflict } = await import('./runtime');
    await resolveConflict(this.#store, conflict, choice);
  }

  stop(): void {
    this.#generation++;
    this.#stop?.();
    this.#stop = null;
    this.#engine = null;
    this.#store = null;
    this.#started = false;
  }

  /** For tests. */
  reset(): void {
    this.stop();
    this.#snapshot = IDLE;
    this.#outbox = [];
    this.#conflicts = [];
  }
}

export const syncStatus = new SyncStatus();
