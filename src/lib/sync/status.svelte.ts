/**
 * The sync state people see, as runes: phase, pending count, last sync time, conflicts waiting, refused changes,
 * and per record "hanya di perangkat ini" / "terkirim" / "terkonfirmasi". `start(store, ...)` runs the engine for
 * the open store with every trigger; local edits are noticed from the outbox itself (a live query), so no screen
 * has to remember to call sync. The engine is loaded lazily (see runtime.ts).
 */
import type { LocalStore, OutboxEntry } from '../db/types';
import type { Conflict } from '../../shared/records';
import type { SyncEngine } from './engine';
import { IDLE_SNAPSHOT, type FirstSyncProgress, type SyncPhase, type SyncSnapshot } from './snapshot';
import type { FetchLike } from './transport';
import { recordSyncState, type RecordSyncState } from './recordState';
import type { ConflictChoice } from './resolve';
import { syncHeadline, type SyncHeadline } from './headline';
import { editorsWithUnsavedInput, watchEditors } from '../state/editors';
import { latestPerPath } from './conflict-order';

export interface StartOptions {
  getToken: (opts?: { forceRefresh?: boolean }) => string | null | Promise<string | null>;
  baseUrl?: string;
  fetch?: FetchLike;
  /** Live events and browser triggers (off in component tests). */
  triggers?: boolean;
}

/** What a "Tersambung kembali" notice stands for: the sync it announced is running, or it failed. */
export type ReconnectState = { state: 'syncing' } | { state: 'failed'; error: string | null } | null;

export class SyncStatus {
  #snapshot = $state.raw<SyncSnapshot>(IDLE_SNAPSHOT);
  #outbox = $state.raw<OutboxEntry[]>([]);
  #conflicts = $state.raw<Conflict[]>([]);
  #waiting = $derived(latestPerPath(this.#conflicts));
  #started = $state(false);
  #online = $state(typeof navigator === 'undefined' ? true : navigator.onLine !== false);
  /** Bumped when an editor opens or closes, so `unsavedEditors` recounts. */
  #editorsChanged = $state(0);
  #reconnect = $state.raw<ReconnectState>(null);
  #engine: SyncEngine | null = null;
  #store: LocalStore | null = null;
  #stop: (() => void) | null = null;
  #generation = 0;

  constructor() {
    watchEditors(() => this.#editorsChanged++);
  }

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
  /** Open editors holding input not stored yet (typing still being written, or input held back). */
  get unsavedEditors(): number {
    void this.#editorsChanged;
    return editorsWithUnsavedInput();
  }
  /** The browser's network state, followed while syncing runs. */
  get online(): boolean {
    return this.#online;
  }
  /** What the header says; "Tersinkron" only when every fact allows it (see headline.ts). */
  get headline(): SyncHeadline {
    return syncHeadline({
      phase: this.#snapshot.phase,
      pending: this.pending,
      unsavedEditors: this.unsavedEditors,
      rejected: this.rejected.length,
      online: this.#online,
      reached: this.#snapshot.reached,
    });
  }
  /** The sync announced by "Tersambung kembali": running, failed, or null once it finished well (or none). */
  get reconnect(): ReconnectState {
    return this.#reconnect;
  }
  /** Refused changes of one record. */
  rejectedOf(recordId: string): OutboxEntry[] {
    return this.rejected.filter((e) => e.recordId === recordId);
  }
  /** A new phone's first sync while it streams: records and bytes done and left, time left (null otherwise). */
  get firstSync(): FirstSyncProgress | null {
    return this.#snapshot.firstSync;
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
      onSnapshot: (s) => {
        this.#snapshot = s;
        // A failed reconnect notice stays true only until a sync succeeds.
        if (s.reached && this.#reconnect?.state === 'failed') this.#reconnect = null;
      },
      onOutbox: (entries) => (this.#outbox = entries),
      onConflicts: (list) => (this.#conflicts = list),
      onReconnect: (run) => void this.#followReconnect(run),
    });
    this.#engine = runtime.engine;
    const stopWatchingNetwork = this.#watchNetwork();
    this.#stop = () => {
      stopWatchingNetwork();
      runtime.stop();
    };
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

  #watchNetwork(): () => void {
    if (typeof window === 'undefined') return () => undefined;
    this.#online = navigator.onLine !== false;
    const online = () => (this.#online = true);
    const offline = () => {
      this.#online = false;
      this.#reconnect = null;
    };
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    };
  }

  /** The notice lasts exactly as long as the sync it announced; a failure is said as one. */
  async #followReconnect(run: Promise<unknown>): Promise<void> {
    const generation = this.#generation;
    const notice: ReconnectState = { state: 'syncing' };
    this.#reconnect = notice;
    await run.catch(() => undefined);
    // A newer notice (or a stop, or going offline again) owns the state now.
    if (generation !== this.#generation || this.#reconnect !== notice) return;
    const { phase, error } = this.#snapshot;
    this.#reconnect = phase === 'idle' ? null : { state: 'failed', error };
  }

  /**
   * "Buang perubahan ini" on a refused change: the entry goes, and the pull steps back so the server's copy of
   * the record returns with the next sync (started here; it only runs when online).
   */
  async discardRejected(entry: OutboxEntry): Promise<void> {
    const store = this.#store;
    if (!store) return;
    const { discardRefused } = await import('./runtime');
    await discardRefused(store, entry);
    void this.#engine?.sync();
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
    this.#reconnect = null;
  }

  /** For tests. */
  reset(): void {
    this.stop();
    this.#snapshot = IDLE_SNAPSHOT;
    this.#outbox = [];
    this.#conflicts = [];
    this.#reconnect = null;
    this.#online = true;
  }
}

export const syncStatus = new SyncStatus();
