/**
 * Changing one follow-up's status from the follow-ups view: a normal store update of that action's map entry
 * (`actions.<id>`, one field path, so it autosaves, goes to the outbox and syncs like an edit on the session
 * page). Read and write happen in one transaction, so another tab's edits to other actions are never reverted.
 */
import type { RecordStore } from '../../lib/db/types';
import type { FollowUpAction, RecordId } from '../../shared/records';

export async function setFollowUpStatus(
  store: RecordStore,
  sessionId: RecordId,
  actionId: RecordId,
  status: FollowUpAction['status'],
): Promise<void> {
  await store.batch(async () => {
    const session = await store.get('session', sessionId);
    const action = session?.actions[actionId];
    if (!session || !action) throw new Error('Tindak lanjut tidak ditemukan / follow-up not found');
    await store.update('session', sessionId, {
      actions: { ...session.actions, [actionId]: { ...action, status } },
    });
  });
}
