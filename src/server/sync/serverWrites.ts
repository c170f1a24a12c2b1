/**
 * Records the server writes itself, not pushed by a phone: a bulk import's units, an account's person record, a
 * unit merge's edits. One path for all of them, in the caller's transaction (they commit or roll back with its
 * other writes) and through the push's own view of the store (`PushState`), so they are locked, versioned,
 * logged and announced exactly as a push's writes are: rows locked first (`FOR UPDATE`, in id order), versions
 * drawn under the writers' lock held until the commit, each changed path logged in `sync_changes` under the
 * writer's device, and a NOTIFY at commit. So every phone pulls the new state, and a phone whose outbox still
 * holds an edit of such a path meets it as another device's write (merged three-way, or a conflict), exactly
 * like a person's edit.
 */
import type { Queryable } from '../db/types';
import { MAP_FIELDS, type AnyRecord, type RecordKind } from '../../shared/records';
import { DELETED_PATH, applyPaths, flattenBody, jsonEqual, type FieldValues } from '../../shared/fieldPaths';
import { unitIdsOf } from '../../shared/access';
import { PushState, type Writer } from './pushState';
import { changedPaths, logOf, rowToRecord, stampPaths, validateBody, type RecordRow } from './rows';

/** The device id of writes the server makes itself (conflict records, unit merges, account person records). */
export const SERVER_DEVICE = 'server';

/**
 * Who the server writes for: the tenant, the person on whose behalf (the coordinator; 'server' for a backfill),
 * and the device that names the source in the change log and field devices (SERVER_DEVICE, or e.g.
 * 'server-import').
 */
export type ServerWriter = Writer;

export type ServerRecordWrite =
  /** A new record (an id already stored is an error). */
  | { op: 'create'; kind: RecordKind; id: string; body: Record<string, unknown> }
  /**
   * Paths of a stored record of the writer's tenant and of this kind (anything else is an error). `unitIds`: the
   * row's units where they do not follow from its body (a conflict keeps its record's units).
   */
  | { op: 'update'; kind: RecordKind; id: string; values: FieldValues; unitIds?: string[] }
  /**
   * Top-level `fields` and the tombstone of a record, stored or new (then `fields` on top of `defaults`). Only
   * for kinds without map fields (their entries would be paths of their own).
   */
  | {
      op: 'upsert';
      kind: RecordKind;
      id: string;
      fields: Record<string, unknown>;
      defaults: Record<string, unknown>;
      deleted: boolean;
    };

/** What one write changes of its record: the body, the paths written, the tombstone and the units. */
interface PlannedWrite {
  body: Record<string, unknown>;
  writes: FieldValues;
  deleted: boolean;
  unitIds: string[];
}

/** What `write` changes of its record (`row`: as stored, null if new); throws where it does not fit. */
function plan(write: ServerRecordWrite, row: RecordRow | null, tenantId: string): PlannedWrite {
  const { kind, id } = write;
  if (row && (row.tenant_id !== tenantId || row.kind !== kind))
    throw new Error(`writeRecordsAsServer: ${id} is another tenant's or kind's record`);
  let planned: PlannedWrite;
  switch (write.op) {
    case 'create': {
      if (row) throw new Error(`writeRecordsAsServer: ${kind} ${id} exists already`);
      const body = write.body;
      const writes = { ...flattenBody(kind, body), [DELETED_PATH]: false };
      planned = { body, writes, deleted: false, unitIds: unitIdsOf(kind, body) };
      break;
    }
    case 'update': {
      if (!row) throw new Error(`writeRecordsAsServer: no ${kind} ${id} in this tenant`);
      const body = applyPaths(kind, row.body, write.values);
      // A conflict keeps the units of its record (set when it was made).
      const unitIds = write.unitIds ?? (kind === 'conflict' ? row.unit_ids : unitIdsOf(kind, body));
      planned = { body, writes: changedPaths(kind, row.body, write.values), deleted: row.deleted, unitIds };
      break;
    }
    case 'upsert': {
      if (MAP_FIELDS[kind].length > 0) throw new Error(`writeRecordsAsServer: ${kind} has map fields`);
      const body = applyPaths(kind, row ? row.body : write.defaults, write.fields);
      const writes = row ? changedPaths(kind, row.body, write.fields) : flattenBody(kind, body);
      if (!row || row.deleted !== write.deleted) writes[DELETED_PATH] = write.deleted;
      planned = { body, writes, deleted: write.deleted, unitIds: unitIdsOf(kind, body) };
      break;
    }
  }
  const valid = validateBody(kind, planned.body);
  if (!valid.ok) throw new Error(`writeRecordsAsServer: invalid ${kind} ${id}: ${valid.detail}`);
  return planned;
}

/**
 * Writes records as the server, in the caller's transaction; returns the highest version written (null: nothing
 * changed). Only the paths whose value changes are versioned and logged; a record where nothing changes, its
 * units included, is left as it is. `verify` re-checks the caller's preconditions on the locked rows (all locked
 * in one statement, in id order, as a push locks them, so the two never wait on each other crosswise) before
 * anything is written: throw to give up (the caller rolls back). Throws on a body the record schema refuses, or a
 * write that does not fit what is stored (see ServerRecordWrite).
 */
export async function writeRecordsAsServer(
  tx: Queryable,
  writer: ServerWriter,
  writes: readonly ServerRecordWrite[],
  opts: { verify?: (locked: ReadonlyMap<string, AnyRecord>) => void } = {},
): Promise<number | null> {
  if (writes.length === 0) return null;
  const state = new PushState(tx, writer);
  const ids = writes.map((w) => w.id);
  await state.prefetch(ids, true);
  if (opts.verify) {
    const locked = new Map<string, AnyRecord>();
    for (const id of ids) {
      const row = await state.get(id);
      if (row) locked.set(id, rowToRecord(row));
    }
    opts.verify(locked);
  }
  const now = Date.now();
  for (const write of writes) {
    const row = (await state.get(write.id)) ?? null;
    const { body, writes: paths, deleted, unitIds } = plan(write, row, writer.tenantId);
    if (row && Object.keys(paths).length === 0 && jsonEqual(unitIds, row.unit_ids)) continue;
    const version = state.nextVersion();
    state.write(
      {
        id: write.id,
        tenant_id: writer.tenantId,
        kind: write.kind,
        body,
        ...stampPaths(row, Object.keys(paths), version, writer.deviceId),
        version,
        deleted,
        unit_ids: unitIds,
        created_by: row?.created_by ?? writer.userId,
        updated_by: writer.userId,
        created_at: row?.created_at ?? now,
        updated_at: now,
      },
      logOf(write.id, version, paths, writer.deviceId, writer.userId),
    );
  }
  await state.flush({ processed: false, notify: true });
  return state.written > 0 ? state.written : null;
}
