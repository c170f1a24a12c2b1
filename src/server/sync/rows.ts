/**
 * A synced record as `sync_records` holds it, and what every writer of records reads of it: the record it is,
 * its scope for the access rules, the value at a path, a body checked against its schema, and the field versions
 * and change-log entries of a write.
 */
import { BODY_SCHEMAS, MAP_FIELDS, type AnyRecord, type RecordKind } from '../../shared/records';
import { jsonEqual, splitPath, type FieldValues } from '../../shared/fieldPaths';

export type RecordRow = {
  id: string;
  tenant_id: string;
  kind: RecordKind;
  body: Record<string, unknown>;
  field_versions: Record<string, number>;
  field_devices: Record<string, string>;
  version: number | string | bigint;
  deleted: boolean;
  unit_ids: string[];
  created_by: string;
  updated_by: string;
  created_at: number | string | bigint;
  updated_at: number | string | bigint;
};

export function rowToRecord(row: RecordRow): AnyRecord {
  return {
    ...row.body,
    id: row.id,
    kind: row.kind,
    tenantId: row.tenant_id,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    createdBy: row.created_by,
    updatedBy: row.updated_by,
    deleted: row.deleted,
    rev: Number(row.version),
    fieldVersions: Object.fromEntries(Object.entries(row.field_versions).map(([p, v]) => [p, Number(v)])),
  } as AnyRecord;
}

/** The parts of a stored row the access rules read. */
export type ScopedRow = Pick<
  RecordRow,
  'kind' | 'tenant_id' | 'unit_ids' | 'created_by' | 'deleted' | 'body'
>;

/** What `canRead` and `canWrite` judge a stored row by. */
export const scopeOf = (row: Pick<RecordRow, 'kind' | 'tenant_id' | 'unit_ids' | 'created_by'>) => ({
  tenantId: row.tenant_id,
  kind: row.kind,
  unitIds: row.unit_ids,
  createdBy: row.created_by,
});

/** A body with every map field present (empty), so a create that carries only entries validates. */
export const emptyBody = (kind: RecordKind): Record<string, unknown> =>
  Object.fromEntries((MAP_FIELDS[kind] as readonly string[]).map((f) => [f, {}]));

export function validateBody(
  kind: RecordKind,
  body: Record<string, unknown>,
): { ok: true } | { ok: false; detail: string } {
  const parsed = BODY_SCHEMAS[kind].safeParse(body);
  if (parsed.success) return { ok: true };
  const first = parsed.error.issues[0];
  return { ok: false, detail: first ? `${first.path.join('.')}: ${first.message}` : '' };
}

export const pathValue = (kind: RecordKind, body: Record<string, unknown>, path: string): unknown => {
  const { field, key } = splitPath(kind, path);
  // Own entries only: a map without a `constructor` entry must read as empty, not as Object.
  const owner = key === null ? body : (body[field] as Record<string, unknown> | undefined);
  const name = key ?? field;
  return owner && Object.hasOwn(owner, name) ? (owner[name] ?? null) : null;
};

/** The paths of `values` whose value differs from the body's. */
export const changedPaths = (
  kind: RecordKind,
  body: Record<string, unknown>,
  values: FieldValues,
): FieldValues =>
  Object.fromEntries(
    Object.entries(values).filter(([p, v]) => !jsonEqual(pathValue(kind, body, p), v ?? null)),
  );

/**
 * The field versions and devices of a row whose `paths` are written at `version` by `deviceId` (`before`: the
 * row's until now, null for a new record).
 */
export const stampPaths = (
  before: Pick<RecordRow, 'field_versions' | 'field_devices'> | null,
  paths: readonly string[],
  version: number,
  deviceId: string,
): Pick<RecordRow, 'field_versions' | 'field_devices'> => ({
  field_versions: { ...before?.field_versions, ...Object.fromEntries(paths.map((p) => [p, version])) },
  field_devices: { ...before?.field_devices, ...Object.fromEntries(paths.map((p) => [p, deviceId])) },
});

/** A change-log row (`sync_changes`); `submitted` is absent when it equals `value`. */
export interface LogEntry {
  recordId: string;
  path: string;
  version: number;
  value: unknown;
  deviceId: string;
  userId: string;
  submitted?: unknown;
}

/** The change-log entries of one write: each path with its value (and what the device sent, where merged). */
export const logOf = (
  recordId: string,
  version: number,
  values: FieldValues,
  deviceId: string,
  userId: string,
  submitted: FieldValues = {},
): LogEntry[] =>
  Object.entries(values).map(([path, value]) => {
    const entry: LogEntry = { recordId, path, version, value: value ?? null, deviceId, userId };
    if (Object.hasOwn(submitted, path)) entry.submitted = submitted[path];
    return entry;
  });
