/**
 * "Untuk Anda" counting rules: one set of records seen by each role (innovator, facilitator, coordinator,
 * viewer), what each counts and what it leaves out, and the edges (due dates, the week, deleted records).
 */
import { describe, expect, it } from 'vitest';
import {
  forYouItems,
  weekOf,
  type ForYouComment,
  type ForYouData,
  type ForYouDraft,
  type ForYouItem,
  type ForYouKey,
  type ForYouSession,
  type ForYouViewer,
} from '../../../src/shared/domain/for-you';
import type { FollowUpAction } from '../../../src/shared/records';

const id = (n: number) => `0190a5f0-0000-7000-8000-${String(n).padStart(12, '0')}`;
const UNIT_A = id(1);
const UNIT_B = id(2);
const UNIT_C = id(3);
const INNOVATOR = id(10);
const OTHER_INNOVATOR = id(11);
const FACILITATOR = id(20);
const OTHER_FACILITATOR = id(21);
const COORDINATOR = id(30);
const VIEWER = id(40);

// Wednesday 11 June 2025 (the week runs from Monday 9 to Sunday 15 June).
const DAY = { today: '2025-06-11', year: 2025 };
const in2025 = new Date(2025, 2, 1, 12).getTime();
const in2024 = new Date(2024, 2, 1, 12).getTime();

let seq = 100;
const draft = (over: Partial<ForYouDraft>): ForYouDraft => ({
  id: id(seq++),
  title: 'Rancangan',
  unitId: UNIT_A,
  stage: 'inisiatif',
  reviewStatus: 'draft',
  templateKey: 'kipp',
  templateVersion: 1,
  createdAt: in2025,
  updatedAt: in2025 + seq,
  createdBy: INNOVATOR,
  deleted: false,
  ...over,
});
const action = (over: Partial<FollowUpAction>): FollowUpAction => ({
  what: 'Kirim data',
  who: 'Siti',
  due: '',
  status: 'terbuka',
  order: 0,
  ownerId: null,
  ...over,
});
const session = (over: Partial<ForYouSession>): ForYouSession => ({
  id: id(seq++),
  startsAt: '2025-05-01T09:00',
  place: 'Aula',
  unitIds: [UNIT_A],
  actions: {},
  facilitatorId: FACILITATOR,
  createdBy: FACILITATOR,
  deleted: false,
  ...over,
});
const comment = (recordId: string, over: Partial<ForYouComment> = {}): ForYouComment => ({
  recordId,
  parentId: null,
  deleted: false,
  resolutions: {},
  ...over,
});

const revisi = draft({ title: 'Antar obat', reviewStatus: 'revisi' });
const revisiOtherUnit = draft({
  title: 'Unit lain',
  unitId: UNIT_B,
  createdBy: OTHER_INNOVATOR,
  reviewStatus: 'revisi',
});
const revisiDeleted = draft({ reviewStatus: 'revisi', deleted: true });
const submitted = draft({ title: 'Posyandu digital', reviewStatus: 'diajukan', updatedAt: in2025 + 5 });
const submittedEarlier = draft({ title: 'Loket cepat', reviewStatus: 'diajukan', updatedAt: in2025 + 1 });
const submittedOtherUnit = draft({ unitId: UNIT_B, createdBy: OTHER_INNOVATOR, reviewStatus: 'diajukan' });
const ready = draft({ title: 'Siap', reviewStatus: 'siap-kirim' });
const sent = draft({ title: 'Terkirim', reviewStatus: 'terkirim' });
const sentLastYear = draft({ reviewStatus: 'terkirim', createdAt: in2024 });
const drafts = [
  revisi,
  revisiOtherUnit,
  revisiDeleted,
  submitted,
  submittedEarlier,
  submittedOtherUnit,
  ready,
  sent,
  sentLastYear,
];

const comments = [
  comment(revisi.id),
  comment(revisi.id),
  comment(revisi.id, { parentId: id(900) }), // a reply: not a thread of its own
  comment(submitted.id, {
    resolutions: { [FACILITATOR]: { resolved: true, at: 1, name: 'Budi', role: 'facilitator' } },
  }),
  comment(submitted.id, { deleted: true }),
  comment(revisiOtherUnit.id), // not one of the innovator's drafts
];

