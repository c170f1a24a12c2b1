/**
 * The outbox half of the one write path: every role that changes a record (records, sync, backup, quarantine)
 * queues the change here, inside the transaction that stores the record.
 *
 * Outbox rule: a write appends one entry per record change, or amends the record's latest entry while it is
 * still 'pending' (values merged, the EARLIEST base kept per path). 'sending' and rejected entries are never
 * amended. The tombstone is the pseudo-path `deleted` (values.deleted true/false), so a delete or restore merges
 * with pending edits like any other path; `op` says what the entry does overall.
 */
import type { AnyRecord, RecordId, RecordKind } from '../../shared/records';
import { DELETED_PATH, type FieldValues } from '../../shared/fieldPaths';
import type { Change } from '../../shared/protocol';
import type { StoreContext } from './context';
import { recordPaths } from './rows';
import type { OutboxEntry } from './types';

/** Appends an outbox entry or amends the record's latest still-pending one. Must run inside a transaction. */
export async function recordChange(
  ctx: StoreContext,
  kind: RecordKind,
  recordId: RecordId,
  op: Change['op'],
  values: FieldValues,
  base: Record<string, number>,
  baseValues: FieldValues,
): Promise<void> {
  const { db } = ctx;
  const entries = await db.outbox.where('recordId').equals(recordId).toArray();
  const last = entries.at(-1);
  const editedAt = ctx.now();
  if (last && last.state === 'pending' && !last.rejected) {
    const merged = { ...last.values, ...values };
    // The earliest base of each path stays, with its value (the text was typed on it); a path new to the
    // entry brings its own. Entries of older versions carry no base values: those paths stay without one.
    const keptValues: FieldValues = {};
    for (const [path, value] of Object.entries(baseValues))
      if (!(path in last.base)) keptValues[path] = value;
    await db.outbox.put({
      ...last,
      op: mergedOp(last.op, merged),
      values: merged,
      base: { ...base, ...last.base },
      baseValues: { ...keptValues, ...(last.baseValues ?? {}) },
      editedAt,
    });
    return;
  }
  await db.outbox.add({
    deviceId: ctx.deviceId,
    recordId,
    kind,
    op,
    values,
    base,
    baseValues,
    editedAt,
    state: 'pending',
  } as OutboxEntry);
}

export function zeroBase(values: FieldValues): Record<string, number> {
  return Object.fromEntries(Object.keys(values).map((p) => [p, 0]));
}

/** Per path of `values`: the stored version and the stored value (what an edit of it is typed on). */
export function baseOf(
  record: AnyRecord,
  values: FieldValues,
): { base: Record<string, number>; values: FieldValues } {
  const stored = recordPaths(record.kind, record);
  const paths = Object.keys(values);
  return {
    base: Object.fromEntries(paths.map((p) => [p, record.fieldVersions[p] ?? 0])),
    values: Object.fromEntries(paths.map((p) => [p, stored[p] ?? null])),
  };
}

/** What an amended entry does overall: a create stays a create; otherwise the tombstone value decides. */
export function mergedOp(previous: Change['op'], values: FieldValues): Change['op'] {
  if (previous === 'create') return 'create';
  if (DELETED_PATH in values) return values[DELETED_PATH] ? 'delete' : 'restore';
  return 'update';
}
