/**
 * The local store's contract: the only path to the user's IndexedDB database. It is split by role, so a caller
 * depends on the narrowest one it needs; `LocalStore` joins them (one object, one database):
 * - `RecordStore`: read and write records (the write path: record and outbox entry together);
 * - `MetaStore`: small values kept per database (pull cursor, demo ids, ...);
 * - `SyncStore`: the outbox as the sync engine drives it, and records that come from the server;
 * - `BackupStore`: the whole database as a file, and records restored from one;
 * - `QuarantineStore`: stored records that failed validation, set aside;
 * - `BlobStore`: the bytes of attachments and their uploads (attachment RECORDS are records like any other).
 * Each is implemented over Dexie in its own file of this folder and has one test suite (tests/unit/db/*-suite.ts).
 *
 * Transaction guarantees (documented here because everything above relies on them):
 * - Every write (create, update, delete, restore) changes the record AND appends to (or amends the still-unsent
 *   entry of) the outbox in ONE IndexedDB transaction: either both are stored or neither is.
 * - Every record read is validated with its zod schema. A stored record that fails validation is never dropped
 *   and never crashes a screen: it is moved aside to `quarantine` (raw value kept) and listed as recoverable.
 * - Delete writes a tombstone (`deleted: true`), so it syncs and can be undone.
 * - `batch(fn)` is one read-write transaction over the whole database: calls of ANY role made inside it (awaited
 *   directly, no other promise awaited in between) commit together or not at all.
 */
import type { AnyRecord, BodyOf, RecordId, RecordKind, RecordOfKind } from '../../shared/records';
import type { Change, ChangeResult, DeltaChangeResult } from '../../shared/protocol';
import type { BlobRow, UploadRow } from '../attachments/rows';

/** The server version of a path and the value the local text was typed on (see `OutboxEntry.baseValues`). */
export interface FieldBase {
  version: number;
  value: unknown;
}

