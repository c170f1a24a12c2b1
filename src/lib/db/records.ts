/**
 * `RecordStore` over Dexie: validated reads (a row that fails is set aside, see quarantine.ts) and the one write
 * path: each create, update, delete and restore stores the record and queues its change (outbox.ts) in ONE
 * transaction, after the shared access rules said this person may make it.
 */
import { uuidv7 } from 'uuidv7';
import {
  BODY_SCHEMAS,
  anyRecordSchema,
  bodyOf,
  type AnyRecord,
  type BodyOf,
  type RecordId,
  type RecordKind,
  type RecordOfKind,
} from '../../shared/records';
import { DELETED_PATH, diffBodies, flattenBody, type FieldValues } from '../../shared/fieldPaths';
import {
  SELF_SCOPED_KINDS,
  facilitatorRefusal,
  namedAccountOfPerson,
  reachRefusal,
  refusedPaths,
  scopeOfRecord,
  type NamedAccount,
} from '../../shared/access';
import { SUMMARY_OMITTED_FIELDS, isPartial } from '../../shared/summary';
import { searchTerms } from '../../shared/domain/search';
import { StoreRole, type StoreContext } from './context';
import { forbiddenMessage, invalidInput, storeError } from './errors';
import { baseOf, recordChange, zeroBase } from './outbox';
import { queryRows, sortRows } from './query';
import type { DexieQuarantineStore } from './quarantine';
import { stripRow, toRow } from './rows';
import { KIND_TABLES, type StoredRow } from './schema';
import type { FieldBase, ListQuery, RecordStore } from './types';

export class DexieRecordStore extends StoreRole implements RecordStore {
  readonly #quarantine: DexieQuarantineStore;

  constructor(ctx: StoreContext, quarantine: DexieQuarantineStore) {
    super(ctx);
    this.#quarantine = quarantine;
  }

  // ---------------------------------------------------------------- reads

  /** Validates a stored row; a failing row is set aside (in its own transaction, later) and skipped. */
  #validate<K extends RecordKind>(kind: K, row: StoredRow): RecordOfKind<K> | undefined {
    const parsed = anyRecordSchema.safeParse(stripRow(row));
    if (parsed.success && parsed.data.kind === kind) return parsed.data as RecordOfKind<K>;
    const error = parsed.success ? `kind ${parsed.data.kind} stored as ${kind}` : parsed.error.message;
    this.#quarantine.setAside(KIND_TABLES[kind], row, error);
    return undefined;
  }

  async get<K extends RecordKind>(kind: K, id: RecordId): Promise<RecordOfKind<K> | undefined> {
    const row = await this.table(kind).get(id);
    return row ? this.#validate(kind, row) : undefined;
  }

  async list<K extends RecordKind>(kind: K, query: ListQuery = {}): Promise<RecordOfKind<K>[]> {
    const rows = await queryRows(this.ctx.db, kind, query, (row) => this.#validate(kind, row));
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

  // ---------------------------------------------------------------- writes

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
    const who = this.ctx.principal();
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
    if (kind !== 'session' || typeof body.facilitatorId !== 'string' || !this.ctx.principal())
      return undefined;
    return namedAccountOfPerson(await this.get('person', body.facilitatorId));
  }

  /** Refuses a record this person could not write at all where it is (another unit, another tenant). */
  #assertMayReach(kind: RecordKind, record: AnyRecord): void {
    const who = this.ctx.principal();
    if (!who || !SELF_SCOPED_KINDS.includes(kind)) return;
    const why = reachRefusal(who, scopeOfRecord(kind, record as AnyRecord & Record<string, unknown>));
    if (why) throw storeError('forbidden', { kind, id: record.id }, forbiddenMessage(why));
  }

  async create<K extends RecordKind>(
    kind: K,
    body: BodyOf<K>,
    opts: { id?: RecordId } = {},
  ): Promise<RecordOfKind<K>> {
    const ctx = this.ctx;
    const parsed = BODY_SCHEMAS[kind].safeParse(body);
    if (!parsed.success) throw invalidInput(parsed.error.issues);
    const id = opts.id ?? uuidv7();
    const now = ctx.now();
    const candidate = {
      id,
      kind,
      tenantId: ctx.tenantId,
      createdAt: now,
      updatedAt: now,
      createdBy: ctx.actor,
      updatedBy: ctx.actor,
      deleted: false,
      rev: 0,
      fieldVersions: {},
      ...parsed.data,
    };
    const check = anyRecordSchema.safeParse(candidate);
    if (!check.success) throw invalidInput(check.error.issues);
    const record = check.data as RecordOfKind<K>;
    const values = flattenBody(kind, parsed.data as Record<string, unknown>);
    this.#assertMayWrite(
      kind,
      null,
      record,
      Object.keys(values),
      await this.#facilitatorNamed(kind, parsed.data as Record<string, unknown>),
    );
    const table = this.table(kind);
    await ctx.db.transaction('rw', [table, ctx.db.outbox], async () => {
      if (await table.get(id)) throw storeError('exists');
      await table.add(toRow(record));
      await recordChange(ctx, kind, id, 'create', values, zeroBase(values), {});
    });
    return record;
  }

  async update<K extends RecordKind>(
    kind: K,
    id: RecordId,
    patch: Partial<BodyOf<K>>,
    bases: Record<string, FieldBase> = {},
  ): Promise<RecordOfKind<K>> {
    const ctx = this.ctx;
    const table = this.table(kind);
    const facilitator = await this.#facilitatorNamed(kind, patch as Record<string, unknown>);
    return ctx.db.transaction('rw', [table, ctx.db.outbox], async () => {
      const current = await this.#getForWrite(kind, id);
      const before: Record<string, unknown> = bodyOf(kind, current);
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
        updatedAt: ctx.now(),
        updatedBy: ctx.actor,
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
      await recordChange(ctx, kind, id, 'update', changed, base, baseValues);
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
    const ctx = this.ctx;
    const table = this.table(kind);
    await ctx.db.transaction('rw', [table, ctx.db.outbox], async () => {
      const current = await this.#getForWrite(kind, id);
      if (current.deleted === deleted) return;
      this.#assertMayWrite(kind, current, current, [DELETED_PATH]);
      await table.put(toRow({ ...current, deleted, updatedAt: ctx.now(), updatedBy: ctx.actor }));
      const values = { [DELETED_PATH]: deleted };
      const stored = baseOf(current, values);
      await recordChange(ctx, kind, id, deleted ? 'delete' : 'restore', values, stored.base, stored.values);
    });
  }

  async #getForWrite<K extends RecordKind>(kind: K, id: RecordId): Promise<RecordOfKind<K>> {
    const row = await this.table(kind).get(id);
    if (!row) throw storeError('not-found');
    const parsed = anyRecordSchema.safeParse(stripRow(row));
    if (!parsed.success || parsed.data.kind !== kind) throw storeError('corrupt');
    return parsed.data as RecordOfKind<K>;
  }
}
