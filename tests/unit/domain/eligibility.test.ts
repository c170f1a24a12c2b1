import { describe, expect, it } from 'vitest';
import { draftEligibility, monthsBetween, parseLocalDate } from '../../../src/shared/domain/eligibility';
import { newDraftBody } from '../../../src/shared/domain/factories';
import {
  latestProposalTemplate,
  proposalTemplateJsonSchema,
  type ProposalTemplate,
} from '../../../src/shared/templates';
import proposalJson from '../../../src/shared/templates/proposal-templates.json';

const kipp = latestProposalTemplate('kipp-2023-umum')!;
const profil = latestProposalTemplate('profil-inovasi-daerah')!;
const TODAY = '2026-12-07';

function draftWith(metadata: Record<string, string>, template: ProposalTemplate = kipp) {
  const body = newDraftBody(template, null);
  return { ...body, metadata: { ...body.metadata, ...metadata } };
}

describe('monthsBetween', () => {
  it('counts whole months, reached on the same day of the month', () => {
    expect(monthsBetween('2024-12-07', TODAY)).toBe(24);
    expect(monthsBetween('2024-12-08', TODAY)).toBe(23);
    expect(monthsBetween(TODAY, TODAY)).toBe(0);
    expect(monthsBetween('2025-09-01', TODAY)).toBe(15);
  });
  it('reaches a month on its last day when the month is shorter than the start day', () => {
    expect(monthsBetween('2020-02-29', '2022-02-28')).toBe(24);
    expect(monthsBetween('2020-02-29', '2022-02-27')).toBe(23);
    expect(monthsBetween('2024-01-31', '2024-02-29')).toBe(1);
    expect(monthsBetween('2024-01-31', '2024-02-28')).toBe(0);
    expect(monthsBetween('2023-03-31', '2023-04-30')).toBe(1);
  });
  it('is null for an end before the start or a date that does not exist', () => {
    expect(monthsBetween('2026-12-08', TODAY)).toBeNull();
    expect(monthsBetween('2023-02-30', TODAY)).toBeNull();
    expect(monthsBetween('07-12-2024', TODAY)).toBeNull();
    expect(parseLocalDate('2024-02-29')).toEqual([2024, 2, 29]);
    expect(parseLocalDate('2023-02-29')).toBeNull();
    expect(parseLocalDate(['2024-01-01'])).toBeNull();
  });
});

describe('draftEligibility (KIPP 2023: umum 2 years, replikasi 1 year, khusus no minimum)', () => {
  it('warns a general-group innovation that has run less than 2 years, counted to today', () => {
    const result = draftEligibility(
      draftWith({ kelompok: 'umum', 'tanggal-mulai': '2025-09-01' }),
      kipp,
      TODAY,
    );
    expect(result).toMatchObject({ checked: true, referenceDate: TODAY, byDeadline: false });
    expect(result.warnings).toEqual([
      {
        kind: 'too-recent',
        breach: true,
        field: 'tanggal-mulai',
        group: { id: 'Umum', en: 'General' },
        minMonths: 24,
        monthsRun: 15,
      },
    ]);
  });
  it('accepts exactly 2 years for the general group, one day less is too recent', () => {
    const on = (start: string) =>
      draftEligibility(draftWith({ kelompok: 'umum', 'tanggal-mulai': start }), kipp, TODAY).warnings;
    expect(on('2024-12-07')).toEqual([]);
    expect(on('2024-12-08')).toMatchObject([{ kind: 'too-recent', monthsRun: 23 }]);
  });
  it('asks 1 year of the replication group', () => {
    const on = (start: string) =>
      draftEligibility(draftWith({ kelompok: 'replikasi', 'tanggal-mulai': start }), kipp, TODAY).warnings;
    expect(on('2025-12-07')).toEqual([]);
    expect(on('2025-12-08')).toMatchObject([
      { kind: 'too-recent', minMonths: 12, monthsRun: 11, group: { id: 'Replikasi' } },
    ]);
  });
  it('has nothing to check for the special group or a template without a rule', () => {
    expect(
      draftEligibility(draftWith({ kelompok: 'khusus', 'tanggal-mulai': '2026-11-01' }), kipp, TODAY),
    ).toMatchObject({ checked: false, warnings: [] });
    expect(draftEligibility(draftWith({}, profil), profil, TODAY)).toMatchObject({
      checked: false,
      warnings: [],
    });
  });
  it('warns when the start date is missing or not a date, pointing at the start date field', () => {
    for (const start of [undefined, '', 'kemarin', '2023-02-30']) {
      const metadata: Record<string, string> = { kelompok: 'umum' };
      if (start !== undefined) metadata['tanggal-mulai'] = start;
      expect(draftEligibility(draftWith(metadata), kipp, TODAY).warnings).toEqual([
        {
          kind: 'start-missing',
          breach: false,
          field: 'tanggal-mulai',
          group: { id: 'Umum', en: 'General' },
          minMonths: 24,
          monthsRun: null,
        },
      ]);
    }
  });
  it('warns when the start date is after the reference day, even by one day', () => {
    expect(
      draftEligibility(draftWith({ kelompok: 'replikasi', 'tanggal-mulai': '2026-12-08' }), kipp, TODAY)
        .warnings,
    ).toMatchObject([
      { kind: 'start-after-reference', breach: true, field: 'tanggal-mulai', monthsRun: null },
    ]);
  });
  it('warns when no group is chosen, pointing at the group field', () => {
    expect(draftEligibility(draftWith({ 'tanggal-mulai': '2020-01-01' }), kipp, TODAY).warnings).toEqual([
      {
        kind: 'group-missing',
        breach: false,
        field: 'kelompok',
        group: null,
        minMonths: null,
        monthsRun: 83,
      },
    ]);
  });
  it('counts to the programme deadline when the template gives one', () => {
    const withDeadline = proposalTemplateJsonSchema.parse({
      ...proposalJson.templates[0],
      eligibility: { ...proposalJson.templates[0]!.eligibility, deadline: '2025-06-30' },
    });
    const result = draftEligibility(
      draftWith({ kelompok: 'umum', 'tanggal-mulai': '2023-07-01' }, withDeadline),
      withDeadline,
      TODAY,
    );
    expect(result).toMatchObject({ referenceDate: '2025-06-30', byDeadline: true });
    expect(result.warnings).toMatchObject([{ kind: 'too-recent', monthsRun: 23 }]);
  });
});

describe('the template eligibility rule', () => {
  const good = proposalJson.templates[0]!;
  it('is read from the template data', () => {
    expect(kipp.eligibility).toEqual({
      startField: 'tanggal-mulai',
      groupField: 'kelompok',
      minMonths: { umum: 24, replikasi: 12 },
      deadline: null,
    });
  });
  it('must name a date field, a select field and options of it', () => {
    const rule = good.eligibility!;
    const parse = (eligibility: object) =>
      proposalTemplateJsonSchema.safeParse({ ...good, eligibility }).success;
    expect(parse(rule)).toBe(true);
    expect(parse({ ...rule, start_field: 'link-video' })).toBe(false);
    expect(parse({ ...rule, group_field: 'sdgs' })).toBe(false);
    expect(parse({ ...rule, min_months: { nasional: 24 } })).toBe(false);
    expect(parse({ ...rule, deadline: '30-06-2025' })).toBe(false);
  });
});
