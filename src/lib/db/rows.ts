/**
 * Records as stored: a row is the record plus its search words. Shared by the roles that read or write rows,
 * with the writer of records that come from elsewhere (`putIncoming`: the server, a backup file), which keeps
 * the index of summaries still waiting for their full record.
 */
import { bodyOf, type AnyRecord, type RecordKind } from '../../shared/records';
import { DELETED_PATH, flattenBody, type FieldValues } from '../../shared/fieldPaths';
import { indexWords } from '../../shared/domain/search';
import { isPartial } from '../../shared/summary';
import { tableOf, type StoreContext } from './context';
import type { StoredRow } from './schema';

/** Meta key prefix of the summaries (partial records) still waiting for their full record, by record id. */
export const STUB_PREFIX = 'stub:';

/** Field paths of a record including the tombstone pseudo-path. */
export function recordPaths(kind: RecordKind, record: object): FieldValues {
  return { ...flattenBody(kind, bodyOf(kind, record)), [DELETED_PATH]: (record as AnyRecord).deleted };
}

export function stripRow(row: StoredRow): Record<string, unknown> {
  const { words: _words, ...rest } = row;
  return rest;
}

export function toRow(record: AnyRecord): StoredRow {
  // An optional field left undefined (a draft's `sent` before it is sent) is not stored: IndexedDB would keep the
  // key, and a backup file (JSON) cannot say "undefined".
  const row: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) row[key] = value;
  return { ...row, id: record.id, words: indexWords(record) };
}

/** Writes a record that came from elsewhere, keeping the index of summaries waiting for their full record. */
export async function putIncoming(ctx: StoreContext, record: AnyRecord, wasPartial: boolean): Promise<void> {
  await tableOf(ctx.db, record.kind).put(toRow(record));
  if (isPartial(record)) await ctx.db.meta.put({ key: STUB_PREFIX + record.id, value: record.kind });
  else if (wasPartial) await ctx.db.meta.delete(STUB_PREFIX + record.id);
}
