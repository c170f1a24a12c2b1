/**
 * A synced record as `sync_records` holds it, and what every writer of records reads of it: the record it is,
 * its scope for the access rules, the value at a path, a body checked against its schema, and the field versions
 * and change-log entries of a write.
 */
import {
  BODY_SCHEMAS,
  MAP_FIELDS,
  bodyFieldsIssue,
  type AnyRecord,
  type RecordKind,
} from '../../shared/records';
import { jsonEqual, splitPath, type FieldValues } from '../../shared/fieldPaths';

export type RecordRow = {
  id: string;
  tenant_id: string;
  kind: RecordKind;
  body: Record<string, unknown>;
  field_versions: Record<string, number>;
  /**
   * Path versions a batch of writes (pushState.ts) stamped on this row, over `field_versions` as read, which is
   * then left as it was (not copied per write: a session's map is keyed by entry ids, each map its own shape in
   * V8, and copying it was a share of a push's CPU). Absent on rows read for anything else. Read a path's version
   * with `pathVersion`, the whole map with `fieldVersionsOf`.
   */
  field_stamps?: Record<string, number>;
  /**
   * Set when `field_versions` holds only some paths: a push answered slim reads, of a record's entries of map
   * fields, only those it sends and those newer than what the phone knew (see `PushState.prefetch`). Such a row
   * answers `pathVersion` for those paths and top-level fields only, and `fieldVersionsOf` refuses it.
   */
  versions_partial?: true;
  /**
   * Which device last wrote each path. A batch of writes (pushState.ts) does not read it: there it holds only the
   * paths the batch stamped, and the write merges them into the stored map.
   */
  field_devices: Record<string, string>;
  version: number | string | bigint;
  deleted: boolean;
  unit_ids: string[];
  created_by: string;
  updated_by: string;
  created_at: number | string | bigint;
  updated_at: number | string | bigint;
};

/** The envelope of a stored row as a record carries it (without its field versions). */
export const envelopeOfRow = (row: RecordRow) => ({
  id: row.id,
  kind: row.kind,
  tenantId: row.tenant_id,
  createdAt: Number(row.created_at),
  updatedAt: Number(row.updated_at),
  createdBy: row.created_by,
  updatedBy: row.updated_by,
  deleted: row.deleted,
  rev: Number(row.version),
});

/** The version of a path on a row (0: never written), the batch's stamps first. */
export const pathVersion = (
  row: Pick<RecordRow, 'field_versions' | 'field_stamps'>,
  path: string,
): number => {
  const stamps = row.field_stamps;
  if (stamps && Object.hasOwn(stamps, path)) return stamps[path]!;
  return Object.hasOwn(row.field_versions, path) ? Number(row.field_versions[path]) : 0;
};

/** Every path's version on a row, as numbers (the versions read with the batch's stamps over them). */
export const fieldVersionsOf = (
  row: Pick<RecordRow, 'field_versions' | 'field_stamps' | 'versions_partial'>,
): Record<string, number> => {
  if (row.versions_partial) throw new Error('the path versions of this row were read in part');
  const out: Record<string, number> = {};
  for (const [path, version] of Object.entries(row.field_versions)) setOwnVersion(out, path, Number(version));
  for (const [path, version] of Object.entries(row.field_stamps ?? {})) setOwnVersion(out, path, version);
  return out;
};

/** Sets an own key, `__proto__` included (a push refuses such a path; should one come, it stays a key). */
const setOwnVersion = <T>(target: Record<string, T>, path: string, value: T): void => {
  if (path === '__proto__')
    Object.defineProperty(target, path, { value, enumerable: true, writable: true, configurable: true });
  else target[path] = value;
};

export function rowToRecord(row: RecordRow): AnyRecord {
  return { ...row.body, ...envelopeOfRow(row), fieldVersions: fieldVersionsOf(row) } as AnyRecord;
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

/**
 * A body checked against its kind's schema. `touched`: the top-level fields an edit changed in a body the server
 * stored (so valid when written): only they are parsed, and the size cap checked (`bodyFieldsIssue`). Stored
 * bodies are the server's own writes, each checked whole when created and field by field since; a body from
 * anywhere else is checked whole.
 */
export function validateBody(
  kind: RecordKind,
  body: Record<string, unknown>,
  touched?: ReadonlySet<string>,
): { ok: true } | { ok: false; detail: string } {
  let first: { path: PropertyKey[]; message: string } | null | undefined;
  if (touched) first = bodyFieldsIssue(kind, body, touched);
  else {
    const parsed = BODY_SCHEMAS[kind].safeParse(body);
    if (parsed.success) return { ok: true };
    first = parsed.error.issues[0];
    if (!first) return { ok: false, detail: '' };
  }
  return first ? { ok: false, detail: `${first.path.join('.')}: ${first.message}` } : { ok: true };
}

/** The top-level body fields that `paths` write (a map entry's path names its map field). */
export const fieldsOf = (kind: RecordKind, paths: Iterable<string>): Set<string> => {
  const fields = new Set<string>();
  for (const path of paths) fields.add(splitPath(kind, path).field);
  return fields;
};

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
 * The path versions and devices of a row whose `paths` are written at `version` by `deviceId` (`before`: the
 * row until now, null for a new record): the stamps of the batch grow, the versions read are kept as they are
 * (see `field_stamps`).
 */
export const stampPaths = (
  before: Pick<RecordRow, 'field_versions' | 'field_stamps' | 'field_devices' | 'versions_partial'> | null,
  paths: readonly string[],
  version: number,
  deviceId: string,
): Pick<RecordRow, 'field_versions' | 'field_stamps' | 'field_devices' | 'versions_partial'> => {
  const field_stamps = { ...before?.field_stamps };
  const field_devices = { ...before?.field_devices };
  for (const path of paths) {
    setOwnVersion(field_stamps, path, version);
    setOwnVersion(field_devices, path, deviceId);
  }
  const field_versions = before?.field_versions ?? {};
  return before?.versions_partial
    ? { field_versions, field_stamps, field_devices, versions_partial: true }
    : { field_versions, field_stamps, field_devices };
};

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
