/**
 * The server's synced record store: push (apply a device's changes) and pull (records above a cursor).
 *
 * Ordering: a pull cursor is the highest version a client has seen, so a version must become visible only after
 * every smaller one has committed, even with several server processes on one PostgreSQL. Versions are therefore
 * drawn from `sync_version_seq` only while holding `pg_advisory_xact_lock(SYNC_LOCK)`, which is held until the
 * commit. That lock is taken as late as possible: a push reads and locks its records (`FOR UPDATE`, in id order),
 * merges in memory with provisional versions, and only its one write statement and the commit run under the
 * writers' lock, where the provisional versions become real ones. Pushes of different records thus overlap except
 * for that last step; pushes of the same record wait on its row lock, so a record's versions only grow. A batch
 * PostgreSQL refuses a value of (a NUL character) runs again change by change, each probed in a savepoint without
 * writing (`applyProbed`), and is still written in one last step: one bad batch never holds that lock for long.
 *
 * Idempotency: every processed (user, device, seq) is stored with its result in the same transaction; a repeated
 * change is answered from there and never applied twice. A device's pushes run one at a time (a per-device
 * advisory lock), so a retry racing its original waits for it and is then answered from there.
 *
 * Cost per push, whatever its size: one read of the tenant's top version and the (device, seq) already
 * processed; one read of the batch's rows; the changes applied in order in memory; then, under the writers' lock,
 * one draw of versions and one write statement (rows, change log, idempotency rows, NOTIFY). Only a stale base
 * reads the change log. The answer is built after the commit.
 */
import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { AuthContext, Role } from '../auth/types';
import type { Database, Queryable } from '../db/types';
import {
  BODY_SCHEMAS,
  MAP_FIELDS,
  recordIdSchema,
  type AnyRecord,
  type RecordKind,
  type Conflict,
  type Envelope,
} from '../../shared/records';
import { applyPaths, flattenBody, jsonEqual, splitPath, type FieldValues } from '../../shared/fieldPaths';
import { decideField, writesAsSent } from '../../shared/fieldDecision';
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
import {
  canRead,
  canWrite,
  facilitatorRefusal,
  refusedPaths,
  unitIdsOf,
  writeRefusalText,
  type WriteRefusal,
} from '../../shared/access';
import { UNIT_FIELDS, remapUnitValue, unitIdsInValues } from '../../shared/domain/units';
import { visibilityParams, visibilitySql } from './access';
import { rejectMessage } from './messages';
import {
  checkCommentChange,
  prepareCommentCreate,
  stampResolutionChanges,
  type CommentDeps,
} from './comments';
import { reviewRefusal, stampSubmission, type DraftLookup, type ReviewLookups } from './review';
import {
  namedAccount,
  sessionAccountIds,
  stampFacilitatorName,
  stampFollowUpOwners,
  type TenantAccount,
} from './sessions';

/** The device id of writes the server makes itself (conflict records, unit merges, account person records). */
export const SERVER_DEVICE = 'server';
/** Key of the advisory lock that serializes drawing versions until the commit (see the file comment). */
export const SYNC_LOCK = 74_510_001;
/** Key space (first key of two) of the per-device advisory lock: a device's pushes run one at a time. */
export const DEVICE_LOCK = 74_510_002;
/**
 * Key space (first key of two, the second the tenant) of the units lock: a unit merge holds it exclusively for
 * its whole transaction; a push that names units (a unit field in its values) holds it shared while it maps
 * merged units and writes. So a push either commits before the merge reads which records name the merged unit,
 * or it sees `mergedInto` and writes the kept unit: no record can land in a merged unit. Taken before any row
 * lock, so it never waits crosswise with them.
 */
export const UNITS_LOCK = 74_510_003;
/**
 * Provisional versions are this plus 1, 2, ...: above any real version (2^52, still an exact JS number), so the
 * push's own comparisons order them after everything stored and in the order they were handed out.
 */
const PROVISIONAL_VERSION = 2 ** 52;
/** A write found its row changed under it (the compare-and-set missed): the whole push runs again. */
class PushRaceError extends Error {
  constructor() {
    super('a record changed during the push; retrying');
  }
}
/** How many times a push runs again after a race (a unique violation or a missed compare-and-set). */
const PUSH_RACE_RETRIES = 3;
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

// Each table's rows travel to PostgreSQL as ONE JSON document, unpacked by jsonb_to_recordset with these columns:
// serializing is then one native JSON.stringify, where text arrays of JSON strings had the driver escape every
// character again. `flush` writes them; `probe` has PostgreSQL read them the same way, writing nothing.
const RECORD_COLUMNS = `id uuid, tenant_id text, kind text, body jsonb, field_versions jsonb, field_devices jsonb,
  version bigint, stored bigint, deleted boolean, unit_ids text[], created_by text, updated_by text,
  created_at bigint, updated_at bigint`;
const LOG_COLUMNS = `record_id uuid, path text, version bigint, value jsonb, device_id text, user_id text,
  submitted jsonb, has_submitted boolean`;
const PROCESSED_COLUMNS = 'seq int, record_id uuid, result jsonb';

/** Record rows as one document; `stored` is each row's version in the database (the compare-and-set's). */
const recordsDocument = (list: RecordRow[], stored: ReadonlyMap<string, number | null>): string =>
  JSON.stringify(
    list.map((r) => ({
      id: r.id,
      tenant_id: r.tenant_id,
      kind: r.kind,
      body: r.body,
      field_versions: r.field_versions,
      field_devices: r.field_devices,
      version: Number(r.version),
      stored: stored.get(r.id) ?? null,
      deleted: r.deleted,
      unit_ids: r.unit_ids,
      created_by: r.created_by,
      updated_by: r.updated_by,
      created_at: Number(r.created_at),
      updated_at: Number(r.updated_at),
    })),
  );

/** Change-log rows as one document: `submitted` is absent (SQL NULL) when it equals `value`. */
const logDocument = (log: LogEntry[]): string =>
  JSON.stringify(
    log.map((e) => ({
      record_id: e.recordId,
      path: e.path,
      version: e.version,
      value: e.value ?? null,
      device_id: e.deviceId,
      user_id: e.userId,
      ...('submitted' in e ? { submitted: e.submitted ?? null, has_submitted: true } : {}),
    })),
  );

