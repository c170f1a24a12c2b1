/**
 * Delete with undo: the record becomes a tombstone (so the delete syncs), and the snackbar offers to restore it
 * for a few seconds. A record's screen moves on to its list right after (`belongsTo: 'next'`, the default): the
 * message belongs there. A file deleted from a record stays on that record's screen (`'here'`).
 */
import type { RecordStore } from '../db/types';
import type { RecordId, RecordKind } from '../../shared/records';
import { t } from '../i18n/index.svelte';
import { snackbar, type SnackbarHome } from './snackbar.svelte';

export async function removeWithUndo(
  store: RecordStore,
  kind: RecordKind,
  id: RecordId,
  opts: { message: string; onUndone?: () => void; belongsTo?: SnackbarHome },
): Promise<void> {
  await store.remove(kind, id);
  snackbar.show(
    opts.message,
    {
      label: t('common.undo'),
      run: async () => {
        await store.restore(kind, id);
        opts.onUndone?.();
      },
    },
    { belongsTo: opts.belongsTo ?? 'next' },
  );
}