/** One outbox entry: a pending change of one record, as the sync engine will push it. */
export interface OutboxEntry extends Change {
  /**
   * Local only (never sent): per path, the value the entry's text was typed on, at `base[path]` (or, after this
   * device's own earlier change of the path, what it sent then, as the server's merge base counts it). Lets the
   * store merge another person's change into a waiting edit (live rebase). Absent in entries of older versions.
   */
  baseValues?: Record<string, unknown>;
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

/** One record read back from a backup file, with the field paths the file's outbox still held (unsynced edits). */
export interface ImportedRecord {
  record: AnyRecord;
  pendingPaths: string[];
}

/** What an import did, record by record. */
export interface ImportCounts {
  /** Not on this device before: stored as in the file. */
  added: number;
  /** The file's copy was newer: stored, its unsynced paths queued in the outbox. */
  updated: number;
  /** This device's copy was newer (or as new): left untouched. */
  kept: number;
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
  /** Checklists and submissions: those of one draft. */
  draftId?: string;
  /** Conflicts and comments: those of one record. */
  recordId?: string;
  /** Comments: those on any of these records. */
  recordIds?: string[];
  /** Any kind, without `text`: only these records (read in one go). */
  ids?: string[];
  /** Attachments: those of one parent record. */
  parentId?: string;
  /** Attachments: those of any of these files (by SHA-256 of the bytes). */
  sha256s?: string[];
}

/** Which database and device, and one transaction over all of it: shared by the roles that write. */
export interface StoreScope {
  /** Name of the IndexedDB database (carries the user id: one database per signed-in user, or the guest). */
  readonly name: string;
  readonly deviceId: string;
  /**
   * Runs `fn` in ONE read-write transaction over every table: store calls made inside it (awaited directly, no
   * other promises awaited in between) commit together or not at all.
   */
  batch<T>(fn: () => Promise<T>): Promise<T>;
}

/** Records: validated reads, and the one write path (the record and its outbox entry in one transaction). */
export interface RecordStore extends StoreScope {
  get<K extends RecordKind>(kind: K, id: RecordId): Promise<RecordOfKind<K> | undefined>;
  list<K extends RecordKind>(kind: K, query?: ListQuery): Promise<RecordOfKind<K>[]>;
  create<K extends RecordKind>(kind: K, body: BodyOf<K>, opts?: { id?: RecordId }): Promise<RecordOfKind<K>>;
  /**
   * Applies a partial body; only the paths that really changed go to the outbox. `bases` gives, per path, the
   * version and value the new text was typed on (an editor records them when typing starts); other paths take
   * the stored ones.
   */
  update<K extends RecordKind>(
    kind: K,
    id: RecordId,
    patch: Partial<BodyOf<K>>,
    bases?: Record<string, FieldBase>,
  ): Promise<RecordOfKind<K>>;
  remove(kind: RecordKind, id: RecordId): Promise<void>;
  restore(kind: RecordKind, id: RecordId): Promise<void>;
}

/** Small values kept per database (pull cursor, demo record ids, ...). */
export interface MetaStore {
  getMeta<T = unknown>(key: string): Promise<T | undefined>;
  /** `undefined` deletes the key. */
  setMeta(key: string, value: unknown): Promise<void>;
}

/** The outbox as the sync engine drives it, and the records that come from the server. */
export interface SyncStore extends StoreScope {
  /** Every outbox entry, oldest first (rejected ones too). */
  outbox(): Promise<OutboxEntry[]>;
  /** Up to `max` entries to push, oldest first, 'pending' and 'sending' alike, rejected ones left out. */
  pendingPushBatch(max: number): Promise<OutboxEntry[]>;
  /** Outbox entries not rejected (what still has to reach the server). */
  countPending(): Promise<number>;
  /** Freezes entries before they go on the wire: a 'sending' entry is never amended, only retried as it is. */
  markSending(seqs: number[]): Promise<void>;
  /**
   * The server applied change `seq`: in one transaction, deletes the entry and applies the server's record for
   * every path that no other outbox entry of that record still holds (those keep their local values).
   */
  acknowledge(seq: number, serverRecord: AnyRecord): Promise<void>;
  /**
   * A push's answer, in ONE transaction: each applied change's entry deleted and the server's record applied as
   * `acknowledge` does (rebuilt from the local copy when the answer is a `delta`, see src/shared/pushAnswer.ts),
   * each refused one set aside as `reject` does, in the order given. Returns the ids of records the answer could
   * not rebuild (no local copy, or neither record nor delta): the caller fetches those whole.
   */
  settlePush(results: (ChangeResult | DeltaChangeResult)[]): Promise<RecordId[]>;
  /** The server refused change `seq` for good: kept (and shown), excluded from pushes, the rest goes on. */
  reject(seq: number, code: string, message: string): Promise<void>;
  /**
   * Drops a change the server refused for good, on the person's explicit choice ("buang perubahan ini"): the
   * record's paths it held take the server's values again at the next pull. Only a refused entry can be
   * dropped; anything still waiting to sync is never thrown away (throws 'not-found' otherwise). A refused
   * creation of a record the server never had (rev 0, nothing else waiting for it) removes that record too.
   */
  discardRejected(seq: number): Promise<void>;
  /**
   * Applies records that came from the server, in ONE transaction per call, without overwriting paths still
   * held by an outbox entry (pending, sending or rejected: a person's unsent words are never replaced); those
   * paths keep their local value and their old base in `fieldVersions`. Live rebase: a path held only by a
   * still-pending entry that knows its base value is merged with the server's newer value by the shared rule
   * (`rebaseField`); when clean, the entry and the record take the merged value and the server's version as
   * their new base; otherwise both stay and the server records the conflict at push. `rev` becomes the
   * server's. A copy older than the stored one (lower `rev`) is ignored.
   */
  applyRemote(records: AnyRecord[]): Promise<void>;
  /** Summaries (partial records, see src/shared/summary.ts) still waiting for their full record, newest first. */
  stubs(limit: number): Promise<{ id: RecordId; kind: RecordKind }[]>;
  countStubs(): Promise<number>;
  /** Stops waiting for these full records (the server no longer has them for this user). */
  forgetStubs(ids: RecordId[]): Promise<void>;
}

/** The whole database as a file, and records restored from one. */
export interface BackupStore {
  readonly name: string;
  /**
   * Every table of the database (records, outbox, quarantine, meta) as the JSON of `dexie-export-import`,
   * read on a second connection opened without a declared schema (the file follows every store version).
   */
  exportAll(): Promise<Blob>;
  /**
   * Restores records from a backup, merging by id, in ONE transaction (all or nothing):
   * - a record not stored here is added as it is in the file (id, times, authors, rev, fieldVersions kept);
   * - a stored record is replaced only when the file's copy is newer (`isNewerCopy`: rev not lower AND updatedAt
   *   later); otherwise this device's copy stays untouched, whatever the file says (a stored row that does not
   *   validate stays too: it is never dropped);
   * - what must still reach the server goes to the outbox, with the file's `fieldVersions` as base: every path of
   *   a never-synced record (rev 0), the file's pending paths, and the paths this device's outbox held for the
   *   record (now with the restored values, so a stale local value is never pushed over them).
   * The records must be valid (`anyRecordSchema`) and of this store's tenant; otherwise nothing is written.
   */
  importRecords(items: ImportedRecord[]): Promise<ImportCounts>;
}

/** Stored records that failed validation on read, set aside with their raw value (never dropped silently). */
export interface QuarantineStore {
  /** What is set aside (after the moves that reads started have finished). */
  quarantine(): Promise<QuarantinedRecord[]>;
  /**
   * Tries to bring a quarantined record back: fills missing fields with defaults and validates again. On success
   * the record is stored (with an outbox entry) and leaves quarantine; otherwise it stays, with the new error,
   * and null is returned.
   */
  recoverQuarantined(id: string): Promise<AnyRecord | null>;
  /** Deletes a quarantined record for good: only on an explicit choice of the user. */
  discardQuarantined(id: string): Promise<void>;
}

/** What tus-js-client remembers of an upload to resume it (its `PreviousUpload`). */
export interface PreviousUploadLike {
  size: number | null;
  metadata: Record<string, string>;
  creationTime: string;
  urlStorageKey: string;
  uploadUrl: string | null;
  parallelUploadUrls: string[] | null;
}

/**
 * tus `UrlStorage` in the user's own database, so an upload resumes from the server's offset after a dropped
 * connection AND after the app was closed (tus-js-client's default, localStorage, is shared by every user of the
 * phone and lost with site data apart from the database).
 */
export interface UploadUrlStore {
  findAllUploads(): Promise<PreviousUploadLike[]>;
  findUploadsByFingerprint(fingerprint: string): Promise<PreviousUploadLike[]>;
  removeUpload(urlStorageKey: string): Promise<void>;
  addUpload(
    fingerprint: string,
    upload: Omit<PreviousUploadLike, 'urlStorageKey'> & { urlStorageKey?: string },
  ): Promise<string>;
  /** Forgets every upload of a fingerprint (after success, or when the server lost the upload). */
  removeFingerprint(fingerprint: string): Promise<void>;
}

/**
 * The bytes of attachments on this phone, by SHA-256 (a file attached twice is kept once), and the upload of
 * each file (by hash too: the same bytes upload once, whatever records point at them). Calls made inside `batch`
 * join its transaction: attaching stores the bytes, the upload and the record together.
 */
export interface BlobStore {
  /** The bytes of a file when they are on this phone. */
  get(sha256: string): Promise<BlobRow | undefined>;
  /** Those of these files that are on this phone (the others left out). */
  getMany(sha256s: string[]): Promise<BlobRow[]>;
  /** The hashes of the files on this phone: all, or those among `sha256s` (keys only: no bytes are read). */
  hashes(sha256s?: string[]): Promise<string[]>;
  /**
   * Keeps bytes to upload, in one transaction: stored unless the same file is here already; its upload queued
   * when there is none yet, or when it failed and `retryFailed` (the person attached the file again).
   */
  keepForUpload(blob: BlobRow, opts?: { retryFailed?: boolean }): Promise<void>;
  /** Keeps bytes downloaded from the server, in one transaction with their upload marked done. */
  keepDownloaded(blob: BlobRow): Promise<void>;
  /** Drops the bytes of every file the server confirmed, in one transaction; returns what was freed. */
  dropUploaded(): Promise<{ files: number; bytes: number }>;

