/**
 * Dexie implementation of `LocalStore` (see types.ts for the guarantees). The only code that touches IndexedDB.
 *
 * Outbox rule: a write appends one entry per record change, or amends the record's latest entry while it is
 * still 'pending' (values merged, the EARLIEST base kept per path). 'sending' and rejected entries are never
 * amended. The tombstone is the pseudo-path `deleted` (values.deleted true/false), so a delete or restore merges
 * with pending edits like any other path; `op` says what the entry does overall.
 */
import { uuidv7 } from 'uuidv7';
import {
  BODY_SCHEMAS,
  anyRecordSchema,
  type AnyRecord,
  type BodyOf,
  type RecordId,
  type RecordKind,
  type RecordOfKind,
} from '../../shared/records';
import { diffBodies, flattenBody, applyPaths, type FieldValues } from '../../shared/fieldPaths';
import { rebasable, rebaseField } from '../../shared/fieldDecision';
import {
  SELF_SCOPED_KINDS,
  facilitatorRefusal,
  namedAccountOfPerson,
  reachRefusal,
  refusedPaths,
  scopeOfRecord,
  WRITE_REFUSAL_MESSAGES,
  type AccessPrincipal,
  type NamedAccount,
  type WriteRefusal,
} from '../../shared/access';
import type { Change } from '../../shared/protocol';
import { indexWords, searchTerms } from '../../shared/domain/search';
import { repairRecord } from '../../shared/domain/repair';
import { SUMMARY_OMITTED_FIELDS, isPartial, mergeSummaryOver } from '../../shared/summary';
import {
  KIND_TABLES,
  META_DEVICE_ID,
  TABLE_KINDS,
  createDexie,
  type RecordTableName,
  type RintisDexie,
  type StoredRow,
} from './schema';
import type {
  ImportCounts,
  ImportedRecord,
  ListQuery,
  FieldBase,
  LocalStore,
  OutboxEntry,
  QuarantinedRecord,
} from './types';

/** Above this many search hits, a limited list walks the order index instead of loading every hit. */
const BROAD_SEARCH_HITS = 1_000;
/** A search page walk in display order reads at most this many rows per hit wanted before using the word index. */
const WALK_ROWS_PER_HIT = 12;
/** Comment hits read whole (then sorted) up to this many; beyond, the order comes from the index's keys. */
const SMALL_ROWS_READ_MAX = 400;
/** Rows the walk reads first, to see how common the words are. */
const WALK_FIRST_CHUNK = 16;

/** Tombstone pseudo-path in outbox entries and `fieldVersions`. */
export const DELETED_PATH = 'deleted';

export type StoreErrorCode = 'not-found' | 'exists' | 'invalid' | 'corrupt' | 'partial' | 'forbidden';

/** A store error with a message in Indonesian and English that a screen can show as it is. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

const MESSAGES: Record<StoreErrorCode, string> = {
  'not-found': 'Data tidak ditemukan / record not found',
  exists: 'Data dengan ID ini sudah ada / a record with this id already exists',
  invalid: 'Isian tidak sah / invalid input',
  corrupt: 'Data tersimpan rusak dan disisihkan / the stored record is damaged and was set aside',
  partial:
    'Isi lengkap data ini belum diunduh ke perangkat ini; tunggu sampai terunduh / ' +
    'the full record is not on this device yet; wait until it has downloaded',
  forbidden:
    'Peran Anda tidak boleh mengubah data ini, jadi perubahan tidak disimpan; minta admin lokal bila perlu / ' +
    'your role may not change this record, so the change was not saved; ask the local admin if needed',
};

/** The store's refusal with the rule's reason, still one "Indonesian / English" pair (screens show one half). */
function forbiddenMessage(why: WriteRefusal): string {
  const [id, en] = MESSAGES.forbidden.split(' / ');
  const reason = WRITE_REFUSAL_MESSAGES[why];
  return `${id}. ${reason.id} / ${en}. ${reason.en}`;
}

/** Meta key prefix of the summaries (partial records) still waiting for their full record, by record id. */
const STUB_PREFIX = 'stub:';

function storeError(code: StoreErrorCode, details?: unknown, message?: string): StoreError {
  return new StoreError(code, message ?? MESSAGES[code], details);
}

/**
 * The schemas' own messages are bilingual ("Nama unit wajib diisi / unit name is required"); zod's generic ones
 * are not, so those get the store's bilingual message with the field path.
 */
function invalidInput(issues: { message: string; path: PropertyKey[] }[]): StoreError {
  const first = issues[0];
  if (first?.message.includes(' / ')) return storeError('invalid', issues, first.message);
  const path = first ? first.path.map(String).join('.') : '';
  return storeError('invalid', issues, path ? `${MESSAGES.invalid}: ${path}` : MESSAGES.invalid);
}

export function databaseName(userId: string | null): string {
  return userId === null ? 'rintis-guest' : `rintis-user-${userId}`;
}

export interface OpenOptions {
  userId: string | null;
  /** The signed-in user's tenant; 'local' before sign-in. */
  tenantId?: string;
  /**
   * Who is signed in, read at each write (role and units can change while the store is open). Writes the shared
   * access rules forbid are refused here, before anything is queued that the server would refuse. Absent or
   * null: the guest, who may do anything with their own local data.
   */
  principal?: () => AccessPrincipal | null;
}

const bodyKeys = (kind: RecordKind) => Object.keys(BODY_SCHEMAS[kind].shape);

