/**
 * What the sync engine reports after every step, and the report before its first run. Apart from the engine (a
 * lazily loaded chunk) so the status bar can start from it without loading the engine.
 */
export type SyncPhase = 'idle' | 'syncing' | 'offline' | 'error' | 'signed-out';

export interface FirstSyncProgress {
  /** Records stored on this phone so far in this stream, and how many the stream carries. */
  records: number;
  recordsTotal: number;
  /** Bytes of JSON received (decoded) and about how many the stream makes. */
  bytes: number;
  bytesTotal: number;
  /** Estimated milliseconds left at the speed seen so far (null until a speed is known). */
  etaMs: number | null;
}

export interface SyncSnapshot {
  phase: SyncPhase;
  pending: number;
  lastSyncAt: number | null;
  /** Bilingual message of the last failure (null after a success). */
  error: string | null;
  /** When the next automatic retry is due after a failure (ms since epoch), or null. */
  retryAt: number | null;
  /** Outbox seqs on the wire right now (a request sent, its answer not yet back). */
  inFlight: readonly number[];
  /** Records on this phone as summaries whose full content is still being downloaded (0 when none). */
  downloading: number;
  /** A new phone's first sync while it streams (null otherwise): what is here, what is left, when it may end. */
  firstSync: FirstSyncProgress | null;
  /**
   * The last run reached the server and finished (push and pull): false before the first run of this session
   * and after a failed or signed-out one. "Tersinkron" is never said without it.
   */
  reached: boolean;
}

/** Before the first run: nothing known to wait, nothing on the wire, the server not reached yet. */
export const IDLE_SNAPSHOT: SyncSnapshot = {
  phase: 'idle',
  pending: 0,
  lastSyncAt: null,
  error: null,
  retryAt: null,
  inFlight: [],
  downloading: 0,
  firstSync: null,
  reached: false,
};
