/**
 * `QuarantineStore` over Dexie: stored records that fail validation when read are moved to the `quarantine`
 * table (raw value kept), one transaction per record, started from a timer: reads may run inside read-only live
 * queries, which cannot write. Recovery only fills MISSING fields (`src/shared/domain/repair.ts`): a present but
 * invalid value is never replaced, the record stays aside until the user discards it.
 */
import { anyRecordSchema, type AnyRecord } from '../../shared/records';
import { repairRecord } from '../../shared/domain/repair';
import { tableOf, type StoreContext } from './context';
import { storeError } from './errors';
import { baseOf, recordChange } from './outbox';
import { recordPaths, stripRow, toRow } from './rows';
import { TABLE_KINDS, type RecordTableName, type StoredRow } from './schema';
import type { QuarantineStore, QuarantinedRecord } from './types';

export class DexieQuarantineStore implements QuarantineStore {
  readonly #ctx: StoreContext;
  /** Moves started by reads and not finished yet. */
  readonly #moves = new Set<Promise<void>>();

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
  }

  /**
   * Sets a row that failed validation aside, soon and in its own transaction (unless it was repaired
   * meanwhile). Returns at once: the caller may be a read inside a live query or a transaction.
   */
  setAside(table: RecordTableName, row: StoredRow, error: string): void {
    const { db } = this.#ctx;
    // A timer callback runs outside any Dexie zone: a read inside a live query or a transaction cannot write.
    const move = new Promise<void>((resolve) => {
      setTimeout(() => {
        db.transaction('rw', [db[table], db.quarantine], async () => {
          const current = await db[table].get(row.id);
          if (!current) return;
          const check = anyRecordSchema.safeParse(stripRow(current));
          if (check.success && check.data.kind === TABLE_KINDS[table]) return; // repaired meanwhile
          await db.quarantine.put({
            id: String(row.id),
            table,
            raw: stripRow(current),
            error,
            at: Date.now(),
          });
          await db[table].delete(row.id);
        })
          .catch((e: unknown) => console.error('Rintis: quarantine move failed', e))
          .finally(resolve);
      }, 0);
    });
    this.#moves.add(move);
    void move.finally(() => this.#moves.delete(move));
  }

  async quarantine(): Promise<QuarantinedRecord[]> {
    await Promise.all([...this.#moves]);
    return this.#ctx.db.quarantine.toArray();
  }

  async recoverQuarantined(id: string): Promise<AnyRecord | null> {
    const ctx = this.#ctx;
    const { db } = ctx;
    await Promise.all([...this.#moves]);
    const entry = await db.quarantine.get(id);
    if (!entry) throw storeError('not-found');
    const kind = TABLE_KINDS[entry.table as RecordTableName];
    if (!kind) return null;
    const now = ctx.now();
    const repaired = repairRecord(kind, entry.raw, { id, tenantId: ctx.tenantId, actor: ctx.actor, now });
    const parsed = repaired ? anyRecordSchema.safeParse(repaired) : undefined;
    if (!parsed?.success || parsed.data.kind !== kind) {
      const error = parsed && !parsed.success ? parsed.error.message : 'not an object';
      await db.quarantine.update(id, { error, at: now });
      return null;
    }
    const record = parsed.data;
    const table = tableOf(db, kind);
    await db.transaction('rw', [table, db.outbox, db.quarantine], async () => {
      if (await table.get(record.id)) throw storeError('exists');
      await table.add(toRow(record));
      // The repaired state must reach the server too: the whole record, against the versions it knew.
      const values = recordPaths(kind, record);
      const pending = await db.outbox.where('recordId').equals(record.id).count();
      const op = record.rev === 0 && pending === 0 ? 'create' : 'update';
      const stored = baseOf(record, values);
      await recordChange(ctx, kind, record.id, op, values, stored.base, stored.values);
      await db.quarantine.delete(id);
    });
    return record;
  }

  async discardQuarantined(id: string): Promise<void> {
    await this.#ctx.db.quarantine.delete(id);
  }
}
