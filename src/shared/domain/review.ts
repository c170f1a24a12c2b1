/**
 * The review loop's rule: who may move a draft from which review status to which. Pure (no browser or Node
 * imports): the draft screen offers exactly `allowedTransitions`, and the server enforces `canReach` on every push.
 *
 * The programme describes the loop (domain/README.md: draft, submitted, revision requested, approved, ready to send,
 * sent; in SINOVIK the admin lokal reviews, asks for corrections and submits) but not who presses which button; the
 * choices below are documented in docs/review.md:
 * - the innovator submits, withdraws a submission nobody has answered yet, and resubmits after a revision;
 * - the facilitator answers a submission (revision or approval) and may reopen an approval with a revision;
 * - the coordinator (admin lokal at the Bagian Organisasi) may do all of that, marks an approved draft ready to
 *   send, sends it to a competition, and corrects a mistaken "sent" or "ready" mark;
 * - a viewer reads only.
 *
 * A sent draft ("terkirim") is read-only for everyone until a coordinator reopens it (`sentDraftLocks`): what
 * went to the competition is what the draft says. Comments on it go on (they are other records).
 *
 * A tenant may switch on two more states between approval and "ready to send" (its programme record's
 * `reviewFlow`): approval by the head of the OPD ("disetujui-kepala", recorded by the innovator, whose unit the
 * head leads, or the coordinator) and the regency's internal review ("review-internal", opened and closed by the
 * coordinator). Each is then a step the draft must pass; facilitators and coordinators may ask for a revision
 * from either, and the coordinator may step a mistaken mark back. With both off the loop is the one above.
 */
import type { z } from 'zod';
import type { ReviewFlow, personRoleSchema } from '../records';
import { REVIEW_STATUSES } from '../review-statuses';
import { ROLE_WORDS } from '../roles';

export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export type ReviewRole = z.infer<typeof personRoleSchema>;

/** The status a new draft starts in (a draft created with another status is a move from this one). */
export const INITIAL_REVIEW_STATUS: ReviewStatus = 'draft';

type Edge = readonly [from: ReviewStatus, to: ReviewStatus, roles: readonly ReviewRole[]];

/** Every allowed move, with the roles that may make it. Anything not listed is refused. */
export const REVIEW_TRANSITIONS: readonly Edge[] = [
  ['draft', 'diajukan', ['innovator', 'coordinator']],
  ['diajukan', 'draft', ['innovator', 'coordinator']],
  ['diajukan', 'revisi', ['facilitator', 'coordinator']],
  ['diajukan', 'disetujui', ['facilitator', 'coordinator']],
  ['revisi', 'diajukan', ['innovator', 'coordinator']],
  ['disetujui', 'revisi', ['facilitator', 'coordinator']],
  ['disetujui', 'siap-kirim', ['coordinator']],
  ['siap-kirim', 'revisi', ['coordinator']],
  ['siap-kirim', 'disetujui', ['coordinator']],
  ['siap-kirim', 'terkirim', ['coordinator']],
  ['terkirim', 'siap-kirim', ['coordinator']],
];

/** A tenant that switched no optional state on (and a phone that has no programme record yet). */
export const REVIEW_FLOW_OFF: ReviewFlow = { headApproval: false, internalReview: false };

/** The optional states, in the order a draft passes them, with who enters each. */
const OPTIONAL_STATES: readonly {
  status: ReviewStatus;
  option: keyof ReviewFlow;
  enter: readonly ReviewRole[];
}[] = [
  { status: 'disetujui-kepala', option: 'headApproval', enter: ['innovator', 'coordinator'] },
  { status: 'review-internal', option: 'internalReview', enter: ['coordinator'] },
];

/** Who asks for a revision from an optional state (as from "disetujui"). */
const SEND_BACK_ROLES: readonly ReviewRole[] = ['facilitator', 'coordinator'];

/** Whether `status` is one of the optional states (used only by tenants that switch it on). */
export const isOptionalReviewStatus = (status: ReviewStatus): boolean =>
  OPTIONAL_STATES.some((o) => o.status === status);

/**
 * The statuses a tenant's flow has, in the order of `REVIEW_STATUSES` (lists and tables show these), plus any
 * of `alsoShown` (statuses drafts are still in: a draft left in a state switched off afterwards is still counted).
 */
