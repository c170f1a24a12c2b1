/**
 * The local store's contract: the only path to IndexedDB. Screens and the sync engine talk to this interface,
 * never to Dexie directly.
 *
 * Transaction guarantees (documented here because everything above relies on them):
 * - Every write (create, update, delete, restore) changes the record AND appends to (or amends the still-unsent
 *   entry of) the outbox in ONE IndexedDB transaction: either both are stored or neither is.
 * - Every record read is validated with its zod schema. A stored record that fails validation is never dropped
 *   and never crashes a screen: it is moved aside to `quarantine` (raw value kept) and listed as recoverable.
 * - Delete writes a tombstone (`deleted: true`), so it syncs and can be undone.
 */
import type { AnyRecord, BodyOf, RecordId, RecordKind, RecordOfKind } from '../../shared/records';
import type { Change } from '../../shared/protocol';

/** One outbox entry: a pending change of one record, as the sync engine will push it. */
export interface OutboxEntry extends Change {
  /** 'pending' entries may still be amended by new edits; 'sending' ones are frozen and retried as they are. */
  state: 'pending' | 'sending';
  /** Set when the server rejected the change for good: kept and shown, never blocking the rest. */
  rejected?: { code: string; message: string; at: number };
}

export interface QuarantinedRecord {
  id: string;
  table: string;
  raw: unknown;
  error: string;
  at: number;
}

export interface ListQuery {
  /** Sessions: any of `unitIds`; drafts and checklists: `unitId`. */
  unitId?: string;
  /** Inclusive, `YYYY-MM-DD`, on sessions' `startsAt`. */
  from?: string;
  to?: string;
  /** Case- and accent-insensitive words, all of which must appear. */
  text?: string;
  includeDeleted?: boolean;
  limit?: number;
}

export interface LocalStore {
  /** Name of the IndexedDB database (carries the user id: one database per signed-in user, or the guest). */
  readonly name: string;
  readonly deviceId: string;

  get<K extends RecordKind>(kind: K, id: RecordId): Promise<RecordOfKind<K> | undefined>;
  list<K extends RecordKind>(kind: K, query?: ListQuery): Promise<RecordOfKind<K>[]>;
  create<K extends RecordKind>(kind: K, body: BodyOf<K>, opts?: { id?: RecordId }): Promise<RecordOfKind<K>>;
  /** Applies a partial body; only the paths that really changed go to the outbox. */
  update<K extends RecordKind>(kind: K, id: RecordId, patch: Partial<BodyOf<K>>): Promise<RecordOfKind<K>>;
  remove(kind: RecordKind, id: RecordId): Promise<void>;
  restore(kind: RecordKind, id: RecordId): Promise<void>;

  outbox(): Promise<OutboxEntry[]>;
  quarantine(): Promise<QuarantinedRecord[]>;

  /** Applies records that came from the server without overwriting paths still waiting in the outbox. */
  applyRemote(records: AnyRecord[]): Promise<void>;
  close(): void;
}
