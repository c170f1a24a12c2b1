/**
 * Records the server writes itself (a bulk import's units), not pushed by a phone: inside the caller's
 * transaction, so they commit or roll back with the caller's other writes. They get versions, field versions and
 * change-log rows exactly as a push's writes do, so phones pull them and later edits merge against them.
 *
 * Locking follows the push (see store.ts): rows to update are locked first (`FOR UPDATE`, in id order), then the
 * writers' lock is taken and versions are drawn while holding it, until the commit. The NOTIFY goes out at commit.
 */
import { BODY_SCHEMAS, type RecordKind } from '../../shared/records';
import { applyPaths, flattenBody, type FieldValues } from '../../shared/fieldPaths';
import { unitIdsOf } from '../../shared/access';
import type { Queryable } from '../db/types';
import { DELETED_PATH, SYNC_CHANNEL, SYNC_LOCK } from './store';

export type ServerRecordWrite =
  | { op: 'create'; kind: RecordKind; id: string; body: Record<string, unknown> }
  | { op: 'update'; kind: RecordKind; id: string; values: FieldValues };

export interface ServerWriter {
  tenantId: string;
  /** The person on whose behalf the server writes (the importing coordinator). */
  userId: string;
  /** Names the source in the change log and field devices, e.g. 'server-import'. */
  deviceId: string;
}

interface StoredRow extends Record<string, unknown> {
  id: string;
  tenant_id: string;
  kind: RecordKind;
  body: Record<string, unknown>;
  field_versions: Record<string, number>;
  field_devices: Record<string, string>;
}

/**
 * Creates and updates records in one go; returns the highest version written (null: nothing written). Throws on
 * a body the record schema refuses, or an update of a record that is not the writer's tenant's or not that kind.
 */
export async function writeRecordsAsServer(
  tx: Queryable,
  writer: ServerWriter,
  writes: ServerRecordWrite[],
): Promise<number | null> {
  if (writes.length === 0) return null;
  const updateIds = writes.filter((w) => w.op === 'update').map((w) => w.id);
  const current = new Map<string, StoredRow>();
  if (updateIds.length > 0) {
    const { rows } = await tx.query<StoredRow>(
      `SELECT id, tenant_id, kind, body, field_versions, field_devices FROM sync_records
        WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [updateIds],
    );
    for (const row of rows) current.set(row.id, row);
  }
  await tx.query('SELECT pg_advisory_xact_lock($1)', [SYNC_LOCK]);
  const { rows: drawn } = await tx.query<{ versions: (string | number)[] }>(
    `SELECT ARRAY(SELECT nextval('sync_version_seq') AS v FROM generate_series(1, $1::int) ORDER BY v) AS versions`,
    [writes.length],
  );
  const versions = drawn[0]!.versions.map(Number);
  const now = Date.now();
  const created: unknown[] = [];
  const updated: unknown[] = [];
  const log: unknown[] = [];
  writes.forEach((write, i) => {
    const version = versions[i]!;
    const entry = (path: string, value: unknown) => ({
      record_id: write.id,
      path,
      version,
      value: value ?? null,
      device_id: writer.deviceId,
      user_id: writer.userId,
    });
    if (write.op === 'create') {
      const body = BODY_SCHEMAS[write.kind].parse(write.body) as Record<string, unknown>;
      const values = { ...flattenBody(write.kind, body), [DELETED_PATH]: false };
      const paths = Object.keys(values);
      created.push({
        id: write.id,
        tenant_id: writer.tenantId,
        kind: write.kind,
        body,
        field_versions: Object.fromEntries(paths.map((p) => [p, version])),
        field_devices: Object.fromEntries(paths.map((p) => [p, writer.deviceId])),
        version,
        unit_ids: unitIdsOf(write.kind, body),
        created_by: writer.userId,
        updated_by: writer.userId,
        created_at: now,
        updated_at: now,
      });
      for (const [path, value] of Object.entries(values)) log.push(entry(path, value));
      return;
    }
    const row = current.get(write.id);
    if (!row || row.tenant_id !== writer.tenantId || row.kind !== write.kind) {
      throw new Error(`writeRecordsAsServer: no ${write.kind} ${write.id} in this tenant`);
    }
    const body = BODY_SCHEMAS[write.kind].parse(applyPaths(write.kind, row.body, write.values)) as Record<
      string,
      unknown
    >;
    const paths = Object.keys(write.values);
    updated.push({
      id: write.id,
      body,
      field_versions: { ...row.field_versions, ...Object.fromEntries(paths.map((p) => [p, version])) },
      field_devices: { ...row.field_devices, ...Object.fromEntries(paths.map((p) => [p, writer.deviceId])) },
      version,
      unit_ids: unitIdsOf(write.kind, body),
      updated_by: writer.userId,
      updated_at: now,
    });
    for (const [path, value] of Object.entries(write.values)) log.push(entry(path, value));
  });
  const top = Math.max(...versions);
  await tx.query(
    `WITH c AS (
       INSERT INTO sync_records (id, tenant_id, kind, body, field_versions, field_devices, version, deleted,
         unit_ids, created_by, updated_by, created_at, updated_at)
       SELECT id, tenant_id, kind, body, field_versions, field_devices, version, false, unit_ids, created_by,
         updated_by, created_at, updated_at
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, tenant_id text, kind text, body jsonb,
         field_versions jsonb, field_devices jsonb, version bigint, unit_ids text[], created_by text,
         updated_by text, created_at bigint, updated_at bigint)
     ), u AS (
       UPDATE sync_records s SET body = x.body, field_versions = x.field_versions,
         field_devices = x.field_devices, version = x.version, unit_ids = x.unit_ids,
         updated_by = x.updated_by, updated_at = x.updated_at
       FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, body jsonb, field_versions jsonb, field_devices jsonb,
         version bigint, unit_ids text[], updated_by text, updated_at bigint)
       WHERE s.id = x.id
     ), l AS (
       INSERT INTO sync_changes (record_id, path, version, value, device_id, user_id)
       SELECT record_id, path, version, coalesce(value, 'null'::jsonb), device_id, user_id
       FROM jsonb_to_recordset($3::jsonb) AS x(record_id uuid, path text, version bigint, value jsonb,
         device_id text, user_id text)
     )
     SELECT pg_notify($4::text, $5::text)`,
    [
      JSON.stringify(created),
      JSON.stringify(updated),
      JSON.stringify(log),
      SYNC_CHANNEL,
      JSON.stringify({ tenantId: writer.tenantId, version: top }),
    ],
  );
  return top;
}
