/**
 * The implementations the store's role suites run against (fake-indexeddb): each role's own class on a fresh
 * database (what its file in src/lib/db implements, sharing one open context as `DexieLocalStore` does), and
 * `DexieLocalStore`, which composes them. A suite sees only the role interfaces of types.ts, plus `plant` to put
 * a damaged row where a read will meet it.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { uuidv7 } from 'uuidv7';
import { openContext, type OpenOptions } from '../../../src/lib/db/context';
import { DexieBackupStore } from '../../../src/lib/db/backup';
import { DexieBlobStore } from '../../../src/lib/db/blobs';
import { DexieMetaStore } from '../../../src/lib/db/meta';
import { DexieQuarantineStore } from '../../../src/lib/db/quarantine';
import { DexieRecordStore } from '../../../src/lib/db/records';
import { DexieSyncStore } from '../../../src/lib/db/sync';
import { DexieLocalStore } from '../../../src/lib/db/store';
import type { RecordTableName } from '../../../src/lib/db/schema';
import type {
  BackupStore,
  BlobStore,
  MetaStore,
  QuarantineStore,
  RecordStore,
  SyncStore,
} from '../../../src/lib/db/types';

export interface RoleSet {
  records: RecordStore;
  meta: MetaStore;
  sync: SyncStore;
  backup: BackupStore;
  quarantine: QuarantineStore;
  blobs: BlobStore;
  /** Writes a raw row past validation, as an older app version or a bug could have left it. */
  plant(table: RecordTableName, row: Record<string, unknown>): Promise<void>;
}

/** Opens a fresh database (its own user id unless given) with the roles a suite needs. */
export type OpenRoles<R extends keyof RoleSet = keyof RoleSet> = (
  opts?: Partial<OpenOptions>,
) => Promise<Pick<RoleSet, R>>;

const opened: Dexie[] = [];

const optionsOf = (opts: Partial<OpenOptions>): OpenOptions => ({
  ...opts,
  userId: opts.userId === undefined ? `roles-${uuidv7()}` : opts.userId,
});

/** Each role's own class on one fresh database. */
export const openEachRole: OpenRoles = async (opts = {}) => {
  const ctx = await openContext(optionsOf(opts));
  opened.push(ctx.db);
  const quarantine = new DexieQuarantineStore(ctx);
  return {
    records: new DexieRecordStore(ctx, quarantine),
    meta: new DexieMetaStore(ctx),
    sync: new DexieSyncStore(ctx),
    backup: new DexieBackupStore(ctx),
    quarantine,
    blobs: new DexieBlobStore(ctx),
    plant: async (table, row) => void (await ctx.db.table(table).put(row)),
  };
};

/** `DexieLocalStore`: every role on one object. */
export const openComposed: OpenRoles = async (opts = {}) => {
  const store = await DexieLocalStore.open(optionsOf(opts));
  opened.push(store.db);
  return {
    records: store,
    meta: store,
    sync: store,
    backup: store,
    quarantine: store,
    blobs: store.blobs,
    plant: async (table, row) => void (await store.db.table(table).put(row)),
  };
};

export const IMPLEMENTATIONS: [name: string, open: OpenRoles][] = [
  ['each role on its own (Dexie)', openEachRole],
  ['DexieLocalStore', openComposed],
];

/** Closes and deletes every database the fixtures opened. */
export async function closeRoles(): Promise<void> {
  const dbs = opened.splice(0);
  for (const db of dbs) db.close();
  for (const name of new Set(dbs.map((db) => db.name))) await Dexie.delete(name);
}
