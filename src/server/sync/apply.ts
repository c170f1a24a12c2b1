/**
 * Applying one pushed change to the push's view of the store (writes go out with the push's flush): checks in
 * the order that tells nothing about records the caller may not see, then a create, or the field-by-field merge
 * of an edit with its conflicts and the tombstone. A change merely not allowed is answered, never thrown.
 */
import type { AuthContext } from '../auth/types';
import { BODY_SCHEMAS } from '../../shared/records';
import {
  DELETED_PATH,
  applyPaths,
  flattenBody,
  jsonEqual,
  splitPath,
  type FieldValues,
} from '../../shared/fieldPaths';
import { decideField, writesAsSent } from '../../shared/fieldDecision';
import type { Change, ChangeResult } from '../../shared/protocol';
import { canRead, canWrite, facilitatorRefusal, refusedPaths, unitIdsOf } from '../../shared/access';
import {
  checkCommentChange,
  prepareCommentCreate,
  stampResolutionChanges,
  type CommentDeps,
} from './comments';
import { reviewRefusal, stampSubmission, type ReviewLookups } from './review';
import {
  namedAccount,
  sessionAccountIds,
  stampFacilitatorName,
  stampFollowUpOwners,
  type TenantAccount,
} from './sessions';
import { movedAttachmentPath, prepareAttachmentCreate } from './attachments';
import { writeConflicts, type LostEdit } from './conflicts';
import { refusalDetail, refusedOfChange, type StoredEdit } from './refusals';
import type { PushState } from './pushState';
import {
  changedPaths,
  emptyBody,
  fieldsOf,
  logOf,
  pathValue,
  pathVersion,
  scopeOf,
  stampPaths,
  validateBody,
} from './rows';

export type Outcome =
  | { status: 'applied'; conflictIds: string[] }
  | { status: 'rejected'; code: Extract<ChangeResult, { status: 'rejected' }>['code']; detail?: string };

export const reject = (code: Extract<Outcome, { status: 'rejected' }>['code'], detail?: string): Outcome =>
  detail === undefined ? { status: 'rejected', code } : { status: 'rejected', code, detail };

/** What the review rule reads, from this push's view of the store (rows written earlier in the batch included). */
const reviewLookups = (state: PushState, recordId: string): ReviewLookups => ({
  draft: async (id) => {
    const row = await state.get(id);
    return row && { ...scopeOf(row), body: row.body, deleted: row.deleted };
  },
  writtenSince: (path, baseVersion) => state.othersWritesSince(recordId, path, baseVersion),
  valueAt: (path, baseVersion) => state.mergeBase(recordId, path, baseVersion),
  reviewFlow: () => state.reviewFlow(),
});

/** What the comment rules read, from this push's view of the store. */
const commentDeps = (state: PushState): CommentDeps => ({
  row: (id) => state.get(id),
  account: async (userId) => (await state.writers([userId])).get(userId),
});

/** Applies one change in memory (writes go out with the push's flush). Never throws for a change merely not allowed. */
export async function applyChange(state: PushState, auth: AuthContext, change: Change): Promise<Outcome> {
  const { kind, recordId } = change;
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

  if (!row) return applyCreate(state, auth, change, values, wantDeleted === true);

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
  const refusedHere = await refusedOfChange(state, auth, { change, row, values, wantDeleted }, accounts);
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
  const applied = await applyAllowed(state, auth, { change: allowedChange, row, values, wantDeleted });
  if (applied.status === 'rejected' || refusedHere.size === 0) return applied;
  // Partly applied: the person is told which paths were refused (the rest is on the server, pulled back).
  return reject('forbidden', refusalDetail(refusedHere));
}

/** A change creating a record not on the server: made whole or not at all. */
async function applyCreate(
  state: PushState,
  auth: AuthContext,
  change: Change,
  values: FieldValues,
  deleted: boolean,
): Promise<Outcome> {
  const { kind, recordId, deviceId } = change;
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
  if (kind === 'comment' || kind === 'attachment') {
    const verdict =
      kind === 'comment'
        ? await prepareCommentCreate(auth, body, commentDeps(state))
        : await prepareAttachmentCreate((id) => state.get(id), auth, body);
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
    const named = values.facilitatorName;
    stampFacilitatorName(values, null, accounts);
    // Built again only if the stamp changed a value (a top-level field: set over the body built above).
    if (values.facilitatorName !== named) body = { ...body, facilitatorName: values.facilitatorName };
  }
  const refused = await reviewRefusal(auth, change, null, reviewLookups(state, recordId));
  if (refused) return reject(refused.code, refused.detail);
  if (kind === 'submission') await stampSubmission(auth, body, commentDeps(state).account);
  const version = state.nextVersion();
  const flat = flattenBody(kind, body);
  const paths = [...Object.keys({ ...flat, ...values }), DELETED_PATH];
  flat[DELETED_PATH] = deleted;
  state.write(
    {
      id: recordId,
      tenant_id: auth.tenantId,
      kind,
      body,
      ...stampPaths(null, paths, version, deviceId),
      version,
      deleted,
      unit_ids: unitIds,
      created_by: createdBy,
      updated_by: auth.userId,
      created_at: change.editedAt,
      updated_at: change.editedAt,
    },
    logOf(recordId, version, flat, deviceId, auth.userId),
  );
  return { status: 'applied', conflictIds: [] };
}

