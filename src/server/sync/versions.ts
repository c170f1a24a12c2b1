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
import { WRITERS_LOCK } from './locks';

/**
 * Two CTEs for a write statement's `WITH` (batch.ts): `writers` takes the tenant's writers' lock (held until the
 * commit), and `drawn(last)` then advances the tenant's last version by `count` (an upsert: a tenant's first write
 * makes its row), so the versions drawn are `last - count + 1 .. last`. The upsert reads the latest committed row
 * whatever the statement's snapshot, and nothing else the statement does reads what another writer of the tenant
 * may have committed meanwhile (its records are locked by then, and a row created meanwhile fails the insert): the
 * lock can be taken inside the statement, which saves a round trip under it. `tenant` and `count` are SQL
 * expressions (`count` a bigint).
 */
export const drawVersionsSql = (tenant: string, count: string): string =>
  `writers AS (SELECT pg_advisory_xact_lock(${WRITERS_LOCK}, hashtext(${tenant})) AS locked),
   drawn AS (
     INSERT INTO tenant_versions AS t (tenant_id, last) SELECT ${tenant}, ${count} FROM writers
     ON CONFLICT (tenant_id) DO UPDATE SET last = t.last + ${count}
     RETURNING t.last
   )`;
