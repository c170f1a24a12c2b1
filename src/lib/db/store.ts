/**
 * `DexieLocalStore`: every role of types.ts on one Dexie database, for callers that need several. It only opens
 * the database and hands each call to the role that owns it (records.ts, meta.ts, sync.ts, backup.ts,
 * quarantine.ts, blobs.ts); the rules live there.
 */
import type { AnyRecord, BodyOf, RecordId, RecordKind, RecordOfKind } from '../../shared/records';
import type { ChangeResult, DeltaChangeResult } from '../../shared/protocol';
import { DexieBackupStore } from './backup';
import { DexieBlobStore } from './blobs';
import { StoreRole, openContext, type OpenOptions, type StoreContext } from './context';
import { DexieMetaStore } from './meta';
import { DexieQuarantineStore } from './quarantine';
import { DexieRecordStore } from './records';
import type { RintisDexie } from './schema';
import { DexieSyncStore } from './sync';
import type {
  FieldBase,
  ImportCounts,
  ImportedRecord,
  ListQuery,
  LocalStore,
  OutboxEntry,
  QuarantinedRecord,
} from './types';

export class DexieLocalStore extends StoreRole implements LocalStore {
  /** Exposed for tests and the upgrade path only: the app goes through the roles. */
  readonly db: RintisDexie;
  readonly blobs: DexieBlobStore;
  readonly #records: DexieRecordStore;
  readonly #meta: DexieMetaStore;
  readonly #sync: DexieSyncStore;
  readonly #backup: DexieBackupStore;
  readonly #quarantine: DexieQuarantineStore;

  private constructor(ctx: StoreContext) {
    super(ctx);
    this.db = ctx.db;
    this.#quarantine = new DexieQuarantineStore(ctx);
    this.#records = new DexieRecordStore(ctx, this.#quarantine);
    this.#meta = new DexieMetaStore(ctx);
    this.#sync = new DexieSyncStore(ctx);
    this.#backup = new DexieBackupStore(ctx);
    this.blobs = new DexieBlobStore(ctx);
  }

  static async open(opts: OpenOptions): Promise<DexieLocalStore> {
    return new DexieLocalStore(await openContext(opts));
  }

  close(): void {
    this.db.close();
  }

  // ---------------------------------------------------------------- records (records.ts)

  get<K extends RecordKind>(kind: K, id: RecordId): Promise<RecordOfKind<K> | undefined> {
    return this.#records.get(kind, id);
  }
  list<K extends RecordKind>(kind: K, query?: ListQuery): Promise<RecordOfKind<K>[]> {
    return this.#records.list(kind, query);
  }
  create<K extends RecordKind>(kind: K, body: BodyOf<K>, opts?: { id?: RecordId }): Promise<RecordOfKind<K>> {
    return this.#records.create(kind, body, opts);
  }
  update<K extends RecordKind>(
    kind: K,
    id: RecordId,
    patch: Partial<BodyOf<K>>,
    bases?: Record<string, FieldBase>,
  ): Promise<RecordOfKind<K>> {
    return this.#records.update(kind, id, patch, bases);
  }
  remove(kind: RecordKind, id: RecordId): Promise<void> {
    return this.#records.remove(kind, id);
  }
  restore(kind: RecordKind, id: RecordId): Promise<void> {
    return this.#records.restore(kind, id);
  }

  // ---------------------------------------------------------------- meta (meta.ts)

  getMeta<T = unknown>(key: string): Promise<T | undefined> {
    return this.#meta.getMeta<T>(key);
  }
  setMeta(key: string, value: unknown): Promise<void> {
    return this.#meta.setMeta(key, value);
  }

  // ---------------------------------------------------------------- outbox and sync (sync.ts)

  outbox(): Promise<OutboxEntry[]> {
    return this.#sync.outbox();
  }
  pendingPushBatch(max: number): Promise<OutboxEntry[]> {
    return this.#sync.pendingPushBatch(max);
  }
  countPending(): Promise<number> {
    return this.#sync.countPending();
  }
  markSending(seqs: number[]): Promise<void> {
    return this.#sync.markSending(seqs);
  }
  acknowledge(seq: number, serverRecord: AnyRecord): Promise<void> {
    return this.#sync.acknowledge(seq, serverRecord);
  }
  settlePush(results: (ChangeResult | DeltaChangeResult)[]): Promise<RecordId[]> {
    return this.#sync.settlePush(results);
  }
  reject(seq: number, code: string, message: string): Promise<void> {
    return this.#sync.reject(seq, code, message);
  }
  discardRejected(seq: number): Promise<void> {
    return this.#sync.discardRejected(seq);
  }
  applyRemote(records: AnyRecord[]): Promise<void> {
    return this.#sync.applyRemote(records);
  }
  stubs(limit: number): Promise<{ id: RecordId; kind: RecordKind }[]> {
    return this.#sync.stubs(limit);
  }
  countStubs(): Promise<number> {
    return this.#sync.countStubs();
  }
  forgetStubs(ids: RecordId[]): Promise<void> {
    return this.#sync.forgetStubs(ids);
  }

  // ---------------------------------------------------------------- backup (backup.ts)

  exportAll(): Promise<Blob> {
    return this.#backup.exportAll();
  }
  importRecords(items: ImportedRecord[]): Promise<ImportCounts> {
    return this.#backup.importRecords(items);
  }

  // ---------------------------------------------------------------- quarantine (quarantine.ts)

  quarantine(): Promise<QuarantinedRecord[]> {
    return this.#quarantine.quarantine();
  }
  recoverQuarantined(id: string): Promise<AnyRecord | null> {
    return this.#quarantine.recoverQuarantined(id);
  }
  discardQuarantined(id: string): Promise<void> {
    return this.#quarantine.discardQuarantined(id);
  }
}
