/**
 * Eligibility of a draft for its competition group: how long the innovation has run (from the implementation
 * start date the draft records) against the group's minimum in the template's `eligibility` rule (KIPP 2023:
 * "umum" 24 months, "replikasi" 12). Counted to the programme's deadline when the template gives one, else to
 * today. Warnings, not errors: the person may be about to correct the date; but while one stands the proposal is
 * not ready to submit. A breach (too recent, not started) is a finding, shown beside the score; a rule that cannot
 * be checked yet (no date, no group) is something still to fill in, listed with what is missing. Pure: no browser
 * or Node imports; the screen words the warnings (ui/readiness/eligibility-text.ts).
 */
import type { BodyOf } from '../records';
import type { EligibilityRule, Label, ProposalTemplate } from '../templates';

export type EligibilityWarningKind =
  /** The group has a minimum and the innovation has run for less. */
  | 'too-recent'
  /** The start date lies after the day it is counted to: the innovation has not started. */
  | 'start-after-reference'
  /** No (valid) start date: the minimum cannot be checked. */
  | 'start-missing'
  /** No group chosen: which minimum applies is unknown. */
  | 'group-missing';

export interface EligibilityWarning {
  kind: EligibilityWarningKind;
  /**
   * The draft as it stands breaks the rule (too recent, not started); false when the rule cannot be checked yet
   * (no date, no group): something still to fill in rather than a finding.
   */
  breach: boolean;
  /** The metadata field that fixes it (the start date or the group). */
  field: string;
  /** The chosen group's label, when one is chosen. */
  group: Label | null;
  /** The group's minimum in months, when known. */
  minMonths: number | null;
  /** Whole months run by the reference date, when the start date is known and not after it. */
  monthsRun: number | null;
}

export interface Eligibility {
  /** False when the template has no rule or the chosen group has no minimum: nothing to check. */
  checked: boolean;
  /** `YYYY-MM-DD` the time is counted to. */
  referenceDate: string;
  /** True when the deadline of the programme is the reference (else today). */
  byDeadline: boolean;
  warnings: EligibilityWarning[];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date `YYYY-MM-DD` as [year, month 1-12, day], or null ("2023-02-30" is null). */
export function parseLocalDate(value: unknown): [number, number, number] | null {
  if (typeof value !== 'string') return null;
  const m = ISO_DATE.exec(value.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return [y, mo, d];
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const dayNumber = ([y, m, d]: [number, number, number]) => y * 10_000 + m * 100 + d;

/**
 * Whole months from `start` to `end` (both `YYYY-MM-DD`). A month is reached on the same day of the month, or on
 * the month's last day when it is shorter: 2020-02-29 to 2022-02-28 is 24 months, 2024-01-31 to 2024-02-29 is
 * one. Null when either is not a real date or `end` is before `start`.
 */
export function monthsBetween(start: string, end: string): number | null {
  const s = parseLocalDate(start);
  const e = parseLocalDate(end);
  if (!s || !e || dayNumber(e) < dayNumber(s)) return null;
  let months = (e[0] - s[0]) * 12 + (e[1] - s[1]);
  // The day `months` after the start, clamped to the end of a shorter month; one month less if not reached yet.
  const dayReached = Math.min(s[2], daysInMonth(e[0], e[1]));
  if (e[2] < dayReached) months--;
  return months;
}

type TemplatePart = Pick<ProposalTemplate, 'metadataFields'> & { eligibility: EligibilityRule | null };

/**
 * The eligibility warnings of a draft. `today` is the local date `YYYY-MM-DD`; the rule's deadline, when given,
 * is the reference instead.
 */
export function draftEligibility(
  draft: Pick<BodyOf<'draft'>, 'metadata'>,
  template: TemplatePart,
  today: string,
): Eligibility {
  const rule = template.eligibility;
  const referenceDate = rule?.deadline ?? today;
  const result: Eligibility = {
    checked: false,
    referenceDate,
    byDeadline: Boolean(rule?.deadline),
    warnings: [],
  };
  if (!rule) return result;

  const groupKey = draft.metadata[rule.groupField];
  const groupField = template.metadataFields.find((f) => f.key === rule.groupField);
  const chosen = typeof groupKey === 'string' && groupKey !== '' ? groupKey : null;
  const group = chosen ? (groupField?.options.find((o) => o.key === chosen)?.label ?? null) : null;
  const start = parseLocalDate(draft.metadata[rule.startField]);
  const reference = parseLocalDate(referenceDate);
  const startsLater = Boolean(start && reference && dayNumber(start) > dayNumber(reference));
  const monthsRun = start
    ? monthsBetween(String(draft.metadata[rule.startField]).trim(), referenceDate)
    : null;

  if (!chosen) {
    result.checked = true;
    result.warnings.push({
      kind: 'group-missing',
      breach: false,
      field: rule.groupField,
      group: null,
      minMonths: null,
      monthsRun,
    });
    return result;
  }
  const minMonths = rule.minMonths[chosen];
  // A group without a minimum ("khusus"), or a key this template version does not know: nothing to check.
  if (minMonths === undefined || !group) return result;
  result.checked = true;
  const warning = (kind: EligibilityWarningKind, run: number | null): EligibilityWarning => ({
    kind,
    breach: kind !== 'start-missing',
    field: rule.startField,
    group,
    minMonths,
    monthsRun: run,
  });
  if (startsLater) result.warnings.push(warning('start-after-reference', null));
  else if (monthsRun === null) result.warnings.push(warning('start-missing', null));
  else if (monthsRun < minMonths) result.warnings.push(warning('too-recent', monthsRun));
  return result;
}
