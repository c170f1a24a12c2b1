import { describe, expect, it } from 'vitest';
import { coverage, coverageYears, draftYear, type CoverageDraft } from '../../../src/shared/domain/coverage';

const U = (n: number) => `0190a5f0-0000-7000-8000-0000000000a${n}`;
// Mid-year instants: the same local year in every time zone.
const in2025 = new Date(2025, 5, 15, 12).getTime();
const in2024 = new Date(2024, 5, 15, 12).getTime();
const units = [
  { id: U(1), name: 'Puskesmas Mawar', deleted: false },
  { id: U(2), name: 'Dinas Kesehatan', deleted: false },
  { id: U(3), name: 'Kecamatan Bontoa', deleted: false },
  { id: U(4), name: 'Unit Lama', deleted: true },
];
const draft = (
  unitId: string | null,
  stage: CoverageDraft['stage'],
  reviewStatus: CoverageDraft['reviewStatus'],
  createdAt = in2025,
  deleted = false,
): CoverageDraft => ({ unitId, stage, reviewStatus, createdAt, deleted });
const drafts = [
  draft(U(1), 'inisiatif', 'draft'),
  draft(U(1), 'penerapan', 'disetujui'),
  draft(U(2), 'uji-coba', 'diajukan'),
  draft(U(2), 'uji-coba', 'terkirim', in2024),
  draft(U(3), 'penerapan', 'siap-kirim', in2025, true), // deleted: not counted
  draft(null, 'inisiatif', 'revisi'),
  draft(U(4), 'inisiatif', 'draft'), // unit deleted: counted as without a unit
];

describe('draftYear and coverageYears', () => {
  it('reads the local year of creation', () => {
    expect(draftYear(new Date(2026, 0, 1, 0, 30).getTime())).toBe(2026);
    expect(draftYear(new Date(2025, 11, 31, 23, 30).getTime())).toBe(2025);
  });
  it('offers every year with a draft and the current year, newest first', () => {
    expect(coverageYears(drafts, 2026)).toEqual([2026, 2025, 2024]);
    expect(coverageYears([], 2026)).toEqual([2026]);
  });
});

describe('coverage', () => {
  it('counts per unit by stage and review status for the year, units with none first', () => {
    const c = coverage(units, drafts, 2025);
    expect(c.units.map((u) => [u.name, u.total, u.none])).toEqual([
      ['Kecamatan Bontoa', 0, true],
      ['Dinas Kesehatan', 1, false],
      ['Puskesmas Mawar', 2, false],
    ]);
    const mawar = c.units.find((u) => u.unitId === U(1))!;
    expect(mawar.byStage).toEqual({ inisiatif: 1, 'uji-coba': 0, penerapan: 1 });
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
    expect(c.unitsWithNone).toBe(1);
    expect(c.unitsWithSome).toBe(2);
  });

  it('puts drafts without a (known) unit apart and counts them in the totals', () => {
    const c = coverage(units, drafts, 2025);
    expect(c.unassigned).toMatchObject({ unitId: null, total: 2, none: false });
    expect(c.unassigned!.byStatus.revisi).toBe(1);
    expect(c.totals.total).toBe(5);
    expect(c.totals.byStage).toEqual({ inisiatif: 3, 'uji-coba': 1, penerapan: 1 });
  });

  it('another year counts only that year', () => {
    const c = coverage(units, drafts, 2024);
    expect(c.units.filter((u) => !u.none).map((u) => u.name)).toEqual(['Dinas Kesehatan']);
    expect(c.units.find((u) => !u.none)!.byStatus.terkirim).toBe(1);
    expect(c.unassigned).toBeNull();
    expect(c.unitsWithNone).toBe(2);
  });

  it('a year with no draft has every unit without an innovation', () => {
    const c = coverage(units, drafts, 2030);
    expect(c.units.every((u) => u.none && u.total === 0)).toBe(true);
    expect(c.totals.total).toBe(0);
  });
});
