/**
 * The sync state people see, as runes: phase, pending count, last sync time, conflicts waiting, refused changes,
 * and per record "hanya di perangkat ini" / "terkirim" / "terkonfirmasi". `start(store, ...)` runs the engine for
 * the open store with every trigger; local edits are noticed from the outbox itself (a live query), so no screen
 * has to remember to call sync.
 */
import { observe } from '../db';
import type { LocalStore, OutboxEntry } from '../db/types';
import type { Conflict } from '../../shared/records';
import { SyncEngine, type SyncPhase, type SyncSnapshot } from './engine';
import { httpTransport, type FetchLike } from './transport';
import { attachSyncTriggers } from './triggers';
import { recordSyncState, type RecordSyncState } from './recordState';
import { resolveConflict, type ConflictChoice } from './resolve';

export interface StartOptions {
  getToken: (opts?: { forceRefresh?: boolean }) => string | null | Promise<string | null>;
  baseUrl?: string;
  fetch?: FetchLike;
  /** Live events and browser triggers (off in component tests). */
  triggers?: boolean;
}

const IDLE: SyncSnapshot = { phase: 'idle', pending: 0, lastSyncAt: null, error: null, retryAt: null };

export class SyncStatus {
  #snapshot = $state.raw<SyncSnapshot>(IDLE);
  #outbox = $state.raw<OutboxEntry[]>([]);
  #conflicts = $state.raw<Conflict[]>([]);
  #started = $state(false);
  #engine: SyncEngine | null = null;
  #store: LocalStore | null = null;
  #stops: (() => void)[] = [];

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
  /** Unresolved conflicts of records still around. */
  get conflicts(): Conflict[] {
    return this.#conflicts;
  }

  conflictsOf(recordId: string): Conflict[] {
    return this.#conflicts.filter((c) => c.recordId === recordId);
  }

  recordState(record: { id: string; rev: number }): RecordSyncState {
    return recordSyncState(record, this.#outbox);
  }

  start(store: LocalStore, options: StartOptions): () => void {
    this.stop();
    this.#store = store;
    const engine = new SyncEngine({
      store,
      transport: httpTransport(options.baseUrl ?? '', options.fetch),
      getToken: options.getToken,
      onSnapshot: (s) => (this.#snapshot = s),
    });
    this.#engine = engine;
    this.#started = true;
    void engine.refreshStatus();
    let pendingBefore = -1;
    this.#stops.push(
      observe(() => store.outbox(), {
        next: (entries) => {
          this.#outbox = entries;
          const pending = entries.filter((e) => e.state === 'pending' && !e.rejected).length;
          // A new or amended local edit: push shortly (the first reading is the state at start).
          if (pendingBefore >= 0 && pending > 0) engine.notifyLocalEdit();
          pendingBefore = pending;
        },
      }),
      observe(async () => (await store.list('conflict')).filter((c) => !c.resolved), {
        next: (list) => (this.#conflicts = list),
      }),
    );
    if (options.triggers !== false) {
      this.#stops.push(
        attachSyncTriggers(engine, {
          getToken: options.getToken,
          eventsUrl: `${options.baseUrl ?? ''}/api/sync/events`,
          ...(options.fetch ? { fetch: options.fetch } : {}),
        }),
      );
    }
    return () => this.stop();
  }

  /** The "Sinkronkan sekarang" button. */
  async syncNow(): Promise<void> {
    await this.#engine?.sync();
  }

  async resolve(conflict: Conflict, choice: ConflictChoice): Promise<void> {
    if (!this.#store) return;
    await resolveConflict(this.#store, conflict, choice);
  }

  stop(): void {
    for (const stop of this.#stops.splice(0)) stop();
    this.#engine?.stop();
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
