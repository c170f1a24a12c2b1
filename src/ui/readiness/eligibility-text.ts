/**
 * The eligibility warnings in words ("Kelompok Umum: inovasi harus sudah berjalan minimal 2 tahun;
 * baru 1 tahun 3 bulan."), in the screen's language. The rule and the numbers come from
 * shared/domain/eligibility.ts.
 */
import type { Eligibility, EligibilityWarning } from '../../shared/domain';
import { formatLocal } from '../../lib/i18n/format';
import { locale, pick } from '../../lib/i18n/index.svelte';
import { rt } from './strings';

/** "2 tahun", "1 tahun 3 bulan", "5 months", "less than a month". */
export function durationText(months: number): string {
  if (months <= 0) return rt('underAMonth');
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const parts: string[] = [];
  if (years > 0) parts.push(rt(years === 1 ? 'year' : 'years', { n: years }));
  if (rest > 0) parts.push(rt(rest === 1 ? 'month' : 'months', { n: rest }));
  return parts.join(' ');
}

export function eligibilityWarningText(warning: EligibilityWarning, eligibility: Eligibility): string {
  const group = warning.group ? pick(warning.group) : '';
  const min = durationText(warning.minMonths ?? 0);
  switch (warning.kind) {
    case 'too-recent':
      return rt('tooRecent', { group, min, run: durationText(warning.monthsRun ?? 0) });
    case 'start-after-reference':
      return rt('startAfter', {
        group,
        min,
        date: eligibility.byDeadline ? formatLocal(eligibility.referenceDate, locale.current) : rt('today'),
      });
    case 'start-missing':
      return rt('startMissing', { group, min });
    case 'group-missing':
      return rt('groupMissing');
  }
}
