/**
 * Every account is a person of its tenant: its person record has the account's user id as its id, and the server
 * keeps it (name, role, units, `hasAccount: true`; a disabled account's record is a tombstone, restored when the
 * account is enabled again). Written through the sync store, so every phone pulls it like any other change.
 * Accounts made before this existed got theirs from migration 009.
 */
import { accountPersonFields } from '../../shared/domain/people';
import type { Queryable } from '../db/types';
import { SERVER_DEVICE, writeRecordsAsServer } from '../sync/serverWrites';
import type { UserRow } from './service';

/** Writes what changed of the account's person record; run in the transaction that changed the account. */
export async function writeAccountPerson(
  tx: Queryable,
  user: UserRow,
  actor: string,
): Promise<number | null> {
  return writeRecordsAsServer(tx, { tenantId: user.tenant_id, userId: actor, deviceId: SERVER_DEVICE }, [
    {
      op: 'upsert',
      kind: 'person',
      id: user.id,
      fields: accountPersonFields({ name: user.name, role: user.role, unitIds: user.unit_ids }),
      defaults: { position: '' },
      deleted: user.disabled,
    },
  ]);
}
