/**
 * Conflict records: when both sides changed the same words of a path (or an edit met a delete), the push keeps
 * the stored value and writes a `conflict` record holding both, for the people involved to choose from.
 */
import { uuidv7 } from 'uuidv7';
import type { AuthContext } from '../auth/types';
import type { Change } from '../../shared/protocol';
import type { Conflict, Envelope } from '../../shared/records';
import { DELETED_PATH } from '../../shared/fieldPaths';
import type { PushState } from './pushState';
import { SERVER_DEVICE } from './serverWrites';
import { logOf, stampPaths, type RecordRow } from './rows';

/** A path of a change that lost against another device's write. */
export interface LostEdit {
  path: string;
  base: unknown;
  winner: unknown;
  loser: unknown;
}

/**
 * Writes a conflict record for each lost edit of `change` to `row`, with the units `unitIds` (a conflict keeps
 * its record's units) and both writers' names and roles. Returns the conflicts' ids.
 */
export async function writeConflicts(
  state: PushState,
  auth: AuthContext,
  change: Change,
  row: RecordRow,
  lost: readonly LostEdit[],
  opts: { editsMeetDelete: boolean; unitIds: string[] },
): Promise<string[]> {
  const { kind, recordId } = change;
  const conflictIds: string[] = [];
  for (const c of lost) {
    const winnerBy =
      (await state.lastWriter(recordId, opts.editsMeetDelete ? DELETED_PATH : c.path)) ?? row.updated_by;
    const writers = await state.writers([winnerBy, auth.userId]);
    const winner = writers.get(winnerBy);
    const loser = writers.get(auth.userId);
    const body: Omit<Conflict, keyof Envelope | 'kind'> = {
      recordId,
      recordKind: kind,
      path: c.path,
      base: c.base,
      winner: c.winner,
      loser: c.loser,
      winnerBy,
      loserBy: auth.userId,
      ...(winner ? { winnerRole: winner.role, winnerName: winner.name } : {}),
      ...(loser ? { loserRole: loser.role, loserName: loser.name } : {}),
      recordDeleted: opts.editsMeetDelete,
      resolved: false,
    };
    const id = uuidv7();
    const version = state.nextVersion();
    state.write(
      {
        id,
        tenant_id: row.tenant_id,
        kind: 'conflict',
        body,
        ...stampPaths(null, Object.keys(body), version, SERVER_DEVICE),
        version,
        deleted: false,
        unit_ids: opts.unitIds,
        // Visible to whoever may see the record (for a record without units: its creator and coordinators).
        created_by: row.created_by,
        updated_by: auth.userId,
        created_at: change.editedAt,
        updated_at: change.editedAt,
      },
      logOf(id, version, body, SERVER_DEVICE, auth.userId),
      false,
    );
    conflictIds.push(id);
  }
  return conflictIds;
}
