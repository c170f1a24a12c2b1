/**
 * Versions are drawn per tenant: each tenant's last version is a row of `tenant_versions`, advanced with
 * `UPDATE ... RETURNING` (an upsert: a new tenant's row is made by its first write) while holding that tenant's
 * writers' lock, held until the commit. A pull cursor is a version of one tenant, so a version of a tenant must
 * become visible only after every smaller version of the same tenant has committed: drawing and committing under
 * the tenant's lock gives exactly that, and writers of different tenants never wait for each other.
 *
 * The lock's second key is `hashtext(tenant id)`: two tenants whose ids hash alike (32 bits; for 514 tenants the
 * chance that any two do is about 3 in 100,000) share a lock and merely order their writes together. The row lock
 * on `tenant_versions` alone would order them as well; the advisory lock, taken first, keeps the wait visible
 * as the writers' lock (`pg_locks`) and away from the rows that a tenant's first write inserts.
 */
import type { Queryable } from '../db/types';
import { WRITERS_LOCK } from './locks';

/** Takes the tenant's writers' lock, held until the commit (waits while another writer of the tenant holds it). */
export async function lockWriters(tx: Queryable, tenantId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [WRITERS_LOCK, tenantId]);
}

/**
 * `count` new versions of the tenant, in ascending order. Call it holding the tenant's writers' lock, or with
 * `lock` to take that lock in the same statement (one round trip less than `lockWriters` first): the lock is
 * taken before the upsert reads, and the upsert works on the latest committed row whatever the statement's
 * snapshot.
 */
export async function drawVersions(
  tx: Queryable,
  tenantId: string,
  count: number,
  { lock = false } = {},
): Promise<number[]> {
  const { rows } = await tx.query<{ last: string | number }>(
    lock
      ? `WITH writers AS (SELECT pg_advisory_xact_lock($3, hashtext($1)) AS locked)
         INSERT INTO tenant_versions AS t (tenant_id, last) SELECT $1, $2::bigint FROM writers
         ON CONFLICT (tenant_id) DO UPDATE SET last = t.last + $2::bigint
         RETURNING t.last`
      : `INSERT INTO tenant_versions AS t (tenant_id, last) VALUES ($1, $2::bigint)
         ON CONFLICT (tenant_id) DO UPDATE SET last = t.last + $2::bigint
         RETURNING t.last`,
    lock ? [tenantId, count, WRITERS_LOCK] : [tenantId, count],
  );
  const last = Number(rows[0]!.last);
  return Array.from({ length: count }, (_, i) => last - count + 1 + i);
}