const overdueMine = action({ what: 'Foto kegiatan', due: '2025-06-10', ownerId: INNOVATOR });
const todayMine = action({ what: 'Daftar hadir', due: '2025-06-11', ownerId: INNOVATOR, order: 1 });
const tomorrowMine = action({ due: '2025-06-12', ownerId: INNOVATOR, order: 2 });
const doneMine = action({ due: '2025-06-01', ownerId: INNOVATOR, status: 'selesai', order: 3 });
const overdueNobody = action({ what: 'SK tim', due: '2025-06-02', order: 4 });
const overdueFacilitator = action({ what: 'Laporan', due: '2025-06-05', ownerId: FACILITATOR });

const past = session({ actions: { [id(500)]: overdueMine, [id(501)]: todayMine, [id(502)]: tomorrowMine } });
const pastMore = session({ actions: { [id(503)]: doneMine, [id(504)]: overdueNobody } });
const otherFacilitators = session({
  facilitatorId: OTHER_FACILITATOR,
  createdBy: OTHER_FACILITATOR,
  startsAt: '2025-06-11T08:00',
  actions: { [id(505)]: overdueFacilitator },
});
const todayLater = session({ startsAt: '2025-06-11T13:00', place: 'Puskesmas' });
const todayEarly = session({ startsAt: '2025-06-11T08:00', place: 'Kantor camat' });
const monday = session({ startsAt: '2025-06-09T10:00', place: 'Desa' });
const sunday = session({ startsAt: '2025-06-15T10:00' });
const nextMonday = session({ startsAt: '2025-06-16T10:00' });
const lastSunday = session({ startsAt: '2025-06-08T10:00' });
const createdNoFacilitator = session({ startsAt: '2025-06-12T10:00', facilitatorId: null });
const deletedToday = session({ startsAt: '2025-06-11T10:00', deleted: true });
const sessions = [
  past,
  pastMore,
  otherFacilitators,
  todayLater,
  todayEarly,
  monday,
  sunday,
  nextMonday,
  lastSunday,
  createdNoFacilitator,
  deletedToday,
];

const units = [
  { id: UNIT_A, name: 'Puskesmas Mawar', type: 'puskesmas', deleted: false },
  { id: UNIT_B, name: 'Dinas Kesehatan', type: 'opd', deleted: false },
  { id: UNIT_C, name: 'Kecamatan Bontoa', type: 'kecamatan', deleted: false },
  { id: id(4), name: 'Unit Lama', type: 'opd', deleted: true },
] as const;
// The shipped 2023 template, active, and a 2026 one (a draft on it is a 2026 draft, whenever it was started).
const templates = [
  { key: 'kipp', version: 1, year: 2023, status: 'active', deleted: false },
  { key: 'kipp-2026', version: 1, year: 2026, status: 'active', deleted: false },
] as const;

const data: ForYouData = {
  drafts,
  sessions,
  units,
  templates,
  submissions: [],
  comments,
  conflicts: [
    { recordId: revisi.id, recordKind: 'draft' },
    { recordId: revisi.id, recordKind: 'draft' },
    { recordId: past.id, recordKind: 'session' },
  ],
  refused: [{ recordId: ready.id, kind: 'draft' }],
};

const viewers: Record<ForYouViewer['role'], ForYouViewer> = {
  innovator: { role: 'innovator', userId: INNOVATOR, unitIds: [UNIT_A] },
  facilitator: { role: 'facilitator', userId: FACILITATOR, unitIds: [UNIT_A] },
  coordinator: { role: 'coordinator', userId: COORDINATOR, unitIds: null },
  // A leadership viewer over every unit (viewers read their units' records only).
  viewer: { role: 'viewer', userId: VIEWER, unitIds: [UNIT_A, UNIT_B, UNIT_C] },
};

const counts = (items: ForYouItem[]) => Object.fromEntries(items.map((i) => [i.key, i.count]));
const item = (items: ForYouItem[], key: ForYouKey) => items.find((i) => i.key === key);

