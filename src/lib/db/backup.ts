/**
 * `BackupStore` over Dexie: the whole database as a JSON file (`dexie-export-import`, loaded on first use), and
 * records restored from one, merged by id (see `importRecords` in types.ts for the rules).
 */
import { anyRecordSchema, type AnyRecord } from '../../shared/records';
import type { FieldValues } from '../../shared/fieldPaths';
import { isPartial, mergeSummaryOver } from '../../shared/summary';
import { tableOf, type StoreContext } from './context';
import { invalidInput, storeError } from './errors';
import { baseOf, mergedOp, recordChange } from './outbox';
import { putIncoming, recordPaths, stripRow } from './rows';
import type { BackupStore, ImportCounts, ImportedRecord } from './types';

/**
 * Whether copy `a` of a record is newer than copy `b`: it heard from the server at least as recently (rev not
 * lower) AND was edited later. Either test failing keeps `b`: a restore never overwrites newer data.
 */
export function isNewerCopy(
  a: Pick<AnyRecord, 'rev' | 'updatedAt'>,
  b: Pick<AnyRecord, 'rev' | 'updatedAt'>,
): boolean {
  return a.rev >= b.rev && a.updatedAt > b.updatedAt;
}

export class DexieBackupStore implements BackupStore {
  readonly #ctx: StoreContext;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
  }

  get name(): string {
    return this.#ctx.db.name;
  }

  async exportAll(): Promise<Blob> {
    const [{ Dexie }, { exportDB }] = await Promise.all([import('dexie'), import('dexie-export-import')]);
    // A second connection, opened without a declared schema: Dexie reads the one on disk, so the export follows
    // every store version; closed afterwards.
    const db = new Dexie(this.name);
    await db.open();
    try {
      return await exportDB(db, { prettyJson: false });
    } finally {
      db.close();
    }
  }

  async importRecords(items: ImportedRecord[]): Promise<ImportCounts> {
    const ctx = this.#ctx;
    const { db } = ctx;
    const parsed = items.map(({ record, pendingPaths }) => {
      const check = anyRecordSchema.safeParse(record);
      if (!check.success) throw invalidInput(check.error.issues);
      if (check.data.tenantId !== ctx.tenantId)
        throw storeError(
          'invalid',
          record.id,
          'Data ini milik ruang data lain / this record belongs to another data space',
        );
      return { record: check.data, pendingPaths };
    });
    const counts: ImportCounts = { added: 0, updated: 0, kept: 0 };
    if (parsed.length === 0) return counts;
    const tables = [...new Set(parsed.map((i) => tableOf(db, i.record.kind)))];
    await db.transaction('rw', [...tables, db.outbox, db.meta], async () => {
      for (const { record: imported, pendingPaths } of parsed) {
        const table = tableOf(db, imported.kind);
        const row = await table.get(imported.id);
        const localParsed = row ? anyRecordSchema.safeParse(stripRow(row)) : undefined;
        const local = localParsed?.success ? localParsed.data : undefined;
        const record = local ? mergeSummaryOver(local, imported) : imported;
        // A stored row that does not validate is kept too: the store never drops one (the recovery screen does).
        if (row && (!local || local.kind !== record.kind || !isNewerCopy(record, local))) {
          counts.kept++;
          continue;
        }
        const entries = await db.outbox.where('recordId').equals(record.id).toArray();
        const paths = recordPaths(record.kind, record);
        const queued = new Set([
          ...(record.rev === 0 ? Object.keys(paths) : pendingPaths),
          ...entries.flatMap((e) => Object.keys(e.values)),
        ]);
        await putIncoming(ctx, record, local !== undefined && isPartial(local));
        if (queued.size > 0) {
          const values: FieldValues = {};
          for (const path of queued) values[path] = paths[path] ?? null;
          const op = !row && record.rev === 0 ? 'create' : mergedOp('update', values);
          const stored = baseOf(record, values);
          await recordChange(ctx, record.kind, record.id, op, values, stored.base, stored.values);
        }
        if (row) counts.updated++;
        else counts.added++;
      }
    });
    return counts;
  }
}
