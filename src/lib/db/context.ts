/**
 * What every role of the store works on (see types.ts): the open Dexie database and who is writing. Opened once
 * per store by `openContext`; each role's class keeps it and touches only the tables its role owns.
 */
import { uuidv7 } from 'uuidv7';
import type { RecordKind } from '../../shared/records';
import type { AccessPrincipal } from '../../shared/access';
import { KIND_TABLES, META_DEVICE_ID, createDexie, type RintisDexie } from './schema';
import type { StoreScope } from './types';

export function databaseName(userId: string | null): string {
  return userId === null ? 'rintis-guest' : `rintis-user-${userId}`;
}

export interface OpenOptions {
  userId: string | null;
  /** The signed-in user's tenant; 'local' before sign-in. */
  tenantId?: string;
  /**
   * Who is signed in, read at each write (role and units can change while the store is open). Writes the shared
   * access rules forbid are refused here, before anything is queued that the server would refuse. Absent or
   * null: the guest, who may do anything with their own local data.
   */
  principal?: () => AccessPrincipal | null;
}

export interface StoreContext {
  readonly db: RintisDexie;
  /** This phone's id in this database (UUIDv7, made on first open), stamped on outbox entries. */
  readonly deviceId: string;
  readonly tenantId: string;
  /** Who writes: the user's id, or 'guest' (`createdBy`, `updatedBy`). */
  readonly actor: string;
  readonly principal: () => AccessPrincipal | null;
  now(): number;
}

/** Opens (and upgrades) the user's database and reads, or makes, the device id. */
export async function openContext(opts: OpenOptions): Promise<StoreContext> {
  const db = createDexie(databaseName(opts.userId));
  await db.open();
  const deviceId = await db.transaction('rw', db.meta, async () => {
    const row = await db.meta.get(META_DEVICE_ID);
    if (typeof row?.value === 'string') return row.value;
    const id = uuidv7();
    await db.meta.put({ key: META_DEVICE_ID, value: id });
    return id;
  });
  return {
    db,
    deviceId,
    tenantId: opts.tenantId ?? 'local',
    actor: opts.userId ?? 'guest',
    principal: opts.principal ?? (() => null),
    now: () => Date.now(),
  };
}

/** The table of a record kind. */
export function tableOf(db: RintisDexie, kind: RecordKind) {
  return db[KIND_TABLES[kind]];
}

/** `batch` of every role: one read-write transaction over every table. */
export async function inOneTransaction<T>(ctx: StoreContext, fn: () => Promise<T>): Promise<T> {
  return ctx.db.transaction('rw', ctx.db.tables, fn);
}

/**
 * What the role classes that write share (records.ts, sync.ts, and store.ts that joins them): their context, and
 * the `StoreScope` read from it (the database's name, this device, one transaction over every table).
 */
export abstract class StoreRole implements StoreScope {
  protected readonly ctx: StoreContext;

  constructor(ctx: StoreContext) {
    this.ctx = ctx;
  }

  get name(): string {
    return this.ctx.db.name;
  }

  get deviceId(): string {
    return this.ctx.deviceId;
  }

  batch<T>(fn: () => Promise<T>): Promise<T> {
    return inOneTransaction(this.ctx, fn);
  }

  protected table(kind: RecordKind) {
    return tableOf(this.ctx.db, kind);
  }
}
