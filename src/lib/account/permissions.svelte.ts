/**
 * What the signed-in person may do, by the same rules the server enforces (`src/shared/access.ts`): screens ask
 * `can.create(kind, unitIds)`, `can.edit(record)` (the whole record: delete, restore, every field) and
 * `can.editPath(record, path)` (one field path) to hide or disable what the server would refuse, and
 * `can.readOnlyReason(record)` to say why. The guest (not signed in, nothing syncs) may do anything with their
 * own local data. The store refuses the same writes (`OpenOptions.principal`) if a screen path still tries.
 */
import {
  SELF_SCOPED_KINDS,
  pathRefusal,
  reachRefusal,
  scopeOfRecord,
  type AccessPrincipal,
  type WriteRefusal,
} from '../../shared/access';
import { DELETED_PATH, applyPaths } from '../../shared/fieldPaths';
import { bodyOf, type AnyRecord, type RecordKind } from '../../shared/records';
import { accountSession } from './session.svelte';

/** Why a record (or one of its fields) is read-only for this person: the shared rule's reason. */
export type ReadOnlyReason = WriteRefusal;

export class Permissions {
  readonly #source: () => AccessPrincipal | null;
  readonly #principal = $derived.by(() => this.#source());

  constructor(source: () => AccessPrincipal | null) {
    this.#source = source;
  }

  /** The signed-in person, or null for the guest. */
  get principal(): AccessPrincipal | null {
    return this.#principal;
  }

  /** May the person make a new record of `kind` in these units (none: a record of their own)? */
  create(kind: RecordKind, unitIds: readonly string[] = []): boolean {
    const who = this.#principal;
    if (!who || !SELF_SCOPED_KINDS.includes(kind)) return true;
    const scope = { tenantId: who.tenantId, kind, unitIds, createdBy: who.userId };
    // A person is judged on its units too (a facilitator adds people to their own units).
    const after = kind === 'person' ? { unitIds: [...unitIds] } : {};
    return reachRefusal(who, scope) === null && pathRefusal(who, { scope, before: null, after }, '') === null;
  }

  /** May the person change the whole record (every field, delete, restore)? */
  edit(record: AnyRecord): boolean {
    return this.pathReason(record, DELETED_PATH) === null;
  }

  /**
   * May the person change `path` of this record (`notes`, `actions.<id>`)? For a follow-up, `after` is the
   * value they would write: an innovator may change only the status of their own.
   */
  editPath(record: AnyRecord, path: string, after?: unknown): boolean {
    return this.pathReason(record, path, after) === null;
  }

  /** Why `path` of the record is read-only for this person (null: they may change it). */
  pathReason(record: AnyRecord, path: string, after?: unknown): ReadOnlyReason | null {
    const who = this.#principal;
    if (!who || !SELF_SCOPED_KINDS.includes(record.kind)) return null;
    const scope = scopeOfRecord(record.kind, record as AnyRecord & Record<string, unknown>);
    const before: Record<string, unknown> = bodyOf(record.kind, record);
    const afterBody = after === undefined ? before : applyPaths(record.kind, before, { [path]: after });
    return pathRefusal(who, { scope, before, after: afterBody }, path);
  }

  /**
   * Why the record's own fields are read-only for this person, or null when they may change them: judged on a
   * plain field every kind has a rule for (sessions' notes, drafts' title), so a facilitator reviewing a draft
   * or an innovator ticking a follow-up still sees the record as read-only while their one control works.
   */
  readOnlyReason(record: AnyRecord): ReadOnlyReason | null {
    return this.pathReason(record, CONTENT_PATH[record.kind] ?? DELETED_PATH);
  }
}

/** A plain content path of each kind, for "may this person edit the record's fields". */
const CONTENT_PATH: Partial<Record<RecordKind, string>> = {
  session: 'notes',
  draft: 'title',
  checklist: 'templateKey',
  unit: 'name',
  person: 'name',
};

/** The app's permissions, following the signed-in account. */
export const can = new Permissions(() => accountSession.principal);