export function flowStatuses(
  flow: ReviewFlow,
  alsoShown: (status: ReviewStatus) => boolean = () => false,
): ReviewStatus[] {
  return REVIEW_STATUSES.filter(
    (s) => alsoShown(s) || !OPTIONAL_STATES.some((o) => o.status === s && !flow[o.option]),
  );
}

/**
 * The moves of a tenant's flow. `at`: the status the draft is in; an optional state switched off after a draft
 * reached it still has its way out (the draft is never stuck), but no draft enters it any more.
 */
export function reviewTransitions(flow: ReviewFlow, at?: ReviewStatus): readonly Edge[] {
  const optional = OPTIONAL_STATES.filter((o) => flow[o.option] || o.status === at);
  if (optional.length === 0) return REVIEW_TRANSITIONS;
  const chain: ReviewStatus[] = ['disetujui', ...optional.map((o) => o.status)];
  const last = chain[chain.length - 1]!;
  const edges: Edge[] = REVIEW_TRANSITIONS.filter(
    ([f, t]) => !(f === 'disetujui' && t === 'siap-kirim') && !(f === 'siap-kirim' && t === 'disetujui'),
  );
  optional.forEach((o, i) => {
    const before = chain[i]!;
    edges.push(
      [before, o.status, o.enter],
      [o.status, 'revisi', SEND_BACK_ROLES],
      [o.status, before, ['coordinator']],
    );
  });
  edges.push([last, 'siap-kirim', ['coordinator']], ['siap-kirim', last, ['coordinator']]);
  return edges;
}

/** The statuses `role` may move a draft to from `from`, in the order of `REVIEW_STATUSES`. */
export function allowedTransitions(
  role: ReviewRole,
  from: ReviewStatus,
  flow: ReviewFlow = REVIEW_FLOW_OFF,
): ReviewStatus[] {
  const targets = new Set(
    reviewTransitions(flow, from)
      .filter(([f, , roles]) => f === from && roles.includes(role))
      .map(([, to]) => to),
  );
  return REVIEW_STATUSES.filter((s) => targets.has(s));
}

/** One direct move. */
export function canTransition(
  role: ReviewRole,
  from: ReviewStatus,
  to: ReviewStatus,
  flow: ReviewFlow = REVIEW_FLOW_OFF,
): boolean {
  return allowedTransitions(role, from, flow).includes(to);
}

/**
 * A move back along the approval steps (a coordinator correcting a mistaken mark, or reopening a sent draft):
 * to an earlier status that is neither a revision nor a withdrawal.
 */
export const isStepBack = (from: ReviewStatus, to: ReviewStatus): boolean =>
  to !== 'revisi' && to !== 'draft' && REVIEW_STATUSES.indexOf(to) < REVIEW_STATUSES.indexOf(from);

/**
 * The shortest chain of `role`'s own moves from `from` to `to` (both ends included), or null when there is none.
 * `stopAtOptional`: an optional state may end the chain or start it but not be passed through (see `canReach`).
 */
function movePath(
  role: ReviewRole,
  from: ReviewStatus,
  to: ReviewStatus,
  flow: ReviewFlow,
  stopAtOptional: boolean,
): ReviewStatus[] | null {
  if (from === to) return [from];
  const cameFrom = new Map<ReviewStatus, ReviewStatus | null>([[from, null]]);
  const queue: ReviewStatus[] = [from];
  while (queue.length > 0) {
    const at = queue.shift()!;
    if (stopAtOptional && at !== from && isOptionalReviewStatus(at)) continue;
    for (const next of allowedTransitions(role, at, flow)) {
      if (cameFrom.has(next)) continue;
      cameFrom.set(next, at);
      if (next === to) {
        const path: ReviewStatus[] = [to];
        for (let s = cameFrom.get(to) ?? null; s !== null; s = cameFrom.get(s) ?? null) path.unshift(s);
        return path;
      }
      queue.push(next);
    }
  }
  return null;
}

/**
 * Whether `role` may bring a draft from `from` to `to` in one or more of its own moves (staying put is always
 * allowed). The server checks this rather than one move: a phone that was offline may hold several moves of
 * the same person in one queued change (a backup restore queues a never-synced draft whole), and only the last
 * status reaches the server. The tenant's optional states are the exception: each is a step of its own (the
 * head of the OPD's approval is recorded by entering "disetujui-kepala"), so a change may end in one or leave
 * one but never pass over one (`skippedSteps` names what it would pass).
 */
