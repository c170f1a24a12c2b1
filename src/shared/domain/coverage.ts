/**
 * One Agency One Innovation coverage ("Gerakan Satu Instansi Satu Inovasi"): per unit and programme year, how
 * many innovation drafts are at each stage and each review status, which of them count as the unit's innovation,
 * and which units have none that year. Computed from the local records only, so it works offline. Pure: no
 * browser or Node imports.
 *
 * The rule (issue #15; docs/coverage.md says it for people):
 * - A draft belongs to a programme year: its template's year (a draft on a 2027 template is a 2027 draft), or the
 *   year it was started in when that is later (a tenant still on the 2023 template in 2026 writes 2026 drafts). A
 *   template this phone does not know leaves the year it was started in. "Started in" is `createdAt` read in the
 *   phone's time zone: a draft started on 1 January in Makassar is that year's, whatever UTC says.
 * - A draft counts as the unit's innovation when its proposal reached "diajukan" (its review status is past
 *   "draft", or a submission of it is recorded: a revision asked after a submission counts, and so does a
 *   submission withdrawn again, it was submitted) or its stage is at least "uji coba". A draft just started
 *   (status "draft", stage "inisiatif", never submitted) does not count, however much it holds.
 * - A unit has an innovation for a year when at least one draft of that year counts.
 */
import {
  REVIEW_STATUSES,
  STAGES,
  type Draft,
  type Submission,
  type TemplateRecord,
  type Unit,
} from '../records';
import { UNIT_TYPES } from './unit-types';

export type Stage = (typeof STAGES)[number];
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface CoverageCounts {
  /** Every draft of the year. */
  total: number;
  /** The drafts that count as an innovation (`countsAsInnovation`). */
  innovations: number;
  byStage: Record<Stage, number>;
  /** The innovations alone, by stage (the chart's bars). */
  innovationsByStage: Record<Stage, number>;
  byStatus: Record<ReviewStatus, number>;
}

export interface UnitCoverage extends CoverageCounts {
  /** null for drafts without a unit (or whose unit is no longer known). */
  unitId: string | null;
  name: string;
  /** The unit's type; null for the row of drafts without a unit. */
  type: string | null;
  /** No innovation that year (no draft of it counts): the unit the movement still has to reach. */
  none: boolean;
}

/** Units of one type: how many there are and how many have an innovation that year. */
export interface UnitTypeCoverage {
  type: string;
  units: number;
  withInnovation: number;
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
  /** Per unit type that has units, in the order of `UNIT_TYPES` (a type it does not know last). */
  byType: UnitTypeCoverage[];
}

export type CoverageUnit = Pick<Unit, 'id' | 'name' | 'type' | 'deleted'>;
export type CoverageDraft = Pick<
  Draft,
  'id' | 'unitId' | 'stage' | 'reviewStatus' | 'templateKey' | 'templateVersion' | 'createdAt' | 'deleted'
>;
export type CoverageTemplate = Pick<TemplateRecord, 'key' | 'version' | 'year' | 'status' | 'deleted'>;
export type CoverageSubmission = Pick<Submission, 'draftId' | 'deleted'>;

/** Everything the rule reads, from the local records. */
export interface CoverageRecords {
  units: readonly CoverageUnit[];
  drafts: readonly CoverageDraft[];
  /** Template records (their programme years); none before the first sync. */
  templates: readonly CoverageTemplate[];
  /** Submission snapshots: a draft with one was submitted at least once. */
  submissions: readonly CoverageSubmission[];
}

/** The local calendar year of an instant (ms). */
export function draftYear(createdAt: number): number {
  return new Date(createdAt).getFullYear();
}

const templateId = (key: string, version: number) => `${key}\u0000${version}`;

/** Programme year per template version, from the template records. */
export function templateYears(templates: readonly CoverageTemplate[]): ReadonlyMap<string, number> {
  return new Map(templates.filter((t) => !t.deleted).map((t) => [templateId(t.key, t.version), t.year]));
}

/** The programme year a draft belongs to: its template's year, or the year it was started when that is later. */
export function draftProgrammeYear(
  draft: Pick<CoverageDraft, 'templateKey' | 'templateVersion' | 'createdAt'>,
  years: ReadonlyMap<string, number>,
): number {
  const started = draftYear(draft.createdAt);
  const ofTemplate = years.get(templateId(draft.templateKey, draft.templateVersion));
  return ofTemplate === undefined ? started : Math.max(ofTemplate, started);
}

