/**
 * Checklist summary: counts per status over the template's items (items the template no longer has are
 * ignored), how many are answered, and a score. Pure: no browser or Node imports.
 */
import { CHECKLIST_ITEM_STATUSES, type BodyOf } from '../records';
import type { ChecklistTemplate } from '../templates';

type ItemStatus = (typeof CHECKLIST_ITEM_STATUSES)[number];

export interface ChecklistSummary {
  counts: Record<ItemStatus, number>;
  unanswered: number;
  answered: number;
  total: number;
  /** Items with an evidence note. */
  withEvidence: number;
  /**
   * (met + half of partly met) / items that apply (all but 'tidak-relevan'), 0..1; null when nothing applies
   * or nothing is answered yet.
   */
  score: number | null;
}

export function checklistSummary(
  checklist: Pick<BodyOf<'checklist'>, 'items'>,
  template: Pick<ChecklistTemplate, 'items'>,
): ChecklistSummary {
  const counts = Object.fromEntries(CHECKLIST_ITEM_STATUSES.map((s) => [s, 0])) as Record<ItemStatus, number>;
  let unanswered = 0;
  let withEvidence = 0;
  for (const { key } of template.items) {
    const item = checklist.items[key];
    if (item?.status) counts[item.status]++;
    else unanswered++;
    if (item && item.evidence.trim()) withEvidence++;
  }
  const total = template.items.length;
  const answered = total - unanswered;
  const applicable = total - counts['tidak-relevan'];
  const score =
    answered === 0 || applicable === 0 ? null : (counts.terpenuhi + counts.sebagian / 2) / applicable;
  return { counts, unanswered, answered, total, withEvidence, score };
}