function bodyOf(kind: RecordKind, record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of bodyKeys(kind)) out[k] = record[k];
  return out;
}

/** Field paths of a record including the tombstone pseudo-path. */
function recordPaths(kind: RecordKind, record: Record<string, unknown>): FieldValues {
  return { ...flattenBody(kind, bodyOf(kind, record)), [DELETED_PATH]: record.deleted };
}

function stripRow(row: StoredRow): Record<string, unknown> {
  const { words: _words, ...rest } = row;
  return rest;
}

function toRow(record: AnyRecord): StoredRow {
  // An optional field left undefined (a draft's `sent` before it is sent) is not stored: IndexedDB would keep the
  // key, and a backup file (JSON) cannot say "undefined".
  const row: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) row[key] = value;
  return { ...row, id: record.id, words: indexWords(record) };
}

export class DexieLocalStore implements LocalStore {
  readonly name: string;
  readonly deviceId: string;
  /** Exposed for tests and the upgrade path only: screens go through the methods. */
  readonly db: RintisDexie;
  readonly #actor: string;
  readonly #tenantId: string;
  readonly #principal: () => AccessPrincipal | null;
  /** Quarantine moves started by reads (reads may run inside read-only live queries, so moves run apart). */
  readonly #moves = new Set<Promise<void>>();

  private constructor(db: RintisDexie, deviceId: string, opts: OpenOptions) {
    this.db = db;
    this.name = db.name;
    this.deviceId = deviceId;
    this.#actor = opts.userId ?? 'guest';
    this.#tenantId = opts.tenantId ?? 'local';
    this.#principal = opts.principal ?? (() => null);
  }

  static async open(opts: OpenOptions): Promise<DexieLocalStore> {
    const db = createDexie(databaseName(opts.userId));
    await db.open();
    const deviceId = await db.transaction('rw', db.meta, async () => {
      const row = await db.meta.get(META_DEVICE_ID);
      if (typeof row?.value === 'string') return row.value;
      const id = uuidv7();
      await db.meta.put({ key: META_DEVICE_ID, value: id });
      return id;
    });
    return new DexieLocalStore(db, deviceId, opts);
  }

