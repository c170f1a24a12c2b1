/**
 * The slim push answer (`answer: 'delta'` in a push request): instead of echoing each pushed record whole
 * (~3 KB, ~330 KB per 100 changes), the server sends what the phone does not already know of it.
 *
 * What the phone knows: it made the change on a copy of the record at some server version, and every base
 * version it sent is at most that version (a base is a field version of that copy). So every path whose server
 * version is at most the change's highest base is, on the phone, exactly the server's (value and version): the
 * copy held it already. The answer therefore carries
 * - the envelope (rev, tombstone, times, authors: small, and the server sets them);
 * - `versions`: the server's version of every path sent and of every path written after that highest base;
 * - `values`: the server's value of a path sent only where it differs from what was sent (a merge, a conflict
 *   kept, a refused or stamped path), and of a path not sent that was written after that highest base.
 * Paths still held by an outbox entry keep their local value on the phone either way (see `applyRemote`).
 * A phone that does not hold the record any more, or whose rebuilt copy does not validate, asks for it whole.
 * Pure: no browser or Node imports.
 */
import { DELETED_PATH, applyPaths, jsonEqual, valueAtPath as valueAt, type FieldValues } from './fieldPaths';
import { anyRecordSchema, bodyOf, type AnyRecord, type RecordKind } from './records';
import type { RecordDelta } from './protocol';

/** What the phone sent for a record: the change's values and the base version of each path. */
export interface SentChange {
  values: FieldValues;
  base: Record<string, number>;
}

/**
 * The versions and values of a record (as the server holds it after the push) that the phone that sent
 * `sent` does not already know; see the file comment. `deleted` is the tombstone, sent in the envelope.
 * `stamped`: versions written since `fieldVersions` was read, which win over it (the server keeps them apart
 * rather than copying the whole map for each write).
 */
export function deltaOf(
  kind: RecordKind,
  body: Record<string, unknown>,
  fieldVersions: Record<string, number | string>,
  sent: SentChange,
  stamped: Record<string, number> = {},
): Pick<RecordDelta, 'versions' | 'values'> {
  let known = 0;
  for (const v of Object.values(sent.base)) if (v > known) known = v;
  const versions: Record<string, number> = {};
  const values: FieldValues = {};
  const answer = (path: string, version: number) => {
    const wasSent = Object.hasOwn(sent.values, path);
    if (!wasSent && version <= known) return;
    versions[path] = version;
    if (path === DELETED_PATH) return;
    const value = valueAt(kind, body, path);
    if (!wasSent || !jsonEqual(value, sent.values[path] ?? null)) values[path] = value;
  };
  for (const [path, raw] of Object.entries(fieldVersions))
    if (!Object.hasOwn(stamped, path)) answer(path, Number(raw));
  for (const [path, version] of Object.entries(stamped)) answer(path, version);
  // A sent path the server holds no version of (it never wrote it): its value is the server's too.
  for (const path of Object.keys(sent.values)) {
    if (path === DELETED_PATH || Object.hasOwn(fieldVersions, path) || Object.hasOwn(stamped, path)) continue;
    const value = valueAt(kind, body, path);
    if (!jsonEqual(value, sent.values[path] ?? null)) values[path] = value;
  }
  return { versions, values };
}

/**
 * The server's record rebuilt from the phone's copy and a delta: the envelope, the delta's paths over the copy's
 * body and versions. Null when it cannot be rebuilt (no copy, another kind, or the result does not validate):
 * the phone then asks for the record whole.
 */
export function applyDelta(local: AnyRecord | undefined, delta: RecordDelta): AnyRecord | null {
  if (!local || local.kind !== delta.kind || local.id !== delta.id) return null;
  const { versions, values, ...envelope } = delta;
  const { [DELETED_PATH]: _tombstone, ...bodyValues } = values;
  const body = applyPaths(delta.kind, bodyOf(delta.kind, local), bodyValues);
  const rebuilt: Record<string, unknown> = {
    ...body,
    ...envelope,
    fieldVersions: { ...local.fieldVersions, ...versions },
  };
  // A summary stays one: its long fields are still the empty stand-ins (the full record is fetched later).
  if (local.partial) rebuilt['partial'] = true;
  const parsed = anyRecordSchema.safeParse(rebuilt);
  return parsed.success ? parsed.data : null;
}
