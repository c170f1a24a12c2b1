/**
 * Reading a backup file. The file is the JSON that `dexie-export-import` writes (the same one "Ekspor dulu"
 * makes before sign-out, see `src/lib/account/export.ts`), so either can be restored. Every record is
 * validated with the shared schemas and every outbox entry with the sync protocol's change schema BEFORE
 * anything is written: one bad row refuses the whole file. The device's own tables (meta with the device id
 * and the pull cursor, quarantine) are never restored. Pure: no browser imports.
 */
import { z } from 'zod';
import { changeSchema } from '../../shared/protocol';
import { anyRecordSchema, RECORD_KINDS, type RecordKind } from '../../shared/records';
import { KIND_TABLES } from '../db/tables';
import type { ImportedRecord } from '../db/types';
import type { BackupMessage } from './strings';

/** Far above any real regency's data, low enough that a wrong file does not exhaust a cheap phone. */
export const MAX_BACKUP_BYTES = 200 * 1024 * 1024;

/**
 * Every record table is restored (`KIND_TABLES` lists every kind; a table left out would be dropped from every
 * restore). Templates and programme settings are the tenant's synced data like the rest: a draft on an imported
 * template needs that template to open offline after a restore, and a local admin's review-flow switch not yet
 * synced is in the outbox. Restored, they merge by id like any record, so a newer copy pulled since stays.
 */
const TABLE_KINDS: ReadonlyMap<string, RecordKind> = new Map(
  RECORD_KINDS.map((kind) => [KIND_TABLES[kind], kind]),
);

const dexieFileSchema = z.object({
  formatName: z.literal('dexie'),
  formatVersion: z.literal(1),
  data: z.object({
    databaseName: z.string().startsWith('rintis-'),
    data: z.array(z.object({ tableName: z.string(), rows: z.array(z.unknown()) })),
  }),
});

const outboxRowSchema = changeSchema.extend({
  state: z.enum(['pending', 'sending']),
  rejected: z.object({ code: z.string(), message: z.string(), at: z.number() }).optional(),
});

export type ParsedBackup =
  | { ok: true; items: ImportedRecord[]; kinds: Record<RecordKind, number> }
  | { ok: false; error: BackupMessage };

/** Index fields the store adds to rows (`words`) and the type notes of dexie-export-import (`$types`). */
function withoutStorageFields(row: unknown): unknown {
  if (typeof row !== 'object' || row === null) return row;
  const { words: _words, $types: _types, ...rest } = row as Record<string, unknown>;
  return rest;
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return '';
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** Parses and validates a backup; `tenantId` is the current data space ('local' for the guest). */
export function parseBackup(text: string, tenantId: string): ParsedBackup {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: { key: 'error.notBackup' } };
  }
  const file = dexieFileSchema.safeParse(json);
  if (!file.success) return { ok: false, error: { key: 'error.notBackup' } };

  const items: ImportedRecord[] = [];
  const pending = new Map<string, Set<string>>();
  const seen = new Set<string>();
  const kinds = Object.fromEntries(RECORD_KINDS.map((k) => [k, 0])) as Record<RecordKind, number>;

  for (const table of file.data.data.data) {
    if (table.tableName === 'outbox') {
      for (const [i, row] of table.rows.entries()) {
        const entry = outboxRowSchema.safeParse(row);
        if (!entry.success) {
          return {
            ok: false,
            error: { key: 'error.invalidOutbox', params: { n: i + 1, error: firstIssue(entry.error) } },
          };
        }
        const paths = pending.get(entry.data.recordId) ?? new Set<string>();
        for (const path of Object.keys(entry.data.values)) paths.add(path);
        pending.set(entry.data.recordId, paths);
      }
      continue;
    }
    const kind = TABLE_KINDS.get(table.tableName);
    if (!kind) continue;
    for (const [i, row] of table.rows.entries()) {
      const record = anyRecordSchema.safeParse(withoutStorageFields(row));
      const error = !record.success
        ? firstIssue(record.error)
        : record.data.kind !== kind
          ? `kind: ${record.data.kind}`
          : null;
      if (error !== null || !record.success) {
        return {
          ok: false,
          error: {
            key: 'error.invalidRecord',
            params: { n: i + 1, table: table.tableName, error: error ?? '' },
          },
        };
      }
      if (seen.has(record.data.id))
        return { ok: false, error: { key: 'error.duplicate', params: { id: record.data.id } } };
      seen.add(record.data.id);
      if (record.data.tenantId !== tenantId) return { ok: false, error: { key: 'error.otherSpace' } };
      items.push({ record: record.data, pendingPaths: [] });
      kinds[kind]++;
    }
  }
  for (const item of items) item.pendingPaths = [...(pending.get(item.record.id) ?? [])];
  return { ok: true, items, kinds };
}
