/**
 * The server's synced record store: push (apply a device's changes) and pull (records above a cursor).
 *
 * Ordering: every push runs in ONE transaction that first takes `pg_advisory_xact_lock(SYNC_LOCK)`, and versions
 * are drawn from `sync_version_seq` only while holding it. Writers are therefore serialized: a version becomes
 * visible only after every smaller version has committed, so a pull cursor (the highest version a client has
 * seen) can never skip a change that commits late, even with several server processes on one PostgreSQL. The
 * cost is one writer at a time per database, which the push budget (100 changes well under 100 ms) allows.
 *
 * Idempotency: every processed (user, device, seq) is stored with its result in the same transaction; a repeated
 * change is answered from there and never applied twice.
 */
import { uuidv7 } from 'uuidv7';
import type { AuthContext } from '../auth/types';
import type { Database, Queryable } from '../db/types';
import {
  BODY_SCHEMAS,
  MAP_FIELDS,
  type AnyRecord,
  type RecordKind,
  type Conflict,
  type Envelope,
} from '../../shared/records';
import { applyPaths, flattenBody, jsonEqual, splitPath, type FieldValues } from '../../shared/fieldPaths';
import { mergeValue } from '../../shared/merge';
import type {
  Change,
  ChangeResult,
  PullQuery,
  PullResponse,
  PushRequest,
  PushResponse,
} from '../../shared/protocol';
import { canRead, canWrite, unitIdsOf, visibilityParams, visibilitySql } from './access';
import { rejectMessage } from './messages';

/** Key of the advisory lock that serializes writers (see the file comment). */
export const SYNC_LOCK = 74_510_001;
/** Channel of the NOTIFY sent with every push that changed something (payload: `{tenantId, version}`). */
export const SYNC_CHANNEL = 'rintis_sync';
/** Stop adding rows to a pull page past this many bytes of JSON (compresses to roughly 64 KB). */
export const PULL_BYTE_BUDGET = 384 * 1024;
/**
 * The tombstone as a pseudo-path (as the phone's outbox sends it: `values.deleted`), versioned in
 * `field_versions` and logged like any other path. `op` 'delete'/'restore' without it means the same.
 */
export const DELETED_PATH = 'deleted';

