/**
 * "Untuk Anda": what waits for each person, counted from the records on their phone (so offline too). Pure: no
 * browser or Node imports; "today" is a parameter (the phone's local day, `YYYY-MM-DD`), like the follow-ups'.
 *
 * The rules reuse the programme's own sources of truth: review statuses (review.ts), open comment threads
 * (comments.ts), follow-up due states (followups.ts), who leads a session (access.ts), and coverage
 * (coverage.ts, the rule of the coverage view). Conflicts and refused changes come in as the sync status lists
 * them (newest per path, the outbox's refused entries): they are only counted here.
 *
 * Per role, in the order shown (an item with nothing in it is left out):
 * - innovator: revisions asked for on my drafts, my approved drafts waiting for the head of the OPD's approval
 *   (when the tenant's flow has that step: the innovator records it), open comment threads on my drafts, my
 *   follow-ups due (I am the owner; due today or before), conflicts, refused changes. "My drafts": drafts I
 *   created or of my units (the unit's innovators write them together);
 * - facilitator: drafts submitted for review in my units, follow-ups due of the sessions I lead (or that I own),
 *   my sessions today and this week (Monday to Sunday), conflicts, refused changes;
 * - coordinator (admin lokal): units without an innovation this programme year (the coverage rule), approved
 *   drafts waiting for the head of the OPD's approval and drafts waiting for or in the internal review (each only
 *   when the tenant's review flow has that step; a draft left in the internal review after it was switched off
 *   still waits for the coordinator to finish it), drafts ready to send, conflicts, refused changes;
 * - viewer (pimpinan): units without an innovation this programme year (their own units: they read no other
 *   unit's drafts), drafts of this programme year sent.
 */
import { sessionWriterOf, type PersonRole } from '../access';
import type { Comment, Conflict, Draft, RecordKind, ReviewFlow, Session } from '../records';
import { openThreadCounts } from './comments';
import {
  coverage,
  draftProgrammeYear,
  templateYears,
  type CoverageSubmission,
  type CoverageTemplate,
  type CoverageUnit,
} from './coverage';
import { localDateTime } from './factories';
import { REVIEW_FLOW_OFF } from './review';
import { collectFollowUps, daysBetween, type FollowUpItem } from './followups';
import { compareCodeUnits } from '../order';

/** Who is looking. */
export interface ForYouViewer {
  role: PersonRole;
  userId: string;
  /** Their units; null for the whole tenant (coordinators). */
  unitIds: readonly string[] | null;
}

export type ForYouDraft = Pick<
  Draft,
  | 'id'
  | 'title'
  | 'unitId'
  | 'stage'
  | 'reviewStatus'
  | 'templateKey'
  | 'templateVersion'
  | 'createdAt'
  | 'updatedAt'
  | 'createdBy'
  | 'deleted'
>;
export type ForYouSession = Pick<
  Session,
  'id' | 'startsAt' | 'place' | 'unitIds' | 'actions' | 'facilitatorId' | 'createdBy' | 'deleted'
>;
export type ForYouComment = Pick<Comment, 'recordId' | 'parentId' | 'deleted' | 'resolutions'>;

/** What the rules read; a role's rules read only some of it (see `forYouNeeds`). */
export interface ForYouData {
  drafts: readonly ForYouDraft[];
  sessions: readonly ForYouSession[];
  units: readonly CoverageUnit[];
  /** Template records and submissions: which programme year a draft is of, and whether it was submitted. */
  templates: readonly CoverageTemplate[];
  submissions: readonly CoverageSubmission[];
  /** Comments on the drafts above (others are ignored). */
  comments: readonly ForYouComment[];
  /** Conflicts waiting for a decision, as the sync status lists them (newest per record and path). */
  conflicts: readonly Pick<Conflict, 'recordId' | 'recordKind'>[];
  /** Changes the server refused, still in the outbox. */
  refused: readonly { recordId: string; kind: RecordKind }[];
  /** The tenant's review flow in force (its programme record's optional steps); off when not given. */
  reviewFlow?: ReviewFlow;
}

/** The day the counts are for: the phone's local date, and the programme year counted. */
export interface ForYouDay {
  today: string;
  /** The programme year (`currentProgrammeYear`): the calendar year, or a newer active template's. */
  year: number;
}

/** The phone's local day at `now` (ms), its calendar year as the programme year (templates may move it on). */
export function forYouDay(now: number): ForYouDay {
  const date = new Date(now);
  return { today: localDateTime(date).slice(0, 10), year: date.getFullYear() };
}

