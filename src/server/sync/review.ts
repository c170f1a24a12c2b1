/**
 * The review loop on push: the same rule the draft screen offers (`src/shared/domain/review.ts`), enforced for
 * every change before it is applied. A refused change is rejected alone (code `review-transition` or
 * `forbidden`, with a bilingual reason); the rest of the batch goes on.
 *
 * - A draft's `reviewStatus` may move from the status the SERVER holds now (not the one the phone saw) to the new
 *   one only if the person's role can get there in its own allowed moves (`canReach`). Checking against the
 *   current status is what keeps concurrent moves sound: whichever change is applied second is judged from the
 *   first one's result, and a same-path merge of two different statuses is a conflict that keeps the current one
 *   (resolving it is a new edit, checked again). So the stored status is always one an allowed path leads to.
 * - A new draft starts at "draft": creating one with another status is a move from "draft".
 * - `sent` (competition and date) goes with "terkirim": only roles that may send a draft may write it, and a
 *   move to "terkirim" needs it.
 * - A `submission` (snapshot at each submission) is written once by someone who may submit, for a draft that
 *   exists and that the person may see, with that draft's unit; never edited or deleted afterwards.
 */
import type { AuthContext } from '../auth/types';
import type { RecordKind } from '../../shared/records';
import { REVIEW_STATUSES, sentDetailsSchema } from '../../shared/records';
import {
  INITIAL_REVIEW_STATUS,
  canReach,
  canSubmit,
  canTransition,
  transitionRefusal,
  type ReviewStatus,
} from '../../shared/domain/review';
import { canRead, type RecordScope } from '../../shared/access';

export interface ReviewRefusal {
  code: 'review-transition' | 'forbidden' | 'invalid';
  detail?: string;
}

/** The draft a submission points to, as the store holds it (undefined: no such record). */
export type DraftLookup = (
  id: string,
) => Promise<(RecordScope & { body: Record<string, unknown>; deleted: boolean }) | undefined>;

const isStatus = (v: unknown): v is ReviewStatus =>
  typeof v === 'string' && (REVIEW_STATUSES as readonly string[]).includes(v);

/**
 * Why a change must be refused by the review rule, or null when it may go on. `current` is the record's body on
 * the server (null for a create), `exists` whether the record is stored already.
 */
export async function reviewRefusal(
  auth: AuthContext,
  change: { kind: RecordKind; op: string; values: Record<string, unknown> },
  current: Record<string, unknown> | null,
  lookupDraft: DraftLookup,
): Promise<ReviewRefusal | null> {
  if (change.kind === 'draft') return draftRefusal(auth, change.values, current);
  if (change.kind === 'submission') {
    // Snapshots are history: nobody edits, deletes or restores one (sending it again unchanged is harmless).
    if (current !== null) {
      const { deleted, ...body } = change.values;
      const unchanged =
        deleted === undefined &&
        (change.op === 'create' || change.op === 'update') &&
        Object.entries(body).every(([k, v]) => JSON.stringify(v) === JSON.stringify(current[k]));
      return unchanged ? null : { code: 'forbidden' };
    }
    return submissionRefusal(auth, change.values, lookupDraft);
  }
  return null;
}

function draftRefusal(
  auth: AuthContext,
  values: Record<string, unknown>,
  current: Record<string, unknown> | null,
): ReviewRefusal | null {
  const from = isStatus(current?.reviewStatus) ? current.reviewStatus : INITIAL_REVIEW_STATUS;
  const wanted = values.reviewStatus;
  // A value that is not a status is left to the schema check (rejected as invalid there).
  const to = isStatus(wanted) ? wanted : from;
  if (!canReach(auth.role, from, to)) {
    return { code: 'review-transition', detail: transitionRefusal(auth.role, from, to) };
  }
  if ('sent' in values && !canTransition(auth.role, 'siap-kirim', 'terkirim')) {
    const sameAsNow = JSON.stringify(values.sent ?? null) === JSON.stringify(current?.sent ?? null);
    if (!sameAsNow)
      return { code: 'review-transition', detail: transitionRefusal(auth.role, 'siap-kirim', 'terkirim') };
  }
  if (to === 'terkirim' && from !== 'terkirim') {
    const sent = 'sent' in values ? values.sent : current?.sent;
    if (!sentDetailsSchema.safeParse(sent).success)
      return {
        code: 'invalid',
        detail: 'Kompetisi dan tanggal kirim wajib diisi / the competition and the date sent are required',
      };
  }
  return null;
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