type RecordRow = {
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

const scopeOf = (row: RecordRow) => ({
  tenantId: row.tenant_id,
  kind: row.kind,
  unitIds: row.unit_ids,
  createdBy: row.created_by,
});

/** A body with every map field present (empty), so a create that carries only entries validates. */
const emptyBody = (kind: RecordKind): Record<string, unknown> =>
  Object.fromEntries((MAP_FIELDS[kind] as readonly string[]).map((f) => [f, {}]));

function validateBody(
  kind: RecordKind,
  body: Record<string, unknown>,
): { ok: true } | { ok: false; detail: string } {
  const parsed = BODY_SCHEMAS[kind].safeParse(body);
  if (parsed.success) return { ok: true };
  const first = parsed.error.issues[0];
  return { ok: false, detail: first ? `${first.path.join('.')}: ${first.message}` : '' };
}

type Outcome =
  | { status: 'applied'; conflictIds: string[] }
  | { status: 'rejected'; code: Extract<ChangeResult, { status: 'rejected' }>['code']; detail?: string };

const reject = (code: Extract<Outcome, { status: 'rejected' }>['code'], detail?: string): Outcome =>
  detail === undefined ? { status: 'rejected', code } : { status: 'rejected', code, detail };

/** Rows read or written during one push (saves a read per change; dropped when a change is rolled back). */
class RowCache {
  readonly #rows = new Map<string, RecordRow | null>();
  /** Versions drawn ahead for this push, smallest first (see `nextVersion`). */
  #versions: number[] = [];
  constructor(readonly tx: Queryable) {}

  /**
   * The next version for a write. Drawn from the sequence in blocks (one round trip per push instead of one per
   * change): safe because only the holder of the writers' lock draws, so a block is consecutive and handed out
   * in order; versions left unused are gaps, which a cursor (`version > cursor`) passes over.
   */
  async nextVersion(): Promise<number> {
    if (this.#versions.length === 0) await this.reserveVersions(1);
    return this.#versions.shift()!;
  }

  /** Draws `n` versions in one round trip for the writes to come (none if some are still unused). */
  async reserveVersions(n: number): Promise<void> {
    if (this.#versions.length > 0 || n < 1) return;
    const { rows } = await this.tx.query<{ v: string | number }>(
      `SELECT nextval('sync_version_seq') AS v FROM generate_series(1, $1::int) ORDER BY v`,
      [n],
    );
    this.#versions = rows.map((r) => Number(r.v));
  }

  async prefetch(ids: string[]): Promise<void> {
    const wanted = [...new Set(ids)].filter((id) => !this.#rows.has(id));
    if (wanted.length === 0) return;
    const { rows } = await this.tx.query<RecordRow>('SELECT * FROM sync_records WHERE id = ANY($1::uuid[])', [
      wanted,
    ]);
    for (const id of wanted) this.#rows.set(id, null);
    for (const row of rows) this.#rows.set(row.id, row);
  }

  async get(id: string): Promise<RecordRow | undefined> {
    if (!this.#rows.has(id)) await this.prefetch([id]);
    return this.#rows.get(id) ?? undefined;
  }

  set(row: RecordRow): void {
    this.#rows.set(row.id, row);
  }

  forget(id: string): void {
    this.#rows.delete(id);
  }
}

async function logValues(
  tx: Queryable,
  recordId: string,
  version: number,
  values: FieldValues,
  deviceId: string,
  userId: string,
): Promise<void> {
  const json = Object.fromEntries(Object.entries(values).map(([p, v]) => [p, v ?? null]));
  await tx.query(
    `INSERT INTO sync_changes (record_id, path, version, value, device_id, user_id)
     SELECT $1, key, $2, value, $3, $4 FROM jsonb_each($5::jsonb)`,
    [recordId, version, deviceId, userId, JSON.stringify(json)],
  );
}

const pathValue = (kind: RecordKind, body: Record<string, unknown>, path: string): unknown => {
  const { field, key } = splitPath(kind, path);
  const v = key === null ? body[field] : (body[field] as Record<string, unknown> | undefined)?.[key];
  return v ?? null;
};

/** Applies one change inside the push transaction. Never throws for a change that is merely not allowed. */
async function applyChange(cache: RowCache, auth: AuthContext, change: Change): Promise<Outcome> {
  const { tx } = cache;
  const { kind, recordId, deviceId } = change;
  const schema = BODY_SCHEMAS[kind];
  const { [DELETED_PATH]: tombstone, ...values } = change.values;
  if (tombstone !== undefined && typeof tombstone !== 'boolean') return reject('invalid', DELETED_PATH);
  const wantDeleted: boolean | null =
    typeof tombstone === 'boolean'
      ? tombstone
      : change.op === 'delete'
        ? true
        : change.op === 'restore'
          ? false
          : null;
  for (const path of Object.keys(values)) {
    if (!(splitPath(kind, path).field in schema.shape)) return reject('invalid', path);
  }
  const row = await cache.get(recordId);

  if (!row) {
    if (change.op !== 'create') return reject('not-found');
    if (kind === 'conflict') return reject('forbidden');
    const body = applyPaths(kind, emptyBody(kind), values);
    const valid = validateBody(kind, body);
    if (!valid.ok) return reject('invalid', valid.detail);
    const unitIds = unitIdsOf(kind, body);
    if (!canWrite(auth, { tenantId: auth.tenantId, kind, unitIds, createdBy: auth.userId }))
      return reject('forbidden');
    const version = await cache.nextVersion();
    const deleted = wantDeleted === true;
    const paths = [...Object.keys({ ...flattenBody(kind, body), ...values }), DELETED_PATH];
    // The row and its change log in one statement (a data-modifying CTE): fewer round trips per change.
    const inserted = await tx.query<RecordRow>(
      `WITH ins AS (
         INSERT INTO sync_records (id, tenant_id, kind, body, field_versions, field_devices, version, deleted,
           unit_ids, created_by, updated_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7, $11, $8::text[], $9, $9, $10, $10)
         RETURNING *
       ), log AS (
         INSERT INTO sync_changes (record_id, path, version, value, device_id, user_id)
         SELECT $1, key, $7, value, $12, $9 FROM jsonb_each($13::jsonb)
       )
       SELECT * FROM ins`,
      [
        recordId,
        auth.tenantId,
        kind,
        JSON.stringify(body),
        JSON.stringify(Object.fromEntries(paths.map((p) => [p, version]))),
        JSON.stringify(Object.fromEntries(paths.map((p) => [p, deviceId]))),
        version,
        unitIds,
        auth.userId,
        change.editedAt,
        deleted,
        deviceId,
        JSON.stringify({ ...flattenBody(kind, body), [DELETED_PATH]: deleted }),
      ],
    );
    cache.set(inserted.rows[0]!);
    return { status: 'applied', conflictIds: [] };
  }

  // Same answer for "another tenant" and "not yours": nothing about the record leaks.
  if (!canRead(auth, scopeOf(row))) return reject('forbidden');
  if (row.kind !== kind) return reject('kind-mismatch');
  if (!canWrite(auth, scopeOf(row))) return reject('forbidden');
  if (kind === 'conflict') {
    // Conflicts are made by the server; people only mark them resolved.
    if (wantDeleted !== null || Object.keys(values).some((p) => p !== 'resolved')) return reject('forbidden');
  }

  // Body edits (a create of a record that exists is an edit too), then the tombstone. An edit that meets a delete
  // becomes a conflict unless this same change deletes the record too (then it lands in the tombstone's body).
  const candidate = applyPaths(kind, row.body, values);
  const valid = validateBody(kind, candidate);
  if (!valid.ok) return reject('invalid', valid.detail);
  const editsMeetDelete = row.deleted && wantDeleted === null;
  const deletedAfter = wantDeleted ?? row.deleted;

  const writes: FieldValues = {};
  /** For merged paths: what this device sent (the base of its next edit of the path, see 003_sync_submitted). */
  const submitted: FieldValues = {};
  const conflicts: { path: string; base: unknown; winner: unknown; loser: unknown }[] = [];
  for (const [path, value] of Object.entries(values)) {
    const current = pathValue(kind, row.body, path);
    const incoming = value ?? null;
    if (jsonEqual(current, incoming)) continue;
    const serverVersion = Number(row.field_versions[path] ?? 0);
    const baseVersion = change.base[path] ?? 0;
    if (!editsMeetDelete && serverVersion <= baseVersion) {
      writes[path] = incoming;
      continue;
    }
    if (!editsMeetDelete) {
      // Stale only because of this device's own later writes: a continuation, not a conflict.
      const others = await tx.query(
        `SELECT 1 FROM sync_changes
         WHERE record_id = $1 AND path = $2 AND version > $3 AND device_id <> $4 LIMIT 1`,
        [recordId, path, baseVersion, deviceId],
      );
      if (others.rows.length === 0) {
        writes[path] = incoming;
        continue;
      }
    }
    // The edit was made on top of the base version or on this device's own later write of the path.
    const baseRows = await tx.query<{ value: unknown }>(
      `SELECT CASE WHEN device_id = $4 AND version > $3 THEN coalesce(submitted, value) ELSE value END AS value
       FROM sync_changes
       WHERE record_id = $1 AND path = $2 AND (version <= $3 OR device_id = $4)
       ORDER BY version DESC LIMIT 1`,
      [recordId, path, baseVersion, deviceId],
    );
    const base = baseRows.rows[0]?.value ?? null;
    if (editsMeetDelete) {
      conflicts.push({ path, base, winner: current, loser: incoming });
      continue;
    }
    const merged = mergeValue(base, current, incoming);
    if (merged.clean) {
      if (!jsonEqual(merged.value, current)) {
        writes[path] = merged.value;
        if (!jsonEqual(merged.value, incoming)) submitted[path] = incoming;
      }
    } else {
      conflicts.push({ path, base, winner: current, loser: incoming });
    }
  }

  let unitIds = row.unit_ids;
  if (deletedAfter !== row.deleted) writes[DELETED_PATH] = deletedAfter;
  if (Object.keys(writes).length > 0) {
    const { [DELETED_PATH]: _tombstone, ...bodyWrites } = writes;
    const body = applyPaths(kind, row.body, bodyWrites);
    const merged = validateBody(kind, body);
    if (!merged.ok) return reject('invalid', merged.detail);
    // A conflict keeps the units of its record (set when it was made).
    if (kind !== 'conflict') unitIds = unitIdsOf(kind, body);
    if (!canWrite(auth, { ...scopeOf(row), unitIds })) return reject('forbidden');
    const version = await cache.nextVersion();
    const fieldVersions = { ...row.field_versions };
    const fieldDevices = { ...row.field_devices };
    for (const path of Object.keys(writes)) {
      fieldVersions[path] = version;
      fieldDevices[path] = deviceId;
    }
    const updated = await tx.query<RecordRow>(
      `WITH upd AS (
         UPDATE sync_records SET body = $2::jsonb, field_versions = $3::jsonb, field_devices = $4::jsonb,
           version = $5, unit_ids = $6::text[], updated_by = $7, updated_at = $8, deleted = $9 WHERE id = $1
         RETURNING *
       ), log AS (
         INSERT INTO sync_changes (record_id, path, version, value, device_id, user_id, submitted)
         SELECT $1, key, $5, value, $10, $7, $12::jsonb -> key FROM jsonb_each($11::jsonb)
       )
       SELECT * FROM upd`,
      [
        recordId,
        JSON.stringify(body),
        JSON.stringify(fieldVersions),
        JSON.stringify(fieldDevices),
        version,
        unitIds,
        auth.userId,
        change.editedAt,
        deletedAfter,
        deviceId,
        JSON.stringify(Object.fromEntries(Object.entries(writes).map(([p, v]) => [p, v ?? null]))),
        JSON.stringify(submitted),
      ],
    );
    cache.set(updated.rows[0]!);
  }

  const conflictIds: string[] = [];
  for (const c of conflicts) {
    const winnerBy = await tx.query<{ user_id: string }>(
      `SELECT user_id FROM sync_changes WHERE record_id = $1 AND path = $2 ORDER BY version DESC LIMIT 1`,
      [recordId, editsMeetDelete ? DELETED_PATH : c.path],
    );
    const body: Omit<Conflict, keyof Envelope | 'kind'> = {
      recordId,
      recordKind: kind,
      path: c.path,
      base: c.base,
      winner: c.winner,
      loser: c.loser,
      winnerBy: winnerBy.rows[0]?.user_id ?? row.updated_by,
      loserBy: auth.userId,
      recordDeleted: editsMeetDelete,
      resolved: false,
    };
    const id = uuidv7();
    const version = await cache.nextVersion();
    const paths = Object.keys(body);
    await tx.query(
      `INSERT INTO sync_records (id, tenant_id, kind, body, field_versions, field_devices, version, deleted,
         unit_ids, created_by, updated_by, created_at, updated_at)
       VALUES ($1, $2, 'conflict', $3::jsonb, $4::jsonb, $5::jsonb, $6, false, $7::text[], $8, $9, $10, $10)`,
      [
        id,
        row.tenant_id,
        JSON.stringify(body),
        JSON.stringify(Object.fromEntries(paths.map((p) => [p, version]))),
        JSON.stringify(Object.fromEntries(paths.map((p) => [p, 'server']))),
        version,
        unitIds,
        // Visible to whoever may see the record (for a record without units: its creator and coordinators).
        row.created_by,
        auth.userId,
        change.editedAt,
      ],
    );
    await logValues(tx, id, version, body, 'server', auth.userId);
    conflictIds.push(id);
  }
  return { status: 'applied', conflictIds };
}

const isDataError = (err: unknown): boolean =>
  typeof err === 'object' &&
  err !== null &&
  typeof (err as { code?: unknown }).code === 'string' &&
  (err as { code: string }).code.startsWith('22');

async function tenantMax(tx: Queryable, tenantId: string): Promise<number> {
  const { rows } = await tx.query<{ v: string | number | null }>(
    'SELECT max(version) AS v FROM sync_records WHERE tenant_id = $1',
    [tenantId],
  );
  return Number(rows[0]?.v ?? 0);
}

interface StoredResult {
  status: 'applied' | 'rejected';
  code?: Extract<Outcome, { status: 'rejected' }>['code'];
  detail?: string;
  conflictIds?: string[];
}

export interface PushOutcome {
  response: PushResponse;
  /** Highest version written by this push (null if it wrote nothing): what the live events announce. */
  newVersion: number | null;
}

/** Applies a push in one serialized transaction. See the file comment. */
export async function pushChanges(db: Database, auth: AuthContext, req: PushRequest): Promise<PushOutcome> {
  try {
    return await runPush(db, auth, req, false);
  } catch (err) {
    // A value PostgreSQL refuses (data exception, SQLSTATE class 22, e.g. a NUL character in jsonb) must not block
    // the queue behind it: the push runs again, this time with a savepoint per change, and only that change is
    // refused. (Savepoints on every push would cost two round trips per change.)
    if (!isDataError(err)) throw err;
    return runPush(db, auth, req, true);
  }
}

async function runPush(
  db: Database,
  auth: AuthContext,
  req: PushRequest,
  savepoints: boolean,
): Promise<PushOutcome> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SYNC_LOCK]);
    const startVersion = await tenantMax(tx, auth.tenantId);
    const cache = new RowCache(tx);
    await cache.prefetch(req.changes.map((c) => c.recordId));
    await cache.reserveVersions(req.changes.length);
    const seen = new Map<number, { result: StoredResult; recordId: string }>();
    const priorRows = await tx.query<{ seq: number; result: StoredResult; record_id: string }>(
      'SELECT seq, result, record_id FROM sync_processed WHERE user_id = $1 AND device_id = $2 AND seq = ANY($3::int[])',
      [auth.userId, req.deviceId, req.changes.map((c) => c.seq)],
    );
    for (const r of priorRows.rows) seen.set(Number(r.seq), { result: r.result, recordId: r.record_id });
    const fresh: { seq: number; record_id: string; result: StoredResult }[] = [];
    const stored: { change: Change; result: StoredResult }[] = [];
    for (const change of req.changes) {
      if (change.deviceId !== req.deviceId) {
        stored.push({ change, result: { status: 'rejected', code: 'invalid', detail: 'deviceId' } });
        continue;
      }
      const prior = seen.get(change.seq);
      if (prior) {
        stored.push({ change: { ...change, recordId: prior.recordId }, result: prior.result });
        continue;
      }
      let outcome: Outcome;
      if (savepoints) await tx.query('SAVEPOINT sync_change');
      try {
        outcome = await applyChange(cache, auth, change);
        if (savepoints) await tx.query('RELEASE SAVEPOINT sync_change');
      } catch (err) {
        // Anything but a data error (connection lost, a crash) fails the whole push, which is retried later.
        if (!savepoints || !isDataError(err)) throw err;
        await tx.query('ROLLBACK TO SAVEPOINT sync_change');
        cache.forget(change.recordId);
        outcome = reject('invalid', err instanceof Error ? err.message.slice(0, 200) : undefined);
      }
      const result: StoredResult =
        outcome.status === 'applied'
          ? { status: 'applied', conflictIds: outcome.conflictIds }
          : outcome.detail === undefined
            ? { status: 'rejected', code: outcome.code }
            : { status: 'rejected', code: outcome.code, detail: outcome.detail };
      seen.set(change.seq, { result, recordId: change.recordId });
      fresh.push({ seq: change.seq, record_id: change.recordId, result });
      stored.push({ change, result });
    }
    if (fresh.length > 0) {
      await tx.query(
        `INSERT INTO sync_processed (user_id, device_id, seq, record_id, result)
         SELECT $1, $2, x.seq, x.record_id::uuid, x.result
         FROM jsonb_to_recordset($3::jsonb) AS x(seq integer, record_id text, result jsonb)`,
        [auth.userId, req.deviceId, JSON.stringify(fresh)],
      );
    }

    // Answer with each record as it stands after the whole batch: an older state could roll a phone back.
    const results: ChangeResult[] = [];
    for (const { change, result } of stored) {
      if (result.status === 'rejected') {
        results.push({
          status: 'rejected',
          seq: change.seq,
          recordId: change.recordId,
          code: result.code ?? 'invalid',
          message: rejectMessage(result.code ?? 'invalid', result.detail),
        });
        continue;
      }
      const row = await cache.get(change.recordId);
      if (!row || !canRead(auth, scopeOf(row))) {
        results.push({
          status: 'rejected',
          seq: change.seq,
          recordId: change.recordId,
          code: 'forbidden',
          message: rejectMessage('forbidden'),
        });
        continue;
      }
      results.push({
        status: 'applied',
        seq: change.seq,
        recordId: change.recordId,
        record: rowToRecord(row),
        conflictIds: result.conflictIds ?? [],
      });
    }
    const serverVersion = await tenantMax(tx, auth.tenantId);
    const newVersion = serverVersion > startVersion ? serverVersion : null;
    if (newVersion !== null) {
      // Delivered by PostgreSQL at commit, to every server process listening.
      await tx.query('SELECT pg_notify($1, $2)', [
        SYNC_CHANNEL,
        JSON.stringify({ tenantId: auth.tenantId, version: newVersion }),
      ]);
    }
    return { response: { results, serverVersion }, newVersion };
  });
}