export function canReach(
  role: ReviewRole,
  from: ReviewStatus,
  to: ReviewStatus,
  flow: ReviewFlow = REVIEW_FLOW_OFF,
): boolean {
  return movePath(role, from, to, flow, true) !== null;
}

/**
 * The optional states a change from `from` to `to` would pass over without stopping in them, in order, when
 * `role` could otherwise get there in its own moves; empty when the change is allowed or refused for another
 * reason (the role may not get there at all).
 */
export function skippedSteps(
  role: ReviewRole,
  from: ReviewStatus,
  to: ReviewStatus,
  flow: ReviewFlow = REVIEW_FLOW_OFF,
): ReviewStatus[] {
  if (canReach(role, from, to, flow)) return [];
  const path = movePath(role, from, to, flow, false);
  return path ? path.slice(1, -1).filter(isOptionalReviewStatus) : [];
}

/** Whether `role` may ever submit a draft (and so record a submission snapshot). */
export const canSubmit = (role: ReviewRole): boolean =>
  REVIEW_TRANSITIONS.some(([, to, roles]) => to === 'diajukan' && roles.includes(role));

/** Moves that need the competition and the date it was sent on. */
export const needsSentDetails = (to: ReviewStatus): boolean => to === 'terkirim';

/**
 * Moves the person confirms in a dialog first: a move to or from "terkirim" (it locks or unlocks the draft for
 * everyone), and any move the same role cannot take straight back (an approval, a resubmission). A revision
 * request has its own dialog (it asks what to revise), so it is not counted here.
 */
export function needsConfirmation(
  role: ReviewRole,
  from: ReviewStatus,
  to: ReviewStatus,
  flow: ReviewFlow = REVIEW_FLOW_OFF,
): boolean {
  if (to === 'revisi') return false;
  return to === 'terkirim' || from === 'terkirim' || !canTransition(role, to, from, flow);
}

/** Moves that ask in words what to revise (the words become a comment on the draft, in the same transaction). */
export const needsRevisionNote = (to: ReviewStatus): boolean => to === 'revisi';

/** The status in which a draft is read-only (sent to a competition). */
export const SENT_STATUS: ReviewStatus = 'terkirim';

/** Draft paths still written while a draft is sent: the review move itself and the competition and date. */
const PATHS_WRITABLE_WHEN_SENT: readonly string[] = ['reviewStatus', 'sent'];

/**
 * Whether writing `path` of a draft is refused because the draft is sent. `before` is the status stored (on the
 * server: the one it holds now, not the one the phone saw), `after` the status the same change leaves. Every
 * content path (title, sections, data fields, unit, the tombstone) is locked while the stored status is
 * "terkirim", unless this same change moves the draft out of it by a move the role may make (a coordinator's
 * "Buka kembali"). The phone (`can.readOnlyReason`) and the server (push, through `pathRefusal`) ask the same.
 */
export function sentDraftLocks(role: ReviewRole, before: unknown, after: unknown, path: string): boolean {
  if (before !== SENT_STATUS || PATHS_WRITABLE_WHEN_SENT.includes(path)) return false;
  const reopens = isReviewStatus(after) && after !== SENT_STATUS && canTransition(role, SENT_STATUS, after);
  return !reopens;
}

export const isReviewStatus = (v: unknown): v is ReviewStatus =>
  typeof v === 'string' && (REVIEW_STATUSES as readonly string[]).includes(v);

/** Moves that keep a snapshot of the sections (each submission, to compare with the previous one). */
export const takesSnapshot = (to: ReviewStatus): boolean => to === 'diajukan';

/** Moves that ask the author what they changed (a resubmission after a revision; the words go on its snapshot). */
export const asksWhatChanged = (from: ReviewStatus, to: ReviewStatus): boolean =>
  from === 'revisi' && to === 'diajukan';

/** Status names in both languages (the server's refusal messages use them; the UI shows them). */
export const REVIEW_STATUS_LABELS: Record<ReviewStatus, { id: string; en: string }> = {
  draft: { id: 'Belum diajukan', en: 'Not submitted' },
  diajukan: { id: 'Diajukan', en: 'Submitted' },
  revisi: { id: 'Revisi', en: 'Revision asked' },
  disetujui: { id: 'Disetujui', en: 'Approved' },
  'disetujui-kepala': { id: 'Disetujui kepala OPD', en: 'Approved by the head of the OPD' },
  'review-internal': { id: 'Tinjauan internal', en: 'Internal review' },
  'siap-kirim': { id: 'Siap kirim', en: 'Ready to send' },
  terkirim: { id: 'Terkirim', en: 'Sent' },
};