/** Stages that count on their own ("uji coba" and after). */
const COUNTED_STAGES: ReadonlySet<Stage> = new Set(STAGES.slice(STAGES.indexOf('uji-coba')));

/**
 * Whether a draft counts as its unit's innovation: its proposal reached "diajukan" (any status past "draft", or
 * `submitted`: a submission of it is recorded) or its stage is "uji coba" or later.
 */
export function countsAsInnovation(
  draft: Pick<CoverageDraft, 'stage' | 'reviewStatus'>,
  submitted: boolean,
): boolean {
  return draft.reviewStatus !== 'draft' || submitted || COUNTED_STAGES.has(draft.stage);
}

/** The ids of drafts with a recorded submission. */
export function submittedDraftIds(submissions: readonly CoverageSubmission[]): ReadonlySet<string> {
  return new Set(submissions.filter((s) => !s.deleted).map((s) => s.draftId));
}

/**
 * The programme year running now, the one coverage opens on: the calendar year, or the newest active template's
 * year when the tenant already works on next year's template.
 */
export function currentProgrammeYear(templates: readonly CoverageTemplate[], calendarYear: number): number {
  return templates
    .filter((t) => !t.deleted && t.status === 'active')
    .reduce((year, t) => Math.max(year, t.year), calendarYear);
}

/** Years to offer in the filter: every programme year with a draft, and the current one, newest first. */
export function coverageYears(
  records: Pick<CoverageRecords, 'drafts' | 'templates'>,
  currentYear: number,
): number[] {
  const years = templateYears(records.templates);
  const offered = new Set([currentYear]);
  for (const d of records.drafts) if (!d.deleted) offered.add(draftProgrammeYear(d, years));
  return [...offered].sort((a, b) => b - a);
}

const zeroPerStage = () => Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;

function emptyCounts(): CoverageCounts {
  return {
    total: 0,
    innovations: 0,
    byStage: zeroPerStage(),
    innovationsByStage: zeroPerStage(),
    byStatus: Object.fromEntries(REVIEW_STATUSES.map((s) => [s, 0])) as Record<ReviewStatus, number>,
  };
}

function count(into: CoverageCounts, draft: CoverageDraft, counted: boolean): void {
  into.total++;
  into.byStage[draft.stage]++;
  into.byStatus[draft.reviewStatus]++;
  if (counted) {
    into.innovations++;
    into.innovationsByStage[draft.stage]++;
  }
}

const typeOrder = (type: string): number => {
  const at = (UNIT_TYPES as readonly string[]).indexOf(type);
  return at === -1 ? UNIT_TYPES.length : at;
};

/** Coverage of one programme year, by the rule in the file comment. */
export function coverage(records: CoverageRecords, year: number): Coverage {
  const rows = new Map<string, UnitCoverage>();
  for (const u of records.units)
    if (!u.deleted)
      rows.set(u.id, { unitId: u.id, name: u.name, type: u.type, none: true, ...emptyCounts() });
  const unassigned: UnitCoverage = { unitId: null, name: '', type: null, none: true, ...emptyCounts() };
  const totals = emptyCounts();
  const years = templateYears(records.templates);
  const submitted = submittedDraftIds(records.submissions);

  for (const d of records.drafts) {
    if (d.deleted || draftProgrammeYear(d, years) !== year) continue;
    const counted = countsAsInnovation(d, submitted.has(d.id));
    const row = (d.unitId && rows.get(d.unitId)) || unassigned;
    count(row, d, counted);
    count(totals, d, counted);
  }
  const list = [...rows.values()];
  for (const row of [...list, unassigned]) row.none = row.innovations === 0;
  list.sort((a, b) => Number(b.none) - Number(a.none) || a.name.localeCompare(b.name, 'id'));

  const byType = new Map<string, UnitTypeCoverage>();
  for (const row of list) {
    const type = row.type ?? '';
    const entry = byType.get(type) ?? { type, units: 0, withInnovation: 0 };
    entry.units++;
    if (!row.none) entry.withInnovation++;
    byType.set(type, entry);
  }
  const unitsWithNone = list.filter((r) => r.none).length;
  return {
    year,
    units: list,
    unassigned: unassigned.total > 0 ? unassigned : null,
    totals,
    unitsWithNone,
    unitsWithSome: list.length - unitsWithNone,
    byType: [...byType.values()].sort((a, b) => typeOrder(a.type) - typeOrder(b.type)),
  };
}
