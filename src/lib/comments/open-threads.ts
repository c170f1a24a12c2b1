/** Open comment threads per draft, for the draft list's badges. */
import type { RecordStore } from '../db/types';
import { openThreadCounts } from '../../shared/domain/comments';

/** One indexed query (the comments' `recordId` index) for the drafts on screen. */
export async function openThreadsByDraft(
  store: RecordStore,
  draftIds: readonly string[],
): Promise<Map<string, number>> {
  if (draftIds.length === 0) return new Map();
  return openThreadCounts(await store.list('comment', { recordIds: [...draftIds] }));
}
