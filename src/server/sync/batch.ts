/**
 * The SQL of a batch of record writes: the ONE statement that writes a push (record rows as a multi-row upsert,
 * change-log and idempotency rows as multi-row inserts, the NOTIFY), the dry run that has PostgreSQL read the
 * same values without writing them. The statement also takes the tenant's writers' lock and draws the real
 * versions that replace the batch's provisional ones (versions.ts, `Batch.draw`).
 *
 * Each table's rows travel to PostgreSQL as ONE JSON document, unpacked by jsonb_to_recordset with the columns
 * below: serializing is then one native JSON.stringify, where text arrays of JSON strings had the driver escape
 * every character again. A stored row is updated by a patch (what changed of its body and versions), a new one
 * sent whole. A change-log row whose value is the one its record's written body holds at its path (nearly all)
 * does not carry it: the statement takes it from the body the same statement writes, so each value is sent once.
 */
import type { Queryable } from '../db/types';
import type { ChangeResult } from '../../shared/protocol';
import { DELETED_PATH, splitPath, valueAtPath } from '../../shared/fieldPaths';
import { SYNC_CHANNEL } from './events';
import { fieldVersionsOf, pathVersion, type LogEntry, type RecordRow } from './rows';
import { drawVersionsSql } from './versions';

const CREATED_COLUMNS = `id uuid, tenant_id text, kind text, body jsonb, field_versions jsonb, field_devices jsonb,
  version bigint, deleted boolean, unit_ids text[], created_by text, updated_by text, created_at bigint,
  updated_at bigint`;
const UPDATED_COLUMNS = `id uuid, tenant_id text, body jsonb, body_removed text[], field_versions jsonb,
  field_devices jsonb, version bigint, stored bigint, deleted boolean, unit_ids text[], updated_by text,
  updated_at bigint`;
const LOG_COLUMNS = `record_id uuid, path text, version bigint, value jsonb, at int, device_id text, user_id text,
  submitted jsonb, has_submitted boolean`;
const PROCESSED_COLUMNS = 'seq int, record_id uuid, result jsonb';

/** The result of a change as `sync_processed` keeps it (a repeated change is answered from it). */
export interface StoredResult {
  status: 'applied' | 'rejected';
  code?: Extract<ChangeResult, { status: 'rejected' }>['code'];
  detail?: string;
  conflictIds?: string[];
}

/** An idempotency row (`sync_processed`): a device's change, by its seq, and its result. */
export interface ProcessedEntry {
  seq: number;
  recordId: string;
  result: StoredResult;
}

/** Each record as the database holds it (null: no row yet): the compare-and-set's version, the patch's base. */
export type StoredRows = ReadonlyMap<string, RecordRow | null>;

const storedVersion = (stored: StoredRows, id: string): number | null => {
  const row = stored.get(id);
  return row ? Number(row.version) : null;
};

/** A value as JSON; `null` where JSON.stringify gives nothing (undefined), which the unpacking reads as NULL too. */
const json = (value: unknown): string => JSON.stringify(value) ?? 'null';

/**
 * The documents below are written as text piece by piece rather than as objects handed to JSON.stringify: the
 * values (bodies, paths' values) are encoded once each, and no object per row is made only to be encoded.
 */

/** New record rows as one document, each whole. */
const createdDocument = (list: RecordRow[]): string => {
  let out = '[';
  for (const r of list) {
    if (out.length > 1) out += ',';
    out +=
      `{"id":${json(r.id)},"tenant_id":${json(r.tenant_id)},"kind":${json(r.kind)},"body":${json(r.body)}` +
      `,"field_versions":${json(fieldVersionsOf(r))},"field_devices":${json(r.field_devices)}` +
      `,"version":${json(Number(r.version))},"deleted":${json(r.deleted)},"unit_ids":${json(r.unit_ids)}` +
      `,"created_by":${json(r.created_by)},"updated_by":${json(r.updated_by)}` +
      `,"created_at":${json(Number(r.created_at))},"updated_at":${json(Number(r.updated_at))}}`;
  }
  return `${out}]`;
};

/**
 * Updated record rows as one document of patches over the stored rows (see `writeBatch`): the body's top-level
 * fields that changed (`body_removed`: those now absent), the field versions that changed (they only grow), and
 * the field devices stamped since the row was read. An edit of one field of a session sends that field, not the
 * whole body and both maps of every path: the document was most of what a push sent and serialized.
 */