describe('forYouItems: one set of records, each role', () => {
  it('counts, per role, only what that role acts on, in the role order', () => {
    const byRole = Object.fromEntries(
      Object.entries(viewers).map(([role, viewer]) => [role, forYouItems(viewer, data, DAY)]),
    );
    expect(byRole.innovator!.map((i) => i.key)).toEqual([
      'revisions',
      'comments',
      'my-followups',
      'conflicts',
      'refused',
    ]);
    expect(counts(byRole.innovator!)).toEqual({
      revisions: 1,
      comments: 2,
      'my-followups': 2,
      conflicts: 3,
      refused: 1,
    });
    expect(counts(byRole.facilitator!)).toEqual({
      'to-review': 2,
      followups: 4,
      'sessions-today': 2,
      'sessions-week': 5,
      conflicts: 3,
      refused: 1,
    });
    expect(counts(byRole.coordinator!)).toEqual({
      'units-without': 1,
      'ready-to-send': 1,
      conflicts: 3,
      refused: 1,
    });
    expect(counts(byRole.viewer!)).toEqual({ 'units-without': 1, sent: 1 });
  });

  it('innovator: revisions of my drafts only; open threads on them; my follow-ups due today or before', () => {
    const items = forYouItems(viewers.innovator, data, DAY);
    expect(item(items, 'revisions')?.targets).toEqual([
      { kind: 'draft', id: revisi.id, label: 'Antar obat', count: 1 },
    ]);
    // Two open threads on one draft: the resolved, deleted, reply and other-unit comments are not counted.
    expect(item(items, 'comments')?.targets).toEqual([
      { kind: 'draft', id: revisi.id, label: 'Antar obat', count: 2 },
    ]);
    // Overdue first, then due today; tomorrow's, done ones, nobody's and the facilitator's are not mine.
    expect(item(items, 'my-followups')?.targets.map((t) => [t.id, t.label])).toEqual([
      [past.id, 'Foto kegiatan'],
      [past.id, 'Daftar hadir'],
    ]);
    // Conflicts per record: two on the draft, one on the session.
    expect(item(items, 'conflicts')?.targets).toEqual([
      { kind: 'draft', id: revisi.id, label: '', count: 2 },
      { kind: 'session', id: past.id, label: '', count: 1 },
    ]);
  });

  it('an innovator of another unit sees that unit’s revision and none of the first one’s', () => {
    const other = { role: 'innovator', userId: OTHER_INNOVATOR, unitIds: [UNIT_B] } as const;
    const items = forYouItems(other, { ...data, conflicts: [], refused: [] }, DAY);
    expect(counts(items)).toEqual({ revisions: 1, comments: 1 });
    expect(item(items, 'revisions')?.targets[0]?.id).toBe(revisiOtherUnit.id);
  });

  it('an innovator’s own draft without a unit is theirs too', () => {
    const own = draft({ unitId: null, reviewStatus: 'revisi', title: 'Tanpa unit' });
    const items = forYouItems(viewers.innovator, { ...data, drafts: [own] }, DAY);
    expect(item(items, 'revisions')?.targets.map((t) => t.label)).toEqual(['Tanpa unit']);
  });

  it('facilitator: submissions of my units waiting longest first; due follow-ups of my sessions or mine', () => {
    const items = forYouItems(viewers.facilitator, data, DAY);
    expect(item(items, 'to-review')?.targets.map((t) => t.label)).toEqual([
      'Loket cepat',
      'Posyandu digital',
    ]);
    // The sessions the facilitator leads: both overdue and today's, and nobody's overdue one; plus the
    // follow-up they own in another facilitator's session.
    expect(item(items, 'followups')?.targets.map((t) => t.label)).toEqual([
      'SK tim',
      'Laporan',
      'Foto kegiatan',
      'Daftar hadir',
    ]);
  });

  it('facilitator: sessions today by time, and the week from Monday to Sunday, the ones they lead', () => {
    const items = forYouItems(viewers.facilitator, data, DAY);
    expect(item(items, 'sessions-today')?.targets.map((t) => t.label)).toEqual(['Kantor camat', 'Puskesmas']);
    // Not the other facilitator's session, the deleted one, last Sunday's or next Monday's; a session they
    // created without naming a facilitator is theirs.
    expect(item(items, 'sessions-week')?.targets.map((t) => t.id)).toEqual([
      monday.id,
      todayEarly.id,
      todayLater.id,
      createdNoFacilitator.id,
      sunday.id,
    ]);
  });

  it('coordinator: units without an innovation this year by the coverage rule; ready to send anywhere', () => {
    const items = forYouItems(viewers.coordinator, data, DAY);
    expect(item(items, 'units-without')?.targets).toEqual([
      { kind: 'unit', id: UNIT_C, label: 'Kecamatan Bontoa', count: 1 },
    ]);
    // Unit B has a draft this year (a submission), so only C; a year later every unit is without one.
    const nextYear = forYouItems(viewers.coordinator, data, { today: '2026-01-05', year: 2026 });
    expect(item(nextYear, 'units-without')?.count).toBe(3);
    expect(item(items, 'ready-to-send')?.targets.map((t) => t.label)).toEqual(['Siap']);
  });

  it('coordinator: a unit with only a draft just started still has no innovation; a withdrawn submission counts', () => {
    const started = draft({ unitId: UNIT_C, createdBy: OTHER_INNOVATOR });
    const withStarted = { ...data, drafts: [...drafts, started] };
    expect(item(forYouItems(viewers.coordinator, withStarted, DAY), 'units-without')?.targets[0]?.id).toBe(
      UNIT_C,
    );
    const withdrawn = { ...withStarted, submissions: [{ draftId: started.id, deleted: false }] };
    expect(item(forYouItems(viewers.coordinator, withdrawn, DAY), 'units-without')).toBeUndefined();
  });

  it('coordinator: a draft on the 2026 template counts for 2026, even started in 2025, not for 2025', () => {
    const early = draft({ unitId: UNIT_C, stage: 'uji-coba', templateKey: 'kipp-2026' });
    const withEarly = { ...data, drafts: [...drafts, early] };
    expect(item(forYouItems(viewers.coordinator, withEarly, DAY), 'units-without')?.targets[0]?.id).toBe(
      UNIT_C,
    );
    const in2026 = forYouItems(viewers.coordinator, withEarly, { today: '2026-01-05', year: 2026 });
    expect(item(in2026, 'units-without')?.targets.map((t) => t.id)).toEqual([UNIT_B, UNIT_A]);
  });

  describe("the tenant's optional review steps", () => {
    const approved = draft({ title: 'Disetujui', reviewStatus: 'disetujui', updatedAt: in2025 + 3 });
    const approvedEarlier = draft({ title: 'Lebih dulu', reviewStatus: 'disetujui', updatedAt: in2025 + 1 });
    const approvedOtherUnit = draft({
      title: 'Unit lain disetujui',
      unitId: UNIT_B,
      createdBy: OTHER_INNOVATOR,
      reviewStatus: 'disetujui',
      updatedAt: in2025 + 2,
    });
    const headApproved = draft({ title: 'Kepala setuju', reviewStatus: 'disetujui-kepala' });
    const inReview = draft({ title: 'Sedang ditinjau', reviewStatus: 'review-internal', updatedAt: in2025 });
    const stepDrafts = [approved, approvedEarlier, approvedOtherUnit, headApproved, inReview, ready];
    const withFlow = (headApproval: boolean, internalReview: boolean): ForYouData => ({
      ...data,
      drafts: stepDrafts,
      sessions: [],
      conflicts: [],
      refused: [],
      reviewFlow: { headApproval, internalReview },
    });
    const labels = (items: ForYouItem[], key: ForYouKey) => item(items, key)?.targets.map((t) => t.label);

    it('both on: the head of the OPD’s approval for the unit’s innovator and the coordinator, the internal review for the coordinator', () => {
      const inno = forYouItems(viewers.innovator, withFlow(true, true), DAY);
      expect(inno.map((i) => i.key)).toEqual(['head-approval']);
      // Waiting longest first; not another unit's draft.
      expect(labels(inno, 'head-approval')).toEqual(['Lebih dulu', 'Disetujui']);
      const coord = forYouItems(viewers.coordinator, withFlow(true, true), DAY);
      expect(coord.map((i) => i.key)).toEqual([
        'units-without',
        'head-approval',
        'internal-review',
        'ready-to-send',
      ]);
      expect(item(coord, 'head-approval')?.count).toBe(3);
      expect(labels(coord, 'head-approval')).toEqual(['Lebih dulu', 'Unit lain disetujui', 'Disetujui']);
      // To open (the head approved) and to finish (in review).
      expect(labels(coord, 'internal-review')).toEqual(['Sedang ditinjau', 'Kepala setuju']);
      // The facilitator acts on neither step (they may only ask for a revision from them).
      const fac = forYouItems(viewers.facilitator, withFlow(true, true), DAY);
      expect(fac.map((i) => i.key)).not.toContain('head-approval');
      expect(fac.map((i) => i.key)).not.toContain('internal-review');
    });

    it('internal review only: opened from the approval; nothing waits for the head of the OPD', () => {
      const coord = forYouItems(viewers.coordinator, withFlow(false, true), DAY);
      expect(item(coord, 'head-approval')).toBeUndefined();
      expect(labels(coord, 'internal-review')).toEqual([
        'Sedang ditinjau',
        'Lebih dulu',
        'Unit lain disetujui',
        'Disetujui',
      ]);
      expect(counts(forYouItems(viewers.innovator, withFlow(false, true), DAY))).toEqual({});
    });

    it('both off: no step items, except a draft left in the internal review, which the coordinator finishes', () => {
      const coord = forYouItems(viewers.coordinator, withFlow(false, false), DAY);
      expect(item(coord, 'head-approval')).toBeUndefined();
      expect(labels(coord, 'internal-review')).toEqual(['Sedang ditinjau']);
      // Without a flow given, it is off.
      const { reviewFlow: _off, ...noFlow } = withFlow(true, true);
      expect(item(forYouItems(viewers.innovator, noFlow, DAY), 'head-approval')).toBeUndefined();
    });
  });

  it('viewer: units without an innovation only among their own units (they read no other unit’s drafts)', () => {
    const ofUnitC = { ...viewers.viewer, unitIds: [UNIT_C] };
    expect(item(forYouItems(ofUnitC, data, DAY), 'units-without')?.targets.map((t) => t.id)).toEqual([
      UNIT_C,
    ]);
    const ofUnitA = { ...viewers.viewer, unitIds: [UNIT_A] };
    expect(item(forYouItems(ofUnitA, data, DAY), 'units-without')).toBeUndefined();
    const ofNone = { ...viewers.viewer, unitIds: [] };
    expect(item(forYouItems(ofNone, data, DAY), 'units-without')).toBeUndefined();
  });

  it('viewer: drafts sent this year (not last year’s), no conflicts nor refused changes', () => {
    const items = forYouItems(viewers.viewer, data, DAY);
    expect(item(items, 'sent')?.targets.map((t) => t.id)).toEqual([sent.id]);
    expect(item(items, 'conflicts')).toBeUndefined();
  });

  it('nothing waiting: no items, for every role', () => {
    const empty: ForYouData = {
      drafts: [],
      sessions: [],
      units: [],
      templates: [],
      submissions: [],
      comments: [],
      conflicts: [],
      refused: [],
    };
    for (const viewer of Object.values(viewers)) expect(forYouItems(viewer, empty, DAY)).toEqual([]);
  });
});

describe('weekOf', () => {
  it('runs from Monday to Sunday, across months and years', () => {
    expect(weekOf('2025-06-11')).toEqual({ from: '2025-06-09', to: '2025-06-15' });
    expect(weekOf('2025-06-09')).toEqual({ from: '2025-06-09', to: '2025-06-15' });
    expect(weekOf('2025-06-15')).toEqual({ from: '2025-06-09', to: '2025-06-15' });
    expect(weekOf('2026-01-01')).toEqual({ from: '2025-12-29', to: '2026-01-04' });
  });
});
