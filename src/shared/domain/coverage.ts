/**
 * One Agency One Innovation coverage ("Gerakan Satu Instansi Satu Inovasi"): per unit and year, how many
 * innovation drafts are at each stage and each review status, and which units have none that year. Computed
 * from the local records only, so it works offline. Pure: no browser or Node imports.
 *
 * A draft belongs to the year it was created in (its `createdAt`, read in the phone's time zone: a draft
 * started on 1 January in Makassar is that year's, whatever UTC says).
 */
import { REVIEW_STATUSES, STAGES, type Draft, type Unit } from '../records';

export type Stage = (typeof STAGES)[number];
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface CoverageCounts {
  total: number;
  byStage: Record<Stage, number>;
  byStatus: Record<ReviewStatus, number>;
}

export interface UnitCoverage extends CoverageCounts {
  /** null for drafts without a unit (or whose unit is no longer known). */
  unitId: string | null;
  name: string;
  /** No innovation that year: the unit the movement still has to reach. */
  none: boolean;
}

export interface Coverage {
  year: number;
  /** Every known unit, units without an innovation first, then by name. */
  units: UnitCoverage[];
  /** Drafts of that year without a (known) unit; null when there are none. */
  unassigned: UnitCoverage | null;
  totals: CoverageCounts;
  unitsWithNone: number;
  unitsWithSome: number;
}

export type CoverageUnit = Pick<Unit, 'id' | 'name' | 'deleted'>;
export type CoverageDraft = Pick<Draft, 'unitId' | 'stage' | 'reviewStatus' | 'createdAt' | 'deleted'>;

/** The year a draft counts for: the local year of its creation. */
export function draftYear(createdAt: number): number {
  return new Date(createdAt).getFullYear();
}

/** Years to offer in the filter: every year with a draft, and the current one, newest first. */
export function coverageYears(drafts: readonly CoverageDraft[], currentYear: number): number[] {
  const years = new Set([currentYear]);
  for (const d of drafts) if (!d.deleted) years.add(draftYear(d.createdAt));
  return [...years].sort((a, b) => b - a);
}

function emptyCounts(): CoverageCounts {
  return {
    total: 0,
    byStage: Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>,
    byStatus: Object.fromEntries(REVIEW_STATUSES.map((s) => [s, 0])) as Record<ReviewStatus, number>,
  };
}

function count(into: CoverageCounts, draft: CoverageDraft): void {
  into.total++;
  into.byStage[draft.stage]++;
  into.byStatus[draft.reviewStatus]++;
}

export function coverage(
  units: readonly CoverageUnit[],
  drafts: readonly CoverageDraft[],
  year: number,
): Coverage {
  const rows = new Map<string, UnitCoverage>();
  for (const u of units)
    if (!u.deleted) rows.set(u.id, { unitId: u.id, name: u.name, none: true, ...emptyCounts() });
  const unassigned: UnitCoverage = { unitId: null, name: '', none: true, ...emptyCounts() };
  const totals = emptyCounts();

  for (const d of drafts) {
    if (d.deleted || draftYear(d.createdAt) !== year) continue;
    const row = (d.unitId && rows.get(d.unitId)) || unassigned;
    count(row, d);
    count(totals, d);
  }
  const list = [...rows.values()];
  for (const row of [...list, unassigned]) row.none = row.total === 0;
  list.sort((a, b) => Number(b.none) - Number(a.none) || a.name.localeCompare(b.name, 'id'));
  const unitsWithNone = list.filter((r) => r.none).length;
  return {
    year,
    units: list,
    unassigned: unassigned.total > 0 ? unassigned : null,
    totals,
    unitsWithNone,
    unitsWithSome: list.length - unitsWithNone,
  };
}