const processedDocument = (processed: ProcessedEntry[]): string =>
  JSON.stringify(processed.map((e) => ({ seq: e.seq, record_id: e.recordId, result: e.result })));

/** What `PushState.mark` keeps of one change: how to take its writes back, and which writes to probe. */
interface ChangeMark {
  undo: (() => void)[];
  ids: Set<string>;
  log: LogEntry[];
  processed: number;
}

/**
 * One push's view of the store: the rows of its records (read in one query), the versions drawn for it, and its
 * writes. Writes stay in memory and go to the database together in ONE statement (`flush`: record rows as one
 * multi-row upsert, change-log and idempotency rows as multi-row inserts, each table's rows as one JSON document)
 * instead of one or two statements per change. Reads of the change log (merge bases, rare) look at the unsent entries first: they are newer than
 * anything in the database.
 */
class PushState {
  readonly #rows = new Map<string, RecordRow | null>();
  /** Version of each record as the database holds it (null: no row yet), for the flush's compare-and-set. */
  readonly #stored = new Map<string, number | null>();
  /** Provisional versions handed out so far (see `nextVersion`), and how many of them `flush` has mapped. */
  #provisional = 0;
  #mapped = 0;
  /** Whether this transaction holds the writers' lock (taken by the first flush, held to the commit). */
  #writersLocked = false;
  /** Rows to write, latest state per id (a record changed twice in a batch is written once). */
  #dirty = new Map<string, RecordRow>();
  /** Change-log entries not yet written, by `recordId path`, oldest first. */
  #log = new Map<string, LogEntry[]>();
  #processed: ProcessedEntry[] = [];
  /** The change being applied on the retry path (see `mark`), or null. */
  #mark: ChangeMark | null = null;
  /** Highest version written to the database by this push (0: none yet). */
  written = 0;
  constructor(
    readonly tx: Queryable,
    readonly auth: AuthContext,
    readonly deviceId: string,
  ) {}