const updatedDocument = (list: RecordRow[], stored: StoredRows): string => {
  let out = '[';
  for (const r of list) {
    const before = stored.get(r.id)!;
    let body = '';
    const removed: string[] = [];
    for (const field in r.body) {
      if (!Object.hasOwn(r.body, field)) continue;
      const value = r.body[field];
      // JSON leaves an undefined value out: the field is removed, as a whole write would store it.
      if (value === undefined) removed.push(field);
      else if (!Object.hasOwn(before.body, field) || value !== before.body[field])
        body += `${body ? ',' : ''}${JSON.stringify(field)}:${json(value)}`;
    }
    for (const field in before.body)
      if (Object.hasOwn(before.body, field) && !Object.hasOwn(r.body, field)) removed.push(field);
    // Only the batch's stamps can differ from the stored versions (see `field_stamps`).
    let versions = '';
    const stamps = r.field_stamps ?? {};
    for (const path in stamps) {
      if (!Object.hasOwn(stamps, path)) continue;
      const version = stamps[path]!;
      if (version !== pathVersion(before, path))
        versions += `${versions ? ',' : ''}${JSON.stringify(path)}:${json(version)}`;
    }
    if (out.length > 1) out += ',';
    out +=
      `{"id":${json(r.id)},"tenant_id":${json(r.tenant_id)},"body":{${body}},"body_removed":${json(removed)}` +
      `,"field_versions":{${versions}},"field_devices":${json(r.field_devices)}` +
      `,"version":${json(Number(r.version))},"stored":${json(Number(before.version))}` +
      `,"deleted":${json(r.deleted)},"unit_ids":${json(r.unit_ids)},"updated_by":${json(r.updated_by)}` +
      `,"updated_at":${json(Number(r.updated_at))}}`;
  }
  return `${out}]`;
};

/** Where a log row's value is in its record's written body: a top-level field, or an entry of a map field. */
const AT_FIELD = 1;
const AT_ENTRY = 2;

/**
 * Where the written body of `row` holds exactly `value` at `path` (the same string, number, boolean or null, or
 * the same object), so the statement can take the value from there (`AT_FIELD`, `AT_ENTRY`), or 0: sent as is.
 * Identity, not structural equality: the same object is encoded the same way in the body and in the log.
 */
const valueAt = (row: RecordRow | undefined, path: string, value: unknown): number => {
  if (!row || path === DELETED_PATH || valueAtPath(row.kind, row.body, path) !== value) return 0;
  return splitPath(row.kind, path).key === null ? AT_FIELD : AT_ENTRY;
};

/**
 * Change-log rows as one document: `submitted` is absent (SQL NULL) when it equals `value`; `value` is absent
 * when `at` says where the written row's body holds it (`rows`: the rows written with this log, see `valueAt`).
 */
const logDocument = (log: LogEntry[], rows: ReadonlyMap<string, RecordRow>): string => {
  let out = '[';
  for (const e of log) {
    if (out.length > 1) out += ',';
    const value = e.value ?? null;
    const at = valueAt(rows.get(e.recordId), e.path, value);
    out +=
      `{"record_id":${json(e.recordId)},"path":${json(e.path)},"version":${json(e.version)}` +
      (at === 0 ? `,"value":${json(value)}` : `,"at":${at}`) +
      `,"device_id":${json(e.deviceId)},"user_id":${json(e.userId)}` +
      ('submitted' in e ? `,"submitted":${json(e.submitted ?? null)},"has_submitted":true}` : '}');
  }
  return `${out}]`;
};

const processedDocument = (processed: ProcessedEntry[]): string => {
  let out = '[';
  for (const e of processed) {
    if (out.length > 1) out += ',';
    out += `{"seq":${json(e.seq)},"record_id":${json(e.recordId)},"result":${json(e.result)}}`;
  }
  return `${out}]`;
};

/** What one batch writes, and for whom. */
export interface Batch {
  tenantId: string;
  userId: string;
  deviceId: string;
  rows: RecordRow[];
  stored: StoredRows;
  log: LogEntry[];
  processed: ProcessedEntry[];
  /**
   * Draw real versions in the statement (see `writeBatch`): the rows' and the log's versions above `from` are
   * provisional ones, `from + 1` .. `from + count`, written as the `count` versions drawn, in that order.
   */
  draw?: { from: number; count: number };
  /** Announce (NOTIFY) the highest version written: at least this one, and every version drawn. */
  announce?: number;
}

