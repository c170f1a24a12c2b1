import { describe, expect, it } from 'vitest';
import {
  countsAsInnovation,
  coverage,
  coverageYears,
  currentProgrammeYear,
  draftProgrammeYear,
  draftYear,
  templateYears,
  type CoverageDraft,
  type CoverageRecords,
  type CoverageTemplate,
} from '../../../src/shared/domain/coverage';

const U = (n: number) => `0190a5f0-0000-7000-8000-0000000000a${n}`;
const D = (n: number) => `0190a5f0-0000-7000-8000-0000000000d${n}`;
// Mid-year instants: the same local year in every time zone.
const in2025 = new Date(2025, 5, 15, 12).getTime();
const in2024 = new Date(2024, 5, 15, 12).getTime();
const units = [
  { id: U(1), name: 'Puskesmas Mawar', type: 'puskesmas' as const, deleted: false },
  { id: U(2), name: 'Dinas Kesehatan', type: 'opd' as const, deleted: false },
  { id: U(3), name: 'Kecamatan Bontoa', type: 'kecamatan' as const, deleted: false },
  { id: U(5), name: 'Puskesmas Melati', type: 'puskesmas' as const, deleted: false },
  { id: U(4), name: 'Unit Lama', type: 'opd' as const, deleted: true },
];
// The tenant's templates: the shipped 2023 one, still active, and a 2026 one imported but not yet active.
const templates: CoverageTemplate[] = [
  { key: 'kipp', version: 1, year: 2023, status: 'active', deleted: false },
  { key: 'kipp-2026', version: 1, year: 2026, status: 'draft', deleted: false },
];
let next = 0;
const draft = (
  unitId: string | null,
  stage: CoverageDraft['stage'],
  reviewStatus: CoverageDraft['reviewStatus'],
  more: Partial<CoverageDraft> = {},
): CoverageDraft => ({
  id: D(next++),
  unitId,
  stage,
  reviewStatus,
  templateKey: 'kipp',
  templateVersion: 1,
  createdAt: in2025,
  deleted: false,
  ...more,
});
const records = (drafts: CoverageDraft[], more: Partial<CoverageRecords> = {}): CoverageRecords => ({
  units,
  drafts,
  templates,
  submissions: [],
  ...more,
});

describe('the programme year of a draft', () => {
  const years = templateYears(templates);
  it('is the local year of creation for a draft on an older template (a tenant still on the 2023 one)', () => {
    expect(draftYear(new Date(2026, 0, 1, 0, 30).getTime())).toBe(2026);
    expect(draftYear(new Date(2025, 11, 31, 23, 30).getTime())).toBe(2025);
    expect(draftProgrammeYear(draft(U(1), 'inisiatif', 'draft'), years)).toBe(2025);
  });
  it("is its template's year when that is later: a 2026 template's draft started in 2025 is a 2026 draft", () => {
    expect(draftProgrammeYear(draft(U(1), 'inisiatif', 'draft', { templateKey: 'kipp-2026' }), years)).toBe(
      2026,
    );
  });
  it('is the year of creation when this phone does not know the template', () => {
    const unknown = draft(U(1), 'inisiatif', 'draft', { templateKey: 'lain', templateVersion: 3 });
    expect(draftProgrammeYear(unknown, years)).toBe(2025);
    const deleted = templateYears([{ ...templates[1]!, deleted: true }]);
    expect(draftProgrammeYear({ ...unknown, templateKey: 'kipp-2026', templateVersion: 1 }, deleted)).toBe(
      2025,
    );
  });
});

describe('the current programme year and the years offered', () => {
  it('is the calendar year, or the newest active template year when later', () => {
    // The 2026 template is not active yet: it does not move the year.
    expect(currentProgrammeYear(templates, 2025)).toBe(2025);
    const active2026 = templates.map((t) => ({ ...t, status: 'active' as const }));
    expect(currentProgrammeYear(active2026, 2025)).toBe(2026);
    expect(currentProgrammeYear([], 2027)).toBe(2027);
  });
  it('offers every programme year with a draft and the current one, newest first', () => {
    const drafts = [
      draft(U(1), 'inisiatif', 'draft'),
      draft(U(1), 'inisiatif', 'draft', { createdAt: in2024 }),
      draft(U(1), 'inisiatif', 'draft', { templateKey: 'kipp-2026' }),
      draft(U(1), 'inisiatif', 'draft', { createdAt: new Date(2020, 5, 1).getTime(), deleted: true }),
    ];
    expect(coverageYears({ drafts, templates }, 2025)).toEqual([2026, 2025, 2024]);
    expect(coverageYears({ drafts: [], templates }, 2026)).toEqual([2026]);
  });
});

describe('which draft counts as an innovation', () => {
  it('not a draft just started, nor one at initiative stage never submitted', () => {
    expect(countsAsInnovation({ stage: 'inisiatif', reviewStatus: 'draft' }, false)).toBe(false);
  });
  it('a submitted draft, and every status after a submission', () => {
    for (const status of ['diajukan', 'revisi', 'disetujui', 'siap-kirim', 'terkirim'] as const)
      expect(countsAsInnovation({ stage: 'inisiatif', reviewStatus: status }, false)).toBe(true);
  });
  it('a draft back in "draft" after a submission (withdrawn): it was submitted', () => {
    expect(countsAsInnovation({ stage: 'inisiatif', reviewStatus: 'draft' }, true)).toBe(true);
  });
  it('a draft at the trial stage or later, submitted or not', () => {
    expect(countsAsInnovation({ stage: 'uji-coba', reviewStatus: 'draft' }, false)).toBe(true);
    expect(countsAsInnovation({ stage: 'penerapan', reviewStatus: 'draft' }, false)).toBe(true);
  });
});