  /** The upload of a file, if one was ever queued. */
  upload(sha256: string): Promise<UploadRow | undefined>;
  /** The uploads of these files (those that have one). */
  uploads(sha256s: string[]): Promise<UploadRow[]>;
  /** Uploads still to do ('queued' or 'uploading'), whatever their backoff. */
  waitingUploads(): Promise<UploadRow[]>;
  /** Changes an upload's state (the queue's progress, failures, backoff); a missing upload is left missing. */
  updateUpload(sha256: string, patch: Partial<Omit<UploadRow, 'sha256'>>): Promise<void>;
  /** Puts an upload back in the queue at once, attempts reset ("Coba lagi"). */
  retryUpload(sha256: string): Promise<void>;
  /** Ends the backoff of every waiting upload (back online). */
  retryWaitingNow(): Promise<void>;
  /** Where tus keeps its upload URLs (this user's database). */
  readonly uploadUrls: UploadUrlStore;
}

/** What the attachments code needs: attachment records (they sync like any record) and the bytes. */
export interface AttachmentStore extends RecordStore {
  readonly blobs: BlobStore;
}

/** Every role on one database: what `openLocalStore` returns, for callers that need several. */
export interface LocalStore
  extends RecordStore, MetaStore, SyncStore, BackupStore, QuarantineStore, AttachmentStore {
  close(): void;
}
