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
 *
 * Cost per push, whatever its size: under the lock one read of the tenant's top version, the drawn versions and
 * the (device, seq) already processed; one read of the batch's rows; the changes applied in order in memory; one
 * write statement (rows, change log, idempotency rows, NOTIFY). Only a stale base reads the change log. The
 * answer is built after the commit.
 */
import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { AuthContext, Role } from '../auth/types';
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
  RecordsRequest,
  RecordsResponse,
} from '../../shared/protocol';
import { summarizeRecord } from '../../shared/summary';
import { canRead, canWrite, unitIdsOf, visibilityParams, visibilitySql } from './access';
import { rejectMessage } from './messages';
import { checkCommentChange, prepareCommentCreate, type CommentDeps } from './comments';
import { reviewRefusal, type DraftLookup } from './review';

/** Key of the advisory lock that serializes writers (see the file comment). */
export const SYNC_LOCK = 74_510_001;
/** Channel of the NOTIFY sent with every push that changed something (payload: `{tenantId, version}`). */
export const SYNC_CHANNEL = 'rintis_sync';
/** Stop adding rows to a pull page past this many bytes of JSON (compresses to roughly 64 KB). */
export const PULL_BYTE_BUDGET = 384 * 1024;
/** The same for summary pages, which compress about twice as well (long free text left out). */
export const PULL_SUMMARY_BYTE_BUDGET = 640 * 1024;
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

/** A change-log row (`sync_changes`) of this push; `submitted` is absent when it equals `value`. */
interface LogEntry {
  recordId: string;
  path: string;
  version: number;
  value: unknown;
  deviceId: string;
  userId: string;
  submitted?: unknown;
}

interface ProcessedEntry {
  seq: number;
  recordId: string;
  result: StoredResult;
}

/**
 * One push's view of the store: the rows of its records (read in one query), the versions drawn for it, and its
 * writes. Writes stay in memory and go to the database together in ONE statement (`flush`: record rows as one
 * multi-row upsert, change-log and idempotency rows as multi-row inserts) instead of one or two statements per
 * change. Reads of the change log (merge bases, rare) look at the unsent entries first: they are newer than
 * anything in the database.
 */
class PushState {
  readonly #rows = new Map<string, RecordRow | null>();
  /** Versions drawn ahead for this push, smallest first (see `nextVersion`). */
  #versions: number[] = [];
  /** Rows to write, latest state per id (a record changed twice in a batch is written once). */
  #dirty = new Map<string, RecordRow>();
  /** Change-log entries not yet written, by `recordId path`, oldest first. */
  #log = new Map<string, LogEntry[]>();
  #processed: ProcessedEntry[] = [];
  /** Highest version written to the database by this push (0: none yet). */
  written = 0;
  constructor(
    readonly tx: Queryable,
    readonly auth: AuthContext,
    readonly deviceId: string,
  ) {}

  /**
   * The lock's first reads in one round trip: the tenant's highest version, `n` versions drawn ahead, and what
   * was already processed of these (device, seq). Drawing in a block is safe because only the holder of the
   * writers' lock draws, so a block is consecutive and handed out in order; versions left unused are gaps, which
   * a cursor (`version > cursor`) passes over.
   */
  async begin(n: number, seqs: number[]): Promise<{ tenantMax: number; processed: ProcessedEntry[] }> {
    const { rows } = await this.tx.query<{
      tenant_max: string | number | null;
      versions: (string | number)[] | null;
      processed: { seq: number; record_id: string; result: StoredResult }[] | null;
    }>(
      `SELECT (SELECT max(version) FROM sync_records WHERE tenant_id = $1) AS tenant_max,
         ARRAY(SELECT nextval('sync_version_seq') AS v FROM generate_series(1, $2::int) ORDER BY v) AS versions,
         (SELECT jsonb_agg(jsonb_build_object('seq', seq, 'record_id', record_id, 'result', result))
          FROM sync_processed WHERE user_id = $3 AND device_id = $4 AND seq = ANY($5::int[])) AS processed`,
      [this.auth.tenantId, n, this.auth.userId, this.deviceId, seqs],
    );
    const row = rows[0]!;
    this.#versions = (row.versions ?? []).map(Number);
    return {
      tenantMax: Number(row.tenant_max ?? 0),
      processed: (row.processed ?? []).map((p) => ({
        seq: Number(p.seq),
        recordId: p.record_id,
        result: p.result,
      })),
    };
  }