/** Records above the cursor that the caller may see, oldest version first, in one consistent snapshot. */
export async function pullChanges(db: Database, auth: AuthContext, query: PullQuery): Promise<PullResponse> {
  const { rows } = await db.query<RecordRow & { tenant_max: string | number | null }>(
    `WITH page AS (
       SELECT * FROM sync_records
       WHERE tenant_id = $1 AND version > $2 AND ${visibilitySql(4)}
       ORDER BY version LIMIT $3
     ), top AS (SELECT max(version) AS tenant_max FROM sync_records WHERE tenant_id = $1)
     SELECT top.tenant_max, page.* FROM top LEFT JOIN page ON true ORDER BY page.version`,
    [auth.tenantId, query.cursor, query.limit, ...visibilityParams(auth)],
  );
  const records: AnyRecord[] = [];
  let bytes = 0;
  let cursor = query.cursor;
  let cut = false;
  for (const row of rows) {
    if (row.id === null || row.id === undefined) continue;
    const record = rowToRecord(row);
    bytes += JSON.stringify(record).length;
    if (records.length > 0 && bytes > PULL_BYTE_BUDGET) {
      cut = true;
      break;
    }
    records.push(record);
    cursor = record.rev;
  }
  const hasMore = cut || records.length === query.limit;
  // A short page saw everything of the tenant up to `tenant_max` (same snapshot): skip past invisible rows too.
  const tenantMax = Number(rows[0]?.tenant_max ?? 0);
  if (!hasMore && tenantMax > cursor) cursor = tenantMax;
  return { records, cursor, hasMore };
}
