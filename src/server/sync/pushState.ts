/**
 * One batch of record writes' view of the store (a push, or writes the server makes itself): the rows of its
 * records (read in one query), the versions drawn for it, and its writes. Writes stay in memory and go to the
 * database together in ONE statement (`flush`, see batch.ts) instead of one or two statements per change. Reads
 * of the change log (merge bases, rare) look at the unsent entries first: they are newer than anything in the
 * database.
 */
import type { Role } from '../auth/types';
import type { Queryable } from '../db/types';
import { probeBatch, writeBatch, type ProcessedEntry } from './batch';
import { pathVersion, type LogEntry, type RecordRow } from './rows';
import type { TenantAccount } from './sessions';
import type { ReviewFlow } from '../../shared/records';
import type { Change } from '../../shared/protocol';
import { tenantReviewFlow } from '../programme/read';
import { recordsByIdSql } from './lookups';

/**
 * Provisional versions are this plus 1, 2, ...: above any real version (2^52, still an exact JS number), so the
 * push's own comparisons order them after everything stored and in the order they were handed out.
 */
const PROVISIONAL_VERSION = 2 ** 52;

/**
 * The columns of `sync_records` a batch reads, besides `field_versions` (all but `field_devices`, see `prefetch`);
 * the same of the table named `s`.
 */
const READ_COLUMNS = `id, tenant_id, kind, body, version, deleted, unit_ids, created_by, updated_by, created_at,
  updated_at`;
const READ_COLUMNS_OF_S = READ_COLUMNS.split(',')
  .map((column) => `s.${column.trim()}`)
  .join(', ');

/**
 * The path versions a slim-answered push reads of a record (see `prefetch`): every top-level path's, and of map
 * entries those newer than `known` (the lowest of the highest bases of the changes to it) or in `paths`.
 */
export interface VersionsNeeded {
  known: number;
  paths: string[];
}

/** `field_versions` cut to what `VersionsNeeded` names (a map entry's path has a dot, a top-level field's none). */
const PARTIAL_VERSIONS = `CASE WHEN k.id IS NULL THEN s.field_versions ELSE (
    SELECT coalesce(jsonb_object_agg(e.key, e.value), '{}'::jsonb) FROM jsonb_each(s.field_versions) AS e
    WHERE strpos(e.key, '.') = 0 OR e.value::bigint > k.known OR e.key = ANY(k.paths)
  ) END AS field_versions`;

/** A write found its row changed under it (the compare-and-set missed): the whole push runs again. */
export class PushRaceError extends Error {
  constructor() {
    super('a record changed during the push; retrying');
  }
}

/** Who writes: the change log and `updated_by` name the user, field devices and the log the device. */
export interface Writer {
  tenantId: string;
  userId: string;
  deviceId: string;
}

/** What `PushState.mark` keeps of one change: how to take its writes back, and which writes to probe. */
interface ChangeMark {
  undo: (() => void)[];
  ids: Set<string>;
  log: LogEntry[];
  processed: number;
}

export class PushState {
  readonly #rows = new Map<string, RecordRow | null>();
  /**
   * Each record as the database holds it (null: no row yet): the flush's compare-and-set checks its version, and
   * an update sends only what changed since it (batch.ts).
   */
  readonly #stored = new Map<string, RecordRow | null>();
  /** Provisional versions handed out so far (see `nextVersion`), and how many of them `flush` has mapped. */
  #provisional = 0;
  #mapped = 0;
  /** Rows to write, latest state per id (a record changed twice in a batch is written once). */
  #dirty = new Map<string, RecordRow>();
  /** Change-log entries not yet written, by `recordId path`, oldest first. */
  #log = new Map<string, LogEntry[]>();
  #processed: ProcessedEntry[] = [];
  /** `recordId path base` -> whether another device wrote the path after `base` (see `readOthersWrote`). */
  readonly #othersWrote = new Map<string, boolean>();
  /** The change being applied on the retry path (see `mark`), or null. */
  #mark: ChangeMark | null = null;
  /** The tenant's review flow, read once per push at the first status move (see `reviewFlow`). */
  #reviewFlow: Promise<ReviewFlow> | null = null;
  /** Highest version written to the database by this push (0: none yet). */
  written = 0;
  constructor(
    readonly tx: Queryable,
    readonly writer: Writer,
  ) {}

  get deviceId(): string {
    return this.writer.deviceId;
  }

  /**
   * A provisional version for a write: above every real version, in the order handed out, and replaced by a real
   * one of the tenant's versions when `flush` holds the tenant's writers' lock (see push.ts, versions.ts).
   */
  nextVersion(): number {
    return PROVISIONAL_VERSION + ++this.#provisional;
  }

