/**
 * The one per-field merge decision, pure: what becomes of one path of an edit that meets the value already
 * there. The server's push calls `decideField` for every path of every change; the phone calls `rebaseField`
 * when another person's change arrives for a path someone is typing in (live rebase). Both end in the same merge
 * rule (`mergeValue`, src/shared/merge.ts), so the phone shows merged text exactly when the server would merge.
 *
 * The server's order of questions:
 * 1. the value is already there: nothing to do;
 * 2. the record is deleted and the edit does not restore it: a conflict (never dropped, never resurrected);
 * 3. the edit's base version is still the path's version: the edit applies as it is;
 * 4. the path moved on only through this same device's later writes (its own consecutive offline edits, or the
 *    text it kept typing while its first save was on the wire): a continuation, it applies as it is;
 * 5. someone else wrote the path since the base: three-way merge with the value the edit was typed on
 *    (`mergeBase`); clean: the merged value is written; not clean: the value there stays and a conflict keeps both.
 */
import { jsonEqual } from './fieldPaths';
import { mergeValue } from './merge';

export type FieldDecision =
  /** The value there stays (already equal to the edit, or the merge kept it). */
  | { action: 'keep' }
  /** Write `value`; `submitted` is the edit as sent when the merge made something else of it. */
  | { action: 'write'; value: unknown; submitted?: unknown }
  /** Not mergeable: the value there stays, the edit goes to a conflict record with both. */
  | { action: 'conflict'; base: unknown; winner: unknown; loser: unknown };

export interface FieldEdit {
  /** The value there now. */
  current: unknown;
  /** The path's version now. */
  currentVersion: number;
  /** The edit's value. */
  incoming: unknown;
  /** The version of the path the edit was made on. */
  baseVersion: number;
  /** The record is deleted and this edit does not restore it. */
  meetsDelete: boolean;
}

/** What only the change log knows; asked only when the answer matters (each may be a database read). */
export interface FieldHistory {
  /** Did anyone but the editing device write the path after the edit's base version? */
  othersWroteSince(): boolean | Promise<boolean>;
  /** The value the edit was typed on: the value at the base version, or what this device itself last sent. */
  mergeBase(): unknown;
}

/**
 * Fields whose edit is judged against what its sender saw (a review move: the server refuses it if the status
 * moved on meanwhile): the phone never moves their base by a live rebase.
 */
const JUDGED_AS_SEEN: readonly string[] = ['reviewStatus', 'sent'];

/** Whether the phone may merge another person's change into a waiting edit of `path` (live rebase). */
export const rebasable = (path: string): boolean => !JUDGED_AS_SEEN.includes(path.split('.')[0]!);

export async function decideField(edit: FieldEdit, history: FieldHistory): Promise<FieldDecision> {
  const { current, incoming } = edit;
  if (jsonEqual(current, incoming)) return { action: 'keep' };
  if (!edit.meetsDelete) {
    if (edit.currentVersion <= edit.baseVersion) return { action: 'write', value: incoming };
    if (!(await history.othersWroteSince())) return { action: 'write', value: incoming };
  }
  const base = await history.mergeBase();
  if (edit.meetsDelete) return { action: 'conflict', base, winner: current, loser: incoming };
  return rebaseField(base, current, incoming);
}

/**
 * Three-way decision for an edit known to be stale: `incoming` (the edit, or the text on a phone's screen) and
 * `current` (the value there, or the one that just arrived) were both made from `base`.
 */
export function rebaseField(base: unknown, current: unknown, incoming: unknown): FieldDecision {
  if (jsonEqual(current, incoming)) return { action: 'keep' };
  const merged = mergeValue(base, current, incoming);
  if (!merged.clean) return { action: 'conflict', base, winner: current, loser: incoming };
  if (jsonEqual(merged.value, current)) return { action: 'keep' };
  return jsonEqual(merged.value, incoming)
    ? { action: 'write', value: merged.value }
    : { action: 'write', value: merged.value, submitted: incoming };
}

/** Whether a decision writes exactly what the edit sent (so the body validated as sent is the body written). */
export function writesAsSent(edit: Pick<FieldEdit, 'current' | 'incoming'>, d: FieldDecision): boolean {
  if (d.action === 'write') return !('submitted' in d);
  return d.action === 'keep' && jsonEqual(edit.current, edit.incoming);
}