export type ForYouKey =
  | 'revisions'
  | 'comments'
  | 'my-followups'
  | 'to-review'
  | 'head-approval'
  | 'internal-review'
  | 'followups'
  | 'sessions-today'
  | 'sessions-week'
  | 'units-without'
  | 'ready-to-send'
  | 'sent'
  | 'conflicts'
  | 'refused';

/** One record an item is about, with what to call it (a unit's name, a draft's title, a follow-up's words). */
export interface ForYouTarget {
  kind: RecordKind;
  id: string;
  /** '' when the record has no name of its own here (the screen names it by its kind). */
  label: string;
  /** How many of the item's count this record holds (open threads on a draft, conflicts on a record). */
  count: number;
  /** Sessions: when it starts (`YYYY-MM-DDTHH:mm`); follow-ups: the due date (`YYYY-MM-DD`). */
  when?: string;
}

export interface ForYouItem {
  key: ForYouKey;
  count: number;
  /** The records concerned, in the order to act on them (most urgent first). */
  targets: ForYouTarget[];
}

/** Which kinds of records a role's rules read (the phone loads only those). */
export function forYouNeeds(role: PersonRole): {
  drafts: boolean;
  sessions: boolean;
  units: boolean;
  programme: boolean;
} {
  return {
    drafts: true,
    sessions: role === 'innovator' || role === 'facilitator',
    // The review flow: the optional steps the innovator and the coordinator act on.
    programme: role === 'innovator' || role === 'coordinator',
    // With the units come the templates and submissions: the coverage rule reads them.
    units: role === 'coordinator' || role === 'viewer',
  };
}

const ITEMS: Record<PersonRole, readonly ForYouKey[]> = {
  innovator: ['revisions', 'head-approval', 'comments', 'my-followups', 'conflicts', 'refused'],
  facilitator: ['to-review', 'followups', 'sessions-today', 'sessions-week', 'conflicts', 'refused'],
  coordinator: ['units-without', 'head-approval', 'internal-review', 'ready-to-send', 'conflicts', 'refused'],
  viewer: ['units-without', 'sent'],
};

/** The Monday and Sunday (`YYYY-MM-DD`) of the week holding `day`. */
export function weekOf(day: string): { from: string; to: string } {
  const utc = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
  const sinceMonday = (new Date(utc).getUTCDay() + 6) % 7;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: iso(utc - sinceMonday * 86_400_000), to: iso(utc + (6 - sinceMonday) * 86_400_000) };
}

const inUnits = (viewer: ForYouViewer, unitIds: readonly (string | null)[]): boolean =>
  viewer.unitIds === null || unitIds.some((u) => u !== null && viewer.unitIds!.includes(u));

/** Drafts the person writes: their own and their units' (coordinators: all). */
const isMine = (viewer: ForYouViewer, draft: ForYouDraft): boolean =>
  draft.createdBy === viewer.userId || inUnits(viewer, [draft.unitId]);

/** Follow-ups due today or before and still open. */
const isDue = (item: FollowUpItem): boolean => item.state === 'overdue' || item.state === 'today';

const draftTarget = (draft: ForYouDraft, count = 1): ForYouTarget => ({
  kind: 'draft',
  id: draft.id,
  label: draft.title.trim(),
  count,
});

/** Latest change first (a review move is a change): what was just sent back is on top. */
const byUpdatedDesc = (a: ForYouDraft, b: ForYouDraft) =>
  b.updatedAt - a.updatedAt || compareCodeUnits(b.id, a.id);

/** One target per record, its count the number of entries naming it, in the order first named. */
function perRecord(entries: readonly { recordId: string; kind: RecordKind }[]): ForYouTarget[] {
  const targets = new Map<string, ForYouTarget>();
  for (const e of entries) {
    const target = targets.get(e.recordId);
    if (target) target.count++;
    else targets.set(e.recordId, { kind: e.kind, id: e.recordId, label: '', count: 1 });
  }
  return [...targets.values()];
}

function followUpTargets(items: readonly FollowUpItem[]): ForYouTarget[] {
  return items.map((item) => ({
    kind: 'session',
    id: item.sessionId,
    label: item.action.what.trim() || item.action.who.trim(),
    count: 1,
    when: item.action.due,
  }));
}

function sessionTargets(sessions: readonly ForYouSession[]): ForYouTarget[] {
  return [...sessions]
    .sort((a, b) => compareCodeUnits(a.startsAt, b.startsAt) || compareCodeUnits(a.id, b.id))
    .map((s) => ({ kind: 'session', id: s.id, label: s.place.trim(), count: 1, when: s.startsAt }));
}