  /**
   * The push's first reads in one round trip, after taking the device's lock (a retry racing its original must
   * not process the same seqs twice): the tenant's highest version and what was already processed of these
   * (device, seq).
   */
  async begin(seqs: number[]): Promise<{ tenantMax: number; processed: ProcessedEntry[] }> {
    await this.tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
      DEVICE_LOCK,
      `${this.auth.userId} ${this.deviceId}`,
    ]);
    const { rows } = await this.tx.query<{
      tenant_max: string | number | null;
      processed: { seq: number; record_id: string; result: StoredResult }[] | null;
    }>(
      `SELECT (SELECT max(version) FROM sync_records WHERE tenant_id = $1) AS tenant_max,
         (SELECT jsonb_agg(jsonb_build_object('seq', seq, 'record_id', record_id, 'result', result))
          FROM sync_processed WHERE user_id = $2 AND device_id = $3 AND seq = ANY($4::int[])) AS processed`,
      [this.auth.tenantId, this.auth.userId, this.deviceId, seqs],
    );
    const row = rows[0]!;
    return {
      tenantMax: Number(row.tenant_max ?? 0),
      processed: (row.processed ?? []).map((p) => ({
        seq: Number(p.seq),
        recordId: p.record_id,
        result: p.result,
      })),
    };
  }

  /**
   * Where each merged-away unit the changes name lives now (old id -> kept id, following chains of merges),
   * read under the units lock held shared (see UNITS_LOCK). Nothing is read, and no lock taken, when no change
   * names a unit.
   */
  async mergedUnits(changes: readonly Change[]): Promise<Map<string, string>> {
    const named = new Set<string>();
    for (const change of changes)
      for (const id of unitIdsInValues(change.kind, change.values))
        if (recordIdSchema.safeParse(id).success) named.add(id.toLowerCase());
    if (named.size === 0) return new Map();
    await this.tx.query('SELECT pg_advisory_xact_lock_shared($1, hashtext($2))', [
      UNITS_LOCK,
      this.auth.tenantId,
    ]);
    return mergedUnitTargets(this.tx, this.auth.tenantId, [...named]);
  }

  /**
   * A provisional version for a write: above every real version, in the order handed out, and replaced by a real
   * one from `sync_version_seq` when `flush` holds the writers' lock (see the file comment).
   */
  nextVersion(): number {
    return PROVISIONAL_VERSION + ++this.#provisional;
  }

  /** Takes the writers' lock, held until the commit (by the first flush: see the file comment). */
  async #lockWriters(): Promise<void> {
    await this.tx.query('SELECT pg_advisory_xact_lock($1)', [SYNC_LOCK]);
    this.#writersLocked = true;
  }

  /**
   * Reads rows into the push's view. `lock`: the records this push may write, locked (`FOR UPDATE`, in id order
   * so that two pushes never wait on each other crosswise) until the commit.
   */
  async prefetch(ids: string[], lock = false): Promise<void> {
    const wanted = [...new Set(ids)].filter((id) => !this.#rows.has(id));
    if (wanted.length === 0) return;
    const { rows } = await this.tx.query<RecordRow>(
      `SELECT * FROM sync_records WHERE id = ANY($1::uuid[])${lock ? ' ORDER BY id FOR UPDATE' : ''}`,
      [wanted],
    );
    for (const id of wanted) {
      this.#rows.set(id, null);
      if (!this.#stored.has(id)) this.#stored.set(id, null);
    }
    for (const row of rows) {
      this.#rows.set(row.id, row);
      this.#stored.set(row.id, Number(row.version));
    }
  }

  async get(id: string): Promise<RecordRow | undefined> {
    if (!this.#rows.has(id)) await this.prefetch([id]);
    return this.#rows.get(id) ?? undefined;
  }

  /** Writes a row (kept for later changes of the batch and for the answer) and its change-log entries. */
  write(row: RecordRow, log: LogEntry[], cache = true): void {
    const mark = this.#mark;
    if (mark) {
      // What this write replaces, to put back if the change is taken back.
      const { id } = row;
      const [hadRow, row0, hadDirty, dirty0] = [
        this.#rows.has(id),
        this.#rows.get(id),
        this.#dirty.has(id),
        this.#dirty.get(id),
      ];
      mark.undo.push(() => {
        if (cache) {
          if (hadRow) this.#rows.set(id, row0 ?? null);
          else this.#rows.delete(id);
        }
        if (hadDirty) this.#dirty.set(id, dirty0!);
        else this.#dirty.delete(id);
      });
      mark.ids.add(id);
    }
    if (cache) this.#rows.set(row.id, row);
    this.#dirty.set(row.id, row);
    for (const entry of log) {
      const key = `${entry.recordId} ${entry.path}`;
      const list = this.#log.get(key);
      if (list) list.push(entry);
      else this.#log.set(key, [entry]);
      if (mark) {
        mark.log.push(entry);
        mark.undo.push(() => {
          const entries = this.#log.get(key)!;
          entries.pop();
          if (entries.length === 0) this.#log.delete(key);
        });
      }
    }
  }

  /**
   * The retry path (a batch PostgreSQL refused a value of): from here, the writes of one change are recorded, so
   * `probe` can have PostgreSQL read just them and `undo` can take them back. Nothing is written to the database
   * until the push's one flush, so the writers' lock is held no longer than on a normal push.
   */
  mark(): void {
    this.#mark = { undo: [], ids: new Set(), log: [], processed: this.#processed.length };
  }

  /**
   * Has PostgreSQL read the writes since `mark` (and `entry`, the change's idempotency row) exactly as the flush
   * will send them, as the same JSON documents unpacked into the same column types, writing nothing and taking no
   * lock: a value it refuses (SQLSTATE class 22, e.g. a NUL character in jsonb) throws here rather than in the
   * push's one write. Run it in a savepoint: the error aborts what runs since.
   */
  async probe(entry: ProcessedEntry): Promise<void> {
    const mark = this.#mark;
    if (!mark) return;
    const rows = [...mark.ids].flatMap((id) => {
      const row = this.#dirty.get(id);
      return row ? [row] : [];
    });
    await this.tx.query(
      `SELECT (SELECT count(*) FROM jsonb_to_recordset($1::jsonb) AS x(${RECORD_COLUMNS}))
            + (SELECT count(*) FROM jsonb_to_recordset($2::jsonb) AS x(${LOG_COLUMNS}))
            + (SELECT count(*) FROM jsonb_to_recordset($3::jsonb) AS x(${PROCESSED_COLUMNS})) AS rows`,
      [recordsDocument(rows, this.#stored), logDocument(mark.log), processedDocument([entry])],
    );
    this.#mark = null;
  }

  /** Takes back every write since `mark` (a change whose values PostgreSQL refused). */
  undo(): void {
    const mark = this.#mark;
    if (!mark) return;
    for (const step of mark.undo.reverse()) step();
    this.#processed.length = mark.processed;
    this.#mark = null;
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

  /** What other devices wrote to the path after `baseVersion`, oldest first (the review rule's "what happened since"). */
  async othersWritesSince(recordId: string, path: string, baseVersion: number): Promise<unknown[]> {
    const { rows } = await this.tx.query<{ value: unknown }>(
      `SELECT value FROM sync_changes
       WHERE record_id = $1 AND path = $2 AND version > $3 AND device_id <> $4 ORDER BY version`,
      [recordId, path, baseVersion, this.deviceId],
    );
    const unsent = this.#pending(recordId, path).filter(
      (e) => e.version > baseVersion && e.deviceId !== this.deviceId,
    );
    return [...rows.map((r) => r.value), ...unsent.map((e) => e.value)];
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

  /** Accounts of the pusher's tenant among `ids` (another tenant's, or no account: left out). */
  async accounts(ids: string[]): Promise<Map<string, TenantAccount>> {
    if (ids.length === 0) return new Map();
    const { rows } = await this.tx.query<{ id: string; name: string; role: Role; disabled: boolean }>(
      `SELECT id, name, role, disabled FROM users WHERE tenant_id = $1 AND id = ANY($2::text[])`,
      [this.auth.tenantId, ids],
    );
    return new Map(rows.map((r) => [r.id, { name: r.name, role: r.role, disabled: r.disabled }]));
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

  /**
   * Sends every buffered write in ONE statement (data-modifying CTEs), with the NOTIFY when asked. Writes first
   * take the writers' lock and swap their provisional versions for real ones, drawn while holding it. The buffers
   * are emptied first: after a failure nothing of them is sent again.
   */
  async flush(opts: { processed: boolean; notify?: boolean }): Promise<void> {
    const rows = [...this.#dirty.values()];
    const log = [...this.#log.values()].flat();
    const processed = opts.processed ? this.#processed : [];
    this.discard();
    if (opts.processed) this.#processed = [];
    if (rows.length > 0) await this.#realVersions(rows, log);
    const max = rows.reduce((m, r) => Math.max(m, Number(r.version)), 0);
    const params: unknown[] = [];
    const p = (value: unknown, type: string) => `${(params.push(value), `$${params.length}`)}::${type}`;
    // Each table's rows travel as ONE JSON document (see RECORD_COLUMNS).
    const ctes: string[] = [];
    const json = (list: RecordRow[]) => recordsDocument(list, this.#stored);
    const columns = RECORD_COLUMNS;
    const created = rows.filter((r) => (this.#stored.get(r.id) ?? null) === null);
    const updated = rows.filter((r) => (this.#stored.get(r.id) ?? null) !== null);
    if (created.length > 0) {
      // A row that appeared meanwhile fails the statement (unique violation): the push runs again.
      ctes.push(`c AS (
        INSERT INTO sync_records (id, tenant_id, kind, body, field_versions, field_devices, version, deleted,
          unit_ids, created_by, updated_by, created_at, updated_at)
        SELECT id, tenant_id, kind, body, field_versions, field_devices, version, deleted, unit_ids, created_by,
          updated_by, created_at, updated_at
        FROM jsonb_to_recordset(${p(json(created), 'jsonb')}) AS x(${columns})
      )`);
    }
    if (updated.length > 0) {
      // Compare-and-set on the version read: the rows are locked, so a miss means a bug, never a lost write.
      ctes.push(`u AS (
        UPDATE sync_records s SET body = x.body, field_versions = x.field_versions,
          field_devices = x.field_devices, version = x.version, deleted = x.deleted, unit_ids = x.unit_ids,
          updated_by = x.updated_by, updated_at = x.updated_at
        FROM jsonb_to_recordset(${p(json(updated), 'jsonb')}) AS x(${columns})
        WHERE s.id = x.id AND s.version = x.stored
        RETURNING 1
      )`);
    }
    if (log.length > 0) {
      // `submitted` is absent (SQL NULL) when it equals `value`; a JSON null value is stored as jsonb 'null'.
      const json = logDocument(log);
      ctes.push(`l AS (
        INSERT INTO sync_changes (record_id, path, version, value, device_id, user_id, submitted)
        SELECT record_id, path, version, coalesce(value, 'null'::jsonb), device_id, user_id,
          CASE WHEN has_submitted THEN coalesce(submitted, 'null'::jsonb) END
        FROM jsonb_to_recordset(${p(json, 'jsonb')}) AS x(${LOG_COLUMNS})
      )`);
    }
    if (processed.length > 0) {
      const json = processedDocument(processed);
      ctes.push(`p AS (
        INSERT INTO sync_processed (user_id, device_id, seq, record_id, result)
        SELECT ${p(this.auth.userId, 'text')}, ${p(this.deviceId, 'text')}, seq, record_id, result
        FROM jsonb_to_recordset(${p(json, 'jsonb')}) AS x(${PROCESSED_COLUMNS})
      )`);
    }
    // Announces the push's highest version (earlier flushes included).
    const top = Math.max(this.written, max);
    const notify =
      opts.notify && top > 0 ? JSON.stringify({ tenantId: this.auth.tenantId, version: top }) : undefined;
    if (ctes.length === 0 && notify === undefined) return;
    // Delivered by PostgreSQL at commit, to every server process listening.
    const announce =
      notify === undefined ? '' : `, pg_notify(${p(SYNC_CHANNEL, 'text')}, ${p(notify, 'text')}) AS notified`;
    const counted = updated.length > 0 ? '(SELECT count(*) FROM u)' : '0';
    const tail = `SELECT ${counted} AS updated${announce}`;
    const result = await this.tx.query<{ updated: string | number }>(
      ctes.length > 0 ? `WITH ${ctes.join(', ')} ${tail}` : tail,
      params,
    );
    if (Number(result.rows[0]?.updated ?? 0) !== updated.length) throw new PushRaceError();
    for (const r of rows) this.#stored.set(r.id, Number(r.version));
    this.written = Math.max(this.written, max);
  }

  /**
   * Swaps the provisional versions of these writes (handed out since the last flush) for real ones, drawn from
   * `sync_version_seq` while holding the writers' lock, in the same order. Rows are changed in place: the push's
   * view and its answer hold the real versions from here on.
   */
  async #realVersions(rows: RecordRow[], log: LogEntry[]): Promise<void> {
    if (!this.#writersLocked) await this.#lockWriters();
    const count = this.#provisional - this.#mapped;
    if (count === 0) return;
    const { rows: drawn } = await this.tx.query<{ versions: (string | number)[] }>(
      `SELECT ARRAY(SELECT nextval('sync_version_seq') AS v FROM generate_series(1, $1::int) ORDER BY v) AS versions`,
      [count],
    );
    const real = drawn[0]!.versions.map(Number);
    const from = PROVISIONAL_VERSION + this.#mapped;
    const map = (v: number) => (v > from ? real[v - from - 1]! : v);
    this.#mapped = this.#provisional;
    for (const row of rows) {
      row.version = map(Number(row.version));
      for (const [path, v] of Object.entries(row.field_versions)) row.field_versions[path] = map(Number(v));
    }
    for (const entry of log) entry.version = map(entry.version);
  }

  discard(): void {
    this.#dirty = new Map();
    this.#log = new Map();
  }
}

const pathValue = (kind: RecordKind, body: Record<string, unknown>, path: string): unknown => {
  const { field, key } = splitPath(kind, path);
  // Own entries only: a map without a `constructor` entry must read as empty, not as Object.
  const owner = key === null ? body : (body[field] as Record<string, unknown> | undefined);
  const name = key ?? field;
  return owner && Object.hasOwn(owner, name) ? (owner[name] ?? null) : null;
};

/** The review rule's view of a record in this push (rows written earlier in the batch included). */
const lookupIn =
  (state: PushState): DraftLookup =>
  async (id) => {
    const row = await state.get(id);
    return row && { ...scopeOf(row), body: row.body, deleted: row.deleted };
  };

const reviewLookups = (state: PushState, recordId: string): ReviewLookups => ({
  draft: lookupIn(state),
  writtenSince: (path, baseVersion) => state.othersWritesSince(recordId, path, baseVersion),
  valueAt: (path, baseVersion) => state.mergeBase(recordId, path, baseVersion),
});

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

/** Paths of an attachment that never change after its create (what it is, and where it hangs). */
const ATTACHMENT_FIXED_PATHS = ['sha256', 'parentId', 'parentKind'] as const;

/**
 * One answer, in both languages, for an attachment whose parent is not on the server, is in another tenant, or
 * is not the caller's to write: nothing tells them apart.
 */
export const ATTACHMENT_PARENT_REFUSED =
  'parentId: catatan induk tidak ada atau tidak boleh Anda lampiri / the parent record is not there or not yours to attach to';

type AttachmentVerdict =
  { ok: true; createdBy: string } | { ok: false; code: 'not-found' | 'invalid'; detail: string };

/**
 * Checks a new attachment against its parent, which must be on the server (in this push or before: a phone
 * pushes a parent before the files attached to it), in the caller's tenant, and writable by the caller (issue
 * #17: a made-up or another unit's parent let a known hash open someone else's file). Sets the attachment's unit
 * from its parent, as comments take their draft's, and returns the `created_by` its row must carry: a file on a
 * record without a unit is scoped like that record, so whoever may read the parent reads its files.
 */
async function prepareAttachmentCreate(
  state: PushState,
  auth: AuthContext,
  body: Record<string, unknown>,
): Promise<AttachmentVerdict> {
  const parent = await state.get(String(body.parentId));
  if (!parent || parent.tenant_id !== auth.tenantId || !canWrite(auth, scopeOf(parent)))
    return { ok: false, code: 'not-found', detail: ATTACHMENT_PARENT_REFUSED };
  if (parent.kind !== body.parentKind) return { ok: false, code: 'invalid', detail: 'parentKind' };
  const units = parent.unit_ids;
  if (units.length === 0) {
    body.unitId = null;
    return { ok: true, createdBy: parent.created_by };
  }
  if (typeof body.unitId !== 'string' || !units.includes(body.unitId)) {
    const mine = auth.unitIds;
    body.unitId = units.find((u) => mine === null || mine.includes(u)) ?? units[0]!;
  }
  return { ok: true, createdBy: auth.userId };
}

/** Applies one change in memory (writes go out with the push's flush). Never throws for a change merely not allowed. */
async function applyChange(state: PushState, auth: AuthContext, change: Change): Promise<Outcome> {
  const { kind, recordId, deviceId } = change;
  const schema = BODY_SCHEMAS[kind];
  const { [DELETED_PATH]: tombstone, ...values } = change.values;
  if (tombstone !== undefined && typeof tombstone !== 'boolean') return reject('invalid', DELETED_PATH);
  let wantDeleted: boolean | null =
    typeof tombstone === 'boolean'
      ? tombstone
      : change.op === 'delete'
        ? true
        : change.op === 'restore'
          ? false
          : null;
  // Own keys only: `constructor`, `toString`, `__proto__` are "in" every object through its prototype.
  for (const path of Object.keys(values)) {
    const { field, key } = splitPath(kind, path);
    if (!Object.hasOwn(schema.shape, field)) return reject('invalid', path.slice(0, 100));
    // zod skips a `__proto__` key when it validates a map, so it would be stored unchecked: refuse it here.
    if (key === '__proto__') return reject('invalid', path);
  }
  const row = await state.get(recordId);
  // "Not yours" and "not there" answer alike, before anything else looks at the record (issue #17: a record of
  // another unit or tenant answered `forbidden`, a random id `not-found`, so a guessed id told whether it exists).
  // A create naming such a record's id is refused the same way: ids are global, it cannot be made again.
  if (row ? !canRead(auth, scopeOf(row)) : change.op !== 'create') return reject('not-found');
  // Only the server's merge sets `mergedInto` (it moves the records in the same transaction).
  if (
    kind === 'unit' &&
    Object.hasOwn(values, 'mergedInto') &&
    !jsonEqual(values.mergedInto ?? null, row ? pathValue(kind, row.body, 'mergedInto') : null)
  )
    return reject('forbidden', 'mergedInto');
  // A merged unit stays archived: its records live in the kept unit now.
  if (kind === 'unit' && row && pathValue(kind, row.body, 'mergedInto') !== null && values.archived === false)
    return reject('forbidden', 'archived');

  if (!row) {
    if (kind === 'conflict') return reject('forbidden');
    const accounts =
      kind === 'session'
        ? await state.accounts(sessionAccountIds(values, null))
        : new Map<string, TenantAccount>();
    if (kind === 'session') stampFollowUpOwners(values, accounts);
    let body = applyPaths(kind, emptyBody(kind), values);
    const valid = validateBody(kind, body);
    if (!valid.ok) return reject('invalid', valid.detail);
    let createdBy = auth.userId;
    if (kind === 'comment') {
      const verdict = await prepareCommentCreate(auth, body, commentDeps(state));
      if (!verdict.ok) return reject(verdict.code, verdict.detail);
      createdBy = verdict.createdBy;
    }
    if (kind === 'attachment') {
      const verdict = await prepareAttachmentCreate(state, auth, body);
      if (!verdict.ok) return reject(verdict.code, verdict.detail);
      createdBy = verdict.createdBy;
    }
    const unitIds = unitIdsOf(kind, body);
    const scope = { tenantId: auth.tenantId, kind, unitIds, createdBy };
    if (!canWrite(auth, scope)) return reject('forbidden');
    // A new record is made whole or not at all: a record missing the refused paths would be another record.
    const createRefused = refusedPaths(auth, { scope, before: null, after: body }, Object.keys(values));
    if (createRefused.size > 0) return reject('forbidden', refusalDetail(createRefused));
    if (kind === 'session') {
      const attempt = { scope, before: null, after: body };
      const why = facilitatorRefusal(auth, attempt, namedAccount(accounts, body.facilitatorId));
      if (why) return reject('forbidden', refusalDetail(new Map([['facilitatorId', why]])));
      stampFacilitatorName(values, null, accounts);
      body = applyPaths(kind, emptyBody(kind), values);
    }
    const refused = await reviewRefusal(auth, change, null, reviewLookups(state, recordId));
    if (refused) return reject(refused.code, refused.detail);
    if (kind === 'submission') await stampSubmission(auth, body, commentDeps(state).account);
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

  if (row.kind !== kind) return reject('kind-mismatch');
  // The record is the caller's to see: saying they may not write it reveals nothing.
  if (!canWrite(auth, scopeOf(row))) return reject('forbidden');
  // Who writes which path (src/shared/access.ts): refused paths are left out and named in the answer; the
  // allowed ones of the same change still apply.
  const accounts =
    kind === 'session'
      ? await state.accounts(sessionAccountIds(values, row.body))
      : new Map<string, TenantAccount>();
  if (kind === 'session') stampFollowUpOwners(values, accounts);
  const refusedHere = await refusedOfChange(state, auth, change, row, values, wantDeleted, accounts);
  if (refusedHere.size > 0) {
    for (const path of refusedHere.keys()) delete values[path];
    if (refusedHere.has(DELETED_PATH)) wantDeleted = null;
    if (Object.keys(values).length === 0 && wantDeleted === null)
      return reject('forbidden', refusalDetail(refusedHere));
  }
  // The review rule sees the change as it is applied: without its refused paths (the tombstone included).
  const allowedChange = {
    ...change,
    values: Object.fromEntries(Object.entries(change.values).filter(([p]) => !refusedHere.has(p))),
  };
  if (kind === 'session') stampFacilitatorName(values, row.body, accounts);
  const applied = await applyAllowed(state, auth, allowedChange, row, values, wantDeleted);
  if (applied.status === 'rejected' || refusedHere.size === 0) return applied;
  // Partly applied: the person is told which paths were refused (the rest is on the server, pulled back).
  return reject('forbidden', refusalDetail(refusedHere));
}

/** What the answer says of refused paths: each path with its reason, "Indonesian / English". */
function refusalDetail(refused: Map<string, WriteRefusal>): string {
  const byReason = new Map<WriteRefusal, string[]>();
  for (const [path, why] of refused) byReason.set(why, [...(byReason.get(why) ?? []), path]);
  return [...byReason].map(([why, paths]) => `${paths.join(', ')}: ${writeRefusalText(why)}`).join('; ');
}

/**
 * The paths of a change to a stored record that this person may not write (only paths whose value changes, and
 * the tombstone when it flips). An innovator's follow-up edit made on an older value is judged on that value
 * (what they saw and changed) and on the value there now (the follow-up must still be theirs).
 */
async function refusedOfChange(
  state: PushState,
  auth: AuthContext,
  change: Change,
  row: RecordRow,
  values: FieldValues,
  wantDeleted: boolean | null,
  accounts: ReadonlyMap<string, TenantAccount>,
): Promise<Map<string, WriteRefusal>> {
  const kind = row.kind;
  const changing = Object.keys(values).filter(
    (p) => !jsonEqual(pathValue(kind, row.body, p), values[p] ?? null),
  );
  if (wantDeleted !== null && wantDeleted !== row.deleted) changing.push(DELETED_PATH);
  const attempt = { scope: scopeOf(row), before: row.body, after: applyPaths(kind, row.body, values) };
  const refused = refusedPaths(auth, attempt, changing);
  if (kind === 'session' && changing.includes('facilitatorId') && !refused.has('facilitatorId')) {
    const why = facilitatorRefusal(auth, attempt, namedAccount(accounts, attempt.after.facilitatorId));
    if (why) refused.set('facilitatorId', why);
  }
  for (const [path, why] of refused) {
    const baseVersion = change.base[path] ?? 0;
    if (why !== 'own-follow-up' || Number(row.field_versions[path] ?? 0) <= baseVersion) continue;
    const seen = await state.mergeBase(row.id, path, baseVersion);
    const onSeen = { ...attempt, before: applyPaths(kind, row.body, { [path]: seen }) };
    const incoming = values[path];
    const current = pathValue(kind, row.body, path);
    const sameMoveNow =
      current && typeof current === 'object' && incoming && typeof incoming === 'object'
        ? { ...current, status: (incoming as { status?: unknown }).status }
        : incoming;
    const onNow = { ...attempt, after: applyPaths(kind, row.body, { [path]: sameMoveNow }) };
    if (refusedPaths(auth, onSeen, [path]).size === 0 && refusedPaths(auth, onNow, [path]).size === 0)
      refused.delete(path);
  }
  return refused;
}

/** Applies the (allowed) paths of a change to a stored record: the merge, conflicts and the tombstone. */
async function applyAllowed(
  state: PushState,
  auth: AuthContext,
  change: Change,
  row: RecordRow,
  values: FieldValues,
  wantDeleted: boolean | null,
): Promise<Outcome> {
  const { kind, recordId, deviceId } = change;
  if (kind === 'conflict') {
    // Conflicts are made by the server; people only mark them resolved.
    if (wantDeleted !== null || Object.keys(values).some((p) => p !== 'resolved')) return reject('forbidden');
  }
  if (kind === 'attachment') {
    // A file stays on its record and its content: attaching elsewhere is a new attachment, checked as one.
    for (const path of ATTACHMENT_FIXED_PATHS) {
      if (Object.hasOwn(values, path) && !jsonEqual(pathValue(kind, row.body, path), values[path] ?? null))
        return reject('invalid', path);
    }
  }
  if (kind === 'comment') {
    const changed = Object.fromEntries(
      Object.entries(values).filter(([p, v]) => !jsonEqual(pathValue(kind, row.body, p), v ?? null)),
    );
    const tombstoneChange = wantDeleted !== null && wantDeleted !== row.deleted ? wantDeleted : null;
    const verdict = checkCommentChange(auth, row.body, changed, tombstoneChange);
    if (!verdict.ok) return reject(verdict.code, verdict.detail);
    await stampResolutionChanges(auth, values, commentDeps(state));
  }
  const refused = await reviewRefusal(auth, change, row.body, reviewLookups(state, recordId));
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
    const edit = {
      current: pathValue(kind, row.body, path),
      currentVersion: Number(row.field_versions[path] ?? 0),
      incoming: value ?? null,
      baseVersion: change.base[path] ?? 0,
      meetsDelete: editsMeetDelete,
    };
    const decision = await decideField(edit, {
      othersWroteSince: () => state.othersWroteSince(recordId, path, edit.baseVersion),
      mergeBase: () => state.mergeBase(recordId, path, edit.baseVersion),
    });
    if (!writesAsSent(edit, decision)) asSent = false;
    if (decision.action === 'write') {
      writes[path] = decision.value;
      if ('submitted' in decision) submitted[path] = decision.submitted;
    } else if (decision.action === 'conflict') {
      conflicts.push({ path, base: decision.base, winner: decision.winner, loser: decision.loser });
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
        field_devices: Object.fromEntries(paths.map((p) => [p, SERVER_DEVICE])),
        version,
        deleted: false,
        unit_ids: unitIds,
        // Visible to whoever may see the record (for a record without units: its creator and coordinators).
        created_by: row.created_by,
        updated_by: auth.userId,
        created_at: change.editedAt,
        updated_at: change.editedAt,
      },
      logOf(id, version, body, SERVER_DEVICE, auth.userId),
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
  let savepoints = false;
  for (let attempt = 0; ; attempt++) {
    try {
      return await runPush(db, auth, req, savepoints);
    } catch (err) {
      // A value PostgreSQL refuses (data exception, SQLSTATE class 22, e.g. a NUL character in jsonb) must not
      // block the queue behind it: the push runs again, this time each change applied in a savepoint and its
      // writes probed (`PushState.probe`), and only that change is refused; the rest is written in one flush at the
      // end, as on a normal push, so the writers' lock is not held through the retry (issue #17: one bad batch
      // stalled every tenant's pushes). (Savepoints on every push would cost three round trips per change.)
      if (isDataError(err) && !savepoints) savepoints = true;
      else if (!(isRace(err) && attempt < PUSH_RACE_RETRIES)) throw err;
    }
  }
}

const storedResult = (outcome: Outcome): StoredResult =>
  outcome.status === 'applied'
    ? { status: 'applied', conflictIds: outcome.conflictIds }
    : outcome.detail === undefined
      ? { status: 'rejected', code: outcome.code }
      : { status: 'rejected', code: outcome.code, detail: outcome.detail };

/**
 * Applies a change on the retry path: in a savepoint, its writes (and its idempotency row) probed by PostgreSQL
 * but not written. A data error, in the change's own reads or in its probe, takes back only this change, refused
 * as `invalid`; anything else (connection lost, a crash) fails the whole push, which is retried later.
 */
async function applyProbed(
  tx: Queryable,
  state: PushState,
  auth: AuthContext,
  change: Change,
): Promise<Outcome> {
  await tx.query('SAVEPOINT sync_change');
  state.mark();
  try {
    const outcome = await applyChange(state, auth, change);
    await state.probe({ seq: change.seq, recordId: change.recordId, result: storedResult(outcome) });
    await tx.query('RELEASE SAVEPOINT sync_change');
    return outcome;
  } catch (err) {
    if (!isDataError(err)) throw err;
    await tx.query('ROLLBACK TO SAVEPOINT sync_change');
    state.undo();
    return reject('invalid', err instanceof Error ? err.message.slice(0, 200) : undefined);
  }
}

/** A record created or changed by another push between this push's read and its write: run it again. */
const isRace = (err: unknown): boolean =>
  err instanceof PushRaceError ||
  (typeof err === 'object' &&
    err !== null &&
    (err as { code?: unknown }).code === '23505' &&
    (err as { constraint?: unknown }).constraint === 'sync_records_pkey');

async function runPush(
  db: Database,
  auth: AuthContext,
  req: PushRequest,
  savepoints: boolean,
): Promise<PushOutcome> {
  const { stored, rows, serverVersion, newVersion } = await db.transaction(async (tx) => {
    const state = new PushState(tx, auth, req.deviceId);
    const begun = await state.begin(req.changes.map((c) => c.seq));
    // A change written offline may name a unit merged meanwhile: it lands in the unit that was kept.
    const merged = await state.mergedUnits(req.changes);
    const changes = merged.size === 0 ? req.changes : req.changes.map((c) => withUnitsMapped(c, merged));
    await state.prefetch(
      req.changes.map((c) => c.recordId),
      true,
    );
    const seen = new Map<number, { result: StoredResult; recordId: string }>();
    for (const p of begun.processed) seen.set(p.seq, { result: p.result, recordId: p.recordId });
    const stored: { change: Change; result: StoredResult }[] = [];
    for (const change of changes) {
      if (change.deviceId !== req.deviceId) {
        stored.push({ change, result: { status: 'rejected', code: 'invalid', detail: 'deviceId' } });
        continue;
      }
      const prior = seen.get(change.seq);
      if (prior) {
        stored.push({ change: { ...change, recordId: prior.recordId }, result: prior.result });
        continue;
      }
      const outcome = savepoints
        ? await applyProbed(tx, state, auth, change)
        : await applyChange(state, auth, change);
      const result = storedResult(outcome);
      seen.set(change.seq, { result, recordId: change.recordId });
      state.processed({ seq: change.seq, recordId: change.recordId, result });
      stored.push({ change, result });
    }
    await state.flush({ processed: true, notify: true });
    // Every version written by this push belongs to this tenant and is above what it held before.
    const top = state.written;
    const newVersion = top > 0 ? top : null;
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

/**
 * A record written by the server itself rather than pushed by a phone (an account's person record, see
 * `accounts/people.ts`): the top-level `fields` that differ from the stored record, and the tombstone, each
 * versioned and logged as a push from device 'server' would be, so every phone pulls it and a phone's later edit
 * merges on it as usual. On a new record `fields` come on top of `defaults`. Must run inside a transaction: it
 * takes the writers' lock, held until the commit. Returns the version written, or null when nothing changed.
 * Only for kinds without map fields (their entries would be paths of their own).
 */
export async function writeServerRecord(
  tx: Queryable,
  input: {
    tenantId: string;
    /** Who caused the write (the coordinator, or 'server' for a backfill): `updatedBy` and the change log. */
    actor: string;
    kind: RecordKind;
    id: string;
    fields: Record<string, unknown>;
    defaults?: Record<string, unknown>;
    deleted: boolean;
    now?: number;
  },
): Promise<number | null> {
  const { tenantId, actor, kind, id, deleted } = input;
  if (MAP_FIELDS[kind].length > 0) throw new Error(`writeServerRecord: ${kind} has map fields`);
  const now = input.now ?? Date.now();
  const auth: AuthContext = { tenantId, userId: actor, role: 'coordinator', unitIds: null, canWrite: true };
  const state = new PushState(tx, auth, SERVER_DEVICE);
  await state.prefetch([id], true);
  const row = await state.get(id);
  if (row && (row.tenant_id !== tenantId || row.kind !== kind)) {
    throw new Error(`writeServerRecord: ${id} is another tenant's or kind's record`);
  }
  const body = { ...(row ? row.body : (input.defaults ?? {})), ...input.fields };
  const valid = validateBody(kind, body);
  if (!valid.ok) throw new Error(`writeServerRecord: invalid ${kind} ${id}: ${valid.detail}`);
  const writes: FieldValues = {};
  for (const [path, value] of Object.entries(row ? input.fields : body))
    if (!row || !jsonEqual(pathValue(kind, row.body, path), value ?? null)) writes[path] = value;
  if (!row || row.deleted !== deleted) writes[DELETED_PATH] = deleted;
  if (Object.keys(writes).length === 0) return null;
  const version = state.nextVersion();
  const unitIds = unitIdsOf(kind, body);
  state.write(
    {
      id,
      tenant_id: tenantId,
      kind,
      body,
      field_versions: {
        ...row?.field_versions,
        ...Object.fromEntries(Object.keys(writes).map((p) => [p, version])),
      },
      field_devices: {
        ...row?.field_devices,
        ...Object.fromEntries(Object.keys(writes).map((p) => [p, SERVER_DEVICE])),
      },
      version,
      deleted,
      unit_ids: unitIds,
      created_by: row?.created_by ?? actor,
      updated_by: actor,
      created_at: row?.created_at ?? now,
      updated_at: now,
    },
    logOf(id, version, writes, SERVER_DEVICE, actor),
  );
  await state.flush({ processed: false, notify: true });
  return state.written;
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

/**
 * Where each of `unitIds` lives now if it was merged away: old id -> the unit at the end of its chain of merges
 * (A merged into B, later B into C: A -> C). Units never merged are left out.
 */
export async function mergedUnitTargets(
  db: Queryable,
  tenantId: string,
  unitIds: string[],
): Promise<Map<string, string>> {
  const { rows } = await db.query<{ id: string; target: string }>(
    `WITH RECURSIVE chain(id, target, depth) AS (
       SELECT id::text, body->>'mergedInto', 1 FROM sync_records
       WHERE tenant_id = $1 AND kind = 'unit' AND id = ANY($2::uuid[]) AND body->>'mergedInto' IS NOT NULL
       UNION ALL
       SELECT chain.id, s.body->>'mergedInto', chain.depth + 1
       FROM chain JOIN sync_records s ON s.id::text = chain.target AND s.tenant_id = $1 AND s.kind = 'unit'
       WHERE s.body->>'mergedInto' IS NOT NULL AND chain.depth < 50
     )
     SELECT DISTINCT ON (id) id, target FROM chain ORDER BY id, depth DESC`,
    [tenantId, unitIds],
  );
  return new Map(rows.map((r) => [r.id, r.target]));
}

/** A change with the merged-away units its unit field names replaced by the units they were merged into. */
function withUnitsMapped(change: Change, merged: ReadonlyMap<string, string>): Change {
  const field = UNIT_FIELDS[change.kind];
  if (!field || !Object.hasOwn(change.values, field)) return change;
  const lower = (v: unknown) =>
    typeof v === 'string'
      ? v.toLowerCase()
      : Array.isArray(v)
        ? v.map((x: unknown) => (typeof x === 'string' ? x.toLowerCase() : x))
        : v;
  const before = change.values[field];
  const after = remapUnitValue(lower(before), merged);
  if (jsonEqual(after, lower(before))) return change;
  return { ...change, values: { ...change.values, [field]: after } };
}

/** An edit the server itself makes to a stored record (a unit merge): new values by path, and the row's units. */
export interface ServerEdit {
  recordId: string;
  values: FieldValues;
  /** The row's units when they do not follow from its body (a conflict keeps its record's units). */
  unitIds?: string[];
}

/**
 * Writes the server's own edits of stored records in the caller's transaction, the way a push writes: rows
 * locked in id order, each changed path a new version drawn under the writers' lock and logged in
 * `sync_changes` as written by device 'server', the record's version raised, and the change announced (NOTIFY)
 * at commit. So every phone pulls the new state, and a phone whose outbox still holds an edit of such a path
 * meets it as another device's write (merged three-way, or a conflict), exactly like a person's edit. The caller
 * has checked who may do this; `verify` re-checks its preconditions on the locked rows (all rows are locked in
 * one statement, in id order, as a push locks them, so the two never wait on each other crosswise). Unknown ids
 * are skipped. Returns the records as written and the highest version.
 */
export async function writeServerEdits(
  tx: Queryable,
  auth: AuthContext,
  edits: readonly ServerEdit[],
  opts: {
    /** Runs on the locked rows before anything is written; throw to give up (the caller rolls back). */
    verify?: (locked: ReadonlyMap<string, AnyRecord>) => void;
    editedAt?: number;
  } = {},
): Promise<{ records: AnyRecord[]; newVersion: number | null }> {
  const editedAt = opts.editedAt ?? Date.now();
  const state = new PushState(tx, auth, SERVER_DEVICE);
  const ids = edits.map((e) => e.recordId);
  await state.prefetch(ids, true);
  if (opts.verify) {
    const locked = new Map<string, AnyRecord>();
    for (const id of ids) {
      const row = await state.get(id);
      if (row) locked.set(id, rowToRecord(row));
    }
    opts.verify(locked);
  }
  const written: string[] = [];
  for (const edit of edits) {
    const row = await state.get(edit.recordId);
    if (!row) continue;
    const kind = row.kind;
    const changed = Object.fromEntries(
      Object.entries(edit.values).filter(([p, v]) => !jsonEqual(pathValue(kind, row.body, p), v ?? null)),
    );
    const body = applyPaths(kind, row.body, changed);
    const valid = validateBody(kind, body);
    if (!valid.ok) throw new Error(`server edit of ${edit.recordId} is invalid: ${valid.detail}`);
    const unitIds = edit.unitIds ?? (kind === 'conflict' ? row.unit_ids : unitIdsOf(kind, body));
    if (Object.keys(changed).length === 0 && jsonEqual(unitIds, row.unit_ids)) continue;
    const version = state.nextVersion();
    const fieldVersions = { ...row.field_versions };
    const fieldDevices = { ...row.field_devices };
    for (const path of Object.keys(changed)) {
      fieldVersions[path] = version;
      fieldDevices[path] = SERVER_DEVICE;
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
        updated_at: editedAt,
      },
      logOf(row.id, version, changed, SERVER_DEVICE, auth.userId),
    );
    written.push(row.id);
  }
  await state.flush({ processed: false, notify: true });
  const records: AnyRecord[] = [];
  for (const id of written) records.push(rowToRecord((await state.get(id))!));
  return { records, newVersion: state.written > 0 ? state.written : null };
}
