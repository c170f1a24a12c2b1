/**
 * Who writes which path of a stored record on push (the rules are in src/shared/access.ts): the paths of a
 * change this person may not write, and how the answer names them. Refused paths are left out of the change; the
 * allowed ones still apply.
 */
import type { AuthContext } from '../auth/types';
import type { Change } from '../../shared/protocol';
import { DELETED_PATH, applyPaths, type FieldValues } from '../../shared/fieldPaths';
import { facilitatorRefusal, refusedPaths, writeRefusalText, type WriteRefusal } from '../../shared/access';
import type { PushState } from './pushState';
import { changedPaths, pathValue, pathVersion, scopeOf, type RecordRow } from './rows';
import { namedAccount, type TenantAccount } from './sessions';

/** A change to a stored record: its values by path, and the tombstone it sets (null: leaves it). */
export interface StoredEdit {
  change: Change;
  row: RecordRow;
  values: FieldValues;
  wantDeleted: boolean | null;
}

/** What the answer says of refused paths: each path with its reason, "Indonesian / English". */
export function refusalDetail(refused: Map<string, WriteRefusal>): string {
  const byReason = new Map<WriteRefusal, string[]>();
  for (const [path, why] of refused) byReason.set(why, [...(byReason.get(why) ?? []), path]);
  return [...byReason].map(([why, paths]) => `${paths.join(', ')}: ${writeRefusalText(why)}`).join('; ');
}

/**
 * The paths of a change to a stored record that this person may not write (only paths whose value changes, and
 * the tombstone when it flips). An innovator's follow-up edit made on an older value is judged on that value
 * (what they saw and changed) and on the value there now (the follow-up must still be theirs).
 */
export async function refusedOfChange(
  state: PushState,
  auth: AuthContext,
  { change, row, values, wantDeleted }: StoredEdit,
  accounts: ReadonlyMap<string, TenantAccount>,
): Promise<Map<string, WriteRefusal>> {
  const kind = row.kind;
  const changing = Object.keys(changedPaths(kind, row.body, values));
  if (wantDeleted !== null && wantDeleted !== row.deleted) changing.push(DELETED_PATH);
  const attempt = { scope: scopeOf(row), before: row.body, after: applyPaths(kind, row.body, values) };
  const refused = refusedPaths(auth, attempt, changing);
  if (kind === 'session' && changing.includes('facilitatorId') && !refused.has('facilitatorId')) {
    const why = facilitatorRefusal(auth, attempt, namedAccount(accounts, attempt.after.facilitatorId));
    if (why) refused.set('facilitatorId', why);
  }
  for (const [path, why] of refused) {
    const baseVersion = change.base[path] ?? 0;
    if (why !== 'own-follow-up' || pathVersion(row, path) <= baseVersion) continue;
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
