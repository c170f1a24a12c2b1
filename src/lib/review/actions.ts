/**
 * Moving a draft through the review loop on the phone, offline like every edit: the status (and for "terkirim"
 * the competition and date) and, for a submission, a snapshot of the sections, written in ONE local transaction
 * with their outbox entries. The server checks the same rule again when the change arrives.
 *
 * The status move travels in an outbox entry of its own: the record's waiting edits are frozen first (marked
 * 'sending', which the engine pushes like 'pending' ones but never amends), and so is the move itself. If the
 * server refuses the move, only the move is refused: the section edits typed before or after it still sync.
 *
 * "Minta revisi" carries words: what to revise becomes a comment on the chosen section of the draft, created in
 * the same transaction as the move (both are kept or neither; both then sync in the same push), so the innovator
 * reads why the draft came back where they write (marked `revisionRequest`, so the comparison shows it too).
 * "Ajukan ulang" after a revision carries words too: what the author changed, kept on that submission's snapshot
 * and shown beside the word-by-word comparison.
 *
 * Which moves exist depends on the tenant's review flow (its programme record's optional states): the caller
 * passes the flow in force on this phone; the server judges again with the one it holds.
 */
import type { LocalStore, MetaStore, SyncStore } from '../db/types';
import { META_CURSOR } from '../sync/meta';
import type { BodyOf, ReviewFlow, SentDetails } from '../../shared/records';
import {
  REVIEW_FLOW_OFF,
  asksWhatChanged,
  canTransition,
  needsRevisionNote,
  needsSentDetails,
  takesSnapshot,
  type ReviewRole,
  type ReviewStatus,
} from '../../shared/domain/review';

/** Who is moving the draft (the signed-in person; a local guest acts as coordinator: nothing syncs). */
export interface ReviewActor {
  userId: string;
  name: string;
  role: ReviewRole;
}

/** What to revise, asked with "Minta revisi": the section it is about and the words. */
export interface RevisionNote {
  sectionKey: string;
  text: string;
}

/** Said when "Minta revisi" is sent without words (the dialog checks it first; the move checks it again). */
export const REVISION_NOTE_REQUIRED =
  'Tulis apa yang perlu direvisi: inovator membacanya sebagai komentar pada proposal. / Write what needs revising: the innovator reads it as a comment on the proposal.';

/** Said when "Ajukan ulang" is sent without saying what changed (the dialog checks it first). */
export const CHANGE_NOTE_REQUIRED =
  'Tulis apa yang Anda ubah: peninjau membacanya di samping perbandingan. / Write what you changed: the reviewer reads it beside the comparison.';

/** The local guest (see actor.ts) writes comments as the guest does everywhere: with no role. */
const commentRoleOf = (actor: ReviewActor): BodyOf<'comment'>['authorRole'] =>
  actor.userId === 'guest' ? null : actor.role;

export class ReviewMoveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReviewMoveError';
  }
}

type ReviewStore = Pick<
  LocalStore,
  'batch' | 'get' | 'update' | 'create' | 'list' | 'outbox' | 'markSending'
>;

async function freezePending(store: ReviewStore, recordId: string): Promise<void> {
  const seqs = (await store.outbox())
    .filter((e) => e.recordId === recordId && e.state === 'pending' && !e.rejected)
    .map((e) => e.seq);
  if (seqs.length > 0) await store.markSending(seqs);
}

export async function moveDraft(
  store: ReviewStore,
  draftId: string,
  to: ReviewStatus,
  actor: ReviewActor,
  opts: {
    sent?: SentDetails;
    now?: number;
    note?: RevisionNote;
    /** What the author changed, for a resubmission after a revision (`asksWhatChanged`). */
    changeNote?: string;
    /** The tenant's review flow on this phone (the optional states off when not given). */
    flow?: ReviewFlow;
  } = {},
): Promise<void> {
  const noteText = opts.note?.text.trim() ?? '';
  const changeNote = opts.changeNote?.trim() ?? '';
  if (needsRevisionNote(to) && (!noteText || !opts.note?.sectionKey))
    throw new ReviewMoveError(REVISION_NOTE_REQUIRED);
  await store.batch(async () => {
    const draft = await store.get('draft', draftId);
    if (!draft) throw new ReviewMoveError('Proposal tidak ditemukan / proposal not found');
    // A summary (first pull on a new phone) has no section texts yet: a snapshot of it would be empty.
    if (draft.partial)
      throw new ReviewMoveError(
        'Isi lengkap proposal ini sedang diunduh; coba lagi sebentar lagi / the full proposal is still downloading; try again shortly',
      );
    if (asksWhatChanged(draft.reviewStatus, to) && !changeNote)
      throw new ReviewMoveError(CHANGE_NOTE_REQUIRED);
    if (!canTransition(actor.role, draft.reviewStatus, to, opts.flow ?? REVIEW_FLOW_OFF))
      throw new ReviewMoveError(
        'Perubahan status ini tidak diizinkan untuk peran Anda / this status change is not allowed for your role',
      );
    if (needsSentDetails(to) && !opts.sent)
      throw new ReviewMoveError(
        'Kompetisi dan tanggal kirim wajib diisi / the competition and the date sent are required',
      );
    await freezePending(store, draftId);
    await store.update('draft', draftId, {
      reviewStatus: to,
      ...(opts.sent ? { sent: opts.sent } : {}),
    });
    await freezePending(store, draftId);
    if (needsRevisionNote(to) && opts.note) {
      await store.create('comment', {
        recordId: draftId,
        recordKind: 'draft',
        unitId: draft.unitId,
        sectionKey: opts.note.sectionKey,
        text: noteText,
        parentId: null,
        authorId: actor.userId,
        authorName: actor.name,
        authorRole: commentRoleOf(actor),
        resolutions: {},
        revisionRequest: true,
      });
    }
    if (takesSnapshot(to)) {
      const earlier = await store.list('submission', { draftId, includeDeleted: true });
      await store.create('submission', {
        draftId,
        unitId: draft.unitId,
        number: earlier.reduce((max, s) => Math.max(max, s.number), 0) + 1,
        sections: { ...draft.sections },
        templateKey: draft.templateKey,
        templateVersion: draft.templateVersion,
        submittedAt: opts.now ?? Date.now(),
        submittedBy: actor.userId,
        submittedByName: actor.name,
        ...(changeNote ? { note: changeNote } : {}),
      });
    }
  });
}

/**
 * Drops a status move the server refused and lets the server's status come back: the entry goes, and the pull
 * cursor steps back to just before the version this phone last had of the draft, so the next sync brings the
 * draft again (a pull only returns records changed after the cursor). Nothing else of the draft is touched.
 */
export async function discardRefusedMove(
  store: Pick<SyncStore & MetaStore, 'discardRejected' | 'getMeta' | 'setMeta' | 'batch'>,
  seq: number,
  draftRev: number,
): Promise<void> {
  await store.batch(async () => {
    await store.discardRejected(seq);
    const cursor = await store.getMeta<number>(META_CURSOR);
    if (cursor !== undefined && draftRev > 0 && cursor >= draftRev)
      await store.setMeta(META_CURSOR, draftRev - 1);
  });
}