/** Why a move is refused, as one "Indonesian / English" sentence (the server sends it; the phone shows it). */
export function transitionRefusal(role: ReviewRole, from: ReviewStatus, to: ReviewStatus): string {
  const [f, t, r] = [REVIEW_STATUS_LABELS[from], REVIEW_STATUS_LABELS[to], ROLE_WORDS[role]];
  return (
    `Status tidak boleh diubah dari "${f.id}" ke "${t.id}" oleh ${r.id}. / ` +
    `${/^[aeiou]/.test(r.en) ? 'An' : 'A'} ${r.en} may not move the status from "${f.en}" to "${t.en}".`
  );
}

/**
 * Why a change that passes over the tenant's optional steps is refused (`skippedSteps`), as one "Indonesian /
 * English" sentence naming the steps to take one by one.
 */
export function skippedStepsRefusal(
  from: ReviewStatus,
  to: ReviewStatus,
  skipped: readonly ReviewStatus[],
): string {
  const [f, t] = [REVIEW_STATUS_LABELS[from], REVIEW_STATUS_LABELS[to]];
  const steps = skipped.map((s) => REVIEW_STATUS_LABELS[s]);
  const id = steps.map((s) => `"${s.id}"`).join(' dan ');
  const en = steps.map((s) => `"${s.en}"`).join(' and ');
  return (
    `Status tidak boleh langsung diubah dari "${f.id}" ke "${t.id}": proposal harus melewati ${id} ` +
    `lebih dulu, satu per satu. / The status may not jump from "${f.en}" to "${t.en}": the proposal must pass ` +
    `${en} first, one step at a time.`
  );
}

/** What a move to each status did, as a short past participle ("ditarik kembali", "withdrawn"). */
const MOVED_TO: Record<ReviewStatus, { id: string; en: string; againId?: string; againEn?: string }> = {
  draft: { id: 'ditarik kembali', en: 'withdrawn' },
  diajukan: { id: 'diajukan', en: 'submitted', againId: 'diajukan lagi', againEn: 'submitted again' },
  revisi: { id: 'diminta revisi', en: 'sent back for revision' },
  disetujui: { id: 'disetujui', en: 'approved' },
  'disetujui-kepala': { id: 'disetujui kepala OPD', en: 'approved by the head of the OPD' },
  'review-internal': { id: 'masuk tinjauan internal', en: 'put into internal review' },
  'siap-kirim': { id: 'ditandai siap kirim', en: 'marked ready to send' },
  terkirim: { id: 'ditandai terkirim', en: 'marked sent' },
};

/** The last moves named in a "changed since" refusal; older ones are summed up as "…". */
const MOVES_NAMED = 4;

/**
 * Why a move made from an out-of-date screen is refused, as one "Indonesian / English" sentence: `seen` is the
 * status the person's phone showed, `since` the statuses others moved the draft through after that (oldest
 * first, at least one), `now` the status it has. A status seen or passed before reads "again" ("diajukan lagi"):
 * that is how a withdrawn-and-resubmitted draft, "diajukan" both times, is told apart from the one the person saw.
 * `seen` is null when the phone never had the server's status (a copy made before the draft first synced).
 */
export function staleMoveRefusal(
  seen: ReviewStatus | null,
  since: readonly ReviewStatus[],
  now: ReviewStatus,
): string {
  const visited = new Set<ReviewStatus>(seen ? [seen] : []);
  const steps = since.map((to) => {
    const words = MOVED_TO[to];
    const again = visited.has(to);
    visited.add(to);
    return again ? { id: words.againId ?? words.id, en: words.againEn ?? words.en } : words;
  });
  const named = steps.slice(-MOVES_NAMED);
  const skipped = steps.length > named.length;
  const id = (skipped ? ['…'] : []).concat(named.map((s) => s.id)).join(', lalu ');
  const en = (skipped ? ['…'] : []).concat(named.map((s) => s.en)).join(', then ');
  const label = REVIEW_STATUS_LABELS[now];
  return (
    `Proposal ini sudah berubah sejak Anda membukanya: ${id}. Status sekarang "${label.id}". ` +
    'Buang perubahan ini untuk memuat versi terbaru, lalu tinjau lagi. / ' +
    `This proposal changed after you opened it: ${en}. It is now "${label.en}". ` +
    'Discard this change to load the latest version, then review it again.'
  );
}