/** What waits for the person, item by item, in the role's order; items with nothing in them are left out. */
export function forYouItems(viewer: ForYouViewer, data: ForYouData, day: ForYouDay): ForYouItem[] {
  const drafts = data.drafts.filter((d) => !d.deleted);
  const mine = drafts.filter((d) => isMine(viewer, d)).sort(byUpdatedDesc);
  const sessions = data.sessions.filter((s) => !s.deleted);
  const leads = (s: ForYouSession) => sessionWriterOf(s, s.createdBy) === viewer.userId;
  const yearsOfTemplates = templateYears(data.templates);
  const flow = data.reviewFlow ?? REVIEW_FLOW_OFF;
  // The step an internal review is opened from: the head's approval when the flow has it, else the approval.
  const beforeInternal = flow.headApproval ? 'disetujui-kepala' : 'disetujui';
  const waitingLongestFirst = (list: readonly ForYouDraft[]) =>
    [...list].sort((a, b) => -byUpdatedDesc(a, b)).map((d) => draftTarget(d));

  const compute: Record<ForYouKey, () => ForYouTarget[]> = {
    revisions: () => mine.filter((d) => d.reviewStatus === 'revisi').map((d) => draftTarget(d)),
    comments: () => {
      const ids = new Set(mine.map((d) => d.id));
      const open = openThreadCounts(data.comments.filter((c) => ids.has(c.recordId)));
      // Most open threads first (a stable sort keeps the latest change first among equals).
      return mine
        .filter((d) => open.has(d.id))
        .map((d) => draftTarget(d, open.get(d.id)))
        .sort((a, b) => b.count - a.count);
    },
    'my-followups': () =>
      followUpTargets(
        collectFollowUps(sessions, day.today).filter(
          (f) => isDue(f) && (f.action.ownerId ?? null) === viewer.userId,
        ),
      ),
    // Approved, waiting for the head of the OPD (the innovator of the unit or the coordinator records it).
    'head-approval': () =>
      flow.headApproval ? waitingLongestFirst(mine.filter((d) => d.reviewStatus === 'disetujui')) : [],
    // Waiting for the coordinator to open the internal review, or to finish it (mark the draft ready to send).
    'internal-review': () =>
      waitingLongestFirst(
        mine.filter(
          (d) =>
            d.reviewStatus === 'review-internal' ||
            (flow.internalReview && d.reviewStatus === beforeInternal),
        ),
      ),
    'to-review': () =>
      drafts
        .filter((d) => d.reviewStatus === 'diajukan' && d.unitId !== null && inUnits(viewer, [d.unitId]))
        // Waiting longest first.
        .sort((a, b) => -byUpdatedDesc(a, b))
        .map((d) => draftTarget(d)),
    followups: () => {
      const led = new Set(sessions.filter(leads).map((s) => s.id));
      return followUpTargets(
        collectFollowUps(sessions, day.today).filter(
          (f) => isDue(f) && (led.has(f.sessionId) || (f.action.ownerId ?? null) === viewer.userId),
        ),
      );
    },
    'sessions-today': () =>
      sessionTargets(sessions.filter((s) => leads(s) && s.startsAt.startsWith(day.today))),
    'sessions-week': () => {
      const week = weekOf(day.today);
      return sessionTargets(
        sessions.filter((s) => {
          const date = s.startsAt.slice(0, 10);
          return leads(s) && daysBetween(week.from, date) >= 0 && daysBetween(date, week.to) >= 0;
        }),
      );
    },
    // Among the units whose drafts this person reads (a viewer reads only their units' drafts: another unit's
    // would all look empty).
    'units-without': () =>
      coverage(
        {
          units: data.units.filter((u) => inUnits(viewer, [u.id])),
          drafts,
          templates: data.templates,
          submissions: data.submissions,
        },
        day.year,
      )
        .units.filter((u) => u.none && u.unitId !== null)
        .map((u) => ({ kind: 'unit', id: u.unitId!, label: u.name, count: 1 })),
    'ready-to-send': () => mine.filter((d) => d.reviewStatus === 'siap-kirim').map((d) => draftTarget(d)),
    sent: () =>
      drafts
        .filter((d) => d.reviewStatus === 'terkirim' && draftProgrammeYear(d, yearsOfTemplates) === day.year)
        .sort(byUpdatedDesc)
        .map((d) => draftTarget(d)),
    conflicts: () => perRecord(data.conflicts.map((c) => ({ recordId: c.recordId, kind: c.recordKind }))),
    refused: () => perRecord(data.refused),
  };

  const items: ForYouItem[] = [];
  for (const key of ITEMS[viewer.role]) {
    const targets = compute[key]();
    const count = targets.reduce((sum, t) => sum + t.count, 0);
    if (count > 0) items.push({ key, count, targets });
  }
  return items;
}