/** Applies the (allowed) paths of a change to a stored record: the merge, conflicts and the tombstone. */
async function applyAllowed(
  state: PushState,
  auth: AuthContext,
  { change, row, values, wantDeleted }: StoredEdit,
): Promise<Outcome> {
  const { kind, recordId, deviceId } = change;
  if (kind === 'conflict') {
    // Conflicts are made by the server; people only mark them resolved.
    if (wantDeleted !== null || Object.keys(values).some((p) => p !== 'resolved')) return reject('forbidden');
  }
  if (kind === 'attachment') {
    const moved = movedAttachmentPath(row, values);
    if (moved !== null) return reject('invalid', moved);
  }
  if (kind === 'comment') {
    const tombstoneChange = wantDeleted !== null && wantDeleted !== row.deleted ? wantDeleted : null;
    const verdict = checkCommentChange(auth, row.body, changedPaths(kind, row.body, values), tombstoneChange);
    if (!verdict.ok) return reject(verdict.code, verdict.detail);
    await stampResolutionChanges(auth, values, commentDeps(state));
  }
  const refused = await reviewRefusal(auth, change, row.body, reviewLookups(state, recordId));
  if (refused) return reject(refused.code, refused.detail);

  // Body edits (a create of a record that exists is an edit too), then the tombstone. An edit that meets a delete
  // becomes a conflict unless this same change deletes the record too (then it lands in the tombstone's body).
  // The stored body passed its schema when written: only the fields this change touches are checked again.
  const candidate = applyPaths(kind, row.body, values);
  const valid = validateBody(kind, candidate, fieldsOf(kind, Object.keys(values)));
  if (!valid.ok) return reject('invalid', valid.detail);
  const editsMeetDelete = row.deleted && wantDeleted === null;
  const deletedAfter = wantDeleted ?? row.deleted;

  const writes: FieldValues = {};
  /** For merged paths: what this device sent (the base of its next edit of the path, see 003_sync_submitted). */
  const submitted: FieldValues = {};
  const lost: LostEdit[] = [];
  /** Whether the body written is the candidate validated above (every path as sent, or already equal). */
  let asSent = true;
  for (const [path, value] of Object.entries(values)) {
    const edit = {
      current: pathValue(kind, row.body, path),
      currentVersion: pathVersion(row, path),
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
      lost.push({ path, base: decision.base, winner: decision.winner, loser: decision.loser });
    }
  }

  let unitIds = row.unit_ids;
  if (deletedAfter !== row.deleted) writes[DELETED_PATH] = deletedAfter;
  if (Object.keys(writes).length > 0) {
    const { [DELETED_PATH]: _tombstone, ...bodyWrites } = writes;
    const body = asSent ? candidate : applyPaths(kind, row.body, bodyWrites);
    if (!asSent) {
      const merged = validateBody(kind, body, fieldsOf(kind, Object.keys(bodyWrites)));
      if (!merged.ok) return reject('invalid', merged.detail);
    }
    // A conflict keeps the units of its record (set when it was made).
    if (kind !== 'conflict') unitIds = unitIdsOf(kind, body);
    if (!canWrite(auth, { ...scopeOf(row), unitIds })) return reject('forbidden');
    const version = state.nextVersion();
    state.write(
      {
        ...row,
        body,
        ...stampPaths(row, Object.keys(writes), version, deviceId),
        version,
        unit_ids: unitIds,
        updated_by: auth.userId,
        updated_at: change.editedAt,
        deleted: deletedAfter,
      },
      logOf(recordId, version, writes, deviceId, auth.userId, submitted),
    );
  }

  const conflictIds = await writeConflicts(state, auth, change, row, lost, { editsMeetDelete, unitIds });
  return { status: 'applied', conflictIds };
}