/**
 * Writes a batch in ONE statement (data-modifying CTEs). A row not stored yet is inserted (one that appeared
 * meanwhile fails the statement with a unique violation); a stored one is updated only if its version is still
 * the one read (compare-and-set; a miss fails the statement with `WRITE_MISSED`). `last`: the transaction's last
 * statement, sent with its COMMIT (`Queryable.finish`, where the database has it). Returns whether every update
 * found its row as read.
 */
export async function writeBatch(
  tx: Queryable,
  batch: Batch,
  { last = false } = {},
): Promise<{ written: boolean; drawn: number | null }> {
  const { rows, log, processed, stored, draw } = batch;
  const params: unknown[] = [];
  const p = (value: unknown, type: string) => `${(params.push(value), `$${params.length}`)}::${type}`;
  const ctes: string[] = [];
  // A version as written: a provisional one (above `from`) becomes the one drawn in its place.
  let real = (version: string) => version;
  let realMap = (versions: string) => versions;
  if (draw) {
    const from = p(draw.from, 'bigint');
    const count = p(draw.count, 'bigint');
    ctes.push(drawVersionsSql(p(batch.tenantId, 'text'), count));
    ctes.push(`v AS (SELECT last - ${count} - ${from} AS shift FROM drawn)`);
    real = (version) =>
      `CASE WHEN ${version} > ${from} THEN ${version} + (SELECT shift FROM v) ELSE ${version} END`;
    realMap = (versions) => `(SELECT coalesce(jsonb_object_agg(e.key, CASE WHEN (e.value)::bigint > ${from}
        THEN to_jsonb((e.value)::bigint + (SELECT shift FROM v)) ELSE e.value END), '{}'::jsonb)
      FROM jsonb_each(${versions}) AS e)`;
  }
  const created = rows.filter((r) => storedVersion(stored, r.id) === null);
  const updated = rows.filter((r) => storedVersion(stored, r.id) !== null);
  if (created.length > 0) {
    ctes.push(`c AS (
        INSERT INTO sync_records (id, tenant_id, kind, body, field_versions, field_devices, version, deleted,
          unit_ids, created_by, updated_by, created_at, updated_at)
        SELECT id, tenant_id, kind, body, ${realMap('field_versions')}, field_devices, ${real('version')}, deleted,
          unit_ids, created_by, updated_by, created_at, updated_at
        FROM jsonb_to_recordset(${p(createdDocument(created), 'jsonb')}) AS x(${CREATED_COLUMNS})
        RETURNING id, body
      )`);
  }
  if (updated.length > 0) {
    // Patches over the stored row (see `updatedDocument`), which the compare-and-set proves is the one read.
    // The rows are locked, so a miss means a bug, never a lost write.
    ctes.push(`u AS (
        UPDATE sync_records s SET body = (s.body - x.body_removed) || x.body,
          field_versions = s.field_versions || ${realMap('x.field_versions')},
          field_devices = s.field_devices || x.field_devices, version = ${real('x.version')}, deleted = x.deleted,
          unit_ids = x.unit_ids, updated_by = x.updated_by, updated_at = x.updated_at
        FROM jsonb_to_recordset(${p(updatedDocument(updated, stored), 'jsonb')}) AS x(${UPDATED_COLUMNS})
        WHERE s.tenant_id = x.tenant_id AND s.id = x.id AND s.version = x.stored
        RETURNING s.id, s.body
      )`);
  }
  if (log.length > 0) {
    // `submitted` is absent (SQL NULL) when it equals `value`; a JSON null value is stored as jsonb 'null'. A
    // value left out is read from the body this statement writes (`at`, see `logDocument`): a compare-and-set
    // miss leaves it unread, and the push fails and runs again anyway.
    const written = [
      created.length > 0 ? 'SELECT id, body FROM c' : '',
      updated.length > 0 ? 'SELECT id, body FROM u' : '',
    ]
      .filter(Boolean)
      .join(' UNION ALL ');
    const value = written
      ? `CASE x.at WHEN ${AT_FIELD} THEN w.body -> x.path
            WHEN ${AT_ENTRY} THEN w.body -> split_part(x.path, '.', 1) -> substr(x.path, strpos(x.path, '.') + 1)
            ELSE x.value END`
      : 'x.value';
    const join = written ? ` LEFT JOIN (${written}) AS w ON x.at IS NOT NULL AND w.id = x.record_id` : '';
    const byId = new Map(rows.map((r) => [r.id, r]));
    ctes.push(`l AS (
        INSERT INTO sync_changes (tenant_id, record_id, path, version, value, device_id, user_id, submitted)
        SELECT ${p(batch.tenantId, 'text')}, x.record_id, x.path, ${real('x.version')}, coalesce(${value}, 'null'::jsonb),
          x.device_id, x.user_id,
          CASE WHEN x.has_submitted THEN coalesce(x.submitted, 'null'::jsonb) END
        FROM jsonb_to_recordset(${p(logDocument(log, byId), 'jsonb')}) AS x(${LOG_COLUMNS})${join}
      )`);
  }
  if (processed.length > 0) {
    ctes.push(`p AS (
        INSERT INTO sync_processed (tenant_id, user_id, device_id, seq, record_id, result)
        SELECT ${p(batch.tenantId, 'text')}, ${p(batch.userId, 'text')}, ${p(batch.deviceId, 'text')}, seq,
          record_id, result
        FROM jsonb_to_recordset(${p(processedDocument(processed), 'jsonb')}) AS x(${PROCESSED_COLUMNS})
      )`);
  }
  if (ctes.length === 0 && batch.announce === undefined) return { written: true, drawn: null };
  // Delivered by PostgreSQL at commit, to every server process listening: {"tenantId", "version"} (events.ts).
  const top = (at: number) =>
    draw ? `greatest((SELECT last FROM drawn), ${p(at, 'bigint')})` : p(at, 'bigint');
  const announce =
    batch.announce === undefined
      ? ''
      : `, pg_notify(${p(SYNC_CHANNEL, 'text')},
          json_build_object('tenantId', ${p(batch.tenantId, 'text')}, 'version', ${top(batch.announce)})::text) AS notified`;
  // A compare-and-set miss fails the statement (migration 017), so a COMMIT sent behind it never commits part of it.
  const counted =
    updated.length > 0 ? `sync_batch_written((SELECT count(*) FROM u), ${p(updated.length, 'bigint')})` : '0';
  const tail = `SELECT ${counted} AS updated, ${draw ? '(SELECT last FROM drawn)' : 'NULL::bigint'} AS drawn${announce}`;
  const sql = ctes.length > 0 ? `WITH ${ctes.join(', ')} ${tail}` : tail;
  type Written = { updated: string | number; drawn: string | number | null };
  const result =
    last && tx.finish ? await tx.finish<Written>(sql, params) : await tx.query<Written>(sql, params);
  const row = result.rows[0];
  return {
    written: Number(row?.updated ?? 0) === updated.length,
    drawn: row?.drawn === null || row?.drawn === undefined ? null : Number(row.drawn),
  };
}

