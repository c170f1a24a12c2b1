/**
 * The review loop on push: the same rule the draft screen offers (`src/shared/domain/review.ts`), enforced for
 * every change before it is applied. A refused change is rejected alone (code `review-transition` or
 * `forbidden`, with a bilingual reason); the rest of the batch goes on.
 *
 * - A draft's `reviewStatus` may move from the status the SERVER holds now to the new one only if the person's
 *   role can get there in its own allowed moves (`canReach`) in the tenant's review flow (the optional states its
 *   active programme record switches on, read only when a change moves the status). A switched-on optional
 *   state is a step of its own: one change may not pass over it (a coordinator's "diajukan" straight to
 *   "siap-kirim" is refused, naming the steps to take, `skippedStepsRefusal`).
 *   Checking against the current status is what keeps concurrent moves sound: whichever change is applied
 *   second is judged from the first one's result. So the stored status is always one an allowed path leads to.
 * - A move is also judged against what the person saw: the change's `base.reviewStatus` is the version of the
 *   status their phone held. If another device moved the status after that version (even back to the same
 *   status: withdrawn and resubmitted, "diajukan" both times), the move is refused, saying what happened since.
 *   Every move draws a new version, so the version tells one submission from the next where the value cannot.
 *   The person's own later moves (several offline, one push) are not "someone else": they go through.
 * - A new draft starts at "draft": creating one with another status is a move from "draft".
 * - `sent` (competition and date) goes with "terkirim": only roles that may send a draft may write it, and a
 *   move to "terkirim" needs it.
 * - A `submission` (snapshot at each submission) is written once by someone who may submit, for a draft that
 *   exists and that the person may see, with that draft's unit; never edited or deleted afterwards.
 */
import type { AuthContext } from '../auth/types';
import type { RecordKind, ReviewFlow } from '../../shared/records';
import { REVIEW_STATUSES, sentDetailsSchema } from '../../shared/records';
import {
  INITIAL_REVIEW_STATUS,
  canReach,
  canSubmit,
  canTransition,
  skippedSteps,
  skippedStepsRefusal,
  staleMoveRefusal,
  transitionRefusal,
  type ReviewStatus,
} from '../../shared/domain/review';
import { canRead, type RecordScope } from '../../shared/access';
import { jsonEqual } from '../../shared/fieldPaths';

export interface ReviewRefusal {
  code: 'review-transition' | 'forbidden' | 'invalid';
  detail?: string;
}

/** The draft a submission points to, as the store holds it (undefined: no such record). */
export type DraftLookup = (
  id: string,
) => Promise<(RecordScope & { body: Record<string, unknown>; deleted: boolean }) | undefined>;

/** What the review rule reads from the store, beyond the record itself. */
export interface ReviewLookups {
  draft: DraftLookup;
  /** What other devices wrote to the record's path after `baseVersion`, oldest first. */
  writtenSince: (path: string, baseVersion: number) => Promise<unknown[]>;
  /** The value the path had at `baseVersion` (what this device's edit was made on), null when unknown. */
  valueAt: (path: string, baseVersion: number) => Promise<unknown>;
  /** The tenant's review flow in force (its active programme record's optional states). */
  reviewFlow: () => Promise<ReviewFlow>;
}

const isStatus = (v: unknown): v is ReviewStatus =>
  typeof v === 'string' && (REVIEW_STATUSES as readonly string[]).includes(v);

/**
 * Why a change must be refused by the review rule, or null when it may go on. `current` is the record's body on
 * the server (null for a create), `exists` whether the record is stored already.
 */
export async function reviewRefusal(
  auth: AuthContext,
  change: { kind: RecordKind; op: string; values: Record<string, unknown>; base: Record<string, number> },
  current: Record<string, unknown> | null,
  lookups: ReviewLookups,
): Promise<ReviewRefusal | null> {
  if (change.kind === 'draft') {
    const refused = await draftRefusal(auth, change.values, current, lookups.reviewFlow);
    if (refused || current === null) return refused;
    return staleMoveCheck(change, current, lookups);
  }
  if (change.kind === 'submission') {
    // Snapshots are history: nobody edits, deletes or restores one (sending it again unchanged is harmless).
    if (current !== null) {
      const { deleted, ...body } = change.values;
      const unchanged =
        deleted === undefined &&
        (change.op === 'create' || change.op === 'update') &&
        // Structurally: jsonb keeps an object's keys in its own order, not the phone's.
        Object.entries(body).every(([k, v]) => jsonEqual(v, current[k]));
      return unchanged ? null : { code: 'forbidden' };
    }
    return submissionRefusal(auth, change.values, lookups.draft);
  }
  return null;
}