  #table(kind: RecordKind) {
    return this.db[KIND_TABLES[kind]];
  }

  // ---------------------------------------------------------------- reads

  /** Validates a stored row; a failing row is moved to quarantine (in its own transaction) and skipped. */
  #validate<K extends RecordKind>(kind: K, row: StoredRow): RecordOfKind<K> | undefined {
    const parsed = anyRecordSchema.safeParse(stripRow(row));
    if (parsed.success && parsed.data.kind === kind) return parsed.data as RecordOfKind<K>;
    const error = parsed.success ? `kind ${parsed.data.kind} stored as ${kind}` : parsed.error.message;
    this.#quarantineLater(KIND_TABLES[kind], row, error);
    return undefined;
  }

  #quarantineLater(table: RecordTableName, row: StoredRow, error: string): void {
    // A timer callback runs outside any Dexie zone: a read inside a live query or a transaction cannot write.
    const move = new Promise<void>((resolve) => {
      setTimeout(() => {
        this.db
          .transaction('rw', [this.db[table], this.db.quarantine], async () => {
            const current = await this.db[table].get(row.id);
            if (!current) return;
            const check = anyRecordSchema.safeParse(stripRow(current));
            if (check.success && check.data.kind === TABLE_KINDS[table]) return; // repaired meanwhile
            await this.db.quarantine.put({
              id: String(row.id),
              table,
              raw: stripRow(current),
              error,
              at: Date.now(),
            });
            await this.db[table].delete(row.id);
          })
          .catch((e: unknown) => console.error('Rintis: quarantine move failed', e))
          .finally(resolve);
      }, 0);
    });
    this.#moves.add(move);
    void move.finally(() => this.#moves.delete(move));
  }

  async get<K extends RecordKind>(kind: K, id: RecordId): Promise<RecordOfKind<K> | undefined> {
    const row = await this.#table(kind).get(id);
    return row ? this.#validate(kind, row) : undefined;
  }

  async list<K extends RecordKind>(kind: K, query: ListQuery = {}): Promise<RecordOfKind<K>[]> {
    const rows = await this.#queryRows(kind, query);
    // Sorted raw, then validated only up to the limit: a search hitting thousands of records stays cheap.
    // A text search breaks ties like its order index (newest id first), whichever path found the rows.
    sortRows(kind, rows, query.text ? searchTerms(query.text).length > 0 : false);
    const limit = query.limit ?? Infinity;
    const out: RecordOfKind<K>[] = [];
    for (const row of rows) {
      if (out.length >= limit) break;
      const record = this.#validate(kind, row);
      if (record) out.push(record);
    }
    return out;
  }

  async #queryRows(kind: RecordKind, q: ListQuery): Promise<StoredRow[]> {
    const table = this.#table(kind);
    const match = rowFilter(kind, q);
    const terms = q.text ? searchTerms(q.text) : [];
    if (q.ids && terms.length === 0) {
      const rows = await table.bulkGet(q.ids);
      return rows.filter((r): r is StoredRow => r !== undefined && match(r));
    }
    if (terms.length > 0) {
      const orderIndex =
        kind === 'session' ? 'startsAt' : kind === 'draft' || kind === 'comment' ? 'updatedAt' : null;
      // A page of a search on common words: read records newest first and check their stored words, instead of
      // collecting every id holding each word (thousands for "inovasi" or "pelayanan"). Rare words give up the
      // walk early and go through the word index below.
      if (orderIndex && q.limit !== undefined) {
        const page = await this.#walkForPage(kind, orderIndex, terms, match, q.limit);
        if (page) return page;
      }
      const ids = await this.#searchIds(kind, terms);
      // Many hits and a page limit: walk the display-order index and stop at the page, instead of loading
      // every hit (a one-letter prefix can match most records).
      if (orderIndex && q.limit !== undefined && ids.length > BROAD_SEARCH_HITS) {
        const hit = new Set(ids);
        return table
          .orderBy(orderIndex)
          .reverse()
          .filter((r) => hit.has(r.id) && match(r))
          .limit(q.limit)
          .toArray();
      }
      // Drafts are large rows: with a page limit and several pages of hits, read the display order from the
      // index's keys alone and load only the first hits in that order, instead of every hit. Comments are
      // small: reading a few hundred of them costs less than every comment's key in order.
      const keyOrderFrom = kind === 'comment' ? SMALL_ROWS_READ_MAX : (q.limit ?? 0) * 4;
      if (orderIndex === 'updatedAt' && q.limit !== undefined && ids.length > keyOrderFrom) {
        const hit = new Set(ids);
        // Ascending (one getAllKeys call), reversed here: a reverse key cursor would step entry by entry.
        const keys = await table.orderBy(orderIndex).primaryKeys();
        const ordered = keys.reverse().filter((id) => hit.has(id));
        const out: StoredRow[] = [];
        for (let i = 0; i < ordered.length && out.length < q.limit; i += q.limit) {
          const rows = await table.bulkGet(ordered.slice(i, i + q.limit));
          for (const r of rows) if (r !== undefined && match(r)) out.push(r);
        }
        return out;
      }
      const rows = await table.bulkGet(ids);
      return rows.filter((r): r is StoredRow => r !== undefined && match(r));
    }
    switch (kind) {
      case 'session': {
        if (q.unitId) return table.where('unitIds').equals(q.unitId).filter(match).toArray();
        if (!q.from && !q.to) await this.#sweepUnindexed(kind, 'startsAt');
        // Index order is the display order (newest first), so the limit can be applied in the index.
        let c = table
          .where('startsAt')
          .between(q.from ?? '', `${q.to ?? '9999-12-31'}\uffff`, true, true)
          .reverse()
          .filter(match);
        if (q.limit !== undefined) c = c.limit(q.limit);
        return c.toArray();
      }
      case 'draft': {
        if (q.unitId) return table.where('unitId').equals(q.unitId).filter(match).toArray();
        await this.#sweepUnindexed(kind, 'updatedAt');
        let c = table.orderBy('updatedAt').reverse().filter(match);
        if (q.limit !== undefined) c = c.limit(q.limit);
        return c.toArray();
      }
      case 'checklist':
        if (q.draftId) return table.where('draftId').equals(q.draftId).filter(match).toArray();
        if (q.unitId) return table.where('unitId').equals(q.unitId).filter(match).toArray();
        return table.filter(match).toArray();
      case 'submission':
        if (q.draftId) return table.where('draftId').equals(q.draftId).filter(match).toArray();
        return table.filter(match).toArray();
      case 'conflict':
        if (q.recordId) return table.where('recordId').equals(q.recordId).filter(match).toArray();
        return table.filter(match).toArray();
      case 'comment':
        if (q.recordId) return table.where('recordId').equals(q.recordId).filter(match).toArray();
        if (q.recordIds) return table.where('recordId').anyOf(q.recordIds).filter(match).toArray();
        return table.filter(match).toArray();
      case 'attachment':
        if (q.parentId) return table.where('parentId').equals(q.parentId).filter(match).toArray();
        return table.filter(match).toArray();
      default:
        return table.filter(match).toArray();
    }
  }

  /**
   * A row whose sort field is missing or of the wrong type is absent from that index, so an index-ordered list
   * would never see it (nor set it aside). Two counts detect that cheaply; only then are such rows looked up
   * and validated (which quarantines them).
   */
  async #sweepUnindexed(kind: 'session' | 'draft', index: 'startsAt' | 'updatedAt'): Promise<void> {
    const table = this.#table(kind);
    const indexed =
      index === 'startsAt'
        ? table.where(index).between('', '\uffff', true, true)
        : table.where(index).aboveOrEqual(-Infinity);
    const [all, inIndex] = await Promise.all([table.count(), indexed.count()]);
    if (all === inIndex) return;
    const valid = (v: unknown) => (index === 'startsAt' ? typeof v === 'string' : typeof v === 'number');
    const strays = await table.filter((row) => !valid(row[index])).toArray();
    for (const row of strays) this.#validate(kind, row);
  }

  /**
   * The first `limit` rows in display order that hold every term, read in chunks from the order index; or null
   * when the hit rate seen so far says more than `limit * WALK_ROWS_PER_HIT` rows would be needed (the word
   * index is cheaper then). Same rows and order as the word index path: the order index's order, ties by id.
   */
  async #walkForPage(
    kind: RecordKind,
    orderIndex: 'startsAt' | 'updatedAt',
    terms: string[],
    match: (row: StoredRow) => boolean,
    limit: number,
  ): Promise<StoredRow[] | null> {
    const table = this.#table(kind);
    const budget = Math.max(limit, 1) * WALK_ROWS_PER_HIT;
    const out: StoredRow[] = [];
    let scanned = 0;
    let chunk = Math.max(limit * 2, WALK_FIRST_CHUNK);
    while (out.length < limit) {
      const rows = await table.orderBy(orderIndex).reverse().offset(scanned).limit(chunk).toArray();
      scanned += rows.length;
      for (const row of rows) {
        if (rowHasTerms(row, terms) && match(row)) out.push(row);
        if (out.length >= limit) break;
      }
      // The whole table has been read: every hit is in `out`.
      if (rows.length < chunk) break;
      if (out.length >= limit) break;
      const rate = out.length / scanned;
      const needed = rate > 0 ? Math.ceil((limit - out.length) / rate) : Infinity;
      if (scanned + needed > budget) return null;
      chunk = Math.min(budget - scanned, Math.ceil(needed * 1.25));
    }
    return out;
  }

  /** Ids of records holding every term (the last one as a prefix), through the multi-entry word index. */
  async #searchIds(kind: RecordKind, terms: string[]): Promise<string[]> {
    const table = this.#table(kind);
    const sets = await Promise.all(
      terms.map(async (term, i) => {
        const where = table.where('words');
        const keys = await (
          i === terms.length - 1 ? where.startsWith(term) : where.equals(term)
        ).primaryKeys();
        return new Set(keys);
      }),
    );
    sets.sort((a, b) => a.size - b.size);
    const [smallest, ...rest] = sets;
    if (!smallest) return [];
    return [...smallest].filter((id) => rest.every((s) => s.has(id)));
  }

  // ---------------------------------------------------------------- writes

  #now(): number {
    return Date.now();
  }

  /**
   * Refuses a write the shared access rules forbid (see `OpenOptions.principal`), path by path: `before` is the
   * stored record (null: a creation), `after` the record as it would be stored, `paths` the changed field paths
   * (`deleted` for a delete or restore). The message says why, in both languages. `facilitator`: the account a
   * session's new `facilitatorId` names, as this phone knows it (`#facilitatorNamed`).
   */
  #assertMayWrite(
    kind: RecordKind,
    before: AnyRecord | null,
    after: AnyRecord,
    paths: string[],
    facilitator?: NamedAccount,
  ): void {
    const who = this.#principal();
    if (!who || !SELF_SCOPED_KINDS.includes(kind)) return;
    const stored = (before ?? after) as AnyRecord & Record<string, unknown>;
    const attempt = {
      // A record moved to other units must be writable where it goes too (checked with `after` as `before`).
      scope: scopeOfRecord(kind, stored),
      before: before ? bodyOf(kind, before) : null,
      after: bodyOf(kind, after),
    };
    const refused = refusedPaths(who, attempt, paths);
    if (kind === 'session' && paths.includes('facilitatorId') && !refused.has('facilitatorId')) {
      const why = facilitatorRefusal(who, attempt, facilitator);
      if (why) refused.set('facilitatorId', why);
    }
    const [first] = refused.values();
    if (first)
      throw storeError(
        'forbidden',
        { kind, id: after.id, paths: [...refused.keys()] },
        forbiddenMessage(first),
      );
  }

  /**
   * The account a session's `facilitatorId` would name, from its person record on this phone (an account's person
   * record has the user id as its id); undefined when it is no account. Read before the write's transaction,
   * which holds only the session's table.
   */
  async #facilitatorNamed(
    kind: RecordKind,
    body: Record<string, unknown>,
  ): Promise<NamedAccount | undefined> {
    if (kind !== 'session' || typeof body.facilitatorId !== 'string' || !this.#principal()) return undefined;
    return namedAccountOfPerson(await this.get('person', body.facilitatorId));
  }

  /** Refuses a record this person could not write at all where it is (another unit, another tenant). */
  #assertMayReach(kind: RecordKind, record: AnyRecord): void {
    const who = this.#principal();
    if (!who || !SELF_SCOPED_KINDS.includes(kind)) return;
    const why = reachRefusal(who, scopeOfRecord(kind, record as AnyRecord & Record<string, unknown>));
    if (why) throw storeError('forbidden', { kind, id: record.id }, forbiddenMessage(why));
  }

  async create<K extends RecordKind>(
    kind: K,
    body: BodyOf<K>,
    opts: { id?: RecordId } = {},
  ): Promise<RecordOfKind<K>> {
    const parsed = BODY_SCHEMAS[kind].safeParse(body);
    if (!parsed.success) throw invalidInput(parsed.error.issues);
    const id = opts.id ?? uuidv7();
    const now = this.#now();
    const candidate = {
      id,
      kind,
      tenantId: this.#tenantId,
      createdAt: now,
      updatedAt: now,
      createdBy: this.#actor,
      updatedBy: this.#actor,
      deleted: false,
      rev: 0,
      fieldVersions: {},
      ...parsed.data,
    };
    const check = anyRecordSchema.safeParse(candidate);
    if (!check.success) throw invalidInput(check.error.issues);
    const record = check.data as RecordOfKind<K>;
    this.#assertMayWrite(
      kind,
      null,
      record,
      Object.keys(flattenBody(kind, parsed.data as Record<string, unknown>)),
      await this.#facilitatorNamed(kind, parsed.data as Record<string, unknown>),
    );
    const table = this.#table(kind);
    await this.db.transaction('rw', [table, this.db.outbox], async () => {
      if (await table.get(id)) throw storeError('exists');
      await table.add(toRow(record));
      const values = flattenBody(kind, parsed.data as Record<string, unknown>);
      await this.#recordChange(kind, id, 'create', values, zeroBase(values), {});
    });
    return record;
  }

  async update<K extends RecordKind>(
    kind: K,
    id: RecordId,
    patch: Partial<BodyOf<K>>,
    bases: Record<string, FieldBase> = {},
  ): Promise<RecordOfKind<K>> {
    const table = this.#table(kind);
    const facilitator = await this.#facilitatorNamed(kind, patch as Record<string, unknown>);
    return this.db.transaction('rw', [table, this.db.outbox], async () => {
      const current = await this.#getForWrite(kind, id);
      const before = bodyOf(kind, current);
      const parsed = BODY_SCHEMAS[kind].safeParse({ ...before, ...patch });
      if (!parsed.success) throw invalidInput(parsed.error.issues);
      const changed = diffBodies(kind, before, parsed.data as Record<string, unknown>);
      if (Object.keys(changed).length === 0) return current;
      // A summary's left-out fields hold empty stand-ins: an edit there would overwrite the real text.
      const leftOut: readonly string[] = isPartial(current) ? (SUMMARY_OMITTED_FIELDS[kind] ?? []) : [];
      if (Object.keys(changed).some((path) => leftOut.includes(path.split('.')[0]!)))
        throw storeError('partial', id);
      const next = {
        ...current,
        ...parsed.data,
        updatedAt: this.#now(),
        updatedBy: this.#actor,
      } as RecordOfKind<K>;
      this.#assertMayWrite(kind, current, next, Object.keys(changed), facilitator);
      // Moving a record into a unit the person does not belong to is as forbidden as editing one there.
      this.#assertMayReach(kind, next);
      await table.put(toRow(next));
      const stored = baseOf(current, changed);
      const base: Record<string, number> = {};
      const baseValues: FieldValues = {};
      for (const path of Object.keys(changed)) {
        const given = Object.hasOwn(bases, path) ? bases[path] : undefined;
        base[path] = given ? given.version : stored.base[path]!;
        baseValues[path] = given ? given.value : stored.values[path];
      }
      await this.#recordChange(kind, id, 'update', changed, base, baseValues);
      return next;
    });
  }

  async remove(kind: RecordKind, id: RecordId): Promise<void> {
    await this.#setDeleted(kind, id, true);
  }

  async restore(kind: RecordKind, id: RecordId): Promise<void> {
    await this.#setDeleted(kind, id, false);
  }

  async #setDeleted(kind: RecordKind, id: RecordId, deleted: boolean): Promise<void> {
    const table = this.#table(kind);
    await this.db.transaction('rw', [table, this.db.outbox], async () => {
      const current = await this.#getForWrite(kind, id);
      if (current.deleted === deleted) return;
      this.#assertMayWrite(kind, current, current, [DELETED_PATH]);
      await table.put(toRow({ ...current, deleted, updatedAt: this.#now(), updatedBy: this.#actor }));
      const values = { [DELETED_PATH]: deleted };
      const stored = baseOf(current, values);
      await this.#recordChange(kind, id, deleted ? 'delete' : 'restore', values, stored.base, stored.values);
    });
  }

  async #getForWrite<K extends RecordKind>(kind: K, id: RecordId): Promise<RecordOfKind<K>> {
    const row = await this.#table(kind).get(id);
    if (!row) throw storeError('not-found');
    const parsed = anyRecordSchema.safeParse(stripRow(row));
    if (!parsed.success || parsed.data.kind !== kind) throw storeError('corrupt');
    return parsed.data as RecordOfKind<K>;
  }

  /** Appends an outbox entry or amends the record's latest still-pending one. Must run inside a transaction. */
  async #recordChange(
    kind: RecordKind,
    recordId: RecordId,
    op: Change['op'],
    values: FieldValues,
    base: Record<string, number>,
    baseValues: FieldValues,
  ): Promise<void> {
    const entries = await this.db.outbox.where('recordId').equals(recordId).toArray();
    const last = entries.at(-1);
    const editedAt = this.#now();
    if (last && last.state === 'pending' && !last.rejected) {
      const merged = { ...last.values, ...values };
      // The earliest base of each path stays, with its value (the text was typed on it); a path new to the
      // entry brings its own. Entries of older versions carry no base values: those paths stay without one.
      const keptValues: FieldValues = {};
      for (const [path, value] of Object.entries(baseValues))
        if (!(path in last.base)) keptValues[path] = value;
      await this.db.outbox.put({
        ...last,
        op: mergedOp(last.op, merged),
        values: merged,
        base: { ...base, ...last.base },
        baseValues: { ...keptValues, ...(last.baseValues ?? {}) },
        editedAt,
      });
      return;
    }
    await this.db.outbox.add({
      deviceId: this.deviceId,
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

  async batch<T>(fn: () => Promise<T>): Promise<T> {
    return this.db.transaction('rw', this.db.tables, fn);
  }

  // ---------------------------------------------------------------- outbox, for the sync engine

  async outbox(): Promise<OutboxEntry[]> {
    return this.db.outbox.orderBy('seq').toArray();
  }

  async markSending(seqs: number[]): Promise<void> {
    await this.db.transaction('rw', this.db.outbox, async () => {
      const entries = await this.db.outbox.bulkGet(seqs);
      const frozen = entries.filter((e): e is OutboxEntry => e !== undefined && e.state === 'pending');
      await this.db.outbox.bulkPut(frozen.map((e) => ({ ...e, state: 'sending' as const })));
    });
  }

  async pendingPushBatch(max: number): Promise<OutboxEntry[]> {
    return this.db.outbox
      .orderBy('seq')
      .filter((e) => !e.rejected)
      .limit(max)
      .toArray();
  }

  async countPending(): Promise<number> {
    return this.db.outbox.filter((e) => !e.rejected).count();
  }

  async acknowledge(seq: number, serverRecord: AnyRecord): Promise<void> {
    const record = anyRecordSchema.parse(serverRecord);
    const table = this.#table(record.kind);
    await this.db.transaction('rw', [table, this.db.outbox, this.db.meta], async () => {
      await this.db.outbox.delete(seq);
      await this.#applyOne(record);
    });
  }

  async discardRejected(seq: number): Promise<void> {
    await this.db.transaction('rw', this.db.tables, async () => {
      const entry = await this.db.outbox.get(seq);
      if (!entry?.rejected) throw storeError('not-found');
      await this.db.outbox.delete(seq);
      // A refused creation of a record the server never had: no pull will ever replace it, so it goes too
      // (unless later edits of it still wait to be sent, which keep it).
      if (entry.op !== 'create') return;
      const table = this.#table(entry.kind);
      const row = await table.get(entry.recordId);
      const others = await this.db.outbox.where('recordId').equals(entry.recordId).count();
      if (row && row.rev === 0 && others === 0) {
        await table.delete(entry.recordId);
        await this.db.meta.delete(STUB_PREFIX + entry.recordId);
      }
    });
  }

  async reject(seq: number, code: string, message: string): Promise<void> {
    await this.db.outbox.update(seq, { rejected: { code, message, at: this.#now() } });
  }

  async applyRemote(records: AnyRecord[]): Promise<void> {
    const parsed = records.map((r) => anyRecordSchema.parse(r));
    const tables = [...new Set(parsed.map((r) => this.#table(r.kind)))];
    if (parsed.length === 0) return;
    await this.db.transaction('rw', [...tables, this.db.outbox, this.db.meta], async () => {
      for (const record of parsed) await this.#applyOne(record);
    });
  }

  async stubs(limit: number): Promise<{ id: RecordId; kind: RecordKind }[]> {
    const rows = await this.db.meta.where('key').startsWith(STUB_PREFIX).reverse().limit(limit).toArray();
    return rows.map((row) => ({ id: row.key.slice(STUB_PREFIX.length), kind: row.value as RecordKind }));
  }

  async countStubs(): Promise<number> {
    return this.db.meta.where('key').startsWith(STUB_PREFIX).count();
  }

  async forgetStubs(ids: RecordId[]): Promise<void> {
    await this.db.meta.bulkDelete(ids.map((id) => STUB_PREFIX + id));
  }

  /** Writes a record that came from elsewhere, keeping the index of summaries waiting for their full record. */
  async #putIncoming(record: AnyRecord, wasPartial: boolean): Promise<void> {
    await this.#table(record.kind).put(toRow(record));
    if (isPartial(record)) await this.db.meta.put({ key: STUB_PREFIX + record.id, value: record.kind });
    else if (wasPartial) await this.db.meta.delete(STUB_PREFIX + record.id);
  }

  /**
   * Writes the server's state for every path that no outbox entry of the record still holds; paths still held
   * keep their local value and their old base version (so the pending edit is still pushed against the base it
   * was made on). A copy older than the one stored is ignored.
   */
  async #applyOne(incoming: AnyRecord): Promise<void> {
    const table = this.#table(incoming.kind);
    const row = await table.get(incoming.id);
    const localParsed = row ? anyRecordSchema.safeParse(stripRow(row)) : undefined;
    const local =
      localParsed?.success && localParsed.data.kind === incoming.kind ? localParsed.data : undefined;
    const wasPartial = local !== undefined && isPartial(local);
    // A summary never replaces a full copy as new as itself; over an older full copy it keeps the long fields.
    if (local && isPartial(incoming) && !wasPartial && local.rev >= incoming.rev) return;
    const remote = local ? mergeSummaryOver(local, incoming) : incoming;
    const entries = await this.db.outbox.where('recordId').equals(remote.id).toArray();
    const held = new Set(entries.flatMap((e) => Object.keys(e.values)));
    if (!local || held.size === 0) {
      if (local && local.rev > remote.rev) return;
      await this.#putIncoming(remote, wasPartial);
      return;
    }
    if (local.rev > remote.rev) return;
    const localPaths = recordPaths(remote.kind, local);
    const keep: FieldValues = {};
    for (const path of held) if (path !== DELETED_PATH) keep[path] = localPaths[path] ?? null;
    const rebased = await this.#rebaseWaiting(entries, remote, keep);
    const body = applyPaths(remote.kind, bodyOf(remote.kind, remote), keep);
    const fieldVersions = { ...remote.fieldVersions };
    for (const path of held) {
      if (rebased.has(path)) continue;
      const old = local.fieldVersions[path];
      if (old === undefined) delete fieldVersions[path];
      else fieldVersions[path] = old;
    }
    const merged = {
      ...remote,
      ...body,
      deleted: held.has(DELETED_PATH) ? local.deleted : remote.deleted,
      fieldVersions,
    };
    const check = anyRecordSchema.safeParse(merged);
    // A merge that does not validate (should not happen) keeps the local copy rather than losing the edits.
    if (!check.success) return;
    await this.#putIncoming(check.data, wasPartial);
  }

  /**
   * Live rebase of waiting edits (see `applyRemote`): merges the server's newer value into each path held by
   * nothing but one still-pending entry that knows the path's base value. Updates that entry and `keep` (the
   * local values the record keeps) in place; returns the paths rebased, whose base is now the server's version.
   */
  async #rebaseWaiting(entries: OutboxEntry[], remote: AnyRecord, keep: FieldValues): Promise<Set<string>> {
    const rebased = new Set<string>();
    // Summaries hold empty stand-ins for long fields; a tombstone meets edits as a conflict on the server.
    if (remote.deleted || isPartial(remote)) return rebased;
    const remotePaths = recordPaths(remote.kind, remote as unknown as Record<string, unknown>);
    for (const entry of entries) {
      if (entry.state !== 'pending' || entry.rejected || entry.op === 'create' || !entry.baseValues) continue;
      let changed = false;
      for (const path of Object.keys(entry.values)) {
        if (path === DELETED_PATH || !rebasable(path) || !Object.hasOwn(entry.baseValues, path)) continue;
        // Held by another entry too (one on the wire): the server merges that one; this waits for its answer.
        if (entries.some((e) => e !== entry && Object.hasOwn(e.values, path))) continue;
        const version = remote.fieldVersions[path] ?? 0;
        if (version <= (entry.base[path] ?? 0)) continue;
        const theirs = remotePaths[path] ?? null;
        const decision = rebaseField(entry.baseValues[path], theirs, entry.values[path] ?? null);
        if (decision.action === 'conflict') continue;
        const value = decision.action === 'write' ? decision.value : theirs;
        entry.values[path] = value;
        entry.base[path] = version;
        entry.baseValues[path] = theirs;
        keep[path] = value;
        rebased.add(path);
        changed = true;
      }
      if (changed) await this.db.outbox.put(entry);
    }
    return rebased;
  }

  // ---------------------------------------------------------------- backup restore

  async importRecords(items: ImportedRecord[]): Promise<ImportCounts> {
    const parsed = items.map(({ record, pendingPaths }) => {
      const check = anyRecordSchema.safeParse(record);
      if (!check.success) throw invalidInput(check.error.issues);
      if (check.data.tenantId !== this.#tenantId)
        throw storeError(
          'invalid',
          record.id,
          'Data ini milik ruang data lain / this record belongs to another data space',
        );
      return { record: check.data, pendingPaths };
    });
    const counts: ImportCounts = { added: 0, updated: 0, kept: 0 };
    if (parsed.length === 0) return counts;
    const tables = [...new Set(parsed.map((i) => this.#table(i.record.kind)))];
    await this.db.transaction('rw', [...tables, this.db.outbox, this.db.meta], async () => {
      for (const { record: imported, pendingPaths } of parsed) {
        const table = this.#table(imported.kind);
        const row = await table.get(imported.id);
        const localParsed = row ? anyRecordSchema.safeParse(stripRow(row)) : undefined;
        const local = localParsed?.success ? localParsed.data : undefined;
        const record = local ? mergeSummaryOver(local, imported) : imported;
        // A stored row that does not validate is kept too: the store never drops one (the recovery screen does).
        if (row && (!local || local.kind !== record.kind || !isNewerCopy(record, local))) {
          counts.kept++;
          continue;
        }
        const entries = await this.db.outbox.where('recordId').equals(record.id).toArray();
        const paths = recordPaths(record.kind, record);
        const queued = new Set([
          ...(record.rev === 0 ? Object.keys(paths) : pendingPaths),
          ...entries.flatMap((e) => Object.keys(e.values)),
        ]);
        await this.#putIncoming(record, local !== undefined && isPartial(local));
        if (queued.size > 0) {
          const values: FieldValues = {};
          for (const path of queued) values[path] = paths[path] ?? null;
          const op = !row && record.rev === 0 ? 'create' : mergedOp('update', values);
          const stored = baseOf(record, values);
          await this.#recordChange(record.kind, record.id, op, values, stored.base, stored.values);
        }
        if (row) counts.updated++;
        else counts.added++;
      }
    });
    return counts;
  }

  // ---------------------------------------------------------------- meta

  async getMeta<T = unknown>(key: string): Promise<T | undefined> {
    return (await this.db.meta.get(key))?.value as T | undefined;
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    if (value === undefined) await this.db.meta.delete(key);
    else await this.db.meta.put({ key, value });
  }

  // ---------------------------------------------------------------- quarantine

  async quarantine(): Promise<QuarantinedRecord[]> {
    await Promise.all([...this.#moves]);
    return this.db.quarantine.toArray();
  }

  async recoverQuarantined(id: string): Promise<AnyRecord | null> {
    await Promise.all([...this.#moves]);
    const entry = await this.db.quarantine.get(id);
    if (!entry) throw storeError('not-found');
    const kind = TABLE_KINDS[entry.table as RecordTableName];
    if (!kind) return null;
    const now = this.#now();
    const repaired = repairRecord(kind, entry.raw, { id, tenantId: this.#tenantId, actor: this.#actor, now });
    const parsed = repaired ? anyRecordSchema.safeParse(repaired) : undefined;
    if (!parsed?.success || parsed.data.kind !== kind) {
      const error = parsed && !parsed.success ? parsed.error.message : 'not an object';
      await this.db.quarantine.update(id, { error, at: now });
      return null;
    }
    const record = parsed.data;
    const table = this.#table(kind);
    await this.db.transaction('rw', [table, this.db.outbox, this.db.quarantine], async () => {
      if (await table.get(record.id)) throw storeError('exists');
      await table.add(toRow(record));
      // The repaired state must reach the server too: the whole record, against the versions it knew.
      const values = recordPaths(kind, record);
      const pending = await this.db.outbox.where('recordId').equals(record.id).count();
      const op = record.rev === 0 && pending === 0 ? 'create' : 'update';
      const stored = baseOf(record, values);
      await this.#recordChange(kind, record.id, op, values, stored.base, stored.values);
      await this.db.quarantine.delete(id);
    });
    return record;
  }

  async discardQuarantined(id: string): Promise<void> {
    await this.db.quarantine.delete(id);
  }

  close(): void {
    this.db.close();
  }
}

/**
 * Whether copy `a` of a record is newer than copy `b`: it heard from the server at least as recently (rev not
 * lower) AND was edited later. Either test failing keeps `b`: a restore never overwrites newer data.
 */
export function isNewerCopy(
  a: Pick<AnyRecord, 'rev' | 'updatedAt'>,
  b: Pick<AnyRecord, 'rev' | 'updatedAt'>,
): boolean {
  return a.rev >= b.rev && a.updatedAt > b.updatedAt;
}

function zeroBase(values: FieldValues): Record<string, number> {
  return Object.fromEntries(Object.keys(values).map((p) => [p, 0]));
}

/** Per path of `values`: the stored version and the stored value (what an edit of it is typed on). */
function baseOf(
  record: AnyRecord,
  values: FieldValues,
): { base: Record<string, number>; values: FieldValues } {
  const stored = recordPaths(record.kind, record as unknown as Record<string, unknown>);
  const paths = Object.keys(values);
  return {
    base: Object.fromEntries(paths.map((p) => [p, record.fieldVersions[p] ?? 0])),
    values: Object.fromEntries(paths.map((p) => [p, stored[p] ?? null])),
  };
}

/** What an amended entry does overall: a create stays a create; otherwise the tombstone value decides. */
function mergedOp(previous: Change['op'], values: FieldValues): Change['op'] {
  if (previous === 'create') return 'create';
  if (DELETED_PATH in values) return values[DELETED_PATH] ? 'delete' : 'restore';
  return 'update';
}

/** Filters on the raw row (cheap, before validation). */
function rowFilter(kind: RecordKind, q: ListQuery): (row: StoredRow) => boolean {
  return (row) => {
    if (!q.includeDeleted && row.deleted === true) return false;
    if (kind === 'session') {
      if (q.unitId && !(Array.isArray(row.unitIds) && row.unitIds.includes(q.unitId))) return false;
      const startsAt = typeof row.startsAt === 'string' ? row.startsAt : '';
      if (q.from && startsAt.slice(0, 10) < q.from) return false;
      if (q.to && startsAt.slice(0, 10) > q.to) return false;
    } else if ((kind === 'draft' || kind === 'checklist') && q.unitId && row.unitId !== q.unitId)
      return false;
    if ((kind === 'checklist' || kind === 'submission') && q.draftId && row.draftId !== q.draftId)
      return false;
    if ((kind === 'conflict' || kind === 'comment') && q.recordId && row.recordId !== q.recordId)
      return false;
    if (kind === 'comment' && q.recordIds && !q.recordIds.includes(String(row.recordId))) return false;
    if (kind === 'attachment' && q.parentId && row.parentId !== q.parentId) return false;
    return true;
  };
}

/** Whether a stored row's index words hold every term, the last as a prefix (what the word index answers). */
export function rowHasTerms(row: StoredRow, terms: readonly string[]): boolean {
  const words = row.words;
  if (!Array.isArray(words)) return false;
  const last = terms.length - 1;
  for (let i = 0; i < last; i++) if (!words.includes(terms[i]!)) return false;
  const prefix = terms[last];
  return prefix === undefined || words.some((w) => typeof w === 'string' && w.startsWith(prefix));
}

const collator = new Intl.Collator('id');

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** Display order per kind, on raw rows (a malformed field sorts as empty and is quarantined when read). */
function sortRows(kind: RecordKind, rows: StoredRow[], tiesByIdDesc = false): void {
  switch (kind) {
    case 'session':
      rows.sort((a, b) => {
        const ka = `${str(a.startsAt)}|${str(a.id)}`;
        const kb = `${str(b.startsAt)}|${str(b.id)}`;
        return ka < kb ? 1 : ka > kb ? -1 : 0;
      });
      return;
    case 'draft':
    case 'conflict':
    case 'comment':
      rows.sort((a, b) => {
        const byTime = num(b.updatedAt) - num(a.updatedAt);
        if (byTime !== 0 || !tiesByIdDesc) return byTime;
        return str(a.id) < str(b.id) ? 1 : str(a.id) > str(b.id) ? -1 : 0;
      });
      return;
    case 'checklist':
    case 'submission':
    case 'attachment':
      rows.sort((a, b) => num(a.createdAt) - num(b.createdAt));
      return;
    default:
      rows.sort((a, b) => collator.compare(str(a.name), str(b.name)));
  }
}