  /** The next version for a write (one more round trip only when the block drawn by `begin` is used up). */
  async nextVersion(): Promise<number> {
    if (this.#versions.length === 0) {
      const { rows } = await this.tx.query<{ v: string | number }>(`SELECT nextval('sync_version_seq') AS v`);
      return Number(rows[0]!.v);
    }
    return this.#versions.shift()!;
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

  /** Writes a row (kept for later changes of the batch and for the answer) and its change-log entries. */
  write(row: RecordRow, log: LogEntry[], cache = true): void {
    if (cache) this.#rows.set(row.id, row);
    this.#dirty.set(row.id, row);
    for (const entry of log) {
      const key = `${entry.recordId} ${entry.path}`;
      const list = this.#log.get(key);
      if (list) list.push(entry);
      else this.#log.set(key, [entry]);
    }
  }

  processed(entry: ProcessedEntry): void {
    this.#processed.push(entry);
  }

  /** Unsent log entries of a path, oldest first. */
  #pending(recordId: string, path: string): LogEntry[] {
    return this.#log.get(`${recordId} ${path}`) ?? [];
  }

  /** Did another device write the path after `baseVersion`? */
  async othersWroteSince(recordId: string, path: string, baseVersion: number): Promise<boolean> {
    if (this.#pending(recordId, path).some((e) => e.version > baseVersion && e.deviceId !== this.deviceId))
      return true;
    const { rows } = await this.tx.query(
      `SELECT 1 FROM sync_changes
       WHERE record_id = $1 AND path = $2 AND version > $3 AND device_id <> $4 LIMIT 1`,
      [recordId, path, baseVersion, this.deviceId],
    );
    return rows.length > 0;
  }

  /**
   * The merge base of this device's edit: the value at `baseVersion`, or what this device itself last sent for
   * the path after it (its edit was typed on top of that).
   */
  async mergeBase(recordId: string, path: string, baseVersion: number): Promise<unknown> {
    const pending = this.#pending(recordId, path);
    for (let i = pending.length - 1; i >= 0; i--) {
      const e = pending[i]!;
      if (e.deviceId === this.deviceId && e.version > baseVersion)
        return 'submitted' in e ? e.submitted : e.value;
      if (e.version <= baseVersion) return e.value;
    }
    const { rows } = await this.tx.query<{ value: unknown }>(
      `SELECT CASE WHEN device_id = $4 AND version > $3 THEN coalesce(submitted, value) ELSE value END AS value
       FROM sync_changes
       WHERE record_id = $1 AND path = $2 AND (version <= $3 OR device_id = $4)
       ORDER BY version DESC LIMIT 1`,
      [recordId, path, baseVersion, this.deviceId],
    );
    return rows[0]?.value ?? null;
  }

  /** Who wrote the path last. */
  /** Name and role of the accounts that wrote a conflict's two sides (for "versi fasilitator (Budi)"). */
  async writers(userIds: string[]): Promise<Map<string, { name: string; role: Role }>> {
    const { rows } = await this.tx.query<{ id: string; name: string; role: Role }>(
      `SELECT id, name, role FROM users WHERE id = ANY($1::text[])`,
      [userIds],
    );
    return new Map(rows.map((r) => [r.id, { name: r.name, role: r.role }]));
  }

  async lastWriter(recordId: string, path: string): Promise<string | undefined> {
    const last = this.#pending(recordId, path).at(-1);
    if (last) return last.userId;
    const { rows } = await this.tx.query<{ user_id: string }>(
      `SELECT user_id FROM sync_changes WHERE record_id = $1 AND path = $2 ORDER BY version DESC LIMIT 1`,
      [recordId, path],
    );
    return rows[0]?.user_id;
  }

  /** Highest version among the writes not yet sent (0: none). */
  get pendingMax(): number {
    let max = 0;
    for (const row of this.#dirty.values()) max = Math.max(max, Number(row.version));
    return max;
  }

  /**
   * Sends every buffered write in ONE statement (data-modifying CTEs), with the NOTIFY when given. The buffers
   * are emptied first: after a failure (rolled back to a savepoint) nothing of them is sent again.
   */
  async flush(opts: { processed: boolean; notify?: string }): Promise<void> {
    const { notify } = opts;
    const rows = [...this.#dirty.values()];
    const log = [...this.#log.values()].flat();
    const processed = opts.processed ? this.#processed : [];
    this.discard();
    if (opts.processed) this.#processed = [];
    const max = rows.reduce((m, r) => Math.max(m, Number(r.version)), 0);
    const params: unknown[] = [];
    const p = (value: unknown, type: string) => `${(params.push(value), `$${params.length}`)}::${type}`;
    const ctes: string[] = [];
    if (rows.length > 0) {
      // Upsert: a record created earlier in this batch or read at its start; unit_ids travel as JSON arrays.
      ctes.push(`r AS (
        INSERT INTO sync_records (id, tenant_id, kind, body, field_versions, field_devices, version, deleted,
          unit_ids, created_by, updated_by, created_at, updated_at)
        SELECT x.id::uuid, x.tenant_id, x.kind, x.body::jsonb, x.fv::jsonb, x.fd::jsonb, x.version, x.deleted::boolean,
          ARRAY(SELECT jsonb_array_elements_text(x.units::jsonb)), x.created_by, x.updated_by, x.created_at,
          x.updated_at
        FROM unnest(${p(
          rows.map((r) => r.id),
          'text[]',
        )}, ${p(
          rows.map((r) => r.tenant_id),
          'text[]',
        )}, ${p(
          rows.map((r) => r.kind),
          'text[]',
        )}, ${p(
          rows.map((r) => JSON.stringify(r.body)),
          'text[]',
        )}, ${p(
          rows.map((r) => JSON.stringify(r.field_versions)),
          'text[]',
        )}, ${p(
          rows.map((r) => JSON.stringify(r.field_devices)),
          'text[]',
        )}, ${p(
          rows.map((r) => Number(r.version)),
          'bigint[]',
        )}, ${p(
          // As text: both drivers send text arrays as they are.
          rows.map((r) => (r.deleted ? 'true' : 'false')),
          'text[]',
        )}, ${p(
          rows.map((r) => JSON.stringify(r.unit_ids)),
          'text[]',
        )}, ${p(
          rows.map((r) => r.created_by),
          'text[]',
        )}, ${p(
          rows.map((r) => r.updated_by),
          'text[]',
        )}, ${p(
          rows.map((r) => Number(r.created_at)),
          'bigint[]',
        )}, ${p(
          rows.map((r) => Number(r.updated_at)),
          'bigint[]',
        )}) AS x(id, tenant_id, kind, body, fv, fd, version, deleted, units, created_by, updated_by, created_at,
          updated_at)
        ON CONFLICT (id) DO UPDATE SET body = excluded.body, field_versions = excluded.field_versions,
          field_devices = excluded.field_devices, version = excluded.version, deleted = excluded.deleted,
          unit_ids = excluded.unit_ids, updated_by = excluded.updated_by, updated_at = excluded.updated_at
      )`);
    }
    if (log.length > 0) {
      ctes.push(`l AS (
        INSERT INTO sync_changes (record_id, path, version, value, device_id, user_id, submitted)
        SELECT x.record_id::uuid, x.path, x.version, x.value::jsonb, x.device_id, x.user_id, x.submitted::jsonb
        FROM unnest(${p(
          log.map((e) => e.recordId),
          'text[]',
        )}, ${p(
          log.map((e) => e.path),
          'text[]',
        )}, ${p(
          log.map((e) => e.version),
          'bigint[]',
        )}, ${p(
          log.map((e) => JSON.stringify(e.value ?? null)),
          'text[]',
        )}, ${p(
          log.map((e) => e.deviceId),
          'text[]',
        )}, ${p(
          log.map((e) => e.userId),
          'text[]',
        )}, ${p(
          log.map((e) => ('submitted' in e ? JSON.stringify(e.submitted ?? null) : null)),
          'text[]',
        )}) AS x(record_id, path, version, value, device_id, user_id, submitted)
      )`);
    }
    if (processed.length > 0) {
      ctes.push(`p AS (
        INSERT INTO sync_processed (user_id, device_id, seq, record_id, result)
        SELECT ${p(this.auth.userId, 'text')}, ${p(this.deviceId, 'text')}, x.seq, x.record_id::uuid,
          x.result::jsonb
        FROM unnest(${p(
          processed.map((e) => e.seq),
          'int[]',
        )}, ${p(
          processed.map((e) => e.recordId),
          'text[]',
        )}, ${p(
          processed.map((e) => JSON.stringify(e.result)),
          'text[]',
        )}) AS x(seq, record_id, result)
      )`);
    }
    if (ctes.length === 0 && notify === undefined) return;
    // Delivered by PostgreSQL at commit, to every server process listening.
    const tail =
      notify === undefined
        ? 'SELECT 1'
        : `SELECT pg_notify(${p(SYNC_CHANNEL, 'text')}, ${p(notify, 'text')})`;
    await this.tx.query(ctes.length > 0 ? `WITH ${ctes.join(', ')} ${tail}` : tail, params);
    this.written = Math.max(this.written, max);
  }

  /** Drops the record and row writes not yet sent (a change rolled back to its savepoint). */
  forget(id: string): void {
    this.#rows.delete(id);
    this.discard();
  }

  discard(): void {
    this.#dirty = new Map();
    this.#log = new Map();
  }
}

const pathValue = (kind: RecordKind, body: Record<string, unknown>, path: string): unknown => {
  const { field, key } = splitPath(kind, path);
  const v = key === null ? body[field] : (body[field] as Record<string, unknown> | undefined)?.[key];
  return v ?? null;
};

/** The review rule's view of a record in this push (rows written earlier in the batch included). */
const lookupIn =
  (state: PushState): DraftLookup =>
  async (id) => {
    const row = await state.get(id);
    return row && { ...scopeOf(row), body: row.body, deleted: row.deleted };
  };

const logOf = (
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

/** What the comment rules read, from this push's view of the store. */
const commentDeps = (state: PushState): CommentDeps => ({
  row: (id) => state.get(id),
  account: async (userId) => (await state.writers([userId])).get(userId),
});

/** Applies one change in memory (writes go out with the push's flush). Never throws for a change merely not allowed. */
async function applyChange(state: PushState, auth: AuthContext, change: Change): Promise<Outcome> {
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
  const row = await state.get(recordId);

  if (!row) {
    if (change.op !== 'create') return reject('not-found');
    if (kind === 'conflict') return reject('forbidden');
    const body = applyPaths(kind, emptyBody(kind), values);
    const valid = validateBody(kind, body);
    if (!valid.ok) return reject('invalid', valid.detail);
    let createdBy = auth.userId;
    if (kind === 'comment') {
      const verdict = await prepareCommentCreate(auth, body, commentDeps(state));
      if (!verdict.ok) return reject(verdict.code, verdict.detail);
      createdBy = verdict.createdBy;
    }
    const unitIds = unitIdsOf(kind, body);
    if (!canWrite(auth, { tenantId: auth.tenantId, kind, unitIds, createdBy })) return reject('forbidden');
    const refused = await reviewRefusal(auth, change, null, lookupIn(state));
    if (refused) return reject(refused.code, refused.detail);
    const version = await state.nextVersion();
    const deleted = wantDeleted === true;
    const paths = [...Object.keys({ ...flattenBody(kind, body), ...values }), DELETED_PATH];
    state.write(
      {
        id: recordId,
        tenant_id: auth.tenantId,
        kind,
        body,
        field_versions: Object.fromEntries(paths.map((p) => [p, version])),
        field_devices: Object.fromEntries(paths.map((p) => [p, deviceId])),
        version,
        deleted,
        unit_ids: unitIds,
        created_by: createdBy,
        updated_by: auth.userId,
        created_at: change.editedAt,
        updated_at: change.editedAt,
      },
      logOf(
        recordId,
        version,
        { ...flattenBody(kind, body), [DELETED_PATH]: deleted },
        deviceId,
        auth.userId,
      ),
    );
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
  if (kind === 'comment') {
    const changed = Object.fromEntries(
      Object.entries(values).filter(([p, v]) => !jsonEqual(pathValue(kind, row.body, p), v ?? null)),
    );
    const tombstoneChange = wantDeleted !== null && wantDeleted !== row.deleted ? wantDeleted : null;
    const verdict = checkCommentChange(auth, row.body, changed, tombstoneChange);
    if (!verdict.ok) return reject(verdict.code, verdict.detail);
  }
  const refused = await reviewRefusal(auth, change, row.body, lookupIn(state));
  if (refused) return reject(refused.code, refused.detail);

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
  /** Whether the body written is the candidate validated above (every path as sent, or already equal). */
  let asSent = true;
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
    // Stale only because of this device's own later writes: a continuation, not a conflict.
    if (!editsMeetDelete && !(await state.othersWroteSince(recordId, path, baseVersion))) {
      writes[path] = incoming;
      continue;
    }
    asSent = false;
    const base = await state.mergeBase(recordId, path, baseVersion);
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
    const body = asSent ? candidate : applyPaths(kind, row.body, bodyWrites);
    if (!asSent) {
      const merged = validateBody(kind, body);
      if (!merged.ok) return reject('invalid', merged.detail);
    }
    // A conflict keeps the units of its record (set when it was made).
    if (kind !== 'conflict') unitIds = unitIdsOf(kind, body);
    if (!canWrite(auth, { ...scopeOf(row), unitIds })) return reject('forbidden');
    const version = await state.nextVersion();
    const fieldVersions = { ...row.field_versions };
    const fieldDevices = { ...row.field_devices };
    for (const path of Object.keys(writes)) {
      fieldVersions[path] = version;
      fieldDevices[path] = deviceId;
    }
    state.write(
      {
        ...row,
        body,
        field_versions: fieldVersions,
        field_devices: fieldDevices,
        version,
        unit_ids: unitIds,
        updated_by: auth.userId,
        updated_at: change.editedAt,
        deleted: deletedAfter,
      },
      logOf(recordId, version, writes, deviceId, auth.userId, submitted),
    );
  }

  const conflictIds: string[] = [];
  for (const c of conflicts) {
    const winnerBy =
      (await state.lastWriter(recordId, editsMeetDelete ? DELETED_PATH : c.path)) ?? row.updated_by;
    const writers = await state.writers([winnerBy, auth.userId]);
    const winner = writers.get(winnerBy);
    const loser = writers.get(auth.userId);
    const body: Omit<Conflict, keyof Envelope | 'kind'> = {
      recordId,
      recordKind: kind,
      path: c.path,
      base: c.base,
      winner: c.winner,
      loser: c.loser,
      winnerBy,
      loserBy: auth.userId,
      ...(winner ? { winnerRole: winner.role, winnerName: winner.name } : {}),
      ...(loser ? { loserRole: loser.role, loserName: loser.name } : {}),
      recordDeleted: editsMeetDelete,
      resolved: false,
    };
    const id = uuidv7();
    const version = await state.nextVersion();
    const paths = Object.keys(body);
    state.write(
      {
        id,
        tenant_id: row.tenant_id,
        kind: 'conflict',
        body,
        field_versions: Object.fromEntries(paths.map((p) => [p, version])),
        field_devices: Object.fromEntries(paths.map((p) => [p, 'server'])),
        version,
        deleted: false,
        unit_ids: unitIds,
        // Visible to whoever may see the record (for a record without units: its creator and coordinators).
        created_by: row.created_by,
        updated_by: auth.userId,
        created_at: change.editedAt,
        updated_at: change.editedAt,
      },
      logOf(id, version, body, 'server', auth.userId),
      false,
    );
    conflictIds.push(id);
  }
  return { status: 'applied', conflictIds };
}

const isDataError = (err: unknown): boolean =>
  typeof err === 'object' &&
  err !== null &&
  typeof (err as { code?: unknown }).code === 'string' &&
  (err as { code: string }).code.startsWith('22');

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
    // the queue behind it: the push runs again, this time with a savepoint and a write per change, and only that
    // change is refused. (Savepoints on every push would cost three round trips per change.)
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
  const { stored, rows, serverVersion, newVersion } = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SYNC_LOCK]);
    const state = new PushState(tx, auth, req.deviceId);
    const begun = await state.begin(
      req.changes.length,
      req.changes.map((c) => c.seq),
    );
    await state.prefetch(req.changes.map((c) => c.recordId));
    const seen = new Map<number, { result: StoredResult; recordId: string }>();
    for (const p of begun.processed) seen.set(p.seq, { result: p.result, recordId: p.recordId });
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
        outcome = await applyChange(state, auth, change);
        if (savepoints) {
          // This change's writes inside its savepoint (its idempotency row goes with the last write, below).
          await state.flush({ processed: false });
          await tx.query('RELEASE SAVEPOINT sync_change');
        }
      } catch (err) {
        // Anything but a data error (connection lost, a crash) fails the whole push, which is retried later.
        if (!savepoints || !isDataError(err)) throw err;
        await tx.query('ROLLBACK TO SAVEPOINT sync_change');
        state.forget(change.recordId);
        outcome = reject('invalid', err instanceof Error ? err.message.slice(0, 200) : undefined);
      }
      const result: StoredResult =
        outcome.status === 'applied'
          ? { status: 'applied', conflictIds: outcome.conflictIds }
          : outcome.detail === undefined
            ? { status: 'rejected', code: outcome.code }
            : { status: 'rejected', code: outcome.code, detail: outcome.detail };
      seen.set(change.seq, { result, recordId: change.recordId });
      state.processed({ seq: change.seq, recordId: change.recordId, result });
      stored.push({ change, result });
    }
    // Every version written by this push belongs to this tenant and is above what it held before.
    const top = Math.max(state.written, state.pendingMax);
    const newVersion = top > begun.tenantMax ? top : null;
    await state.flush(
      newVersion === null
        ? { processed: true }
        : { processed: true, notify: JSON.stringify({ tenantId: auth.tenantId, version: newVersion }) },
    );
    // The rows as they stand after the whole batch (read now, while still holding the lock).
    const rows = new Map<string, RecordRow | undefined>();
    for (const { change, result } of stored)
      if (result.status === 'applied') rows.set(change.recordId, await state.get(change.recordId));
    return { stored, rows, serverVersion: Math.max(begun.tenantMax, top), newVersion };
  });

  // Built after the commit, so the writers' lock is held no longer than the database work needs.
  // Answer with each record as it stands after the whole batch: an older state could roll a phone back.
  const results: ChangeResult[] = stored.map(({ change, result }): ChangeResult => {
    if (result.status === 'rejected') {
      return {
        status: 'rejected',
        seq: change.seq,
        recordId: change.recordId,
        code: result.code ?? 'invalid',
        message: rejectMessage(result.code ?? 'invalid', result.detail),
      };
    }
    const row = rows.get(change.recordId);
    if (!row || !canRead(auth, scopeOf(row))) {
      return {
        status: 'rejected',
        seq: change.seq,
        recordId: change.recordId,
        code: 'forbidden',
        message: rejectMessage('forbidden'),
      };
    }
    return {
      status: 'applied',
      seq: change.seq,
      recordId: change.recordId,
      record: rowToRecord(row),
      conflictIds: result.conflictIds ?? [],
    };
  });
  return { response: { results, serverVersion }, newVersion };
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
  const summary = query.view === 'summary';
  for (const row of rows) {
    if (row.id === null || row.id === undefined) continue;
    const whole = rowToRecord(row);
    const record = summary ? summarizeRecord(whole) : whole;
    bytes += JSON.stringify(record).length;
    if (records.length > 0 && bytes > (summary ? PULL_SUMMARY_BYTE_BUDGET : PULL_BYTE_BUDGET)) {
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
  return { records, cursor, hasMore, scope: visibilityScope(auth) };
}

/**
 * Whole records by id, those the caller may see, in the order asked, up to the pull page's byte budget (the rest
 * are listed in `later`). Unknown ids and ids of records the caller may not see are both just `missing`.
 */
export async function fetchRecords(
  db: Database,
  auth: AuthContext,
  req: RecordsRequest,
): Promise<RecordsResponse> {
  const ids = [...new Set(req.ids)];
  const { rows } = await db.query<RecordRow>(
    `SELECT * FROM sync_records WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND ${visibilitySql(3)}`,
    [auth.tenantId, ids, ...visibilityParams(auth)],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  const records: AnyRecord[] = [];
  const missing: string[] = [];
  const later: string[] = [];
  let bytes = 0;
  for (const id of ids) {
    const row = byId.get(id.toLowerCase());
    if (!row) {
      missing.push(id);
      continue;
    }
    if (later.length > 0) {
      later.push(id);
      continue;
    }
    const record = rowToRecord(row);
    const size = JSON.stringify(record).length;
    if (records.length > 0 && bytes + size > PULL_BYTE_BUDGET) {
      later.push(id);
      continue;
    }
    bytes += size;
    records.push(record);
  }
  return { records, missing, later };
}

/** Digest of what `auth` may see: when it changes (a unit assigned), the client pulls again from the start. */
export function visibilityScope(auth: AuthContext): string {
  const units = auth.unitIds === null ? '*' : [...auth.unitIds].sort().join(',');
  return createHash('sha256')
    .update(`${auth.tenantId}|${auth.role}|${units}`)
    .digest('base64url')
    .slice(0, 22);
}