  /**
   * Reads rows into the push's view. `lock`: the records this push may write, locked (`FOR UPDATE`, in id order
   * so that two pushes never wait on each other crosswise) until the commit. `versionsNeeded` (a push answered
   * slim): of these records' map entries (`sections.x`, `participants.<id>`), read the versions of only the
   * paths the push sends and those newer than what its phone knew; nothing else reads them, and parsing every
   * entry's version (keys made of entry ids, each map its own shape in V8) was a tenth of a push's CPU.
   */
  async prefetch(
    ids: string[],
    lock = false,
    versionsNeeded?: ReadonlyMap<string, VersionsNeeded>,
  ): Promise<void> {
    const wanted = [...new Set(ids)].filter((id) => !this.#rows.has(id));
    if (wanted.length === 0) return;
    const needed = versionsNeeded ? [...versionsNeeded].map(([id, v]) => ({ id, ...v })) : [];
    // Not `field_devices`: nothing here reads it, and a write merges the paths it stamps into the stored map.
    const { rows } =
      needed.length > 0
        ? await this.tx.query<Omit<RecordRow, 'field_devices'> & { partial: boolean }>(
            `SELECT ${READ_COLUMNS_OF_S}, ${PARTIAL_VERSIONS}, k.id IS NOT NULL AS partial
             FROM ${recordsByIdSql('$1', '$2', 's', { columns: `${READ_COLUMNS}, field_versions`, lock })}
             LEFT JOIN jsonb_to_recordset($3::jsonb) AS k(id uuid, known bigint, paths text[]) ON k.id = s.id`,
            [this.writer.tenantId, wanted, JSON.stringify(needed)],
          )
        : await this.tx.query<Omit<RecordRow, 'field_devices'> & { partial?: undefined }>(
            `SELECT s.* FROM ${recordsByIdSql('$1', '$2', 's', { columns: `${READ_COLUMNS}, field_versions`, lock })}`,
            [this.writer.tenantId, wanted],
          );
    for (const id of wanted) {
      this.#rows.set(id, null);
      if (!this.#stored.has(id)) this.#stored.set(id, null);
    }
    for (const { partial, ...read } of rows) {
      const row: RecordRow = partial
        ? { ...read, field_devices: {}, versions_partial: true }
        : { ...read, field_devices: {} };
      this.#rows.set(row.id, row);
      this.#stored.set(row.id, row);
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
   * will send them (`probeBatch`): a value it refuses throws here rather than in the push's one write. Run it in
   * a savepoint: the error aborts what runs since.
   */
  async probe(entry: ProcessedEntry): Promise<void> {
    const mark = this.#mark;
    if (!mark) return;
    const rows = [...mark.ids].flatMap((id) => {
      const row = this.#dirty.get(id);
      return row ? [row] : [];
    });
    await probeBatch(this.tx, { rows, stored: this.#stored, log: mark.log, processed: [entry] });
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
    // The stored row's version of a path is the highest the change log holds for it (every logged write stamps
    // its paths): at or below the base, the log has nothing newer to find. This skips the read for a device's
    // own consecutive edits of a record in one batch, the common case.
    const stored = this.#stored.get(recordId);
    if (stored === null || (stored && !(pathVersion(stored, path) > baseVersion))) return false;
    const known = this.#othersWrote.get(`${recordId} ${path} ${baseVersion}`);
    if (known !== undefined) return known;
    const { rows } = await this.tx.query(
      `SELECT 1 FROM sync_changes
       WHERE tenant_id = $5 AND record_id = $1 AND path = $2 AND version > $3 AND device_id <> $4 LIMIT 1`,
      [recordId, path, baseVersion, this.deviceId, this.writer.tenantId],
    );
    return rows.length > 0;
  }

  /**
   * Reads at once, for every edit of `changes` whose base is behind its stored path, whether another device wrote
   * the path since (what `othersWroteSince` asks the change log). A phone that typed on while its last push was
   * on the wire sends such edits, one per path it kept typing in; asked one by one, each was a round trip inside
   * the push. Call after `prefetch` locked the records: no other push can write them until the commit, so the
   * answers hold for the whole push. One stale edit is left to `othersWroteSince` (the same one round trip, and
   * only if the change gets that far).
   */
  async readOthersWrote(changes: readonly Change[]): Promise<void> {
    const keys: string[] = [];
    const asked = new Set<string>();
    const ids: string[] = [];
    const paths: string[] = [];
    const bases: number[] = [];
    for (const change of changes) {
      const stored = this.#stored.get(change.recordId);
      if (!stored || change.deviceId !== this.deviceId) continue;
      for (const path of Object.keys(change.values)) {
        const base = change.base[path] ?? 0;
        const key = `${change.recordId} ${path} ${base}`;
        if (asked.has(key) || this.#othersWrote.has(key) || !(pathVersion(stored, path) > base)) continue;
        asked.add(key);
        keys.push(key);
        ids.push(change.recordId);
        paths.push(path);
        bases.push(base);
      }
    }
    if (keys.length < 2) return;
    const { rows } = await this.tx.query<{ i: string | number }>(
      `SELECT k.i FROM unnest($2::uuid[], $3::text[], $4::bigint[]) WITH ORDINALITY AS k(id, path, base, i)
       WHERE EXISTS (SELECT 1 FROM sync_changes c WHERE c.tenant_id = $1 AND c.record_id = k.id
         AND c.path = k.path AND c.version > k.base AND c.device_id <> $5)`,
      [this.writer.tenantId, ids, paths, bases, this.deviceId],
    );
    for (const key of keys) this.#othersWrote.set(key, false);
    for (const { i } of rows) this.#othersWrote.set(keys[Number(i) - 1]!, true);
  }

  /** What other devices wrote to the path after `baseVersion`, oldest first (the review rule's "what happened since"). */
  async othersWritesSince(recordId: string, path: string, baseVersion: number): Promise<unknown[]> {
    const { rows } = await this.tx.query<{ value: unknown }>(
      `SELECT value FROM sync_changes
       WHERE tenant_id = $5 AND record_id = $1 AND path = $2 AND version > $3 AND device_id <> $4
       ORDER BY version`,
      [recordId, path, baseVersion, this.deviceId, this.writer.tenantId],
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
       WHERE tenant_id = $5 AND record_id = $1 AND path = $2 AND (version <= $3 OR device_id = $4)
       ORDER BY version DESC LIMIT 1`,
      [recordId, path, baseVersion, this.deviceId, this.writer.tenantId],
    );
    return rows[0]?.value ?? null;
  }

  /** Who wrote the path last. */
  async lastWriter(recordId: string, path: string): Promise<string | undefined> {
    const last = this.#pending(recordId, path).at(-1);
    if (last) return last.userId;
    const { rows } = await this.tx.query<{ user_id: string }>(
      `SELECT user_id FROM sync_changes WHERE tenant_id = $1 AND record_id = $2 AND path = $3
       ORDER BY version DESC LIMIT 1`,
      [this.writer.tenantId, recordId, path],
    );
    return rows[0]?.user_id;
  }

  /** Name and role of the accounts that wrote a conflict's two sides (for "versi fasilitator (Budi)"). */
  async writers(userIds: string[]): Promise<Map<string, { name: string; role: Role }>> {
    const { rows } = await this.tx.query<{ id: string; name: string; role: Role }>(
      `SELECT id, name, role FROM users WHERE tenant_id = $1 AND id = ANY($2::text[])`,
      [this.writer.tenantId, userIds],
    );
    return new Map(rows.map((r) => [r.id, { name: r.name, role: r.role }]));
  }

  /** The tenant's review flow in force (its active programme record), read once per push. */
  reviewFlow(): Promise<ReviewFlow> {
    this.#reviewFlow ??= tenantReviewFlow(this.tx, this.writer.tenantId);
    return this.#reviewFlow;
  }

  /** Accounts of the writer's tenant among `ids` (another tenant's, or no account: left out). */
  async accounts(ids: string[]): Promise<Map<string, TenantAccount>> {
    if (ids.length === 0) return new Map();
    const { rows } = await this.tx.query<{ id: string; name: string; role: Role; disabled: boolean }>(
      `SELECT id, name, role, disabled FROM users WHERE tenant_id = $1 AND id = ANY($2::text[])`,
      [this.writer.tenantId, ids],
    );
    return new Map(rows.map((r) => [r.id, { name: r.name, role: r.role, disabled: r.disabled }]));
  }

  /**
   * Sends every buffered write in ONE statement (`writeBatch`), with the NOTIFY when asked. That statement takes
   * the tenant's writers' lock (held until the commit) and draws the real versions that replace the writes'
   * provisional ones (handed out since the last flush, in the same order): under the lock, only the statement
   * and the commit run, no round trip and none of this process's work. The rows are then given their real
   * versions in place: the push's view and its answer hold them from here on. The buffers are emptied first:
   * after a failure nothing of them is sent again. `last`: the transaction's last statement, sent with its
   * COMMIT (nothing may be read or written after it).
   */
  async flush(opts: { processed: boolean; notify?: boolean; last?: boolean }): Promise<void> {
    const rows = [...this.#dirty.values()];
    const log = [...this.#log.values()].flat();
    const processed = opts.processed ? this.#processed : [];
    this.#dirty = new Map();
    this.#log = new Map();
    if (opts.processed) this.#processed = [];
    const from = PROVISIONAL_VERSION + this.#mapped;
    const count = this.#provisional - this.#mapped;
    const draw = rows.length > 0 ? { from, count } : undefined;
    const { tenantId, userId, deviceId } = this.writer;
    // Announces the push's highest version, earlier flushes' included (this one's drawn ones are above).
    const announce = opts.notify && (draw || this.written > 0) ? this.written : undefined;
    const batch = { tenantId, userId, deviceId, rows, stored: this.#stored, log, processed, draw, announce };
    const { written, drawn } = await writeBatch(this.tx, batch, { last: opts.last });
    if (!written) throw new PushRaceError();
    if (draw) {
      if (drawn === null) throw new Error('the write drew no versions');
      this.#mapped = this.#provisional;
      const shift = drawn - count - from;
      const real = (v: number) => (v > from ? v + shift : v);
      for (const row of rows) {
        row.version = real(Number(row.version));
        const stamps = row.field_stamps ?? {};
        for (const path in stamps) stamps[path] = real(stamps[path]!);
      }
      for (const entry of log) entry.version = real(entry.version);
    }
    for (const r of rows) this.#stored.set(r.id, r);
    this.written = rows.reduce((m, r) => Math.max(m, Number(r.version)), this.written);
  }
}
