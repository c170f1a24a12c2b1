/**
 * A tenant's programme settings as tenant data (issue #15), like its templates: every tenant starts with one
 * programme record (seeded when it is created, and at start for tenants made before programmes were records);
 * local admins change it on their phone and it syncs like any record (access.ts: `programme-writer` for anyone
 * else). The push reads the review flow in force from it (`tenantReviewFlow`, read.ts).
 */
import { uuidv7 } from 'uuidv7';
import type { Database, Queryable } from '../db/types';
import { SERVER_DEVICE, writeRecordsAsServer } from '../sync/serverWrites';
import { shippedProgrammeBody } from '../../shared/domain/programme';

/** Advisory lock key of a tenant's programme seeding ("prg" in ASCII), taken with the tenant as the second key. */
const PROGRAMME_LOCK = 0x707267;

/**
 * Creates the tenant's first programme record (active, this year, the shipped settings) unless it has one (a
 * deleted one counts: a local admin's delete stays). Run in the caller's transaction. Returns the version written.
 */
export async function seedProgramme(
  tx: Queryable,
  tenantId: string,
  year = new Date().getFullYear(),
): Promise<number | null> {
  await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [PROGRAMME_LOCK, tenantId]);
  const { rows } = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM sync_records WHERE tenant_id = $1 AND kind = 'programme'`,
    [tenantId],
  );
  if ((rows[0]?.n ?? 0) > 0) return null;
  return writeRecordsAsServer(tx, { tenantId, userId: SERVER_DEVICE, deviceId: SERVER_DEVICE }, [
    { op: 'create', kind: 'programme', id: uuidv7(), body: shippedProgrammeBody(year) },
  ]);
}

/** Seeds every tenant without a programme record (at start: tenants made before programmes were records). */
export async function seedAllProgrammes(db: Database): Promise<number> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT t.id FROM tenants t WHERE NOT EXISTS (
       SELECT 1 FROM sync_records r WHERE r.tenant_id = t.id AND r.kind = 'programme'
     ) ORDER BY t.id`,
  );
  let seeded = 0;
  for (const { id } of rows) if ((await db.transaction((tx) => seedProgramme(tx, id))) !== null) seeded++;
  return seeded;
}