/** SQLSTATE of a write whose compare-and-set missed (see `writeBatch`): the push runs again. */
export const WRITE_MISSED = 'RW001';

/**
 * Has PostgreSQL read these writes exactly as `writeBatch` sends them, as the same JSON documents unpacked into
 * the same column types, writing nothing and taking no lock: a value it refuses (SQLSTATE class 22, e.g. a NUL
 * character in jsonb) throws here.
 */
export async function probeBatch(
  tx: Queryable,
  batch: Pick<Batch, 'rows' | 'stored' | 'log' | 'processed'>,
): Promise<void> {
  const created = batch.rows.filter((r) => storedVersion(batch.stored, r.id) === null);
  const updated = batch.rows.filter((r) => storedVersion(batch.stored, r.id) !== null);
  await tx.query(
    `SELECT (SELECT count(*) FROM jsonb_to_recordset($1::jsonb) AS x(${CREATED_COLUMNS}))
          + (SELECT count(*) FROM jsonb_to_recordset($2::jsonb) AS x(${UPDATED_COLUMNS}))
          + (SELECT count(*) FROM jsonb_to_recordset($3::jsonb) AS x(${LOG_COLUMNS}))
          + (SELECT count(*) FROM jsonb_to_recordset($4::jsonb) AS x(${PROCESSED_COLUMNS})) AS rows`,
    [
      createdDocument(created),
      updatedDocument(updated, batch.stored),
      logDocument(batch.log, new Map(batch.rows.map((r) => [r.id, r]))),
      processedDocument(batch.processed),
    ],
  );
}
