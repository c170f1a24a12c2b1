/** The checklists of the drafts on a list, so each card's readiness score is the one its draft screen shows. */
import type { Checklist } from '../../shared/records';
import type { RecordStore } from '../db/types';

/** One indexed query (`draftId`) per draft on screen, in parallel; a draft without checklists is left out. */
export async function checklistsByDraft(
  store: Pick<RecordStore, 'list'>,
  draftIds: readonly string[],
): Promise<Map<string, Checklist[]>> {
  const lists = await Promise.all(draftIds.map((draftId) => store.list('checklist', { draftId })));
  const byDraft = new Map<string, Checklist[]>();
  draftIds.forEach((draftId, i) => {
    const list = lists[i] ?? [];
    if (list.length > 0) byDraft.set(draftId, list);
  });
  return byDraft;
}