describe('coverage', () => {
  it('an empty draft gives a unit no innovation', () => {
    const c = coverage(records([draft(U(1), 'inisiatif', 'draft')]), 2025);
    const mawar = c.units.find((u) => u.unitId === U(1))!;
    expect(mawar).toMatchObject({ total: 1, innovations: 0, none: true });
    expect(c.unitsWithSome).toBe(0);
  });

  it("an old year's draft does not count for this year", () => {
    const c = coverage(records([draft(U(1), 'uji-coba', 'terkirim', { createdAt: in2024 })]), 2025);
    expect(c.units.every((u) => u.none && u.total === 0)).toBe(true);
    expect(
      coverage(records([draft(U(1), 'uji-coba', 'terkirim', { createdAt: in2024 })]), 2024).unitsWithSome,
    ).toBe(1);
  });

  it('a submitted draft counts', () => {
    const c = coverage(records([draft(U(1), 'inisiatif', 'diajukan')]), 2025);
    expect(c.units.find((u) => u.unitId === U(1))).toMatchObject({ innovations: 1, none: false });
  });

  it('a draft at the trial stage counts', () => {
    const c = coverage(records([draft(U(2), 'uji-coba', 'draft')]), 2025);
    expect(c.units.find((u) => u.unitId === U(2))).toMatchObject({ innovations: 1, none: false });
  });

  it('a draft sent back for revision after its submission counts, and so does a withdrawn one', () => {
    const revised = draft(U(1), 'inisiatif', 'revisi');
    const withdrawn = draft(U(2), 'inisiatif', 'draft');
    const c = coverage(
      records([revised, withdrawn], {
        submissions: [
          { draftId: revised.id, deleted: false },
          { draftId: withdrawn.id, deleted: false },
        ],
      }),
      2025,
    );
    expect(c.units.filter((u) => !u.none).map((u) => u.unitId)).toEqual([U(2), U(1)]);
  });

  it("a 2026 template's draft counts for 2026, not for the year it was started", () => {
    const early = draft(U(3), 'uji-coba', 'draft', { templateKey: 'kipp-2026' });
    expect(coverage(records([early]), 2025).unitsWithSome).toBe(0);
    expect(
      coverage(records([early]), 2026)
        .units.filter((u) => !u.none)
        .map((u) => u.name),
    ).toEqual(['Kecamatan Bontoa']);
  });

  it('counts per unit by stage and review status, innovations apart, units with none first', () => {
    const c = coverage(
      records([
        draft(U(1), 'inisiatif', 'draft'),
        draft(U(1), 'penerapan', 'disetujui'),
        draft(U(2), 'inisiatif', 'draft'),
        draft(U(3), 'penerapan', 'siap-kirim', { deleted: true }), // deleted: not counted
        draft(null, 'inisiatif', 'revisi'),
        draft(U(4), 'inisiatif', 'draft'), // unit deleted: counted as without a unit
      ]),
      2025,
    );
    expect(c.units.map((u) => [u.name, u.total, u.innovations, u.none])).toEqual([
      ['Dinas Kesehatan', 1, 0, true],
      ['Kecamatan Bontoa', 0, 0, true],
      ['Puskesmas Melati', 0, 0, true],
      ['Puskesmas Mawar', 2, 1, false],
    ]);
    const mawar = c.units.find((u) => u.unitId === U(1))!;
    expect(mawar.byStage).toEqual({ inisiatif: 1, 'uji-coba': 0, penerapan: 1 });
    expect(mawar.innovationsByStage).toEqual({ inisiatif: 0, 'uji-coba': 0, penerapan: 1 });
    expect(mawar.byStatus).toEqual({
      draft: 1,
      diajukan: 0,
      revisi: 0,
      disetujui: 1,
      'disetujui-kepala': 0,
      'review-internal': 0,
      'siap-kirim': 0,
      terkirim: 0,
    });
    expect([c.unitsWithNone, c.unitsWithSome]).toEqual([3, 1]);
    expect(c.unassigned).toMatchObject({ unitId: null, total: 2, innovations: 1, none: false });
    expect(c.totals).toMatchObject({ total: 5, innovations: 2 });
    expect(c.totals.byStage).toEqual({ inisiatif: 4, 'uji-coba': 0, penerapan: 1 });
  });

  it('counts units with an innovation per unit type, in the order of the unit types', () => {
    const c = coverage(records([draft(U(5), 'uji-coba', 'draft'), draft(U(3), 'inisiatif', 'draft')]), 2025);
    expect(c.byType).toEqual([
      { type: 'opd', units: 1, withInnovation: 0 },
      { type: 'puskesmas', units: 2, withInnovation: 1 },
      { type: 'kecamatan', units: 1, withInnovation: 0 },
    ]);
  });

  it('a year with no draft has every unit without an innovation', () => {
    const c = coverage(records([draft(U(1), 'penerapan', 'terkirim')]), 2030);
    expect(c.units.every((u) => u.none && u.total === 0)).toBe(true);
    expect(c.totals.total).toBe(0);
    expect(c.unassigned).toBeNull();
  });
});
