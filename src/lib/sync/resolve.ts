/**
 * Resolving a conflict in one tap: the chosen value becomes a normal edit of the record's path (so it syncs and
 * merges like any edit) and the conflict is marked resolved, both in ONE local transaction. Older unresolved
 * conflicts on the same path (each save of someone who kept typing conflicted again) are settled by the same tap:
 * the screen shows only the newest of them.
 */
import { splitPath } from '../../shared/fieldPaths';
import type { AnyRecord, Conflict } from '../../shared/records';
import type { RecordStore } from '../db/types';
import { supersededBy } from './conflict-order';

export type ConflictChoice = 'winner' | 'loser' | 'keep-deleted';

/** The body patch that sets one path of a record (a null map entry removes it). */
export function patchForPath(record: AnyRecord, path: string, value: unknown): Record<string, unknown> {
  const { field, key } = splitPath(record.kind, path);
  if (key === null) return { [field]: value };
  const map = {
    ...((record as unknown as Record<string, Record<string, unknown> | undefined>)[field] ?? {}),
  };
  if (value === null || value === undefined) delete map[key];
  else map[key] = value;
  return { [field]: map };
}

export async function resolveConflict(
  store: Pick<RecordStore, 'batch' | 'get' | 'list' | 'update' | 'restore'>,
  conflict: Conflict,
  choice: ConflictChoice,
): Promise<void> {
  await store.batch(async () => {
    const record = await store.get(conflict.recordKind, conflict.recordId);
    if (record && choice !== 'keep-deleted') {
      if (record.deleted) await store.restore(record.kind, record.id);
      const value = choice === 'winner' ? conflict.winner : conflict.loser;
      await store.update(record.kind, record.id, patchForPath(record, conflict.path, value) as never);
    }
    await store.update('conflict', conflict.id, { resolved: true });
    const older = supersededBy(conflict, await store.list('conflict', { recordId: conflict.recordId }));
    for (const c of older) await store.update('conflict', c.id, { resolved: true });
  });
}