async function draftRefusal(
  auth: AuthContext,
  values: Record<string, unknown>,
  current: Record<string, unknown> | null,
  reviewFlow: () => Promise<ReviewFlow>,
): Promise<ReviewRefusal | null> {
  const from = isStatus(current?.reviewStatus) ? current.reviewStatus : INITIAL_REVIEW_STATUS;
  const wanted = values.reviewStatus;
  // A value that is not a status is left to the schema check (rejected as invalid there).
  const to = isStatus(wanted) ? wanted : from;
  if (from !== to) {
    const flow = await reviewFlow();
    if (!canReach(auth.role, from, to, flow)) {
      const skipped = skippedSteps(auth.role, from, to, flow);
      const detail =
        skipped.length > 0 ? skippedStepsRefusal(from, to, skipped) : transitionRefusal(auth.role, from, to);
      return { code: 'review-transition', detail };
    }
  }
  if (Object.hasOwn(values, 'sent') && !canTransition(auth.role, 'siap-kirim', 'terkirim')) {
    const sameAsNow = jsonEqual(values.sent ?? null, current?.sent ?? null);
    if (!sameAsNow)
      return { code: 'review-transition', detail: transitionRefusal(auth.role, 'siap-kirim', 'terkirim') };
  }
  if (to === 'terkirim' && from !== 'terkirim') {
    const sent = Object.hasOwn(values, 'sent') ? values.sent : current?.sent;
    if (!sentDetailsSchema.safeParse(sent).success)
      return {
        code: 'invalid',
        detail: 'Kompetisi dan tanggal kirim wajib diisi / the competition and the date sent are required',
      };
  }
  return null;
}

/** A move made from a status others have moved the draft on from since (see the file comment). */
async function staleMoveCheck(
  change: { values: Record<string, unknown>; base: Record<string, number> },
  current: Record<string, unknown>,
  lookups: ReviewLookups,
): Promise<ReviewRefusal | null> {
  const now = current.reviewStatus;
  const wanted = change.values.reviewStatus;
  // Not a move (no status, or the one the draft has already): nothing to judge.
  if (!isStatus(wanted) || !isStatus(now) || wanted === now) return null;
  const baseVersion = change.base.reviewStatus ?? 0;
  const since = (await lookups.writtenSince('reviewStatus', baseVersion)).filter(isStatus);
  if (since.length === 0) return null;
  const seen = await lookups.valueAt('reviewStatus', baseVersion);
  return {
    code: 'review-transition',
    detail: staleMoveRefusal(isStatus(seen) ? seen : null, since, now),
  };
}

/**
 * What the server knows better than the phone on a new submission: the submitter's name is the account's (the
 * review panel shows it), and the time is never later than the server's clock (an offline submission keeps its
 * earlier phone time; one dated in the future would sort above every later submission).
 */
export async function stampSubmission(
  auth: AuthContext,
  body: Record<string, unknown>,
  account: (userId: string) => Promise<{ name: string } | undefined>,
  now = Date.now(),
): Promise<void> {
  const name = (await account(auth.userId))?.name;
  if (name !== undefined) body.submittedByName = name;
  if (typeof body.submittedAt === 'number' && body.submittedAt > now) body.submittedAt = now;
}

async function submissionRefusal(
  auth: AuthContext,
  values: Record<string, unknown>,
  lookupDraft: DraftLookup,
): Promise<ReviewRefusal | null> {
  if (!canSubmit(auth.role)) {
    return { code: 'review-transition', detail: transitionRefusal(auth.role, 'draft', 'diajukan') };
  }
  const draftId = values.draftId;
  const draft = typeof draftId === 'string' ? await lookupDraft(draftId) : undefined;
  // Same answer for "no such draft" and "not yours": nothing about the draft leaks.
  if (!draft || draft.kind !== 'draft' || !canRead(auth, draft)) return { code: 'forbidden' };
  const draftUnit = typeof draft.body.unitId === 'string' ? draft.body.unitId : null;
  if ((values.unitId ?? null) !== draftUnit) return { code: 'invalid', detail: 'unitId' };
  if (values.submittedBy !== auth.userId) return { code: 'invalid', detail: 'submittedBy' };
  return null;
}
